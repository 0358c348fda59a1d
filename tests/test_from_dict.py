"""from_dict's contract (docs/design.md, "from_dict"): on any value whatever it returns an
instance or raises FromDictError, never anything else; it refuses exactly what does not fit,
at the path and with the expectation an independent reference (below, written from the IR)
gives, and keeps what it accepts as given.

The property runs every structure class of ecr-public and of the three fixture services
against 100,000 values: Hypothesis draws a class, a valid value of it (both forms), a pool of
arbitrary Python values (JSON and not: sets, bytes, datetimes, objects, tuples, ...) and a
seeded random, and each example then makes 500 values by mutating the valid ones at random
paths, up to three times over (a subtree swapped for a pool value, a tricky scalar or another
subtree of the same value; a member deleted or added; a node wrapped in a list, unwrapped,
made a tuple or a read-only mapping).
"""

from __future__ import annotations

import base64
import json
import importlib
import math
import pickle
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import surgery
from conftest import FIXTURES, ROOT
from generator import pipeline
from generator.ir import Kind, Service, Shape
from generator.runtime import convert
from helpers import generate_into, import_generated

EXAMPLES, VALUES_PER_EXAMPLE = 250, 400  # 100,000 values
FIXTURE_MODELS = {  # module name -> (model path, service name)
    "kinds": (FIXTURES / "kinds" / "2024-01-01" / "service-2.json", None),
    "skelkinds": (FIXTURES / "skeleton-kinds" / "skelkinds" / "2024-01-01" / "service-2.json", None),
    "validatorkinds": (FIXTURES / "validator-kinds" / "service-2.json", "validatorkinds"),
    # a required idempotency token, a JSON-value header, names alike but for case
    "corners": (FIXTURES / "corners" / "2024-01-01" / "service-2.json", None),
}


@dataclass(frozen=True)
class Target:
    """One structure class and what the property needs of it."""

    service: Service
    shape: Shape
    cls: Any
    error: Any  # the FromDictError class of the class's own package
    strategy: st.SearchStrategy[Any] | None  # None: nothing valid can be drawn (a required cycle)

    def __repr__(self) -> str:  # what Hypothesis prints for a falsifying example
        return f"{self.service.service_name}:{self.shape.name}"


@pytest.fixture(scope="module")
def generated_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("from_dict")
    for module, (model, name) in FIXTURE_MODELS.items():
        generate_into(root, "--model", str(model), *(["--service-name", name] if name else []))
    return root


@pytest.fixture(scope="module")
def targets(generated_root: Path) -> list[Target]:
    found = [*_targets(pipeline.load("ecr-public"), import_generated(ROOT, "ecr_public.strategies"))]
    for module, (model, name) in FIXTURE_MODELS.items():
        service = pipeline.load(model=str(model), service_name=name)
        found += _targets(service, import_generated(generated_root, f"{module}.strategies"))
    return found


def _targets(service: Service, strategies: ModuleType) -> list[Target]:
    models = strategies._m  # the models module these strategies build
    out = []
    for shape in service.reached():
        if shape.kind.is_structured:
            strategy = getattr(strategies, f"_s_{shape.name}")
            drawable = shape.name not in _REQUIRED_CYCLES.get(service.service_name, ())
            out.append(Target(service, shape, getattr(models, shape.class_name),
                              models.FromDictError, strategy if drawable else None))
    return out


_REQUIRED_CYCLES = {"skelkinds": ("Link",)}  # Link requires a Link: no finite value exists


# -- the reference ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Misfit:
    path: str
    expected: str


EXPECTED = {
    Kind.STRUCTURE: "a mapping", Kind.UNION: "a mapping", Kind.MAP: "a mapping",
    Kind.LIST: "a list", Kind.STRING: "a string", Kind.INTEGER: "an integer",
    Kind.LONG: "an integer", Kind.FLOAT: "a number (int or float)",
    Kind.DOUBLE: "a number (int or float)", Kind.BOOLEAN: "a boolean",
    Kind.TIMESTAMP: "a timestamp (a datetime, an ISO 8601 string or epoch seconds)",
    Kind.BLOB: "bytes or a base64 string",
    Kind.DOCUMENT: "a document value (None, str, int, float, bool, list or dict)",
}


