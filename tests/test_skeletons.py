"""The skeleton emitter against the real AWS CLI.

- The flagship's three skeletons equal AWS CLI v2's own output (shared/awscli/) byte for byte.
- Every ecr-public operation, and every operation of a synthetic model covering all shape kinds
  (tests/fixtures/skeleton-kinds, loaded by the CLI through AWS_DATA_PATH), is run through the
  installed AWS CLI v1: input skeletons match once v1's random enum choice is pinned, output
  skeletons match byte for byte, and output skeletons v1 cannot print are the ones we flag.
- YAML (no v2 here): the synthetic model's expected text, derived by hand from FACTS.md §4.
- A sample of real botocore services: our values equal botocore's own generator, our "AWS
  cannot print this" verdict equals botocore's validator, and our stand-ins pass it.
"""

from __future__ import annotations

import base64
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from botocore.model import ServiceModel
from botocore.utils import ArgumentGenerator
from botocore.validate import ParamValidator
from ruamel.yaml import YAML

from awscli.utils import json_encoder

from generator.build import build_service
from generator.emit import skeletons as sk
from generator.ir import Kind, Operation, Service, Shape
from generator.inhabited import example
from generator.load import load_service
from generator.pipeline import botocore_version, load

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE = SHARED / "awscli"
KINDS_DATA = ROOT / "tests" / "fixtures" / "skeleton-kinds"
KINDS_MODEL = KINDS_DATA / "skelkinds" / "2024-01-01" / "service-2.json"
FLAGSHIP = "batch-check-layer-availability"
# Sample values to avoid: a leading `-` reads as an option, and services' endpoint rules parse
# ARN parameters and refuse an empty region or account.
UNUSABLE = "^-|^arn:[^:]*:[^:]*::|^arn:[^:]*:[^:]*:[^:]*::"


# ---------------------------------------------------------------------------------------------
# Helpers


@cache
def ecr_public() -> Service:
    return load("ecr-public")


@cache
def kinds() -> Service:
    return load(model=str(KINDS_MODEL), service_name="skelkinds")


def operation(service: Service, cli_name: str) -> Operation:
    return next(op for op in service.operations if op.cli_name == cli_name)


def aws_executable() -> str | None:
    beside = Path(sys.executable).parent / "aws"
    return str(beside) if beside.is_file() else shutil.which("aws")


