"""The generated command line, run as a user runs it: ``python -m generated.ecr_public ...``.

Every run is a subprocess with dummy credentials, config files that do not exist and no
network: calls go to a loopback HTTP server that records what it receives and answers with
canned bodies. Expected error texts are AWS CLI v2's (docs/cli.md); where the installed AWS
CLI (v1) prints the same message part, the test checks against it too.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generated" / "ecr_public"
SKELETONS = PACKAGE / "skeletons"
AWS_CLI_FACTS = Path("/work/shared/awscli")  # real AWS CLI v2 output, where this machine has it
FLAGSHIP = "batch-check-layer-availability"
USAGE = (
    "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n"
    "To see help text, you can run:\n\n"
    "  aws help\n"
    "  aws <command> help\n"
    "  aws <command> <subcommand> help\n"
)
DIGEST = "sha256:" + "ab" * 32
UPLOAD = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"


def v2_error(message: str, code: str | None = "ParamValidation") -> str:
    """stderr of AWS CLI v2 (>= 2.34, enhanced error format) for one error."""
    prefix = f"An error occurred ({code}): " if code else ""
    return f"\naws: [ERROR]: {prefix}{message}".rstrip() + "\n"


# -- running ---------------------------------------------------------------------------------


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean AWS environment: dummy keys, no config, no instance metadata, one attempt."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "BOTO"))}
    clean.update(
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        AWS_CONFIG_FILE=str(tmp_path / "no-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "no-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_MAX_ATTEMPTS="1",
        BOTO_CONFIG=str(tmp_path / "no-boto"),
        PYTHONUTF8="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return clean


def cli(env: dict[str, str], *args: str, cwd: Path = ROOT,
        module: str = "ecr_public") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", f"generated.{module}", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, encoding="utf-8",
                          check=False, timeout=60)


def cli_bytes(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "generated.ecr_public", *args], cwd=ROOT,
                          env=env, capture_output=True, check=False, timeout=60)


def aws_v1(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The installed AWS CLI v1, for the message parts v1 and v2 share."""
    aws = Path(sys.executable).with_name("aws")
    if not aws.exists():
        pytest.skip("the AWS CLI (v1) is not installed beside this Python")
    return subprocess.run([sys.executable, str(aws), "ecr-public", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False, timeout=120)


# -- the loopback service --------------------------------------------------------------------


@dataclass
class Recorded:
    target: str
    headers: dict[str, str]
    body: dict[str, Any]


Responder = Callable[[str, dict[str, Any]], tuple[int, dict[str, Any]]]


@dataclass
class FakeService:
    url: str
    requests: list[Recorded] = field(default_factory=list)
    respond: Responder = lambda target, body: (200, {})

    def only_request(self) -> Recorded:
        assert len(self.requests) == 1, self.requests
        return self.requests[0]


@pytest.fixture
def service() -> Iterator[FakeService]:
    fake = FakeService(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            body = json.loads(raw) if raw else {}
            target = self.headers.get("X-Amz-Target", "")
            fake.requests.append(Recorded(target, dict(self.headers.items()), body))
            status, answer = fake.respond(target.rpartition(".")[2], body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def call(env: dict[str, str], fake: FakeService,
         *args: str) -> subprocess.CompletedProcess[str]:
    return cli(env, *args, "--endpoint-url", fake.url, "--region", "us-east-1")


# -- calls -----------------------------------------------------------------------------------

LAYERS = {
    "layers": [
        {"layerDigest": DIGEST, "layerAvailability": "AVAILABLE", "layerSize": 3,
         "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip"},
    ],
    "failures": [
        {"layerDigest": "sha256:zz", "failureCode": "InvalidLayerDigest",
         "failureReason": "Ungültiger Digest"},
    ],
}


def test_the_flagship_sends_a_signed_json_request_and_prints_the_response(
    env: dict[str, str], service: FakeService
) -> None:
    service.respond = lambda target, body: (200, LAYERS)
    result = call(env, service, FLAGSHIP, "--repository-name", "my-repo",
                  "--layer-digests", DIGEST, "sha256:zz")
    assert result.returncode == 0, result.stderr
    sent = service.only_request()
    assert sent.target == "SpencerFrontendService.BatchCheckLayerAvailability"
    assert sent.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert re.match(r"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/us-east-1/ecr-public/"
                    r"aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$",
                    sent.headers["Authorization"])
    assert sent.body == {"repositoryName": "my-repo", "layerDigests": [DIGEST, "sha256:zz"]}
    # Printed like the AWS CLI: indent 4, non-ASCII kept, one newline, no ResponseMetadata.
    assert result.stdout == json.dumps(LAYERS, indent=4, ensure_ascii=False) + "\n"
    assert result.stderr == ""

    from generated.ecr_public.models import BatchCheckLayerAvailabilityResponse

    parsed = BatchCheckLayerAvailabilityResponse.from_dict(json.loads(result.stdout))
    assert parsed.layers is not None and parsed.layers[0].layer_digest == DIGEST
    assert parsed.layers[0].layer_size == 3
    assert parsed.failures is not None
    assert parsed.failures[0].failure_reason == "Ungültiger Digest"


def test_a_service_error_exits_254_with_its_code_and_message(
    env: dict[str, str], service: FakeService
) -> None:
    message = "The repository with name 'nope' does not exist in the registry"
    service.respond = lambda target, body: (
        400, {"__type": "RepositoryNotFoundException", "message": message})
    result = call(env, service, FLAGSHIP, "--repository-name", "nope", "--layer-digests", DIGEST)
    assert result.returncode == 254
    line = ("An error occurred (RepositoryNotFoundException) when calling the "
            f"BatchCheckLayerAvailability operation: {message}")
    # v2 lists the error's modeled fields (here the `message` member) after the message.
    assert result.stderr == (f"\naws: [ERROR]: {line}\n"
                             f"\nAdditional error details:\nmessage: {message}\n")
    assert result.stdout == ""
    reference = aws_v1(env, FLAGSHIP, "--repository-name", "nope", "--layer-digests", DIGEST,
                       "--endpoint-url", service.url, "--region", "us-east-1")
    assert reference.stderr.strip() == line


def test_an_empty_response_prints_nothing_and_shorthand_reaches_the_wire(
    env: dict[str, str], service: FakeService
) -> None:
    arn = "arn:aws:ecr-public::123456789012:repository/my-repo"
    result = call(env, service, "tag-resource", "--resource-arn", arn,
                  "--tags", "Key=team,Value=core", "Key=env,Value=prod")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert service.only_request().body == {
        "resourceArn": arn,
        "tags": [{"Key": "team", "Value": "core"}, {"Key": "env", "Value": "prod"}],
    }


def test_option_kinds_reach_the_wire(env: dict[str, str], service: FakeService,
                                     tmp_path: Path) -> None:
    """Nested shorthand and JSON structures, booleans, integers, longs, file:// and blobs."""
    (tmp_path / "about.md").write_text("# About\nü\n", encoding="utf-8")
    (tmp_path / "part.bin").write_bytes(b"\x00\xffraw")
    runs = [
        (["create-repository", "--repository-name", "my-repo", "--catalog-data",
          f"description=d,architectures=ARM,x86-64,aboutText@=file://{tmp_path}/about.md"],
         {"repositoryName": "my-repo", "catalogData": {
             "description": "d", "architectures": ["ARM", "x86-64"],
             "aboutText": "# About\nü\n"}}),
        (["create-repository", "--repository-name", "my-repo", "--catalog-data",
          '{"operatingSystems": ["Linux"]}', "--tags", '{"Key": "a", "Value": "b"}'],
         {"repositoryName": "my-repo", "catalogData": {"operatingSystems": ["Linux"]},
          "tags": [{"Key": "a", "Value": "b"}]}),
        (["delete-repository", "--repository-name", "my-repo", "--force"],
         {"repositoryName": "my-repo", "force": True}),
        (["delete-repository", "--repository-name", "my-repo", "--force", "--no-force"],
         {"repositoryName": "my-repo", "force": False}),
        (["describe-images", "--repository-name", "my-repo", "--max-results", "5",
          "--image-ids", "imageTag=latest", "imageDigest=" + DIGEST],
         {"repositoryName": "my-repo", "maxResults": 5,
          "imageIds": [{"imageTag": "latest"}, {"imageDigest": DIGEST}]}),
        (["set-repository-policy", "--repository-name", "my-repo", "--policy-text",
          f"file://{tmp_path}/about.md"],
         {"repositoryName": "my-repo", "policyText": "# About\nü\n"}),
        (["upload-layer-part", "--repository-name", "my-repo", "--upload-id", UPLOAD,
          "--part-first-byte", "0", "--part-last-byte", "4",
          "--layer-part-blob", f"fileb://{tmp_path}/part.bin"],
         {"repositoryName": "my-repo", "uploadId": UPLOAD, "partFirstByte": 0,
          "partLastByte": 4, "layerPartBlob": "AP9yYXc="}),
        # v2 takes a blob typed on the command line as base64 and sends its bytes.
        (["upload-layer-part", "--repository-name", "my-repo", "--upload-id", UPLOAD,
          "--part-first-byte", "0", "--part-last-byte", "4", "--layer-part-blob", "aGVsbG8="],
         {"repositoryName": "my-repo", "uploadId": UPLOAD, "partFirstByte": 0,
          "partLastByte": 4, "layerPartBlob": "aGVsbG8="}),
    ]
    for args, body in runs:
        service.requests.clear()
        result = call(env, service, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert service.only_request().body == body, args


def test_pageable_operations_print_every_page(env: dict[str, str],
                                              service: FakeService) -> None:
    def pages(target: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if body.get("nextToken") == "t2":
            return 200, {"repositories": [{"repositoryName": "b"}]}
        return 200, {"repositories": [{"repositoryName": "a"}], "nextToken": "t2"}

    service.respond = pages
    result = call(env, service, "describe-repositories")
    assert json.loads(result.stdout) == {
        "repositories": [{"repositoryName": "a"}, {"repositoryName": "b"}]}
    assert len(service.requests) == 2
    service.requests.clear()
    result = call(env, service, "describe-repositories", "--no-paginate")
    assert json.loads(result.stdout)["nextToken"] == "t2" and len(service.requests) == 1


def test_yaml_output(env: dict[str, str], service: FakeService) -> None:
    service.respond = lambda target, body: (200, LAYERS)
    result = call(env, service, FLAGSHIP, "--repository-name", "my-repo",
                  "--layer-digests", DIGEST, "--output", "yaml")
    import yaml

    assert yaml.safe_load(result.stdout) == LAYERS
    assert result.stdout.startswith("layers:\n- layerDigest: ")


@pytest.fixture(scope="module")
def kinds_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic `kinds` model (every shape kind, recursion, keywords) generated apart."""
    from helpers import generate_into

    root = tmp_path_factory.mktemp("kinds")
    generate_into(root, "--model", str(ROOT / "tests/fixtures/kinds/2024-01-01/service-2.json"),
                  "--service-name", "kinds")
    return root


def test_every_shape_kind_of_a_synthetic_service(env: dict[str, str], service: FakeService,
                                                 kinds_root: Path) -> None:
    """Unions, documents, maps, recursion, nested lists, timestamps, blobs, booleans and an
    idempotency token, through shorthand and JSON, on a model botocore loads from
    AWS_DATA_PATH."""
    env = {**env, "AWS_DATA_PATH": str(ROOT / "tests" / "fixtures")}
    service.respond = lambda target, body: (200, {"Tree": {"Name": "t"}, "When": 1700000000})
    result = cli(env, "--endpoint-url", service.url, "--region", "us-east-1", "put-thing",
                 "--from", "a", "--tree", "Name=root,Children=[{Name=kid}],Parent={Name=p}",
                 "--labels", "abc=x,de=y", "--nested", "k=[{Name=n}]",
                 "--doc", '{"any": [1, null]}', "--choice", "Text=hi", "--matrix", "[[0.5,1]]",
                 "--enabled", "--when", "2024-01-01T00:00:00Z", "--payload", "aGk=",
                 "--return", "5", cwd=kinds_root, module="kinds")
    assert result.returncode == 0, result.stderr
    sent = service.only_request()
    assert sent.target == "KindsService.PutThing"
    token = sent.body.pop("Token")
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", token)
    assert sent.body == {
        "from": "a", "return": 5,
        "Tree": {"Name": "root", "Children": [{"Name": "kid"}], "Parent": {"Name": "p"}},
        "Choice": {"Text": "hi"}, "Labels": {"abc": "x", "de": "y"},
        "Nested": {"k": [{"Name": "n"}]}, "Doc": {"any": [1, None]}, "Payload": "aGk=",
        "When": "2024-01-01T00:00:00Z", "Enabled": True, "Matrix": [[0.5, 1]],
    }
    assert json.loads(result.stdout) == {"Tree": {"Name": "t"},
                                         "When": "2023-11-14T22:13:20+00:00"}
    refused = cli(env, "put-thing", "--from", "a", "--tree", "Name=r", "--doc", "a=b",
                  cwd=kinds_root, module="kinds")
    assert (refused.returncode, refused.stderr) == (252, v2_error(
        "Error parsing parameter '--doc': Invalid JSON: Expecting value: line 1 column 1 "
        "(char 0)\nJSON received: a=b"))


# -- --cli-input-json / --cli-input-yaml -----------------------------------------------------


def test_the_json_skeleton_filled_in_is_accepted(env: dict[str, str], service: FakeService,
                                                 tmp_path: Path) -> None:
    skeleton = json.loads(cli(env, FLAGSHIP, "--generate-cli-skeleton").stdout)
    skeleton.update(registryId="123456789012", repositoryName="my-repo", layerDigests=[DIGEST])
    path = tmp_path / "input.json"
    path.write_text(json.dumps(skeleton), encoding="utf-8")
    for value in (f"file://{path}", f"fileb://{path}", json.dumps(skeleton)):
        service.requests.clear()
        result = call(env, service, FLAGSHIP, "--cli-input-json", value)
        assert result.returncode == 0, result.stderr
        assert service.only_request().body == skeleton
    # An explicit option replaces its top-level key whole.
    service.requests.clear()
    result = call(env, service, FLAGSHIP, "--cli-input-json", f"file://{path}",
                  "--layer-digests", "sha256:cd", "--repository-name", "other")
    assert result.returncode == 0, result.stderr
    assert service.only_request().body == {"registryId": "123456789012",
                                           "repositoryName": "other",
                                           "layerDigests": ["sha256:cd"]}


def test_the_yaml_skeleton_filled_in_is_accepted(env: dict[str, str], service: FakeService,
                                                 tmp_path: Path) -> None:
    text = cli(env, FLAGSHIP, "--generate-cli-skeleton", "yaml-input").stdout
    assert "repositoryName: '' # [REQUIRED]" in text
    filled = text.replace("repositoryName: ''", "repositoryName: 'my-repo'").replace(
        "registryId: ''", "registryId: '123456789012'").replace("- ''", f"- '{DIGEST}'")
    path = tmp_path / "input.yaml"
    path.write_text(filled, encoding="utf-8")
    result = call(env, service, FLAGSHIP, "--cli-input-yaml", f"file://{path}",
                  "--registry-id", "999999999999")
    assert result.returncode == 0, result.stderr
    assert service.only_request().body == {"registryId": "999999999999",
                                           "repositoryName": "my-repo",
                                           "layerDigests": [DIGEST]}


def test_yaml_binary_and_timestamps_are_taken(env: dict[str, str], service: FakeService) -> None:
    """`!!binary` gives bytes (sent as-is, not decoded again); the blob skeleton's shape."""
    document = (f"repositoryName: my-repo\nuploadId: {UPLOAD}\npartFirstByte: 0\n"
                "partLastByte: 2\nlayerPartBlob: !!binary aGk=\n")
    result = call(env, service, "upload-layer-part", "--cli-input-yaml", document)
    assert result.returncode == 0, result.stderr
    assert service.only_request().body["layerPartBlob"] == "aGk="


def test_both_input_flags_are_refused(env: dict[str, str], service: FakeService) -> None:
    result = call(env, service, FLAGSHIP, "--cli-input-json", "{}", "--cli-input-yaml", "{}")
    assert result.returncode == 252
    assert result.stderr == v2_error("Only one --cli-input- parameter may be specified.")
    assert service.requests == []


# -- errors: the fact sheet's cases ----------------------------------------------------------

REQUIRED = "the following arguments are required: --repository-name, --layer-digests"
VALID = ["--repository-name", "my-repo", "--layer-digests", DIGEST]

ERRORS: list[tuple[str, list[str], int, str]] = [
    ("missing required", [], 252, v2_error(f"{REQUIRED}\n\n{USAGE}")),
    ("skeleton = form keeps required", ["--generate-cli-skeleton=input"], 252,
     v2_error(f"{REQUIRED}\n\n{USAGE}")),
    ("output skeleton keeps required", ["--generate-cli-skeleton", "output"], 252,
     v2_error(f"{REQUIRED}\n\n{USAGE}")),
    ("missing value", ["--repository-name"], 252,
     v2_error(f"argument --repository-name: expected one argument\n\n{USAGE}")),
    ("bad skeleton choice", ["--generate-cli-skeleton", "bogus"], 252,
     v2_error(f"argument --generate-cli-skeleton: Found invalid choice 'bogus'\n\n\n{USAGE}")),
    ("close skeleton choice", ["--generate-cli-skeleton", "inptu"], 252,
     v2_error("argument --generate-cli-skeleton: Found invalid choice 'inptu'\n\n"
              f"Maybe you meant:\n\n  * input\n\n{USAGE}")),
    ("unknown option", [*VALID, "--bogus", "x"], 252,
     f"\n{USAGE}\n" + v2_error("Unknown options: --bogus, x", None)),
    ("endpoint without scheme", ["--endpoint-url", "localhost"], 252,
     v2_error('Bad value for --endpoint-url "localhost": scheme is missing.  Must be of the '
              "form http://<hostname>/ or https://<hostname>/")),
    ("invalid JSON", ["--cli-input-json", "{bad"], 252,
     v2_error("Error parsing parameter 'cli-input-json': Invalid JSON received.")),
    ("invalid YAML", ["--cli-input-yaml", "a: [b"], 252,
     v2_error("Error parsing parameter 'cli-input-yaml': Invalid YAML received.")),
    ("non-object input", ["--cli-input-json", "[1, 2]"], 252,
     v2_error("Error parsing parameter '--cli-input-json': Invalid type: expecting map, "
              "received <class 'list'>")),
    ("missing input file", ["--cli-input-json", "file://nope.json"], 252,
     v2_error("Error parsing parameter '--cli-input-json': Unable to load paramfile "
              "file://nope.json: [Errno 2] No such file or directory: 'nope.json'")),
    ("missing option file", [*VALID, "--registry-id", "file://nope.txt"], 252,
     v2_error("Error parsing parameter '--registry-id': Unable to load paramfile "
              "file://nope.txt: [Errno 2] No such file or directory: 'nope.txt'")),
    ("both input flags", ["--cli-input-json", "{}", "--cli-input-yaml", "{}"], 252,
     v2_error("Only one --cli-input- parameter may be specified.")),
    ("unknown key", ["--cli-input-json", json.dumps({"repositoryName": "my-repo",
                                                     "layerDigests": [DIGEST], "bogusKey": 1})],
     252, v2_error('Parameter validation failed:\nUnknown parameter in input: "bogusKey", '
                   "must be one of: registryId, repositoryName, layerDigests")),
    ("wrong type", ["--cli-input-json", json.dumps({"repositoryName": 5,
                                                    "layerDigests": [DIGEST]})],
     252, v2_error("Parameter validation failed:\nInvalid type for parameter repositoryName, "
                   "value: 5, type: <class 'int'>, valid types: <class 'str'>")),
    ("too short", ["--repository-name", "x", "--layer-digests", DIGEST], 252,
     v2_error("Parameter validation failed:\nInvalid length for parameter repositoryName, "
              "value: 1, valid min length: 2")),
    ("empty digest list", ["--repository-name", "my-repo", "--layer-digests"], 252,
     v2_error("Parameter validation failed:\nInvalid length for parameter layerDigests, "
              "value: 0, valid min length: 1")),
    ("every error", ["--repository-name", "x", "--layer-digests"], 252,
     v2_error("Parameter validation failed:\nInvalid length for parameter repositoryName, "
              "value: 1, valid min length: 2\nInvalid length for parameter layerDigests, "
              "value: 0, valid min length: 1")),
]


@pytest.mark.parametrize(("case", "args", "rc", "stderr"), ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_have_v2_text_and_exit_code(env: dict[str, str], case: str, args: list[str],
                                           rc: int, stderr: str) -> None:
    result = cli(env, FLAGSHIP, *args, "--region", "us-east-1")
    assert (result.returncode, result.stderr, result.stdout) == (rc, stderr, "")


def test_a_shorthand_error_names_the_option(env: dict[str, str]) -> None:
    result = cli(env, "tag-resource", "--resource-arn", "arn:x", "--tags", "Key")
    assert result.returncode == 252
    assert result.stderr == v2_error(
        "Error parsing parameter '--tags': Expected: '=', received: 'EOF' for input:\nKey\n   ^")
    result = cli(env, "create-repository", "--repository-name", "r1", "--catalog-data", "{bad")
    assert result.returncode == 252
    assert result.stderr == v2_error(
        "Error parsing parameter '--catalog-data': Invalid JSON: Expecting property name "
        "enclosed in double quotes: line 1 column 2 (char 1)\nJSON received: {bad")


def test_configuration_errors_exit_253(env: dict[str, str], service: FakeService) -> None:
    result = cli(env, FLAGSHIP, *VALID)
    assert result.returncode == 253
    assert result.stderr == v2_error(
        'You must specify a region. You can also configure your region by running '
        '"aws configure".', "NoRegion")
    # The region is needed before the input is looked at, as in v2.
    assert cli(env, FLAGSHIP, "--repository-name", "x", "--layer-digests").returncode == 253
    anonymous = {k: v for k, v in env.items() if not k.startswith("AWS_ACCESS_KEY_ID")}
    result = call(anonymous, service, FLAGSHIP, *VALID)
    assert result.returncode == 253
    assert result.stderr == v2_error(
        'Unable to locate credentials. You can configure credentials by running "aws login".',
        "NoCredentials")
    assert service.requests == []


def test_a_profile_region_and_a_missing_profile(env: dict[str, str], service: FakeService,
                                                tmp_path: Path) -> None:
    config = tmp_path / "config"
    # A named profile takes its keys from the files, not the environment (botocore's rule).
    config.write_text("[profile dev]\nregion = eu-west-1\naws_access_key_id = AKIDDEV\n"
                      "aws_secret_access_key = secret\n", encoding="utf-8")
    env = {**env, "AWS_CONFIG_FILE": str(config)}
    result = cli(env, FLAGSHIP, *VALID, "--profile", "dev", "--endpoint-url", service.url)
    assert result.returncode == 0, result.stderr
    assert "/eu-west-1/ecr-public/" in service.only_request().headers["Authorization"]
    result = cli(env, FLAGSHIP, *VALID, "--profile", "nope")
    assert result.returncode == 255
    assert result.stderr == v2_error("The config profile (nope) could not be found", None)


def test_other_failures_exit_255(env: dict[str, str]) -> None:
    result = cli(env, "upload-layer-part", "--repository-name", "my-repo", "--upload-id", "u",
                 "--part-first-byte", "0", "--part-last-byte", "1",
                 "--layer-part-blob", "not base64!", "--region", "us-east-1")
    assert (result.returncode, result.stderr) == (255, v2_error('Invalid base64: "not base64!"',
                                                                None))
    result = cli(env, "describe-images", "--repository-name", "my-repo", "--max-results", "x",
                 "--generate-cli-skeleton")
    assert (result.returncode, result.stderr) == (
        255, v2_error("invalid literal for int() with base 10: 'x'", None))


@pytest.mark.parametrize(
    ("args", "shared"),
    [
        (["--repository-name", "x", "--layer-digests"],
         "Parameter validation failed:\nInvalid length for parameter repositoryName, value: 1, "
         "valid min length: 2\nInvalid length for parameter layerDigests, value: 0, "
         "valid min length: 1"),
        (["--cli-input-json", '{"repositoryName": 5, "layerDigests": ["a"], "bogusKey": 1}'],
         "Parameter validation failed:\nUnknown parameter in input: \"bogusKey\", must be one "
         "of: registryId, repositoryName, layerDigests\nInvalid type for parameter "
         "repositoryName, value: 5, type: <class 'int'>, valid types: <class 'str'>"),
        ([*VALID, "--registry-id", "file://nope.txt"],
         "Error parsing parameter '--registry-id': Unable to load paramfile file://nope.txt: "
         "[Errno 2] No such file or directory: 'nope.txt'"),
    ],
)
def test_message_parts_match_the_installed_aws_cli(env: dict[str, str], args: list[str],
                                                  shared: str) -> None:
    ours = cli(env, FLAGSHIP, *args, "--region", "us-east-1")
    reference = aws_v1(env, FLAGSHIP, *args, "--region", "us-east-1")
    assert ours.stderr == v2_error(shared)
    assert reference.stderr.strip() == shared  # v1 prints the bare message


def test_missing_required_matches_the_installed_aws_cli(env: dict[str, str]) -> None:
    reference = aws_v1(env, FLAGSHIP)
    assert reference.stderr.rstrip().endswith(f"aws: error: {REQUIRED}")


# -- skeletons -------------------------------------------------------------------------------


def test_the_flagship_skeletons_are_the_aws_cli_v2_bytes(env: dict[str, str]) -> None:
    runs = {
        "input.json": [FLAGSHIP, "--generate-cli-skeleton"],
        "yaml-input.yaml": [FLAGSHIP, "--generate-cli-skeleton", "yaml-input"],
        "output.json": [FLAGSHIP, "--generate-cli-skeleton", "output", *VALID,
                        "--region", "us-east-1"],
    }
    for suffix, args in runs.items():
        result = cli_bytes(env, *args)
        assert result.returncode == 0, result.stderr
        assert result.stdout == (SKELETONS / f"{FLAGSHIP}.{suffix}").read_bytes()
        real = AWS_CLI_FACTS / f"{FLAGSHIP}.{suffix}"
        if real.exists():
            assert result.stdout == real.read_bytes()
    assert cli_bytes(env, FLAGSHIP, "--generate-cli-skeleton", "input").stdout == (
        SKELETONS / f"{FLAGSHIP}.input.json").read_bytes()
    reference = aws_v1(env, FLAGSHIP, "--generate-cli-skeleton")
    assert reference.stdout.encode() == (SKELETONS / f"{FLAGSHIP}.input.json").read_bytes()


def test_skeleton_rules(env: dict[str, str], tmp_path: Path) -> None:
    # Input is merged (and checked) before the skeleton, which needs no region or credentials.
    bad = cli(env, FLAGSHIP, "--generate-cli-skeleton", "--cli-input-json", "[1]")
    assert bad.returncode == 252 and "expecting map" in bad.stderr
    relaxed = cli(env, FLAGSHIP, "--cli-input-json", "{}", "--generate-cli-skeleton", "output",
                  "--region", "us-east-1")
    # `output` validates the (merged) input: here nothing is given.
    assert relaxed.returncode == 252
    assert 'Missing required parameter in input: "repositoryName"' in relaxed.stderr
    no_region = cli(env, FLAGSHIP, "--generate-cli-skeleton", "output", *VALID)
    assert no_region.returncode == 253
    assert cli(env, FLAGSHIP, "--generate-cli-skeleton", "--repository-name", "x").returncode == 0
    empty = cli(env, "tag-resource", "--generate-cli-skeleton", "output", "--resource-arn",
                "arn:x", "--tags", "Key=a,Value=b", "--region", "us-east-1")
    assert (empty.returncode, empty.stdout) == (0, "")  # an empty response prints nothing


def test_every_skeleton_prints_as_emitted(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    from generated.ecr_public import cli as generated_cli

    for name in generated_cli.COMMANDS:
        for choice, suffix in (("input", "input.json"), ("yaml-input", "yaml-input.yaml")):
            assert generated_cli.main([name, "--generate-cli-skeleton", choice]) == 0
            assert capsysbinary.readouterr().out == (SKELETONS / f"{name}.{suffix}").read_bytes()


def _imported(env: dict[str, str], *args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "generated.ecr_public",
                             *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=False, timeout=60)
    return {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
            if line.startswith("import time:") and "|" in line}


@pytest.mark.parametrize(
    "args",
    [
        [FLAGSHIP, "--generate-cli-skeleton"],
        [FLAGSHIP, "--generate-cli-skeleton", "yaml-input"],
        [FLAGSHIP, "--generate-cli-skeleton", "output", *VALID, "--region", "us-east-1"],
        [FLAGSHIP],
        [FLAGSHIP, "--cli-input-json", "{bad"],
        [FLAGSHIP, "--cli-input-yaml", "{}", "--cli-input-json", "{}"],
        [FLAGSHIP, "--repository-name", "x", "--layer-digests", "--region", "us-east-1"],
    ],
    ids=["input", "yaml-input", "output", "missing", "bad-json", "both", "invalid"],
)
def test_skeletons_and_rejections_import_no_botocore(env: dict[str, str],
                                                     args: list[str]) -> None:
    modules = _imported(env, *args)
    assert "generated.ecr_public.cli" in modules  # the measurement saw the run
    heavy = {m for m in modules if m.split(".")[0] in ("botocore", "yaml", "ruamel")}
    heavy |= {m for m in modules if m.endswith((".models", ".strategies"))}
    assert heavy == set()
    if args[1:2] == ["--generate-cli-skeleton"] and "output" not in args:
        assert not {m for m in modules if m.endswith((".validators", "json"))}


# -- help ------------------------------------------------------------------------------------


def test_help(env: dict[str, str]) -> None:
    top = cli(env, "--help")
    assert top.returncode == 0
    assert "python -m generated.ecr_public" in top.stdout
    assert f"  {FLAGSHIP}\n      Checks the availability of one or more image layers" in top.stdout
    assert cli(env, "help").stdout == top.stdout
    page = cli(env, FLAGSHIP, "--help")
    assert page.returncode == 0
    for text in ("  --repository-name <value>\n", "  [--registry-id <value>]\n",
                 "  --layer-digests (list)\n", '"string" "string" ...',
                 "  --generate-cli-skeleton (string)\n", "layers -> (list)"):
        assert text in page.stdout
    assert cli(env, FLAGSHIP, "help").stdout == page.stdout
    tags = cli(env, "tag-resource", "--help").stdout
    assert "Shorthand Syntax:\n\n      Key=string,Value=string ..." in tags
    assert "[--force | --no-force]" in cli(env, "delete-repository", "--help").stdout


# -- the runtime in process ------------------------------------------------------------------


def test_unpacking_follows_the_model() -> None:
    """Shorthand wraps single values in lists and converts numbers and booleans by shape."""
    from generator.runtime import cli_params as params
    from generator.runtime.cli import Command, Option, Shape

    shapes = {
        "S": Shape("structure", members=(("n", "I"), ("b", "B"), ("l", "L"), ("f", "F"))),
        "I": Shape("integer"), "B": Shape("boolean"), "F": Shape("double"),
        "L": Shape("list", member="T"), "T": Shape("string"),
        "Doc": Shape("document"), "Wrap": Shape("structure", members=(("d", "Doc"),)),
    }
    command = Command("c", "C", "c", "S", ())
    option = Option("--s", "s", "S", "structure")
    assert params.unpack("x", command, option, "n=3,b=true,l=one,f=1.5", shapes) == {
        "n": 3, "b": True, "l": ["one"], "f": 1.5}
    assert params.unpack("x", command, option, "b=maybe", shapes) == {"b": "maybe"}
    assert params.unpack("x", command, option, ' {"n": "3"}', shapes) == {"n": "3"}
    wrap = Option("--w", "w", "Wrap", "structure")
    with pytest.raises(params.ParamError, match="does not support document types"):
        params.unpack("x", command, wrap, "d=1", shapes)


@pytest.mark.parametrize(
    ("config", "credentials", "environ", "profile"),
    [
        ("[default]\nregion = eu-west-1\n", "", {}, None),
        ("[default]\n", "", {}, None),
        ("", "", {}, None),
        ("[profile dev]\nregion = eu-west-2\n", "", {}, "dev"),
        ("[profile dev]\nregion = eu-west-2\n", "", {"AWS_PROFILE": "dev"}, None),
        ("[profile dev]\nregion = eu-west-2\n", "", {"AWS_DEFAULT_PROFILE": "dev"}, None),
        ("[profile dev]\nregion = eu-west-2\n", "", {"AWS_DEFAULT_REGION": "ap-south-1"}, "dev"),
        ('[profile "two words"]\nregion = sa-east-1\n', "", {}, "two words"),
        ("", "[creds]\naws_access_key_id = a\n", {}, "creds"),
        ("", "", {}, "nope"),
        ("[profilefoo]\nregion = us-west-1\n", "", {}, "foo"),
    ],
)
def test_the_region_is_the_one_botocore_resolves(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, config: str, credentials: str,
    environ: dict[str, str], profile: str | None,
) -> None:
    """The light region check agrees with botocore (which it stands in for until the call)."""
    import botocore.exceptions
    import botocore.session

    from generator.runtime.cli_call import resolve_region
    from generator.runtime.cli_params import CliError
    from generator.runtime.cli import ConfigurationError

    for name in [n for n in os.environ if n.startswith("AWS_")]:
        monkeypatch.delenv(name)
    (tmp_path / "config").write_text(config, encoding="utf-8")
    (tmp_path / "credentials").write_text(credentials, encoding="utf-8")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    try:
        expected = botocore.session.Session(profile=profile).get_config_variable("region")
    except botocore.exceptions.ProfileNotFound:
        expected = "no such profile"
    try:
        ours: str | None = resolve_region(profile, None)
    except ConfigurationError:
        ours = None
    except CliError as exc:
        assert str(exc) == f"The config profile ({profile}) could not be found"
        ours = "no such profile"
    assert ours == expected