class _Refused(Exception):
    def __init__(self, path: str, expected: str) -> None:
        self.misfit = Misfit(path, expected)


def reference(service: Service, shape: Shape, value: Any) -> Any:
    """What from_dict(value).to_dict() must be, or the Misfit it must report (the first in
    from_dict's order: members in model order, items and entries in input order, a map key
    before its value, a union's count after its members)."""
    try:
        return _ref(service, shape, value, "")
    except _Refused as refused:
        return refused.misfit


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _ref(service: Service, shape: Shape, value: Any, path: str) -> Any:
    kind = shape.kind
    if kind.is_structured:
        if not isinstance(value, Mapping):
            raise _Refused(path, "a mapping")
        tolerant = shape.name in service.output_shapes or shape.name in service.error_shapes
        out = {}
        for m in shape.members:
            target = service.target(m)
            if m.json_value and m.location == "header":  # any JSON value, as botocore sends
                target = Shape(name=target.name, kind=Kind.DOCUMENT)
            if value.get(m.name) is not None:
                out[m.name] = _ref(service, target, value[m.name], _join(path, m.name))
            elif m.required_of_caller and not tolerant:  # botocore fills idempotency tokens
                raise _Refused(_join(path, m.name), EXPECTED[target.kind] + " (a required member)")
        if kind is Kind.UNION and len(out) > 1:
            raise _Refused(path, "at most one member set (a union)")
        return out
    if kind is Kind.LIST:
        assert shape.member is not None
        if not isinstance(value, (list, tuple)):
            raise _Refused(path, "a list")
        return [_ref(service, service.target(shape.member), x, f"{path}[{i}]")
                for i, x in enumerate(value)]
    if kind is Kind.MAP:
        assert shape.key is not None and shape.value is not None
        if not isinstance(value, Mapping):
            raise _Refused(path, "a mapping")
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise _Refused(f"{path} (key: {k})", "a string")
            out[k] = _ref(service, service.target(shape.value), v, _join(path, k))
        return out
    if kind is Kind.DOCUMENT:
        _document(value, path, ())
        return value
    ok, out = _scalar(kind, value)
    if not ok:
        raise _Refused(path, EXPECTED[kind])
    return out


def _scalar(kind: Kind, value: Any) -> tuple[bool, Any]:
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind is Kind.STRING:
        return isinstance(value, str), value
    if kind.is_integral:
        return isinstance(value, int) and not isinstance(value, bool), value
    if kind.is_floating:
        return number, value
    if kind is Kind.BOOLEAN:
        return isinstance(value, bool), value
    if kind is Kind.BLOB:
        if isinstance(value, (bytes, bytearray)):
            return True, bytes(value)
        if not isinstance(value, str):
            return False, None
        try:
            return True, base64.b64decode(value, validate=True)
        except ValueError:
            return False, None
    assert kind is Kind.TIMESTAMP
    try:
        if isinstance(value, datetime):
            when = value
        elif isinstance(value, str):
            when = datetime.fromisoformat(value)
        elif number:
            return True, datetime.fromtimestamp(value, timezone.utc)
        else:
            return False, None
    except (ValueError, OverflowError, OSError):
        return False, None
    return True, when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _document(value: Any, path: str, inside: tuple[int, ...]) -> None:
    if value is None or isinstance(value, (str, int, float)):
        return
    if not isinstance(value, (list, dict)):
        raise _Refused(path, EXPECTED[Kind.DOCUMENT])
    if id(value) in inside:
        raise _Refused(path, "a value that does not contain itself")
    inside += (id(value),)
    if isinstance(value, list):
        for i, x in enumerate(value):
            _document(x, f"{path}[{i}]", inside)
        return
    for k, x in value.items():
        if not isinstance(k, str):
            raise _Refused(f"{path} (key: {k})", "a string")
        _document(x, _join(path, k), inside)


