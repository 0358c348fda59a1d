"""The generated `testing` module: Hypothesis-drawn responses queued on botocore's Stubber.

Stubber.add_response validates every response against the client's model, so queuing one is
already botocore's verdict; the calls then return exactly what was drawn. The README's example
is run here as written.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import botocore.session
import pytest
from botocore.stub import Stubber
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from generated.ecr_public import OPERATIONS, install_validation, testing
from generated.ecr_public import strategies as ecr_strategies
from generated._runtime.testing import Operation, Responses
from helpers import generate_into


def make_client(service: str, session: Any = None) -> Any:
    session = session or botocore.session.Session()
    return session.create_client(service, region_name="us-east-1", aws_access_key_id="AKID",
                                 aws_secret_access_key="secret")


def _method(name: str) -> str:
    return testing.RESPONSES.operation(name).method


@pytest.fixture(scope="module")
def client() -> Any:
    """One ecr-public client for the module (making one takes ~0.1 s), validation installed."""
    made = make_client("ecr-public")
    install_validation(made)
    return made


@pytest.mark.parametrize("op", OPERATIONS)
def test_every_ecr_public_response_is_accepted_and_returned(client: Any, op: str) -> None:
    """The Stubber takes the drawn response and a valid call (checked by install_validation
    too) returns it, ResponseMetadata included. Few examples: the strategies themselves are
    fuzzed by the shipped property tests; this is about the Stubber taking what they draw."""

    @settings(max_examples=12)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        with Stubber(client) as stubber:
            response = testing.add_response(stubber, op, data)
            request = data.draw(getattr(ecr_strategies, f"{_method(op)}_request")())
            assert getattr(client, _method(op))(**request.to_dict()) == response
            assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
            stubber.assert_no_pending_responses()

    check()


def test_queued_responses_come_back_in_order(client: Any) -> None:
    @settings(max_examples=12)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        with Stubber(client) as stubber:
            drawn = testing.add_responses(stubber, "describe_registries", data, 3)
            assert [client.describe_registries() for _ in range(3)] == drawn
            assert len({r["ResponseMetadata"]["RequestId"] for r in drawn}) == 3

    check()


def test_pages_end_a_botocore_paginator_after_exactly_that_many_calls(client: Any) -> None:
    @settings(max_examples=20)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        pages = data.draw(st.integers(1, 4), label="pages")
        with Stubber(client) as stubber:
            drawn = testing.add_pages(stubber, "DescribeRepositories", data, pages)
            got = list(client.get_paginator("describe_repositories").paginate())
            stubber.assert_no_pending_responses()
        assert got == drawn and len(got) == pages
        assert all(page.get("nextToken") for page in drawn[:-1])
        assert "nextToken" not in drawn[-1]

    check()
    with pytest.raises(ValueError, match="ecr-public PutImage is not paginated"):
        check_not_paginated(client)


def check_not_paginated(client: Any) -> None:
    @given(st.data())
    def check(data: st.DataObject) -> None:
        with Stubber(client) as stubber:
            testing.add_pages(stubber, "put_image", data, 2)

    check()


def test_the_strategy_draws_what_a_client_returns() -> None:
    @given(testing.responses("GetAuthorizationToken"))
    def check(response: dict[str, Any]) -> None:
        data = response.get("authorizationData", {})
        assert "expiresAt" not in data or data["expiresAt"].tzinfo is not None
        assert set(response) <= {"authorizationData", "ResponseMetadata"}

    check()


def test_bad_operations_and_other_clients_are_refused() -> None:
    with pytest.raises(ValueError, match="ecr-public has no operation 'ListImages'; it has "
                                         "BatchCheckLayerAvailability, BatchDeleteImage"):
        testing.responses("ListImages")

    @given(st.data())
    def other(data: st.DataObject) -> None:
        with Stubber(make_client("ecr")) as stubber:
            testing.add_response(stubber, "DescribeRepositories", data)

    with pytest.raises(ValueError, match="testing: these bindings are for ecr-public but the "
                                         "client is for ecr"):
        other()


class _Recorder:
    """A Stubber stand-in: takes what add_response gets."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.added: list[tuple[str, dict[str, Any], Any]] = []

    def add_response(self, method: str, response: dict[str, Any], expected: Any) -> None:
        self.added.append((method, response, expected))


def _body(payload: bytes) -> Any:
    class Out:
        def to_dict(self) -> dict[str, Any]:
            return {"Body": payload, "ContentType": "text/plain"}

    return st.just(Out())