def aws_env(data_path: Path | None = None) -> dict[str, str]:
    """Dummy credentials, no config, no instance metadata, and a dead proxy: no network."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="dummy-secret",
        AWS_CONFIG_FILE="/dev/null",
        AWS_SHARED_CREDENTIALS_FILE="/dev/null",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_PAGER="",
        HTTP_PROXY="http://127.0.0.1:9",
        HTTPS_PROXY="http://127.0.0.1:9",
        NO_PROXY="",
    )
    if data_path is not None:
        env["AWS_DATA_PATH"] = str(data_path)
    return env


def run_aws(commands: list[list[str]], data_path: Path | None = None
            ) -> list[subprocess.CompletedProcess[bytes]]:
    """Run `aws` once per command, concurrently: each run is mostly interpreter start-up."""
    aws = aws_executable()
    if aws is None:
        pytest.skip("the AWS CLI v1 (`aws`) is not installed beside this Python or on PATH")
    env = aws_env(data_path)

    def one(args: list[str]) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([aws, *args], capture_output=True, env=env, timeout=120)

    with ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 1) + 1)) as pool:
        return list(pool.map(one, commands))


def sample(service: Service, shape: Shape, depth: int = 0) -> Any:
    """A small value botocore accepts as input: required members only, lengths at min (one
    item in an argument's own list, which the CLI takes as tokens), the shortest match of a
    string's pattern (services' endpoint rules parse ARNs); finite for recursive shapes."""
    kind = shape.kind
    if kind is Kind.DOCUMENT:
        return {}
    if kind.is_structured:
        if depth > 16:
            return {}  # a cycle through required members or unions: no finite value anyway
        members = [m for m in shape.members if m.required]
        if kind is Kind.UNION:  # one member, a scalar one where there is one
            members = sorted(shape.members, key=lambda m: _composite(service.target(m)))[:1]
        return {m.name: sample(service, service.target(m), depth + 1) for m in members}
    if kind is Kind.LIST:
        assert shape.member is not None
        count = max(1 if depth == 0 else 0, int(shape.min or 0))
        return [sample(service, service.target(shape.member), depth + 1)] * count
    if kind is Kind.MAP:
        return {}
    if kind is Kind.STRING:
        if shape.enum:
            return shape.enum[0]
        return example(shape, avoid=UNUSABLE) or "x" * max(1, int(shape.min or 0))
    if kind.is_integral:
        return max(0, int(shape.min or 0))
    if kind.is_floating:
        return max(0.0, float(shape.min or 0))
    if kind is Kind.TIMESTAMP:
        return "1970-01-01T00:00:00"
    return True if kind is Kind.BOOLEAN else "x"  # blob: v1 passes text through


def _composite(shape: Shape) -> bool:
    return shape.kind.is_structured or shape.kind in (Kind.LIST, Kind.MAP)


def required_args(service: Service, op: Operation) -> list[str]:
    """The required members as AWS CLI options: scalars as text, lists of scalars as several
    tokens, everything else as JSON."""
    args: list[str] = []
    if op.input is None:
        return args
    for m in service.shape(op.input).members:
        if not m.required:
            continue
        target = service.target(m)
        value = sample(service, target)
        if target.kind is Kind.BOOLEAN:
            args.append(m.option_name if value else "--no-" + m.option_name[2:])
        elif target.kind is Kind.LIST and not isinstance(value[0], (dict, list)):
            args += [m.option_name, *map(str, value)]
        elif isinstance(value, (dict, list)):
            args += [m.option_name, json.dumps(value)]
        else:
            args += [m.option_name, str(value)]
    return args


def pin_enums(service: Service, shape: Shape, theirs: Any, ours: Any) -> Any:
    """`theirs` (AWS CLI v1 JSON) with each enum value, after checking it is valid, replaced
    by ours: v1 picks one at random, v2 (and we) the first."""
    if shape.is_enum and isinstance(theirs, str):
        assert theirs in shape.enum
        return ours
    if shape.kind.is_structured and isinstance(theirs, dict) and isinstance(ours, dict):
        return {k: pin_enums(service, service.target(shape.member_named(k)), v, ours.get(k))
                if k in ours and any(m.name == k for m in shape.members) else v
                for k, v in theirs.items()}
    if shape.kind is Kind.LIST and isinstance(theirs, list) and isinstance(ours, list):
        assert shape.member is not None
        element = service.target(shape.member)
        return [pin_enums(service, element, t, o) for t, o in zip(theirs, ours)] + \
            theirs[len(ours):]
    if shape.kind is Kind.MAP and isinstance(theirs, dict) and isinstance(ours, dict):
        assert shape.value is not None
        value = service.target(shape.value)
        return {k: pin_enums(service, value, v, ours.get(k)) for k, v in theirs.items()}
    return theirs


def assert_input_matches(service: Service, op: Operation, printed: bytes) -> None:
    text = printed.decode("utf-8")
    # Re-dumping v1's text must give its bytes back, so that only enum values are normalised.
    assert json.dumps(json.loads(text), indent=4) + "\n" == text
    ours = sk.input_skeleton(service, op)
    if op.input is None:
        assert text == ours
        return
    pinned = pin_enums(service, service.shape(op.input), json.loads(text), json.loads(ours))
    assert json.dumps(pinned, indent=4) + "\n" == ours


def botocore_model(raw_data: dict[str, Any], name: str) -> ServiceModel:
    return ServiceModel(raw_data, service_name=name)


# ---------------------------------------------------------------------------------------------
# Flagship: AWS CLI v2's own bytes


@pytest.mark.parametrize(
    ("suffix", "render"),
    [
        (".input.json", sk.input_skeleton),
        (".yaml-input.yaml", sk.yaml_input_skeleton),
        (".output.json", sk.output_skeleton),
    ],
)
def test_flagship_equals_aws_cli_v2_output(suffix: str, render: Any) -> None:
    reference = REFERENCE / f"{FLAGSHIP}{suffix}"
    if not reference.is_file():
        pytest.skip(f"{reference} is absent: shared/ must sit beside the repository clone")
    service = ecr_public()
    assert render(service, operation(service, FLAGSHIP)).encode("utf-8") == reference.read_bytes()


def test_emit_writes_three_byte_exact_files_per_operation() -> None:
    service = ecr_public()
    artifacts = {a.path: a for a in sk.emit(service)}
    assert len(artifacts) == 3 * len(service.operations) == 69
    assert not any(a.python for a in artifacts.values())
    base = "generated/ecr_public/skeletons/"
    for op in service.operations:
        assert artifacts[f"{base}{op.cli_name}.input.json"].content == \
            sk.input_skeleton(service, op)
        assert artifacts[f"{base}{op.cli_name}.yaml-input.yaml"].content == \
            sk.yaml_input_skeleton(service, op)
        assert artifacts[f"{base}{op.cli_name}.output.json"].content == \
            sk.output_skeleton(service, op)
    assert artifacts[f"{base}tag-resource.output.json"].content == ""  # the CLI prints nothing


# ---------------------------------------------------------------------------------------------
# ecr-public: every operation through the real AWS CLI v1


@pytest.mark.parametrize("cli_name", [op.cli_name for op in ecr_public().operations])
def test_ecr_public_equals_aws_cli_v1(cli_name: str) -> None:
    service = ecr_public()
    op = operation(service, cli_name)
    bare, given, output = run_aws([
        ["ecr-public", cli_name, "--generate-cli-skeleton"],
        ["ecr-public", cli_name, "--generate-cli-skeleton", "input"],
        ["ecr-public", cli_name, "--generate-cli-skeleton", "output", "--region", "us-east-1",
         *required_args(service, op)],
    ])
    for run in (bare, given, output):
        assert run.returncode == 0, run.stderr.decode()
    assert bare.stdout == given.stdout
    assert_input_matches(service, op, bare.stdout)
    assert sk.output_skeleton_is_aws_exact(service, op)
    assert output.stdout == sk.output_skeleton(service, op).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Synthetic model: every shape kind and rule


KINDS_INPUT = """\
{
    "name": "",
    "mode": "FAST",
    "count": 0,
    "size": 0,
    "ratio": 0.0,
    "weight": 0.0,
    "enabled": true,
    "createdAt": "1970-01-01T00:00:00",
    "payload": null,
    "settings": {},
    "choice": {
        "text": "",
        "number": 0,
        "pair": {
            "first": "",
            "second": 0
        }
    },
    "items": [
        {
            "Key": "",
            "Value": ""
        }
    ],
    "labels": {
        "KeyName": ""
    },
    "pairs": {
        "KeyName": {
            "first": "",
            "second": 0
        }
    },
    "tree": {
        "value": "",
        "children": [
            {}
        ],
        "next": {}
    },
    "left": {
        "first": "",
        "second": 0
    },
    "right": {
        "first": "",
        "second": 0
    },
    "matrix": [
        [
            ""
        ]
    ],
    "NULL": true,
    "True": "",
    "html": "",
    "entity": "",
    "greeting": "Gr\\u00fc\\u00dfe",
    "dotsOnly": "",
    "after": ""
}
"""

# Comment spacing: two spaces before `#` for a first key, and for a key whose earlier siblings
# (scanned in order until one sorts >= the key) have no comment; one space otherwise.
KINDS_YAML = """\
name: ''  # [REQUIRED] The name of the widget, e.
mode: FAST #  Valid values are: FAST, SLOW.
count: 0 # How many widgets to make.
size: 0
ratio: 0.0 #  A ratio, kept with its leading space.
weight: 0.0 # Weight in kg.
enabled: true # Whether it is on.
createdAt: 1970-01-01 00:00:00 # When it was created, in seconds since 1970-01-01T00.
payload: !!binary '' # Raw bytes only.
settings: {} # Free-form settings.
choice: # [REQUIRED] Exactly one of these.
  text: ''  # Text choice.
  number: 0 # How many widgets to make.
  pair: # Two values.
    first: ''  # First.
    second: 0
