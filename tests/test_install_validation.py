"""install_validation(client): the generated request validators inside a live botocore client.

Clients are real botocore clients with dummy credentials (client arguments, so no file or
environment is read) whose endpoint is a loopback HTTP server that records every request: an
invalid call must raise before anything reaches it, a valid one must arrive.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import botocore.session
import pytest
from botocore.config import Config
from botocore.exceptions import ParamValidationError
from botocore.stub import Stubber
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from generated.ecr_public import OPERATIONS, install_validation
from generated.ecr_public import strategies as ecr_strategies
from generated.ecr_public import testing
from generated.ecr_public.validators import (REQUEST_VALIDATORS,
                                             validate_batch_check_layer_availability_request)
from generated._runtime.client import FAILED, install
from helpers import generate_into

DIGEST = "sha256:" + "ab" * 32
REQUESTS = {name: op.method for name, op in testing.RESPONSES.operations.items()}  # -> method


class Endpoint:
    """A loopback JSON-protocol endpoint: records (X-Amz-Target, body), answers `answer`."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, Any]] = []
        self.answer: dict[str, Any] = {}
        self.url = ""


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    fake = Endpoint()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            fake.requests.append((self.headers.get("X-Amz-Target", ""), json.loads(raw or b"{}")))
            data = json.dumps(fake.answer).encode()
            self.send_response(200)
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


def make_client(service: str, url: str = "http://127.0.0.1:9", **kwargs: Any) -> Any:
    """A botocore client with dummy keys and one attempt (port 9 discards: nothing listens)."""
    session = kwargs.pop("session", None) or botocore.session.Session()
    config = kwargs.pop("config", Config(retries={"total_max_attempts": 1}))
    return session.create_client(
        service, region_name="us-east-1", endpoint_url=url, aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret", config=config, **kwargs,
    )


# -- the acceptance --------------------------------------------------------------------------


def test_one_character_name_and_long_digest_raise_naming_both_with_no_traffic(
    endpoint: Endpoint,
) -> None:
    client = make_client("ecr-public", endpoint.url)
    install_validation(client)
    with pytest.raises(ParamValidationError) as raised:
        client.batch_check_layer_availability(repositoryName="a", layerDigests=["x" * 1001])
    assert str(raised.value) == (
        "Parameter validation failed:\n"
        "Invalid length for parameter repositoryName, value: 1, valid min length: 2\n"
        "Invalid length for parameter layerDigests[0], value: 1001, valid max length: 1000"
    )
    assert endpoint.requests == []


def test_a_valid_call_reaches_the_endpoint(endpoint: Endpoint) -> None:
    client = make_client("ecr-public", endpoint.url)
    install_validation(client)
    endpoint.answer = {"layers": [{"layerDigest": DIGEST, "layerAvailability": "AVAILABLE"}],
                       "failures": []}
    response = client.batch_check_layer_availability(repositoryName="my-repo",
                                                      layerDigests=[DIGEST])
    assert response["layers"] == endpoint.answer["layers"]
    [(target, body)] = endpoint.requests
    assert target.endswith(".BatchCheckLayerAvailability")
    assert body == {"repositoryName": "my-repo", "layerDigests": [DIGEST]}