def test_a_streaming_payload_is_queued_as_a_streaming_body() -> None:
    responses = Responses("ecr-public", "2020-10-30", [
        Operation("GetThing", "get_thing", lambda: _body(b"payload"), streaming="Body"),
        Operation("Watch", "watch", None, event_stream=True),
    ])
    stubber = _Recorder(make_client("ecr-public"))

    @given(st.data())
    def check(data: st.DataObject) -> None:
        stubber.added.clear()
        [drawn] = responses.queue(stubber, "get_thing", data, expected_params={"Key": "k"})
        [(method, queued, expected)] = stubber.added
        assert method == "get_thing" and expected == {"Key": "k"}
        assert drawn["Body"] == b"payload" and queued["Body"].read() == b"payload"

    check()
    with pytest.raises(ValueError, match="Watch responds with an event stream"):
        responses.responses("Watch")


# -- every kind of shape (the kinds fixture: timestamps, blobs, unions, documents, recursion) --


@pytest.fixture(scope="module")
def kinds_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kinds")
    generate_into(root, "--model", str(FIXTURES / "kinds" / "2024-01-01" / "service-2.json"),
                  "--service-name", "kinds")
    return root


@pytest.fixture
def kinds(kinds_root: Path) -> Iterator[ModuleType]:
    import importlib

    def purge() -> None:
        for name in [m for m in sys.modules if m == "generated" or m.startswith("generated.")]:
            del sys.modules[name]

    saved = {m: mod for m, mod in sys.modules.items()
             if m == "generated" or m.startswith("generated.")}
    purge()
    sys.path.insert(0, str(kinds_root))
    try:
        yield importlib.import_module("generated.kinds.testing")
    finally:
        sys.path.remove(str(kinds_root))
        purge()
        sys.modules.update(saved)


def test_every_kind_of_response_is_accepted_by_the_stubber(kinds: ModuleType) -> None:
    session = botocore.session.Session()
    session.get_component("data_loader").search_paths.insert(0, str(FIXTURES))
    client = make_client("kinds", session)
    seen: set[str] = set()

    @given(st.data())
    def check(data: st.DataObject) -> None:
        with Stubber(client) as stubber:
            response = kinds.add_response(stubber, "PutThing", data)
            assert client.put_thing(**{"from": "a", "Tree": {"Name": "n"}}) == response
            seen.update(response)
            for op in ("GetNone", "NoIo"):
                assert kinds.add_response(stubber, op, data).keys() <= {"value",
                                                                        "ResponseMetadata"}

    check()
    assert {"When", "Payload", "Choice", "Color"} <= seen  # optional members were drawn too


# -- the README's example --------------------------------------------------------------------


def _readme_example() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    [example] = [b for b in blocks if "testing.add_response" in b]
    return example


def test_the_readme_example_runs_and_can_fail() -> None:
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    exec(compile(_readme_example(), "README.md", "exec"), namespace)
    tests = [v for k, v in namespace.items() if k.startswith("test_") and callable(v)]
    assert tests
    for test in tests:
        test()
    # The naive version of the code under test, which assumes every member is there, fails.
    def naive(client: Any) -> list[str]:
        repos = client.describe_repositories()["repositories"]
        return [r["repositoryName"] for r in sorted(repos, key=lambda r: r["createdAt"])]

    namespace["repository_names"] = naive
    quick = settings(phases=[Phase.generate], max_examples=200)  # no shrinking: just the failure
    with pytest.raises(KeyError):
        for test in tests:
            quick(test)()


def test_a_response_with_no_valid_value_is_refused_saying_why(tmp_path: Path) -> None:
    """The kinds model with Node's Name (required in PutThing's response) made uninhabitable:
    one clear error instead of Hypothesis giving up on st.nothing()."""
    import json

    model = json.loads((FIXTURES / "kinds" / "2024-01-01" / "service-2.json").read_text("utf-8"))
    model["shapes"]["NodeName"] = {"type": "string", "min": 7, "max": 64, "pattern": "^a{5}$"}
    model["shapes"]["Node"]["members"]["Name"]["shape"] = "NodeName"
    path = tmp_path / "model" / "2024-01-01" / "service-2.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(model), encoding="utf-8")
    root = tmp_path / "out"
    generate_into(root, "--model", str(path), "--service-name", "kinds")
    saved = {m: mod for m, mod in sys.modules.items()
             if m == "generated" or m.startswith("generated.")}
    for name in saved:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        import importlib

        kinds = importlib.import_module("generated.kinds.testing")
        with pytest.raises(ValueError, match="kinds PutThing has no valid response to draw: "
                                             "PutThingResponse: "):
            kinds.responses("PutThing")
        kinds.responses("GetNone")  # the others are there
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == "generated" or m.startswith("generated.")]:
            del sys.modules[name]
        sys.modules.update(saved)