def check(target: Target, value: Any) -> None:
    """from_dict(value) is what the reference says: the same misfit, or an instance whose
    to_dict() is the reference's; any other exception fails the test as it is."""
    want = reference(target.service, target.shape, value)
    try:
        got = target.cls.from_dict(value)
    except target.error as exc:
        assert issubclass(type(exc), ValueError)
        assert isinstance(want, Misfit), f"{target!r} refused {value!r}: {exc}; want {want!r}"
        assert Misfit(exc.path, exc.expected) == want, f"{target!r} on {value!r}: {exc}"
        assert str(exc) == (f"{exc.path}: " if exc.path else "") + (
            f"expected {exc.expected}, got {exc.got}")
        return
    assert not isinstance(want, Misfit), f"{target!r} accepted {value!r}; want {want!r}"
    assert type(got) is target.cls
    assert got.to_dict() == want, f"{target!r} on {value!r}"


# -- the property -----------------------------------------------------------------------------

class Text(str):
    """A str subclass: a str, so it fits a string member."""


class Opaque:
    pass


_NOW = datetime(2024, 5, 1, 12, 0, 0, 123000, tzinfo=timezone.utc)
TRICKY: list[Any] = [
    None, True, False, 0, -1, 1, 2**63, -(2**64), 10**400, 1.5, -0.0, 1e308, float("nan"),
    float("inf"), float("-inf"), "", "x", Text("text"), "é\U0001f600", "2024-05-01T12:00:00Z",
    "2024-05-01", "2024-02-30T00:00:00", "1970-01-01T00:00:00", "AAAA", "AA==", "AA=",
    "not base64!", "AAAÉ", b"", b"\x00\xff", bytearray(b"ab"), memoryview(b"ab"), _NOW,
    _NOW.replace(tzinfo=None), _NOW.date(), time(1, 2), timedelta(1), Decimal("1.5"), 1j,
    [], [None], (), {}, {"": None}, {1: "x"}, {None: 1}, {(1, 2): 3}, set(), {1, 2},
    frozenset({"a"}), range(3), Opaque(), object, MappingProxyType({"a": 1}), 1e20, -1e20,
    253402300800, -62135596801,
]
_KEYS: list[Any] = ["", "unknownKey", "Name", "layers", 0, None, (1, 2), Text("Name")]


def python_values() -> st.SearchStrategy[Any]:
    """Python values of every kind, JSON or not, nested."""
    hashable = (st.none() | st.booleans() | st.integers() | st.text(max_size=8)
                | st.floats() | st.binary(max_size=8))
    scalars = (hashable | st.sampled_from(TRICKY) | st.datetimes() | st.dates()
               | st.datetimes(timezones=st.just(timezone.utc)) | st.decimals(allow_nan=False)
               | st.complex_numbers() | st.builds(Text, st.text(max_size=8))
               | st.builds(bytearray, st.binary(max_size=8)))
    return st.recursive(scalars, lambda inner: (
        st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        | st.dictionaries(hashable, inner, max_size=3) | st.sets(hashable, max_size=3)
        | st.dictionaries(st.text(max_size=4), inner, max_size=3).map(MappingProxyType)),
        max_leaves=10)