def test_the_report_is_the_generated_cli_s(tmp_path: Path) -> None:
    """The same input through `python -m generated.ecr_public` prints the same report."""
    client = make_client("ecr-public")
    install_validation(client)
    params = {"repositoryName": "Bad Name!", "layerDigests": ["x" * 1001, DIGEST]}
    with pytest.raises(ParamValidationError) as raised:
        client.batch_check_layer_availability(**params)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "BOTO"))}
    env.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="secret",
               AWS_CONFIG_FILE=str(tmp_path / "none"),
               AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"))
    result = subprocess.run(
        [sys.executable, "-m", "generated.ecr_public", "batch-check-layer-availability",
         "--cli-input-json", json.dumps(params), "--region", "us-east-1",
         "--endpoint-url", "http://127.0.0.1:9"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 252
    assert result.stderr == f"\naws: [ERROR]: An error occurred (ParamValidation): {raised.value}\n"


# -- what is checked -------------------------------------------------------------------------


def test_botocore_s_own_issues_read_as_botocore_reports_them() -> None:
    """Where botocore finds every issue itself, the installed check reports exactly that."""
    params: dict[str, Any] = {"layerDigests": "not-a-list", "extra": 1}
    plain = make_client("ecr-public")
    with pytest.raises(ParamValidationError) as botocore_says:
        plain.batch_check_layer_availability(**params)
    checked = make_client("ecr-public")
    install_validation(checked)
    with pytest.raises(ParamValidationError) as we_say:
        checked.batch_check_layer_availability(**params)
    assert str(we_say.value) == str(botocore_says.value)
    assert str(we_say.value).count("\n") == 3  # missing, unknown, type: all three at once


def test_max_and_pattern_botocore_lets_through_are_caught_with_its_own_issues() -> None:
    client = make_client("ecr-public")
    install_validation(client)
    with pytest.raises(ParamValidationError) as raised:
        client.batch_check_layer_availability(repositoryName="UPPER", layerDigests=[DIGEST] * 101,
                                              registryId=5)
    report = str(raised.value).splitlines()
    assert report[0] == "Parameter validation failed:"
    assert any("registryId" in line and "valid types: <class 'str'>" in line for line in report)
    assert any("repositoryName" in line and "valid pattern" in line for line in report)
    assert any("layerDigests, value: 101, valid max length: 100" in line for line in report)
    issues = validate_batch_check_layer_availability_request(
        {"repositoryName": "UPPER", "layerDigests": [DIGEST] * 101, "registryId": 5})
    assert str(raised.value) == FAILED + "\n".join(i.message for i in issues)


def test_presigned_and_stubbed_calls_are_checked_too() -> None:
    client = make_client("ecr-public")
    install_validation(client)
    with pytest.raises(ParamValidationError, match="repositoryName"):
        client.generate_presigned_url("describe_repositories",
                                      Params={"repositoryNames": ["a"]})
    with Stubber(client) as stubber:
        stubber.add_response("describe_repositories", {"repositories": []})
        with pytest.raises(ParamValidationError, match="valid min length: 2"):
            client.describe_repositories(repositoryNames=["a"])
        assert client.describe_repositories(repositoryNames=["ab"]) == {"repositories": []}


def test_installing_twice_checks_once() -> None:
    calls: list[object] = []

    def validator(params: object) -> list[Any]:
        calls.append(params)
        return []

    client = make_client("ecr-public")
    for _ in range(2):
        install(client, "ecr-public", "2020-10-30", {"DescribeRegistries": validator})
    with Stubber(client) as stubber:
        stubber.add_response("describe_registries", {"registries": []})
        client.describe_registries()
    assert calls == [{}]


def test_an_operation_the_bindings_do_not_know_is_left_to_botocore() -> None:
    client = make_client("ecr-public")
    install(client, "ecr-public", "2020-10-30", {})
    with Stubber(client) as stubber:
        stubber.add_response("describe_repositories", {"repositories": []})
        client.describe_repositories(repositoryNames=["a" * 300])  # botocore checks no max
    with pytest.raises(ParamValidationError, match="Missing required"):
        client.batch_check_layer_availability(layerDigests=[DIGEST])  # botocore's own check


# -- the installed check is the generated validator, whatever the input ----------------------

_JUNK = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=3),
                  st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2),
                                                                       st.integers(), max_size=2))


@pytest.fixture(scope="module")
def stubbed() -> Any:
    client = make_client("ecr-public")
    install_validation(client)
    return client


@pytest.mark.parametrize("op", OPERATIONS)
def test_a_call_raises_exactly_the_validator_s_report(stubbed: Any, op: str) -> None:
    """Drawn valid requests with one member dropped, added or replaced by junk: the call raises
    the validator's own report, or, when that is empty, goes through (to a Stubber, whose
    drawn response botocore validates)."""
    method = REQUESTS[op]
    validate = REQUEST_VALIDATORS[op]

    @settings(max_examples=15)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        params = data.draw(getattr(ecr_strategies, f"{method}_request")()).to_dict()
        change = data.draw(st.sampled_from(["drop", "add", "replace", "none"]))
        if change == "drop" and params:
            del params[data.draw(st.sampled_from(sorted(params)))]
        elif change == "add":
            params[data.draw(st.text(min_size=1, max_size=8))] = data.draw(_JUNK)
        elif change == "replace" and params:
            params[data.draw(st.sampled_from(sorted(params)))] = data.draw(_JUNK)
        issues = validate(params)
        with Stubber(stubbed) as stubber:
            testing.add_response(stubber, op, data)
            if issues:
                with pytest.raises(ParamValidationError) as raised:
                    getattr(stubbed, method)(**params)
                assert str(raised.value) == FAILED + "\n".join(i.message for i in issues)
            else:
                getattr(stubbed, method)(**params)

    check()


# -- refusals --------------------------------------------------------------------------------


def test_another_service_s_client_is_refused() -> None:
    with pytest.raises(ValueError) as raised:
        install_validation(make_client("ecr"))
    assert str(raised.value) == (
        "install_validation: these bindings are for ecr-public but the client is for ecr "
        "(endpoint prefix api.ecr); use the bindings generated for ecr"
    )


def test_another_api_version_and_a_non_client_are_refused() -> None:
    model = SimpleNamespace(service_name="ecr-public", api_version="2019-01-01",
                            endpoint_prefix="api.ecr-public")
    with pytest.raises(ValueError, match="API version 2020-10-30 but the client's model is API "
                                         "version 2019-01-01; create the client with "
                                         "api_version='2020-10-30'"):
        install_validation(SimpleNamespace(meta=SimpleNamespace(service_model=model)))
    with pytest.raises(TypeError, match="install_validation takes a botocore client .* not dict"):
        install_validation({})


