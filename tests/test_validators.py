"""The validators emitter, through the emitted code: botocore-equal messages and order, our extra
checks, every value kind of the validator-kinds fixture, fast path == report, never raising,
agreement with the JSON Schemas, and `mypy --strict` on the emitted modules."""

from __future__ import annotations

import base64
import decimal
import json
import math
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

import botocore.session
import jsonschema
import pytest
from botocore.exceptions import ParamValidationError
from botocore.model import ServiceModel
from botocore.validate import ParamValidator, validate_parameters
from hypothesis import given
from hypothesis import strategies as st

import ajv_oracle
from conftest import FIXTURES
from generator import pipeline
from generator.emit import runtime, schemas, validators
from generator.ir import Kind, Service
from generator.write import format_artifact
from helpers import import_emitted_validators, import_native

FIXTURE = FIXTURES / "validator-kinds" / "service-2.json"
EXTRA = (" valid max length: ", " valid max value: ", " valid pattern: ", " valid values: ",
         "canonical base64")


def emit_module(service: Service, root: Path) -> ModuleType:
    """Write the validators module in a package under `root`, beside the runtime, and import
    it."""
    return import_emitted_validators(service, root / f"{service.module_name}_validators.py",
                                     f"_emitted_{service.module_name}_validators")


@pytest.fixture(scope="module")
def ecr_service() -> Service:
    return pipeline.load("ecr-public")


@pytest.fixture(scope="module")
def kinds_service() -> Service:
    return pipeline.load(model=str(FIXTURE), service_name="validatorkinds")