items: # [REQUIRED] The items.
- Key: ''  # [REQUIRED] The key.
  Value: '' # The value.
labels: # Labels across two lines and a line separator.
  KeyName: ''
pairs: # Pairs by name.
  KeyName:
    first: ''  # First.
    second: 0
tree: # A recursive tree.
  value: ''  # The value.
  children:
  - {}
  next: {}  # The next node.
left: # Left pair.
  first: ''  # First.
  second: 0
right: # Two values.
  first: ''  # First.
  second: 0
matrix:
- - ''
'NULL': true
'True': ''
html: ''  # <p>Not&nbsp;XML, <b>kept</b> raw.
entity: '' # Fish & chips.
greeting: Grüße # A greeting. Valid values are: Grüße, Hello.
dotsOnly: ''
after: ''  # After the dots.
"""

SPACING_YAML = """\
bravo: ''  # Bravo.
zulu: 0
alpha: ''  # Alpha.
yankee: 0
charlie: '' # Charlie.
nested: # Nested.
  zulu: 0
  alpha: ''  # Alpha.
  yankee: 0
  beta: ''  # [REQUIRED] 
xray: 0
list:
- zulu: 0
  alpha: ''  # Alpha.
  yankee: 0
  beta: ''  # [REQUIRED] 
"""

KINDS_OUTPUT = """\
{
    "id": "id",
    "name": "name",
    "status": "status",
    "count": 0,
    "size": 0,
    "ratio": 0.0,
    "weight": 0.0,
    "enabled": true,
    "createdAt": "1970-01-01T00:00:00",
    "settings": {},
    "single": {
        "only": "only"
    },
    "tags": [
        "String"
    ],
    "labels": {
        "KeyName": ""
    },
    "pairs": {
        "KeyName": {
            "first": "first",
            "second": 0
        }
    },
    "matrix": [
        [
            "String"
        ]
    ],
    "items": [
        {
            "Key": "Key",
            "Value": "Value"
        }
    ],
    "tree": {
        "value": "value",
        "children": [
            {}
        ],
        "next": {}
    },
    "NULL": true,
    "greeting": "greeting"
}
"""

# Where the AWS CLI rejects its own fake response, our valid stand-in.
FALLBACKS = {
    "fail-string-min": {"arn": "arnxxxxxxxxxxxxxxxxx"},
    "fail-number-min": {"port": 1, "fraction": 0.5, "offset": -1},
    "fail-union": {"choice": {"text": "text"}},
    "fail-blob": {"data": ""},
    "fail-recursion": {"tree": {"value": "value", "children": [{"value": "value"}]}},
    "fail-required-cycle": {"link": {"next": {"next": {}}}},
    "fail-map-key": {"attributes": {"KeyNamexxx": ""}, "notes": {"KeyName": "x"}},
    "fail-list-min": {"pairs": [{"first": "first", "second": 0}] * 2},
}
STREAMING = {"get-stream": {"contentType": "contentType"}, "get-payload": {"etag": "etag"}}


def test_kinds_expected_text() -> None:
    service = kinds()
    put = operation(service, "put-kinds")
    assert sk.input_skeleton(service, put) == KINDS_INPUT
    assert sk.yaml_input_skeleton(service, put) == KINDS_YAML
    assert sk.output_skeleton(service, put) == KINDS_OUTPUT
    spacing = operation(service, "put-spacing")
    assert sk.yaml_input_skeleton(service, spacing) == SPACING_YAML
    assert sk.output_skeleton(service, spacing) == ""  # no output shape
    for name in ("no-shapes", "empty-shapes"):  # no input shape / a memberless one
        op = operation(service, name)
        assert sk.input_skeleton(service, op) == "{}\n"
        assert sk.yaml_input_skeleton(service, op) == "{}\n"
        assert sk.output_skeleton(service, op) == ""
        assert sk.output_skeleton_is_aws_exact(service, op)
    for name, expected in {**FALLBACKS, **STREAMING}.items():
        op = operation(service, name)
        assert json.loads(sk.output_skeleton(service, op)) == expected, name
        assert not sk.output_skeleton_is_aws_exact(service, op), name
    assert sk.streaming_output_member(service, operation(service, "get-stream")) == "body"
    assert sk.streaming_output_member(service, operation(service, "get-payload")) == "payload"
    assert sk.input_skeleton(service, operation(service, "get-stream")) == '{\n    "id": ""\n}\n'


def test_kinds_yaml_loads_back_as_the_json_skeleton() -> None:
    """Fed to a safe YAML loader (what --cli-input-yaml uses), the YAML skeleton is the JSON
    one with real timestamps and bytes."""
    def as_json(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, bytes):
            assert value == b""
            return None
        if isinstance(value, dict):
            return {k: as_json(v) for k, v in value.items()}
        if isinstance(value, list):
            return [as_json(v) for v in value]
        return value

    loader = YAML(typ="safe", pure=True)
    for service in (kinds(), ecr_public()):
        for op in service.operations:
            loaded = loader.load(sk.yaml_input_skeleton(service, op))
            assert as_json(loaded) == json.loads(sk.input_skeleton(service, op)), op.name


@pytest.mark.parametrize("cli_name", [op.cli_name for op in kinds().operations
                                      if sk.streaming_output_member(kinds(), op) is None])
def test_kinds_equal_aws_cli_v1(cli_name: str) -> None:
    service = kinds()
    op = operation(service, cli_name)
    given, output = run_aws([
        ["skelkinds", cli_name, "--generate-cli-skeleton"],
        ["skelkinds", cli_name, "--generate-cli-skeleton", "output", "--region", "us-east-1",
         *required_args(service, op)],
    ], data_path=KINDS_DATA)
    assert given.returncode == 0, given.stderr.decode()
    assert_input_matches(service, op, given.stdout)
    if sk.output_skeleton_is_aws_exact(service, op):
        assert output.returncode == 0, output.stderr.decode()
        assert output.stdout.decode("utf-8") == sk.output_skeleton(service, op)
    else:  # the CLI's fake response fails its own validation
        assert output.returncode == 255
        assert b"Parameter validation failed" in output.stderr
        assert output.stdout == b""


def test_streaming_output_operations_have_no_skeleton_flag() -> None:
    runs = run_aws([["skelkinds", name, "/dev/null", *args, "--generate-cli-skeleton"]
                    for name, args in (("get-stream", ["--id", "x"]), ("get-payload", []))],
                   data_path=KINDS_DATA)
    for run in runs:
        assert run.returncode == 255
        assert b"Unknown options: --generate-cli-skeleton" in run.stderr


def test_kinds_stand_ins_are_valid_for_botocore() -> None:
    raw = json.loads(KINDS_MODEL.read_text(encoding="utf-8"))
    model = botocore_model(raw, "skelkinds")
    service = kinds()
    for name in FALLBACKS:
        op = operation(service, name)
        response = json.loads(sk.output_skeleton(service, op))
        report = ParamValidator().validate(response, model.operation_model(op.name).output_shape)
        if name == "fail-required-cycle":  # no finite value satisfies a required cycle
            assert "Missing required parameter in link.next.next" in report.generate_report()
        else:
            assert not report.has_errors(), (name, report.generate_report())


# ---------------------------------------------------------------------------------------------
# Real services: our values and verdicts against botocore's own generator and validator

SAMPLE_SERVICES = [
    "acm", "apigatewayv2", "cloudwatch", "dynamodb", "ecr-public", "iot-data", "kinesis",
    "lambda", "s3", "wafv2", "bedrock-agent-runtime",
]


@pytest.fixture
def first_enum_value(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """botocore's generator as AWS CLI v2 runs it: the first enum value, not a random one."""
    monkeypatch.setattr(random, "choice", lambda seq: seq[0])
    yield


