"""The hard corners of the corpus on one fixture model (tests/fixtures/corners/, rest-json):
idempotency tokens, header / querystring / uri members, a JSON-value header, every
timestampFormat, shape names alike but for case (`String`, `string`, `__string`, `Thing`,
`thing`), keyword enum values with a trailing-space one, and a streaming payload written to an
`outfile`. Each is checked on the generated dataclasses, validators, schemas and strategies,
through a real botocore client (its handlers, validator and serializer), and, for the CLI, against
the installed AWS CLI v1 on a loopback server. docs/hard-corners.md maps corners to tests.
"""

from __future__ import annotations

import base64
import json
import keyword
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import botocore.session
import jsonschema
import pytest
from botocore.exceptions import ParamValidationError
from botocore.parsers import create_parser
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from helpers import generate_into, import_generated

MODEL = FIXTURES / "corners" / "2024-01-01" / "service-2.json"
WHEN = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corners")
    generate_into(out, "--model", str(MODEL))
    return out


@pytest.fixture(scope="module")
def strategies(root: Path) -> ModuleType:
    return import_generated(root, "corners.strategies")


@pytest.fixture(scope="module")
def models(strategies: ModuleType) -> ModuleType:
    models: ModuleType = strategies._m  # the models module these strategies build
    return models


@pytest.fixture(scope="module")
def validators(root: Path) -> ModuleType:
    return import_generated(root, "corners.validators")


def schema(root: Path, operation: str, role: str = "request") -> jsonschema.Draft202012Validator:
    path = root / "schemas" / "corners" / f"{operation}.{role}.json"
    return jsonschema.Draft202012Validator(json.loads(path.read_text(encoding="utf-8")))


class Sent(Exception):
    """Raised in place of sending: carries the request botocore prepared."""

    def __init__(self, request: Any) -> None:
        self.request = request


def client() -> Any:
    """A real botocore client of the fixture service, stopped at `before-send`."""
    session = botocore.session.Session()
    session.get_component("data_loader").search_paths.insert(0, str(FIXTURES))
    made = session.create_client("corners", region_name="us-east-1",
                                 endpoint_url="http://127.0.0.1:9", aws_access_key_id="AKID",
                                 aws_secret_access_key="secret")

    def stop(request: Any, **_: Any) -> None:
        raise Sent(request)

    made.meta.events.register("before-send", stop)
    return made


def sent(params: dict[str, Any]) -> Any:
    with pytest.raises(Sent) as caught:
        client().put_corner(**params)
    return caught.value.request


# -- idempotency tokens ------------------------------------------------------------------------


def test_a_required_token_is_not_the_callers_and_botocore_fills_it(
        root: Path, models: ModuleType, validators: ModuleType) -> None:
    """`Token` is required by the model and an idempotency token of the input: botocore fills it
    in before it validates, so no artifact asks the caller for it. `Inner.Token` is nested,
    where botocore fills nothing: it stays required everywhere, botocore's validator included."""
    value = models.PutCornerRequest(id_="c1", inner=models.Wrapper(token="t"))
    assert value.token is None and value.to_dict() == {"Id": "c1", "Inner": {"Token": "t"}}
    assert validators.validate_put_corner_request(value.to_dict()) == []
    assert schema(root, "PutCorner").is_valid(value.to_json())
    request = sent(value.to_dict())
    assert UUID4.fullmatch(json.loads(request.body)["Token"])
    with pytest.raises(TypeError, match="token"):
        models.Wrapper()
    nested = {"Id": "c1", "Inner": {}}
    assert [i.message for i in validators.validate_put_corner_request(nested)] == [
        'Missing required parameter in Inner: "Token"']
    assert not schema(root, "PutCorner").is_valid(nested)
    with pytest.raises(ParamValidationError, match='Missing required parameter in Inner: "Token"'):
        client().put_corner(**nested)


def test_strategies_draw_the_token_and_leave_it_out(strategies: ModuleType) -> None:
    seen: set[bool] = set()

    @settings(max_examples=60)
    @given(strategies.put_corner_request())
    def draw(value: Any) -> None:
        seen.add(value.token is None)
        assert value.inner.token is not None

    draw()
    assert seen == {True, False}


# -- locations, JSON-value header, timestamps: through botocore's client -----------------------