@pytest.fixture(scope="module")
def ecr(ecr_service: Service, tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return emit_module(ecr_service, tmp_path_factory.mktemp("ecr"))


@pytest.fixture(scope="module")
def kinds_python(kinds_service: Service, tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return emit_module(kinds_service, tmp_path_factory.mktemp("kinds"))


@pytest.fixture(scope="module")
def kinds_native(kinds_service: Service) -> ModuleType:
    """The `botogen compile` build: recursive shapes (Node) count their depth there."""
    return import_native(kinds_service, FIXTURE)


@pytest.fixture(scope="module", params=["python", "native"])
def kinds(request: pytest.FixtureRequest) -> ModuleType:
    """Every kinds test runs on validators.py and on its compiled build."""
    module: ModuleType = request.getfixturevalue(f"kinds_{request.param}")
    return module


ECR_MODEL = botocore.session.get_session().get_service_model("ecr-public")
KINDS_MODEL = ServiceModel(json.loads(FIXTURE.read_text(encoding="utf-8")), "validatorkinds")


def botocore_messages(model: ServiceModel, operation: str, params: object) -> list[str]:
    report = ParamValidator().validate(params, model.operation_model(operation).input_shape)
    return report.generate_report().split("\n") if report.has_errors() else []


def messages(issues: list[Any]) -> list[str]:
    return [i.message for i in issues]


def botocore_kinds(issues: list[Any]) -> list[str]:
    """Our messages of the checks botocore makes too (drops max, pattern, enum, base64, and the
    bool-as-number cases botocore accepts)."""
    return [m for m in messages(issues) if not any(e in m for e in EXTRA)
            and not ("type: <class 'bool'>, valid types: " in m
                     and "<class 'bool'>" not in m.rsplit("valid types: ", 1)[1])]


# -- the flagship: BatchCheckLayerAvailability ---------------------------------------------------

DIGEST = "sha256:" + "a" * 64
FLAGSHIP_VALID = [
    {"repositoryName": "my-repo", "layerDigests": [DIGEST]},
    {"registryId": "123456789012", "repositoryName": "team/app.web",
     "layerDigests": tuple(f"sha256:{i:064x}" for i in range(100))},
    {"repositoryName": "ab", "layerDigests": [""] * 9},
]


@pytest.mark.parametrize("params", FLAGSHIP_VALID)
def test_flagship_accepts_valid_requests(ecr: ModuleType, params: dict[str, Any]) -> None:
    assert ecr.validate_batch_check_layer_availability_request(params) == []
    assert botocore_messages(ECR_MODEL, "BatchCheckLayerAvailability", params) == []


# (params, the issues' paths): every problem here is one botocore detects as well
FLAGSHIP_BOTOCORE = [
    (None, [""]),
    ([("repositoryName", "x")], [""]),
    ({}, ["repositoryName", "layerDigests"]),
    ({"layerDigests": [DIGEST]}, ["repositoryName"]),
    ({"repositoryName": "my-repo", "layerDigests": [DIGEST], "bogus": 1, 7: 2},
     ["bogus", "7"]),
    ({"repositoryName": 5, "layerDigests": DIGEST}, ["repositoryName", "layerDigests"]),
    ({"repositoryName": "a", "layerDigests": []}, ["repositoryName", "layerDigests"]),
    ({"repositoryName": "my-repo", "layerDigests": [DIGEST, 5, None, b"x"]},
     ["layerDigests[1]", "layerDigests[2]", "layerDigests[3]"]),
    ({"repositoryName": "my-repo", "layerDigests": [1] * 20},
     [f"layerDigests[{i}]" for i in range(20)]),
    ({"registryId": "1", "layerDigests": [None], "extra": {}, "repositoryName": None},
     ["extra", "registryId", "layerDigests[0]", "repositoryName"]),
    ({"registryId": "1", "extra": {}, "layerDigests": [None]},
     ["repositoryName", "extra", "registryId", "layerDigests[0]"]),
]


@pytest.mark.parametrize("params, paths", FLAGSHIP_BOTOCORE)
def test_flagship_messages_and_order_are_botocores(ecr: ModuleType, params: Any,
                                                   paths: list[str]) -> None:
    issues = ecr.validate_batch_check_layer_availability_request(params)
    assert [i.path for i in issues] == paths
    ours = "Parameter validation failed:\n" + "\n".join(messages(issues))
    with pytest.raises(ParamValidationError) as raised:
        validate_parameters(params, ECR_MODEL.operation_model("BatchCheckLayerAvailability")
                            .input_shape)
    assert ours == str(raised.value)


def test_flagship_message_texts(ecr: ModuleType) -> None:
    issues = ecr.validate_batch_check_layer_availability_request(
        {"registryId": "1", "layerDigests": [None], "extra": {}, "repositoryName": None})
    assert messages(issues) == [
        'Unknown parameter in input: "extra", must be one of: registryId, repositoryName, '
        "layerDigests",
        "Invalid length for parameter registryId, value: 1, valid min length: 2",
        "Invalid type for parameter layerDigests[0], value: None, type: <class 'NoneType'>, "
        "valid types: <class 'str'>",
        "Invalid type for parameter repositoryName, value: None, type: <class 'NoneType'>, "
        "valid types: <class 'str'>",
    ]


def test_flagship_extra_checks(ecr: ModuleType) -> None:
    params = {"registryId": "x" * 51, "repositoryName": "UPPER",
              "layerDigests": ["d" * 1001] + [DIGEST] * 100}
    issues = ecr.validate_batch_check_layer_availability_request(params)
    assert messages(issues) == [
        "Invalid length for parameter registryId, value: 51, valid max length: 50",
        "Invalid value for parameter repositoryName, value: UPPER, valid pattern: "
        "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*",
        "Invalid length for parameter layerDigests, value: 101, valid max length: 100",
        "Invalid length for parameter layerDigests[0], value: 1001, valid max length: 1000",
    ]
    assert [i.path for i in issues] == ["registryId", "repositoryName", "layerDigests",
                                        "layerDigests[0]"]
    assert botocore_messages(ECR_MODEL, "BatchCheckLayerAvailability", params) == []


def test_flagship_str_subclasses_and_tuples(ecr: ModuleType) -> None:
    class Digest(str):
        pass

    params = {"repositoryName": Digest("my-repo"), "layerDigests": (Digest(DIGEST),) * 10}
    assert ecr.validate_batch_check_layer_availability_request(params) == []
    params["layerDigests"] = (Digest(DIGEST),) * 9 + ("x" * 1001,)
    assert [i.path for i in ecr.validate_batch_check_layer_availability_request(params)] == [
        "layerDigests[9]"]


def test_nested_paths(ecr: ModuleType) -> None:
    params = {"repositoryName": "my-repo",
              "catalogData": {"description": 1, "architectures": ["x86", ""], "bogus": 0},
              "tags": [{"Key": "k", "Value": 2}, {"Key": ""}]}
    issues = ecr.validate_create_repository_request(params)
    assert [(i.path, i.message) for i in issues] == [
        ("catalogData.bogus", 'Unknown parameter in catalogData: "bogus", must be one of: '
         "description, architectures, operatingSystems, logoImageBlob, aboutText, usageText"),
        ("catalogData.description", "Invalid type for parameter catalogData.description, "
         "value: 1, type: <class 'int'>, valid types: <class 'str'>"),
        ("catalogData.architectures[1]", "Invalid length for parameter "
         "catalogData.architectures[1], value: 0, valid min length: 1"),
        ("tags[0].Value", "Invalid type for parameter tags[0].Value, value: 2, "
         "type: <class 'int'>, valid types: <class 'str'>"),
        ("tags[1].Key", "Invalid length for parameter tags[1].Key, value: 0, "
         "valid min length: 1"),
    ]
    assert messages(issues) == botocore_messages(ECR_MODEL, "CreateRepository", params)


def test_bool_is_not_a_number_unlike_botocore(ecr: ModuleType) -> None:
    """A documented deviation: botocore takes False as the int 0 and range-checks it."""
    params = {"repositoryName": "my-repo", "maxResults": False}
    assert messages(ecr.validate_describe_images_request(params)) == [
        "Invalid type for parameter maxResults, value: False, type: <class 'bool'>, "
        "valid types: <class 'int'>"]
    assert botocore_messages(ECR_MODEL, "DescribeImages", params) == [
        "Invalid value for parameter maxResults, value: False, valid min value: 1"]
    assert botocore_messages(ECR_MODEL, "DescribeImages", {**params, "maxResults": True}) == []


def test_responses_are_tolerant(ecr: ModuleType) -> None:
    response = {"layers": [{"layerDigest": "not a digest", "layerAvailability": "NEW",
                            "layerSize": 5, "future": True}], "added": 1}
    assert ecr.validate_batch_check_layer_availability_response(response) == []
    assert ecr.validate_describe_registries_response({}) == [
        ecr.ValidationIssue("registries", 'Missing required parameter in input: "registries"')]
    issues = ecr.validate_batch_check_layer_availability_response(
        {"layers": [{"layerSize": 1.5}], "failures": "x"})
    assert [i.path for i in issues] == ["layers[0].layerSize", "failures"]
    assert ecr.validate_get_authorization_token_response(
        {"authorizationData": {"expiresAt": "2024-05-01T12:00:00Z"}}) == []


def test_every_operation_has_both_validators(ecr: ModuleType, ecr_service: Service) -> None:
    for op in ecr_service.operations:
        for role in ("request", "response"):
            validate = getattr(ecr, f"validate_{op.snake_name}_{role}")
            assert validate(None) == [ecr.ValidationIssue("", (
                "Invalid type for parameter input, value: None, type: <class 'NoneType'>, "
                "valid types: <class 'dict'>"))]
    assert ecr.validate_get_authorization_token_request({}) == []
    assert messages(ecr.validate_get_authorization_token_request({"a": 1})) == [
        'Unknown parameter in input: "a", must be one of: ']
    assert ecr.__all__[0] == "ValidationIssue"


# -- the validator-kinds fixture -----------------------------------------------------------------

BASE = {"from": "abc", "Name": "x"}


def put(kinds: ModuleType, **members: Any) -> list[Any]:
    return list(kinds.validate_put_item_request({**BASE, **members}))


def test_dollar_is_end_of_input(kinds: ModuleType) -> None:
    assert put(kinds) == []
    assert messages(put(kinds, **{"from": "abc\n"})) == [
        "Invalid value for parameter from, value: abc\n, valid pattern: ^[a-z]+$"]
    assert messages(put(kinds, Tags={"ab\n": "v"})) == [
        "Invalid value for parameter Tags (key: ab\n), value: ab\n, valid pattern: "
        "^[a-z][a-z0-9-]*$"]


def test_unicode_property_pattern_is_enforced(kinds: ModuleType) -> None:
    """`^\\p{L}+$`: letters of any script (Unicode General_Category L), nothing else."""
    assert put(kinds, Letters="Ωmégaǅ") == []
    assert messages(put(kinds, Letters="123 !")) == [
        "Invalid value for parameter Letters, value: 123 !, valid pattern: ^\\p{L}+$"]
    assert messages(put(kinds, Letters="x" * 21)) == [
        "Invalid length for parameter Letters, value: 21, valid max length: 20"]


def test_keyword_member_names(kinds: ModuleType) -> None:
    assert put(kinds, **{"return": 100, "lambda": 1.5}) == []
    assert [i.path for i in put(kinds, **{"return": -1, "lambda": 0.1})] == ["return", "lambda"]
    assert [i.path for i in kinds.validate_put_item_request({"Name": "x"})] == ["from"]


def test_integers(kinds: ModuleType) -> None:
    assert put(kinds, Size=2**63 - 1) == [] and put(kinds, Size=-(2**63)) == []
    assert messages(put(kinds, Size=2**63)) == [
        f"Invalid value for parameter Size, value: {2**63}, valid max value: {2**63 - 1}"]
    for bad in (True, 1.0, "1", None):
        assert messages(put(kinds, **{"return": bad})) == [
            f"Invalid type for parameter return, value: {bad}, type: {type(bad)}, "
            "valid types: <class 'int'>"]
    huge = put(kinds, Size=10**5000)
    assert messages(huge) == [
        "Invalid value for parameter Size, value: <int of 16610 bits>, "
        f"valid max value: {2**63 - 1}"]


def test_floats(kinds: ModuleType) -> None:
    for good in (0.5, 1, decimal.Decimal("1.25"), math.nan, decimal.Decimal("NaN")):
        assert put(kinds, **{"lambda": good}) == [], good
    assert messages(put(kinds, **{"lambda": math.inf})) == [
        "Invalid value for parameter lambda, value: inf, valid max value: 1.5"]
    assert messages(put(kinds, **{"lambda": True})) == [
        "Invalid type for parameter lambda, value: True, type: <class 'bool'>, "
        "valid types: <class 'float'>, <class 'decimal.Decimal'>, <class 'int'>"]
    assert [i.path for i in put(kinds, Matrix=[[0.5, "x"], [], (2,)])] == [
        "Matrix[0][1]", "Matrix[1]", "Matrix[2][0]"]


@pytest.mark.parametrize("value", [datetime(2024, 5, 1), datetime(2024, 5, 1, tzinfo=timezone.utc),
                                   "2024-05-01T12:00:00+00:00", "1970-01-01T00:00:00",
                                   "2024-02-29T00:00:00.5Z", 0, 1714564800, 1.5, -1])
def test_timestamps_accepted(kinds: ModuleType, value: object) -> None:
    assert put(kinds, When=value, WhenEpoch=value) == []


@pytest.mark.parametrize("value", ["2023-02-29T00:00:00", "2024-05-01", "2024-05-01T12:00:00Z\n",
                                   "yesterday", True, math.nan, math.inf, None, [],
                                   datetime(2024, 5, 1).date()])
def test_timestamps_rejected(kinds: ModuleType, value: object) -> None:
    assert messages(put(kinds, When=value)) == [
        f"Invalid type for parameter When, value: {value}, type: {type(value)}, "
        "valid types: <class 'datetime.datetime'>, timestamp-string"]


def test_blobs_decoded_length(kinds: ModuleType) -> None:
    for good in (b"ab", bytearray(b"abcde"), "AAE=", "AAECAwQ=", base64.b64encode(b"xyz").decode()):
        assert put(kinds, Payload=good) == [], good
    assert messages(put(kinds, Payload="AA==")) == [
        "Invalid length for parameter Payload, value: 1, valid min length: 2"]
    assert messages(put(kinds, Payload=b"abcdef")) == [
        "Invalid length for parameter Payload, value: 6, valid max length: 5"]
    assert messages(put(kinds, Payload="AAB=")) == [
        "Invalid value for parameter Payload, value: AAB=, valid value: canonical base64 string"]
    assert messages(put(kinds, Payload=5)) == [
        "Invalid type for parameter Payload, value: 5, type: <class 'int'>, valid types: "
        "<class 'bytes'>, <class 'bytearray'>, file-like object"]
    import io

    assert put(kinds, Payload=io.BytesIO(b"x" * 100)) == []  # file-like: not measured


def test_union(kinds: ModuleType) -> None:
    assert put(kinds, Choice={"Number": 3}) == []
    assert messages(put(kinds, Choice={})) == [
        "Must set one of the following keys for tagged unionstructure Choice: Text, Number, Tree."]
    assert messages(put(kinds, Choice={"Text": "a", "Bogus": 1})) == [
        "Invalid number of parameters set for tagged union structure Choice. Can only set one of "
        "the following keys: Text, Number, Tree.",
        'Unknown parameter in Choice: "Bogus", must be one of: Text, Number, Tree']
    assert kinds.validate_put_item_response({"Name": "x", "Choice": {"New": 1}}) == []


def test_maps(kinds: ModuleType) -> None:
    assert put(kinds, Tags={"a-1": "v"}, ColorCounts={"red": 1, "Green": 100}) == []
    issues = put(kinds, Tags={}, ColorCounts={"blue": 1, 2: "x"})
    assert [(i.path, i.message) for i in issues] == [
        ("Tags", "Invalid length for parameter Tags, value: 0, valid min length: 1"),
        ("ColorCounts (key: blue)", "Invalid value for parameter ColorCounts (key: blue), "
         "value: blue, valid values: red, Green, light-blue"),
        ("ColorCounts (key: 2)", "Invalid type for parameter ColorCounts (key: 2), value: 2, "
         "type: <class 'int'>, valid types: <class 'str'>"),
        ("ColorCounts.2", "Invalid type for parameter ColorCounts.2, value: x, "
         "type: <class 'str'>, valid types: <class 'int'>"),
    ]
    assert [i.path for i in put(kinds, Tags={"a": "", "b": "", "c": "", "d": ""})] == ["Tags"]


def test_documents_use_botocores_names_in_messages(kinds: ModuleType) -> None:
    assert put(kinds, Doc={"a": [1, 2.5, None, True, "s", {"b": {}}]}) == []
    params = {**BASE, "Doc": {"a": [1, {2}], "b": {"c": (1,)}}}
    issues = kinds.validate_put_item_request(params)
    assert [i.path for i in issues] == ["Doc.a[1]", "Doc.b.c"]
    assert messages(issues) == botocore_messages(KINDS_MODEL, "PutItem", params)
    loop: list[Any] = []
    loop.append(loop)
    assert messages(put(kinds, Doc=loop)) == [
        "Invalid document parameter Doc[0]: it contains itself"]
    shared = [1]
    assert put(kinds, Doc={"a": shared, "b": shared}) == []


def test_json_value_header(kinds: ModuleType) -> None:
    assert put(kinds, Settings={"any": ["json", 1]}) == []
    assert messages(put(kinds, Settings={1, 2})) == [
        "Invalid parameter Settings must be json serializable: Object of type set is not JSON "
        "serializable"]


def test_host_label_minimum(kinds: ModuleType) -> None:
    params = {"Account": "", "Tree": {"Value": "a"}}
    assert messages(kinds.validate_get_tree_request(params)) == botocore_messages(
        KINDS_MODEL, "GetTree", params) == [
        "Invalid length for parameter Account, value: 0, valid min length: 1"]


def test_recursion(kinds: ModuleType) -> None:
    tree: dict[str, Any] = {"Value": "leaf"}
    for _ in range(60):
        tree = {"Value": "node", "Children": [tree], "Parent": {"Value": "p"}}
    assert kinds.validate_get_tree_request({"Account": "1", "Tree": tree}) == []
    tree["Children"][0]["Children"][0]["Value"] = 1
    issues = kinds.validate_get_tree_request({"Account": "1", "Tree": tree})
    assert [i.path for i in issues] == ["Tree.Children[0].Children[0].Value"]


def test_no_input_or_output(kinds: ModuleType) -> None:
    assert kinds.validate_ping_request({}) == [] and kinds.validate_ping_response({"a": 1}) == []
    assert messages(kinds.validate_ping_request({"a": 1})) == [
        'Unknown parameter in input: "a", must be one of: ']
    assert [i.path for i in kinds.validate_ping_response([])] == [""]


def test_responses_skip_enum_and_pattern_but_check_the_rest(kinds: ModuleType) -> None:
    assert kinds.validate_put_item_response({"Name": "UPPER\n", "Color": "mauve", "x": 1}) == []
    assert [i.path for i in kinds.validate_put_item_response(
        {"Color": 1, "Payload": b"x", "When": "soon"})] == ["Name", "Color", "Payload", "When"]


# -- never raising ------------------------------------------------------------------------------

class Hostile:
    def __str__(self) -> str:
        raise RuntimeError("no str")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no eq")

    def __hash__(self) -> int:
        return id(self)


def chaos() -> st.SearchStrategy[Any]:
    leaves = st.one_of(
        st.none(), st.booleans(), st.integers(), st.builds(pow, st.just(10), st.just(5000)),
        st.floats(),
        st.text(max_size=5), st.binary(max_size=5), st.decimals(), st.datetimes(),
        st.builds(Hostile), st.builds(object), st.just(math.nan),
    )
    return st.recursive(leaves, lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.tuples(inner), st.frozensets(st.integers(), max_size=2),
        st.dictionaries(st.one_of(st.text(max_size=8), st.integers(), st.builds(Hostile)), inner,
                        max_size=4),
        st.dictionaries(st.sampled_from(sorted(BASE) + ["Doc", "Tags", "Choice", "Tree", "Matrix",
                                                        "Payload", "When", "layerDigests"]),
                        inner, max_size=5),
    ), max_leaves=12)


@given(value=chaos())
def test_never_raises(ecr: ModuleType, kinds: ModuleType, value: Any) -> None:
    for module in (ecr, kinds):
        for name in module.__all__[1:]:
            issues = getattr(module, name)(value)
            assert isinstance(issues, list)
            assert all(isinstance(i, module.ValidationIssue) for i in issues)


def test_never_raises_on_deep_or_odd_input(kinds: ModuleType) -> None:
    deep: dict[str, Any] = {"Value": "a"}
    for _ in range(100_000):  # compiled, a recursion this deep would overflow the C stack
        deep = {"Value": "a", "Parent": deep}
    issues = kinds.validate_get_tree_request({"Account": "1", "Tree": deep})
    assert messages(issues) == ["Parameter validation stopped: input nested too deeply"]
    nested: list[Any] = []
    for _ in range(100_000):
        nested = [nested]
    assert put(kinds, Doc=nested) == []
    odd = {**BASE, Hostile(): 1}  # unknown, then its __eq__ raises when values are checked
    assert [i.message for i in kinds.validate_put_item_request(odd)][1:] == [
        "Parameter validation stopped: RuntimeError raised"]
    assert put(kinds, Name=Hostile())[0].message.startswith(
        "Invalid type for parameter Name, value: <Hostile object>")


# -- fast path == report, and botocore agreement, on generated near-valid values ---------------

def near_valid(service: Service, name: str, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values that are mostly right: each node sometimes replaced by a wrong one."""
    shape = service.shape(name)
    kind = shape.kind
    wrong = st.one_of(st.none(), st.integers(-3, 3), st.text(max_size=3),
                      st.builds(list), st.builds(dict), st.just(1.5))
    if depth > 4:
        return wrong
    if kind in (Kind.STRUCTURE, Kind.UNION):
        members = {m.name: near_valid(service, m.target, depth + 1) for m in shape.members}
        value: st.SearchStrategy[Any] = st.fixed_dictionaries({}, optional={
            **members, "unknownKey": st.integers()})
    elif kind is Kind.LIST:
        assert shape.member is not None
        value = st.lists(near_valid(service, shape.member.target, depth + 1), max_size=10)
    elif kind is Kind.MAP:  # botocore does not check map sizes: stay above the minimum
        assert shape.key is not None and shape.value is not None
        keys = service.shape(shape.key.target)
        key_values = (st.sampled_from(keys.enum) if keys.enum else
                      st.text(alphabet="ab-9Z", max_size=10))
        low = int(shape.min or 0)
        value = st.dictionaries(key_values | st.integers(0, 2),
                                near_valid(service, shape.value.target, depth + 1),
                                min_size=low, max_size=low + 3)
        if low:
            wrong = wrong.filter(lambda w: not isinstance(w, dict))
    elif kind is Kind.STRING:
        value = (st.sampled_from(shape.enum) | st.just("nope") if shape.enum else
                 st.text(alphabet="abcxyzABC019-_./:\n ", max_size=14))
    elif kind in (Kind.INTEGER, Kind.LONG):  # no bools: see test_bool_is_not_a_number
        value = st.integers(-5, 105) | st.integers(-(2**40), 2**70)
    elif kind in (Kind.FLOAT, Kind.DOUBLE):
        value = (st.floats(-1, 3) | st.sampled_from([math.inf, -math.inf, math.nan])
                 | st.decimals(-1, 3, places=2))
    elif kind is Kind.BOOLEAN:
        value = st.booleans()
    elif kind is Kind.TIMESTAMP:
        value = st.sampled_from([datetime(2024, 1, 1), "2024-05-01T12:00:00Z", 12.5, 0,
                                 "garbage", math.nan])
    elif kind is Kind.BLOB:  # botocore has no blob minimum: stay above ours
        low = int(shape.min or 0)
        encoded = [base64.b64encode(bytes(n)).decode() for n in range(low, low + 8)]
        value = (st.binary(min_size=low, max_size=low + 6)
                 | st.sampled_from([*encoded, "AAB=", "not base64"]))
        wrong = st.one_of(st.none(), st.integers(-3, 3), st.builds(list), st.just(1.5))
    else:
        value = st.recursive(st.none() | st.integers() | st.text(max_size=3) | st.booleans()
                             | st.floats(allow_nan=False) | st.builds(set) | st.builds(tuple),
                             lambda inner: st.lists(inner, max_size=3)
                             | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                             max_leaves=6)
    return value | wrong


def roots(service: Service) -> list[tuple[str, str, str]]:
    """(operation, role, shape) of every operation's request and response."""
    return [(op.name, role, shape) for op in service.operations
            for role, shape in (("request", op.input), ("response", op.output)) if shape]


def fast_and_report(module: ModuleType, role: str, shape: str
                    ) -> tuple[Callable[[object], bool], Callable[[object], list[Any]]]:
    tag = "q" if role == "request" else "r"
    check = getattr(module, f"_ck_{tag}_{shape}")
    return getattr(module, f"_ok_{tag}_{shape}"), lambda data: module._report(check, data)


@pytest.mark.parametrize("which", ["ecr", "kinds_python", "kinds_native"])
def test_fast_path_agrees_with_the_report(which: str, request: pytest.FixtureRequest) -> None:
    module = request.getfixturevalue(which)
    service = request.getfixturevalue(f"{which.split('_')[0]}_service")

    for operation, role, shape in roots(service):
        fast, report = fast_and_report(module, role, shape)

        @given(value=near_valid(service, shape))
        def check(value: Any) -> None:
            assert fast(value) == (report(value) == []), report(value)

        check()


@pytest.mark.parametrize("which", ["ecr", "kinds_python", "kinds_native"])
def test_botocore_agrees_on_the_checks_it_makes(which: str, request: pytest.FixtureRequest) -> None:
    module = request.getfixturevalue(which)
    service = request.getfixturevalue(f"{which.split('_')[0]}_service")
    model = ECR_MODEL if which == "ecr" else KINDS_MODEL
    for op in service.operations:
        if op.input is None:
            continue
        validate = getattr(module, f"validate_{op.snake_name}_request")

        @given(value=near_valid(service, op.input))
        def check(value: Any) -> None:  # whole reports: values may contain newlines
            assert "\n".join(botocore_kinds(validate(value))) == "\n".join(
                botocore_messages(model, op.name, value))

        check()


# -- schema agreement ---------------------------------------------------------------------------

AGREEMENT = [  # (operation, role, JSON document)
    ("PutItem", "request", BASE),
    ("PutItem", "request", {**BASE, "from": ""}),
    ("PutItem", "request", {**BASE, "from": "ABC"}),
    ("PutItem", "request", {**BASE, "extra": 1}),
    ("PutItem", "request", {"Name": "x"}),
    ("PutItem", "request", {**BASE, "Size": 2**63}),
    ("PutItem", "request", {**BASE, "return": 101}),
    ("PutItem", "request", {**BASE, "lambda": 1}),
    ("PutItem", "request", {**BASE, "lambda": "1"}),
    ("PutItem", "request", {**BASE, "Color": "red"}),
    ("PutItem", "request", {**BASE, "Color": "blue"}),
    ("PutItem", "request", {**BASE, "Tags": {"a": "b", "c": "d"}}),
    ("PutItem", "request", {**BASE, "Tags": {"A": "b"}}),
    ("PutItem", "request", {**BASE, "Tags": {"a": "b" * 17}}),
    ("PutItem", "request", {**BASE, "ColorCounts": {"Green": 0}}),
    ("PutItem", "request", {**BASE, "ColorCounts": {"green": 0}}),
    ("PutItem", "request", {**BASE, "Labels": ["abcd"] * 10}),
    ("PutItem", "request", {**BASE, "Labels": ["abcd"] * 11}),
    ("PutItem", "request", {**BASE, "Labels": ["abcde"]}),
    ("PutItem", "request", {**BASE, "Labels": []}),
    ("PutItem", "request", {**BASE, "Matrix": [[0.5], [1.5, 1]]}),
    ("PutItem", "request", {**BASE, "Matrix": [[]]}),
    ("PutItem", "request", {**BASE, "Doc": {"any": [None, {"x": 1.5}]}}),
    ("PutItem", "request", {**BASE, "Payload": "AAECAw=="}),
    ("PutItem", "request", {**BASE, "Payload": "AAB="}),
    ("PutItem", "request", {**BASE, "Payload": "not base64"}),
    ("PutItem", "request", {**BASE, "When": "2024-05-01T12:00:00.123+02:00", "WhenEpoch": 0}),
    ("PutItem", "request", {**BASE, "When": "2024-05-01"}),
    ("PutItem", "request", {**BASE, "When": True}),
    ("PutItem", "request", {**BASE, "Choice": {"Tree": {"Value": "a"}}}),
    ("PutItem", "request", {**BASE, "Choice": {"Tree": {}}}),
    ("PutItem", "request", {**BASE, "Choice": {}}),
    ("PutItem", "request", {**BASE, "Flag": False}),
    ("PutItem", "request", {**BASE, "Flag": 0}),
    ("PutItem", "request", {**BASE, "Letters": "12 34"}),
    ("PutItem", "request", {**BASE, "Settings": [1, {"a": None}]}),
    ("PutItem", "response", {"Name": "ANY\n", "Color": "new", "more": [1]}),
    ("PutItem", "response", {"Color": "red"}),
    ("GetTree", "request", {"Account": "", "Tree": {"Value": "a"}}),
    ("GetTree", "request", {"Account": "1", "Tree": {"Value": "a", "Children": [{}]}}),
    ("GetTree", "request", {"Account": "1", "Tree": {"Value": "a", "Children": [{"Value": "b"}]}}),
    ("Ping", "request", {}),
    ("Ping", "request", {"a": 1}),
]


def test_schema_and_validator_agree(kinds: ModuleType, kinds_service: Service) -> None:
    """python-jsonschema and ajv (ECMA-262 patterns, tests/ajv_oracle.py) on the emitted
    schemas give the validators' verdicts."""
    docs = {(a.path.rsplit("/", 1)[1]): json.loads(a.content) for a in schemas.emit(kinds_service)}
    snake = {op.name: op.snake_name for op in kinds_service.operations}
    ajv = ajv_oracle.shared()
    compiled = {name: ajv.compile(doc) for name, doc in docs.items()}
    outcomes = []
    for operation, role, document in AGREEMENT:
        name = f"{operation}.{role}.json"
        schema = jsonschema.Draft202012Validator(docs[name])
        ours = getattr(kinds, f"validate_{snake[operation]}_{role}")(document) == []
        assert schema.is_valid(document) == ours, (operation, role, document)
        if ajv_oracle.representable(document):  # not integers past 2**53 (JS numbers)
            assert (ajv.errors(compiled[name], [document])[0] == []) == ours, (
                "ajv", operation, role, document)
        outcomes.append(ours)
    assert 10 < outcomes.count(True) < len(outcomes) - 10


# -- the emitted modules type-check -------------------------------------------------------------

def test_emitted_modules_pass_mypy_strict(ecr_service: Service, kinds_service: Service,
                                          tmp_path: Path) -> None:
    paths = []
    for artifact in runtime.emit(ecr_service):
        target = tmp_path / artifact.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(artifact.content, encoding="utf-8")
    (tmp_path / "generated" / "__init__.py").write_text("")
    for service in (ecr_service, kinds_service):
        path = tmp_path / validators.validators_path(service)
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / "__init__.py").write_text("")
        path.write_bytes(format_artifact(validators.emit(service)[0]))
        paths.append(str(path))
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                             "--cache-dir", str(tmp_path / ".mypy"), *paths],
                            capture_output=True, text=True, check=False, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_emitted_module_imports_only_the_standard_library(ecr_service: Service,
                                                          kinds_service: Service) -> None:
    for service in (ecr_service, kinds_service):
        text = validators.emit(service)[0].content
        imports = {line.split()[1] for line in text.splitlines()
                   if line.startswith(("import ", "from "))}
        assert imports <= {"__future__", "collections.abc", "re", "typing",
                           ".._runtime.validation", ".._runtime.dfa"}, imports