@pytest.mark.parametrize("name", SAMPLE_SERVICES)
@pytest.mark.usefixtures("first_enum_value")
def test_values_and_verdicts_equal_botocore(name: str) -> None:
    raw = load_service(name)
    service = build_service(raw, botocore_version())
    model = botocore_model(raw.data, name)
    mismatches = set()
    for op in service.operations:
        om = model.operation_model(op.name)
        expected_input = ArgumentGenerator().generate_skeleton(om.input_shape) \
            if om.input_shape else {}
        expected_text = json.dumps(expected_input, indent=4, default=json_encoder) + "\n"
        if expected_text != sk.input_skeleton(service, op):
            mismatches.add((name, op.name))
        fake = ArgumentGenerator(use_member_names=True).generate_skeleton(om.output_shape) \
            if om.output_shape else {}
        assert om.has_streaming_output == (sk.streaming_output_member(service, op) is not None)
        assert om.has_event_stream_output == sk.event_stream_output(service, op)
        if om.has_streaming_output:
            fake.pop(om.output_shape.serialization["payload"])
            assert not sk.output_skeleton_is_aws_exact(service, op)
        elif om.has_event_stream_output:  # no skeleton flag in the AWS CLI
            assert not sk.has_skeleton_flag(service, op)
            assert not sk.output_skeleton_is_aws_exact(service, op)
        else:
            rejected = om.output_shape is not None and \
                ParamValidator().validate(fake, om.output_shape).has_errors()
            reshaped = (name, op.name) in sk.CLI_RESHAPED_OUTPUT
            assert (rejected or reshaped) != sk.output_skeleton_is_aws_exact(service, op), \
                op.name
        ours = json.dumps(sk.aws_output_response(service, op))
        if json.dumps(fake, default=json_encoder) != ours:
            mismatches.add((name, op.name))
        if not sk.output_skeleton_is_aws_exact(service, op) and om.output_shape is not None:
            text = sk.output_skeleton(service, op)
            response = json.loads(text) if text else {}
            if om.has_streaming_output:  # the CLI prints the response without its body
                response[om.output_shape.serialization["payload"]] = b""
            report = ParamValidator().validate(response, om.output_shape)
            assert not report.has_errors(), (op.name, report.generate_report())
    assert not mismatches


def test_output_stand_in_blob_is_base64() -> None:
    service = kinds()
    text = sk.output_skeleton(service, operation(service, "fail-blob"))
    assert base64.b64decode(json.loads(text)["data"]) == b""


def test_output_the_cli_rewrites_is_not_claimed_exact() -> None:
    """datapipeline's after-call handler rewrites get-pipeline-definition's response (the fake
    one too) into a pipeline definition file: the CLI prints `objects`, not the model's
    `pipelineObjects`, so ours is not claimed to be its bytes."""
    service = load("datapipeline")
    op = operation(service, "get-pipeline-definition")
    (printed,) = run_aws([["datapipeline", "get-pipeline-definition", "--generate-cli-skeleton",
                           "output", "--region", "us-east-1", *required_args(service, op)]])
    assert printed.returncode == 0, printed.stderr.decode()
    assert '"objects"' in printed.stdout.decode() and '"pipelineObjects"' in sk.output_skeleton(
        service, op)
    assert not sk.output_skeleton_is_aws_exact(service, op)
    assert all(sk.output_skeleton_is_aws_exact(service, other) for other in service.operations
               if other.name != op.name and not sk.output_skeleton_issues(service, other))