def test_every_location_and_timestamp_format_reaches_the_wire(models: ModuleType,
                                                              validators: ModuleType) -> None:
    value = models.PutCornerRequest(
        id_="c/1", token="tok", mode=models.Keywords.LAMBDA, trace="t-1",
        settings={"a": [1, None]}, since=WHEN, until=WHEN, at=WHEN, at_iso=WHEN, at_http=WHEN,
        at_epoch=WHEN, inner=models.Wrapper(token="inner"))
    assert validators.validate_put_corner_request(value.to_dict()) == []
    request = sent(value.to_dict())
    url = urlsplit(request.url)
    assert (request.method, url.path) == ("POST", "/corners/c%2F1")
    assert parse_qs(url.query) == {"mode": ["lambda"], "until": ["2024-01-02T03:04:05Z"]}
    assert request.headers["X-Trace"] in ("t-1", b"t-1")
    settings_header = request.headers["X-Settings"]
    assert json.loads(base64.b64decode(settings_header)) == {"a": [1, None]}
    assert request.headers["X-Since"] in ("Tue, 02 Jan 2024 03:04:05 GMT",
                                          b"Tue, 02 Jan 2024 03:04:05 GMT")
    assert json.loads(request.body) == {
        "Token": "tok", "Inner": {"Token": "inner"}, "At": 1704164645,
        "AtIso": "2024-01-02T03:04:05Z", "AtHttp": "Tue, 02 Jan 2024 03:04:05 GMT",
        "AtEpoch": 1704164645}


def test_responses_in_every_timestamp_format_parse_back(models: ModuleType,
                                                        validators: ModuleType) -> None:
    op = client().meta.service_model.operation_model("PutCorner")
    body = {"Mode": "None", "At": 1704164645.5, "AtIso": "2024-01-02T03:04:05.500Z",
            "AtHttp": "Tue, 02 Jan 2024 03:04:05 GMT", "AtEpoch": 1704164645}
    parsed = create_parser("rest-json").parse(
        {"status_code": 200, "headers": {"X-Seen": "Tue, 02 Jan 2024 03:04:05 GMT"},
         "body": json.dumps(body).encode()}, op.output_shape)
    parsed.pop("ResponseMetadata")
    value = models.PutCornerResponse.from_dict(parsed)
    half = WHEN.replace(microsecond=500000)
    assert (value.seen, value.at, value.at_iso, value.at_http, value.at_epoch) == (
        WHEN, half, half, WHEN, WHEN)
    assert value.mode is models.Keywords.NONE
    assert validators.validate_put_corner_response(parsed) == []
    assert models.PutCornerResponse.from_dict(value.to_json()) == value


@settings(max_examples=40)
@given(data=st.data())
def test_drawn_requests_pass_botocore_s_whole_call_path(data: Any, strategies: ModuleType,
                                                        validators: ModuleType, root: Path) -> None:
    """Whatever the strategy draws is valid for the validator, the schema and a real client
    call (token filled, validated, serialized into uri, query, headers and body)."""
    value = data.draw(strategies.put_corner_request())
    assert validators.validate_put_corner_request(value.to_dict()) == []
    assert schema(root, "PutCorner").is_valid(value.to_json())
    request = sent(value.to_dict())
    assert urlsplit(request.url).path.startswith("/corners/")
    if value.settings is not None:
        assert json.loads(base64.b64decode(request.headers["X-Settings"])) == value.settings


# -- names alike but for case; keyword enum values ---------------------------------------------