def test_the_package_imports_botocore_only_when_installing() -> None:
    code = (
        "import sys\n"
        "from generated.ecr_public import install_validation\n"
        "print(sorted(m for m in sys.modules if m.startswith(('botocore', 'generated.'))))\n"
        "before = set(sys.modules)\n"
        "import generated._runtime.client\n"
        "print(sorted({m.split('.')[0] for m in set(sys.modules) - before}"
        " - set(sys.stdlib_module_names) - {'generated'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert out == "['generated.ecr_public']\n[]\n"


# -- client forms of blobs and timestamps (the kinds fixture) -----------------------------------


@pytest.fixture(scope="module")
def kinds_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kinds")
    generate_into(root, "--model", str(FIXTURES / "kinds" / "2024-01-01" / "service-2.json"),
                  "--service-name", "kinds")
    return root


def _purge_generated() -> None:
    for name in [m for m in sys.modules if m == "generated" or m.startswith("generated.")]:
        del sys.modules[name]


@pytest.fixture
def kinds(kinds_root: Path) -> Iterator[ModuleType]:
    """generated.kinds from the scratch root (its runtime too), the checkout's put back after."""
    import importlib

    saved = {m: mod for m, mod in sys.modules.items()
             if m == "generated" or m.startswith("generated.")}
    _purge_generated()
    sys.path.insert(0, str(kinds_root))
    try:
        yield importlib.import_module("generated.kinds")
    finally:
        sys.path.remove(str(kinds_root))
        _purge_generated()
        sys.modules.update(saved)


def kinds_client() -> Any:
    session = botocore.session.Session()
    session.get_component("data_loader").search_paths.insert(0, str(FIXTURES))
    return make_client("kinds", session=session)


def test_str_blobs_and_timestamps_are_checked_in_the_form_botocore_sends(
    kinds: ModuleType,
) -> None:
    client = kinds_client()
    kinds.install_validation(client)
    valid = {"from": "a", "Tree": {"Name": "n"}}
    with Stubber(client) as stubber:
        stubber.add_response("put_thing", {"Tree": {"Name": "x"}})
        # raw text (not base64), a date alone and epoch digits: botocore takes all three
        client.put_thing(**valid, Payload="raw text!", When="2024-01-31", WhenEpoch="1700000000")
    with pytest.raises(ParamValidationError) as raised:
        client.put_thing(**valid, Payload="", When="someday", type="blue")
    assert str(raised.value).splitlines()[1:] == [
        "Invalid length for parameter Payload, value: 0, valid min length: 1",
        "Invalid type for parameter When, value: someday, type: <class 'str'>, valid types: "
        "<class 'datetime.datetime'>, timestamp-string",
        "Invalid value for parameter type, value: blue, valid values: red, Green, light-blue, "
        "2tone, None",
    ]
    with pytest.raises(ParamValidationError, match="valid max length: 1024"):
        client.put_thing(**valid, Payload="é" * 513)  # 1,026 bytes in UTF-8


def test_input_nested_too_deeply_is_one_issue(kinds: ModuleType) -> None:
    client = kinds_client()
    kinds.install_validation(client)
    tree: dict[str, Any] = {"Name": "leaf"}
    for _ in range(sys.getrecursionlimit() * 2):
        tree = {"Name": "n", "Parent": tree, "Bad": 1}
    with pytest.raises(ParamValidationError, match="input nested too deeply"):
        client.put_thing(**{"from": "a", "Tree": tree, "When": "2024-01-31"})


def test_client_forms_walk_only_what_leads_to_blobs_and_timestamps() -> None:
    from datetime import datetime, timezone

    from botocore.model import ShapeResolver

    from generated._runtime.client import client_forms

    resolver = ShapeResolver({
        "In": {"type": "structure", "members": {"Blobs": {"shape": "Blobs"},
                                                "Tree": {"shape": "Node"},
                                                "Names": {"shape": "Names"}}},
        "Blobs": {"type": "list", "member": {"shape": "B"}},
        "Names": {"type": "list", "member": {"shape": "S"}},
        "Node": {"type": "structure", "members": {"When": {"shape": "T"},
                                                  "Kids": {"shape": "Kids"}}},
        "Kids": {"type": "map", "key": {"shape": "S"}, "value": {"shape": "Node"}},
        "Plain": {"type": "structure", "members": {"Names": {"shape": "Names"}}},
        "B": {"type": "blob"}, "S": {"type": "string"}, "T": {"type": "timestamp"},
    })
    convert = client_forms(resolver.get_shape_by_name("In"))
    assert convert is not None
    params = {"Blobs": ["a", b"b"], "Names": ["x"],
              "Tree": {"When": "2024-01-31", "Kids": {"k": {"When": 5, "Kids": {}}}}}
    assert convert(params) == {
        "Blobs": [b"a", b"b"], "Names": ["x"],
        "Tree": {"When": datetime(2024, 1, 31, tzinfo=timezone.utc),
                 "Kids": {"k": {"When": 5, "Kids": {}}}},
    }
    assert params["Blobs"] == ["a", b"b"]  # a copy: the caller's parameters are not changed
    untouched = {"Blobs": [b"a"], "Names": ["x"], "Tree": {"When": "someday", "Kids": "odd"}}
    assert convert(untouched) is untouched  # nothing to change: nothing copied
    assert client_forms(resolver.get_shape_by_name("Plain")) is None