POOLS = st.lists(python_values(), min_size=1, max_size=8)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every node reached through plain dicts and lists, the root included."""
    out = [path]
    if type(value) is dict:
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif type(value) is list:
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for token in path:
        value = value[token]
    return value


def _replaced(root: Any, path: tuple[Any, ...], new: Any, delete: bool = False) -> Any:
    """`root` with the node at `path` set to `new` (or deleted), copied along the path only."""
    if not path:
        return new
    out = list(root) if type(root) is list else dict(root)
    head = path[0]
    if len(path) > 1:
        out[head] = _replaced(root[head], path[1:], new, delete)
    elif delete:
        del out[head]
    else:
        out[head] = new
    return out


def _member_names(service: Service, shape: Shape, value: Any, path: tuple[Any, ...],
                  out: dict[Any, list[str]]) -> None:
    """The member names of the structure at each path of `value` (which need not fit)."""
    if shape.kind.is_structured and isinstance(value, dict):
        out[path] = [m.name for m in shape.members]
        for m in shape.members:
            if m.name in value:
                _member_names(service, service.target(m), value[m.name], (*path, m.name), out)
    elif shape.kind is Kind.LIST and isinstance(value, list):
        assert shape.member is not None
        for i, item in enumerate(value):
            _member_names(service, service.target(shape.member), item, (*path, i), out)
    elif shape.kind is Kind.MAP and isinstance(value, dict):
        assert shape.value is not None
        for k, item in value.items():
            _member_names(service, service.target(shape.value), item, (*path, k), out)


def mutated(value: Any, rng: random.Random, pool: list[Any], names: dict[Any, list[str]]) -> Any:
    """`value` changed at one to three random places. `names` lists the member names of the
    structure at each path of the valid value (and, at None, the whole service's): a member
    added is often a known one (a second union member, a required one restored)."""
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        paths = _paths(value)
        path = rng.choice(paths[1:] if len(paths) > 1 and rng.random() < 0.9 else paths)
        node = _at(value, path)
        op = 1 if len(paths) == 1 and rng.random() < 0.7 else rng.randrange(12)  # fill an empty one
        if op == 0 and path:
            value = _replaced(value, path, None, delete=True)
            continue
        if op == 1 and isinstance(node, dict):
            known = names.get(path) if rng.random() < 0.7 else names[None]
            key = rng.choice(known or _KEYS)
            new: Any = {**node, key: rng.choice([*pool, _at(value, rng.choice(paths))])}
        elif op == 2:
            new = [node]
        elif op == 3 and isinstance(node, list) and node:
            new = node[0]
        elif op == 4 and isinstance(node, list):
            new = tuple(node)
        elif op == 5 and isinstance(node, dict):
            new = MappingProxyType(node)
        elif op == 6:
            new = _at(value, rng.choice(paths))  # another part of the same value
        elif op == 7 and isinstance(node, datetime):
            new = rng.choice([node.replace(tzinfo=None), node.isoformat(), node.timestamp(),
                              int(node.timestamp()), node.isoformat()[:-3]])
        elif op == 8 and isinstance(node, (bytes, str)):
            new = rng.choice([Text(node) if isinstance(node, str) else bytearray(node),
                              node[:-1], node * 2])
        elif op in (9, 10):
            new = rng.choice(TRICKY)
        else:
            new = rng.choice(pool)
        value = _replaced(value, path, new)
    return value


def _strategy(target: Target) -> st.SearchStrategy[Any]:
    assert target.strategy is not None
    return target.strategy


def test_from_dict_raises_nothing_but_from_dict_error(targets: list[Target]) -> None:
    drawable = [t for t in targets if t.strategy is not None]
    everywhere = {t.service.service_name: sorted({m.name for s in t.service.shapes.values()
                                                   for m in s.members}) for t in targets}
    seen = 0

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def prop(data: st.DataObject) -> None:
        nonlocal seen
        target = data.draw(st.sampled_from(targets), label="target")
        pool = data.draw(POOLS, label="pool")
        rng = random.Random(data.draw(st.integers(0, 2**32 - 1), label="seed"))
        if target.strategy is None:  # no valid value: mutate other classes' values
            other = data.draw(st.sampled_from(drawable).flatmap(_strategy))
            bases = [other.to_dict(), other.to_json()]
        else:
            value = data.draw(target.strategy, label="valid value")
            bases = [value.to_dict(), value.to_json()]
            assert target.cls.from_dict(bases[0]) == value == target.cls.from_dict(bases[1])
        # and a JSON value shaped like the model's, members often all there (tests/surgery.py)
        bases.append(data.draw(surgery.near_json(target.service, target.shape.name), label="near"))
        names: dict[Any, list[str]] = {None: everywhere[target.service.service_name]}
        for base in bases:
            _member_names(target.service, target.shape, base, (), names)
        for i in range(VALUES_PER_EXAMPLE):
            check(target, mutated(bases[i % 3], rng, pool, names))
            seen += 1

    prop()
    assert seen >= 100_000


# -- examples: exact messages -----------------------------------------------------------------

@pytest.fixture(scope="module")
def ecr() -> ModuleType:
    return import_generated(ROOT, "ecr_public.models")


@pytest.fixture(scope="module")
def kinds(generated_root: Path) -> ModuleType:
    return import_generated(generated_root, "kinds.models")


def _error(cls: Any, value: Any) -> Any:
    with pytest.raises(ValueError) as info:
        cls.from_dict(value)
    assert type(info.value).__name__ == "FromDictError"
    return info.value


@pytest.mark.parametrize("value, path, message", [
    ({"failures": [{}, {}, {}, {"layerDigest": 3}]}, "failures[3].layerDigest",
     "failures[3].layerDigest: expected a string, got int"),
    (None, "", "expected a mapping, got None"),
    ("layers", "", "expected a mapping, got str"),
    ({"layers": "sha256:ab"}, "layers", "layers: expected a list, got str"),
    ({"layers": {"layerDigest": "d"}}, "layers", "layers: expected a list, got dict"),
    ({"layers": b"ab"}, "layers", "layers: expected a list, got bytes"),
    ({"layers": [None]}, "layers[0]", "layers[0]: expected a mapping, got None"),
    ({"layers": [{"layerSize": True}]}, "layers[0].layerSize",
     "layers[0].layerSize: expected an integer, got bool"),
    ({"layers": [{"layerSize": 3.0}]}, "layers[0].layerSize",
     "layers[0].layerSize: expected an integer, got float"),
    ({"layers": [{"layerAvailability": 1}]}, "layers[0].layerAvailability",
     "layers[0].layerAvailability: expected a string, got int"),
])
def test_flagship_response_messages(ecr: ModuleType, value: Any, path: str, message: str) -> None:
    error: Any = _error(ecr.BatchCheckLayerAvailabilityResponse, value)
    assert isinstance(error, ecr.FromDictError) and issubclass(type(error), ValueError)
    assert (error.path, str(error)) == (path, message)


def test_a_string_is_never_a_list_of_its_characters(ecr: ModuleType) -> None:
    request = ecr.BatchCheckLayerAvailabilityRequest
    assert str(_error(request, {"repositoryName": "r", "layerDigests": "sha256:ab"})) == (
        "layerDigests: expected a list, got str")
    assert str(_error(request, {"repositoryName": "r", "layerDigests": ["a", 1]})) == (
        "layerDigests[1]: expected a string, got int")
    assert request.from_dict({"repositoryName": "r", "layerDigests": ("a", "b")}).layer_digests == [
        "a", "b"]  # a tuple is a list, as botocore takes it


def test_required_members_of_requests(ecr: ModuleType) -> None:
    request = ecr.BatchCheckLayerAvailabilityRequest
    assert str(_error(request, {"layerDigests": ["a"]})) == (
        "repositoryName: expected a string (a required member), got nothing")
    assert str(_error(request, {"repositoryName": None, "layerDigests": ["a"]})) == (
        "repositoryName: expected a string (a required member), got None")
    # responses stay tolerant: everything optional, unknown keys and enum values kept out / as is
    response = ecr.BatchCheckLayerAvailabilityResponse.from_dict(
        {"layers": [{"layerAvailability": "SOMEDAY"}], "new": object()})
    assert response.layers[0].layer_availability == "SOMEDAY" and response.failures is None


def test_timestamps(ecr: ModuleType) -> None:
    detail = ecr.ImageDetail
    prefix = "imagePushedAt: expected a timestamp (a datetime, an ISO 8601 string or epoch seconds), got "
    for value, got in [("yesterday", "a str that is not ISO 8601"), (1e300, "float epoch seconds out of range"),
                       (10**20, "int epoch seconds out of range"), (float("nan"), "NaN"),
                       (float("inf"), "float epoch seconds out of range"), (True, "bool"),
                       (date(2024, 5, 1), "date"), ([1], "list")]:
        assert str(_error(detail, {"imagePushedAt": value})) == prefix + got
    naive = datetime(2024, 5, 1, 12)
    assert detail.from_dict({"imagePushedAt": naive}).image_pushed_at == naive.replace(tzinfo=timezone.utc)
    plus_two = datetime(2024, 5, 1, 14, tzinfo=timezone(timedelta(hours=2)))
    assert detail.from_dict({"imagePushedAt": plus_two}).image_pushed_at is plus_two


def test_blobs(ecr: ModuleType) -> None:
    part = ecr.UploadLayerPartRequest
    base = {"repositoryName": "r", "uploadId": "u", "partFirstByte": 0, "partLastByte": 1}
    prefix = "layerPartBlob: expected bytes or a base64 string, got "
    for value, got in [("not base64!", "a str that is not base64"), ("AAAÉ", "a str that is not base64"),
                       ("AA=", "a str that is not base64"), (12, "int"), (memoryview(b"a"), "memoryview")]:
        assert str(_error(part, {**base, "layerPartBlob": value})) == prefix + got
    assert part.from_dict({**base, "layerPartBlob": bytearray(b"ab")}).layer_part_blob == b"ab"


def test_numbers_and_booleans(kinds: ModuleType) -> None:
    base = {"from": "me", "Tree": {"Name": "n"}}
    thing = kinds.PutThingRequest
    assert thing.from_dict({**base, "lambda": 1}).lambda_ == 1  # an int is a number, kept an int
    assert math.isnan(thing.from_dict({**base, "lambda": float("nan")}).lambda_)
    for key, value, message in [
        ("lambda", True, "lambda: expected a number (int or float), got bool"),
        ("lambda", Decimal("0.5"), "lambda: expected a number (int or float), got Decimal"),
        ("lambda", "0.5", "lambda: expected a number (int or float), got str"),
        ("return", 2.0, "return: expected an integer, got float"),
        ("Enabled", 1, "Enabled: expected a boolean, got int"),
        ("Enabled", "true", "Enabled: expected a boolean, got str"),
        ("Matrix", [[0.5], [1, False]], "Matrix[1][1]: expected a number (int or float), got bool"),
    ]:
        assert str(_error(thing, {**base, key: value})) == message


def test_maps_unions_and_documents(kinds: ModuleType) -> None:
    base = {"from": "me", "Tree": {"Name": "n"}}
    thing = kinds.PutThingRequest
    cases: list[tuple[dict[str, Any], str]] = [
        ({"Labels": {"a": "x", 3: "y"}}, "Labels (key: 3): expected a string, got int"),
        ({"Labels": {"a": 1}}, "Labels.a: expected a string, got int"),
        ({"Labels": [("a", "b")]}, "Labels: expected a mapping, got list"),
        ({"Nested": {"k": [{"Name": "x"}, {"Name": 3}]}}, "Nested.k[1].Name: expected a string, got int"),
        ({"Choice": {"Text": "a", "Node": {"Name": "n"}}},
         "Choice: expected at most one member set (a union), got 2: Text, Node"),
        ({"Doc": {"a": [1, {2}]}}, "Doc.a[1]: expected a document value (None, str, int, float, "
                                   "bool, list or dict), got set"),
        ({"Doc": (1, 2)}, "Doc: expected a document value (None, str, int, float, bool, list or "
                          "dict), got tuple"),
        ({"Doc": {"a": {1: "x"}}}, "Doc.a (key: 1): expected a string, got int"),
    ]
    for extra, message in cases:
        assert str(_error(thing, {**base, **extra})) == message
    looped: list[Any] = [1]
    looped.append({"again": looped})
    assert str(_error(thing, {**base, "Doc": looped})) == (
        "Doc[1].again: expected a value that does not contain itself, got a container that does")
    shared = [1.5, None]
    doc = {"a": shared, "b": [shared, True]}
    assert thing.from_dict({**base, "Doc": doc}).doc is doc  # shared, not circular: kept as given
    deep: list[Any] = []
    inner = deep
    for _ in range(100_000):  # documents are walked without recursion
        inner.append([])
        inner = inner[0]
    assert thing.from_dict({**base, "Doc": deep}).doc is deep


def test_nesting_past_the_recursion_limit(kinds: ModuleType) -> None:
    chain: dict[str, Any] = {"Name": "n"}
    node = chain
    for _ in range(5_000):
        node["Parent"] = {"Name": "n"}
        node = node["Parent"]
    error = _error(kinds.Node, chain)
    assert error.expected == "a value nested less deeply"
    assert error.got == "nesting past Python's recursion limit"
    assert error.path.startswith("Parent.Parent.Parent") and set(error.path.split(".")) == {"Parent"}
    looped: dict[str, Any] = {"Name": "n"}
    looped["Children"] = [looped]
    assert _error(kinds.Node, looped).path.startswith("Children[0].Children[0].")


def test_accepted_forms_are_kept_as_given(kinds: ModuleType) -> None:
    name = Text("n")
    tree = kinds.Node.from_dict(MappingProxyType({"Name": name, "Children": ({"Name": "c"},)}))
    assert tree.name is name and tree.children == [kinds.Node(name="c")]


def test_the_error_type() -> None:
    ecr = importlib.import_module("generated.ecr_public.models")  # in sys.modules, for pickle
    error = _error(ecr.BatchCheckLayerAvailabilityResponse, {"failures": [{"layerDigest": 3}]})
    assert (error.path, error.expected, error.got) == ("failures[0].layerDigest", "a string", "int")
    assert repr(error) == "FromDictError('a string', 'int', 'failures[0].layerDigest')"
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again)) == (type(error), str(error))
    error = convert.FromDictError("a string", "int", "b")
    error.within("a [x")
    error.within(2)
    error.within_key("k y")
    assert error.path == " (key: k y)[2].a [x.b"


def test_class_names_never_shadowed_by_the_methods_names(tmp_path: Path) -> None:
    """Shapes named like the runtime's names or the methods' locals get escaped class names,
    so from_dict still reaches the classes."""
    names = ["FromDictError", "v", "k", "data", "x0"]
    shapes: dict[str, Any] = {"Name": {"type": "string"}}
    for name, inner in zip(names, [*names[1:], None]):
        members = {"Name": {"shape": "Name"}}
        if inner:
            members["Items"] = {"shape": f"{inner}List"}
            shapes[f"{inner}List"] = {"type": "list", "member": {"shape": inner}}
        shapes[name] = {"type": "structure", "members": members}
    model = {"version": "2.0", "metadata": {
        "apiVersion": "2024-01-01", "endpointPrefix": "names", "jsonVersion": "1.1",
        "protocol": "json", "serviceId": "Names", "signatureVersion": "v4",
        "targetPrefix": "Names", "uid": "names-2024-01-01"},
        "operations": {"Get": {"name": "Get", "http": {"method": "POST", "requestUri": "/"},
                               "output": {"shape": "FromDictError"}}},
        "shapes": shapes}
    path = tmp_path / "names" / "2024-01-01" / "service-2.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(model), encoding="utf-8")
    generate_into(tmp_path / "out", "--model", str(path))
    models = import_generated(tmp_path / "out", "names.models")
    assert [models.FromDictError_.__name__, models.v_.__name__, models.x0_.__name__] == [
        "FromDictError_", "v_", "x0_"]
    value = {"Items": [{"Items": [{"Items": [{"Items": [{"Name": "deep"}]}]}]}]}
    parsed = models.FromDictError_.from_dict(value)
    assert parsed.to_dict() == value
    with pytest.raises(models.FromDictError, match=r"^Items\[0\]\.Items\[0\]\.Items\[0\]\.Items"
                                                   r"\[0\]\.Name: expected a string, got int$"):
        models.FromDictError_.from_dict({"Items": [{"Items": [{"Items": [{"Items": [{"Name": 1}]}]}]}]})


def test_the_generator_words_a_missing_member_as_the_converters_word_a_wrong_one() -> None:
    """A required member's `expected` is emitted by the generator, a wrong value's comes from
    the runtime: they must agree for every kind."""
    from generator.emit import pytypes

    converters: dict[Kind, Any] = {
        kind: getattr(convert, name) for kind, name in pytypes._SCALAR_PARSERS.items()}
    converters[Kind.LIST] = lambda value: convert.list_of(convert.string, value)
    converters[Kind.MAP] = lambda value: convert.map_of(convert.string, convert.string, value)
    for kind, converter in converters.items():
        with pytest.raises(convert.FromDictError) as info:
            converter(Opaque())
        assert info.value.expected == pytypes._EXPECTED[kind] == EXPECTED[kind], kind
    with pytest.raises(convert.FromDictError) as info:
        convert.enum(StrEnumForTest, 1)
    assert info.value.expected == "a string"
    assert convert.enum(StrEnumForTest, "a") is StrEnumForTest.A
    assert convert.enum(StrEnumForTest, "new") == "new"


class StrEnumForTest(StrEnum):
    A = "a"