def test_names_alike_but_for_case_stay_apart(root: Path, models: ModuleType,
                                             validators: ModuleType) -> None:
    """`String` (pattern, max 5), `__string` (nothing), `string` (an enum), `Thing` and `thing`
    (two structures), `MapOfString` and `MapOf__string`: each keeps its own constraints."""
    assert models.Thing is not models.thing
    assert set(models.Thing.__dataclass_fields__) == {"size"}
    assert set(models.thing.__dataclass_fields__) == {"name"}
    assert [m.value for m in models.string] == ["a", "b"]
    base = {"Id": "c", "Inner": {"Token": "t"}}
    cases = {
        "Upper": ("abc", "Invalid value for parameter Upper, value: abc, valid pattern: ^[A-Z]+$"),
        "Lower": ("c", "Invalid value for parameter Lower, value: c, valid values: a, b"),
        "Small": ({"Name": "abc"}, "Invalid value for parameter Small.Name, value: abc, "
                                   "valid pattern: ^[A-Z]+$"),
        "Labels": ({"AB": "c"}, "Invalid value for parameter Labels.AB, value: c, "
                                "valid values: a, b"),
        "Tags": ({"a": "", "b": "", "c": ""},
                 "Invalid length for parameter Tags, value: 3, valid max length: 2"),
    }
    check = schema(root, "PutCorner")
    for member, (bad, message) in cases.items():
        assert [i.message for i in validators.validate_put_corner_request(
            {**base, member: bad})] == [message], member
        assert not check.is_valid({**base, member: bad}), member
    good = {**base, "Upper": "ABC", "Plain": "abc", "Lower": "a", "Big": {"Size": 10},
            "Small": {"Name": "AB"}, "Labels": {"AB": "b"}, "Tags": {"x": "y"}}
    assert validators.validate_put_corner_request(good) == [] and check.is_valid(good)
    defs = json.loads((root / "schemas/corners/PutCorner.request.json").read_text())["$defs"]
    assert defs["Thing"]["properties"] == {"Size": {"type": "integer", "minimum": -(2**31),
                                                    "maximum": 10}}
    assert defs["thing"]["required"] == ["Name"]


def test_keyword_and_trailing_space_enum_values(root: Path, models: ModuleType,
                                                validators: ModuleType,
                                                strategies: ModuleType) -> None:
    values = ["None", "True", "False", "lambda", "in", "is", "async", "global",
              "LunAlreadyAllocated "]
    assert [m.value for m in models.Keywords] == values
    assert all(m.name.isidentifier() and not keyword.iskeyword(m.name) for m in models.Keywords)
    assert models.Keywords("LunAlreadyAllocated ") is models.Keywords.LUNALREADYALLOCATED
    base = {"Id": "c", "Inner": {"Token": "t"}}
    check = schema(root, "PutCorner")
    for value in values:
        assert validators.validate_put_corner_request({**base, "Mode": value}) == []
        assert check.is_valid({**base, "Mode": value})
    for value in ("LunAlreadyAllocated", "none", "NONE"):
        assert validators.validate_put_corner_request({**base, "Mode": value}) != [], value
        assert not check.is_valid({**base, "Mode": value}), value

    @settings(max_examples=60)
    @given(strategies.put_corner_request())
    def draw(value: Any) -> None:
        assert value.mode is None or value.mode in values

    draw()


def test_the_package_passes_mypy_strict(root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "generated/corners"],
        cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# -- the generated CLI and the AWS CLI v1 on one loopback server --------------------------------


@pytest.fixture
def server() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    seen: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            seen.append({"method": self.command, "path": self.path, "body": raw,
                         "headers": {k.lower(): v for k, v in self.headers.items()}})
            if self.path.startswith("/blobs/"):
                body, headers = b"\x00blob\xff" * 3, {"Content-Type": "application/x-blob",
                                                     "X-Version": "v7", "X-Mode": "None"}
            else:
                body, headers = b"{}", {"Content-Type": "application/json"}
            self.send_response(200)
            for name, text in headers.items():
                self.send_header(name, text)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "BOTO"))}
    env.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="dummy",
               AWS_CONFIG_FILE=str(home / "none"), AWS_SHARED_CREDENTIALS_FILE=str(home / "none"),
               AWS_EC2_METADATA_DISABLED="true", AWS_MAX_ATTEMPTS="1", AWS_PAGER="",
               AWS_DATA_PATH=str(FIXTURES), NO_PROXY="127.0.0.1", PYTHONUTF8="1")
    return env


def _both(root: Path, tmp_path: Path, url: str,
          args: list[str]) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    """The generated CLI and AWS CLI v1 on the same arguments; `{who}` in one becomes
    `ours` or `theirs`."""
    aws = Path(sys.executable).with_name("aws")
    if not aws.is_file():
        pytest.skip("the AWS CLI (v1) is not installed beside this Python")
    tail = ["--endpoint-url", url, "--region", "us-east-1"]
    ours = subprocess.run(
        [sys.executable, "-m", "generated.corners", *(a.replace("{who}", "ours") for a in args), *tail],
        cwd=root, env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    theirs = subprocess.run(
        [sys.executable, str(aws), "corners", *(a.replace("{who}", "theirs") for a in args), *tail],
        cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    return ours, theirs


def _request(record: dict[str, Any]) -> dict[str, Any]:
    keep = ("range", "x-trace", "x-settings", "x-since", "content-type")
    return {"method": record["method"], "path": record["path"],
            "headers": {k: v for k, v in record["headers"].items() if k in keep}}


def test_outfile_is_written_as_the_aws_cli_writes_it(
        root: Path, tmp_path: Path, server: tuple[str, list[dict[str, Any]]]) -> None:
    """A streaming payload: a positional `outfile` gets the body byte for byte, stdout the
    other members, the request its uri, header and querystring members, as AWS CLI v1 does."""
    url, seen = server
    args = ["get-blob", "--id", "b 1", "--range", "bytes=0-3", "--version-id", "v1",
            str(tmp_path / "{who}.bin")]
    ours, theirs = _both(root, tmp_path, url, args)
    assert ours.returncode == 0, ours.stderr
    assert theirs.returncode == 0, theirs.stderr
    assert (tmp_path / "ours.bin").read_bytes() == (tmp_path / "theirs.bin").read_bytes() \
        == b"\x00blob\xff" * 3
    assert ours.stdout == theirs.stdout
    assert json.loads(ours.stdout) == {
        "ContentType": "application/x-blob", "Version": "v7", "Mode": "None"}
    first, second = (_request(r) for r in seen)
    assert first == second and first["path"] == "/blobs/b%201?versionId=v1"
    assert first["headers"]["range"] == "bytes=0-3"
    ours, theirs = _both(root, tmp_path, url, ["get-blob", "--id", "b"])  # no outfile
    assert (ours.returncode, theirs.returncode) == (252, 2)  # v2's code; v1 exits 2
    assert "outfile" in ours.stderr and "outfile" in theirs.stderr, (ours.stderr, theirs.stderr)
    assert len(seen) == 2


def test_locations_and_token_from_the_command_line_as_the_aws_cli(
        root: Path, tmp_path: Path, server: tuple[str, list[dict[str, Any]]]) -> None:
    url, seen = server
    args = ["put-corner", "--id", "c1", "--mode", "lambda", "--trace", "t-1",
            "--settings", '{"a": [1, null]}', "--since", "2024-01-02T03:04:05Z",
            "--until", "2024-01-02T03:04:05Z", "--at-http", "2024-01-02T03:04:05Z",
            "--inner", "Token=x"]
    ours, theirs = _both(root, tmp_path, url, args)
    assert ours.returncode == 0, ours.stderr
    assert theirs.returncode == 0, theirs.stderr
    assert ours.stdout == theirs.stdout
    first, second = seen
    assert _request(first) == _request(second)
    assert urlsplit(first["path"]).path == "/corners/c1"
    assert parse_qs(urlsplit(first["path"]).query) == {"mode": ["lambda"],
                                                       "until": ["2024-01-02T03:04:05Z"]}
    headers = _request(first)["headers"]
    assert (headers["x-trace"], headers["x-since"]) == ("t-1", "Tue, 02 Jan 2024 03:04:05 GMT")
    assert json.loads(base64.b64decode(headers["x-settings"])) == {"a": [1, None]}
    bodies = [json.loads(r["body"]) for r in seen]
    assert all(UUID4.fullmatch(b.pop("Token")) for b in bodies)  # filled in by botocore
    assert bodies[0] == bodies[1] == {"Inner": {"Token": "x"},
                                      "AtHttp": "Tue, 02 Jan 2024 03:04:05 GMT"}


def test_the_emitted_property_tests_pass_with_botocore_knowing_the_fixtures(root: Path) -> None:
    """The properties emitted with each package (strategy values valid for the validator, the
    schema and botocore's ParamValidator, tokens filled as botocore fills them, and
    round-tripping) on this fixture and on `kinds` (documents, unions, recursion, maps, blobs):
    botocore loads both from AWS_DATA_PATH, so its checks run too."""
    generate_into(root, "--model", str(FIXTURES / "kinds" / "2024-01-01" / "service-2.json"))
    env = {**os.environ, "AWS_DATA_PATH": str(FIXTURES)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         "generated/corners/test_properties.py", "generated/kinds/test_properties.py"],
        cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "skipped" not in result.stdout and " passed" in result.stdout, result.stdout[-500:]
