"""IR-driven surgery on valid values, for the differential tests (tests/differential.py).

A value is handled in both of its forms at once (docs/design.md): `doc` is the JSON document
(to_json()), `wire` the botocore parameters (to_dict()); they have the same tree, differing only
at timestamp and blob leaves. `nodes` walks that tree alongside the IR; `mutation_sites` and
`boundary_sites` list what can be broken or pushed to a limit at each node; `mutation` and
`boundary` turn a site into strategies of whole mutated values. Nothing here is listed per
operation: every decision comes from the IR shapes.
"""

from __future__ import annotations

import base64
import math
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from hypothesis import strategies as st

from generator.ecma import pattern_forms
from generator.ir import Kind, Service, Shape

Token = str | int
_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)  # not encodable as UTF-8, so never in JSON text
Path = tuple[Token, ...]

# Limits above this (characters, items, bytes) are pushed past once per run in a fixed test
# (test_differential.test_huge_limits): a 20 MiB blob per Hypothesis example would take seconds
# in every oracle and add nothing the small limits do not already show.
HUGE = 100_000
# The JSON protocol's integer widths: the validators and schemas bound integers by them when the
# model gives no limit (docs/validation.md); botocore does not check them.
WIDTH = {Kind.INTEGER: (-(2**31), 2**31 - 1), Kind.LONG: (-(2**63), 2**63 - 1)}


def dotted(path: Path) -> str:
    """botocore's spelling of a parameter path: `layerDigests[3]`, `catalogData.description`."""
    out = ""
    for token in path:
        if isinstance(token, int):
            out += f"[{token}]"
        else:
            out += f".{token}" if out else token
    return out


def enforced_pattern(shape: Shape) -> re.Pattern[str] | None:
    """The model pattern with ECMA-262 semantics in Python `re`, when the generator enforces it.

    The full Python spelling, never the generator's reduced search form, so that reduction is
    checked rather than trusted."""
    if shape.pattern is None:
        return None
    forms = pattern_forms(shape.pattern)
    return re.compile(forms.python) if forms.enforced and forms.python else None


# -- walking a value ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Node:
    path: Path
    shape: Shape
    doc: Any
    wire: Any


def nodes(service: Service, shape_name: str, doc: Any, wire: Any, path: Path = ()
          ) -> Iterator[Node]:
    """Every node of a valid value, parents before children, in model order."""
    shape = service.shape(shape_name)
    yield Node(path, shape, doc, wire)
    if shape.kind.is_structured:
        for m in shape.members:
            if m.name in doc:
                yield from nodes(service, m.target, doc[m.name], wire[m.name], path + (m.name,))
    elif shape.kind is Kind.LIST:
        assert shape.member is not None
        for i, (d, w) in enumerate(zip(doc, wire)):
            yield from nodes(service, shape.member.target, d, w, path + (i,))
    elif shape.kind is Kind.MAP:
        assert shape.value is not None
        for key in doc:
            yield from nodes(service, shape.value.target, doc[key], wire[key], path + (key,))


def replaced(root: Any, path: Path, value: Any) -> Any:
    """`root` with the node at `path` set to `value` (a new key for dicts); only the containers
    along the path are copied, the rest is shared (nothing here mutates a value in place)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    out = list(root) if isinstance(root, list) else dict(root)
    out[head] = replaced(root[head], rest, value) if rest else value  # type: ignore[index]
    return out


def deleted(root: Any, path: Path) -> Any:
    """`root` without the member at `path` (copied along the path only)."""
    head, rest = path[0], path[1:]
    out = list(root) if isinstance(root, list) else dict(root)
    if rest:
        out[head] = deleted(root[head], rest)  # type: ignore[index]
    else:
        del out[head]  # type: ignore[arg-type]
    return out


# -- what a mutation is -------------------------------------------------------------------------

@dataclass(frozen=True)
class Mutation:
    """A valid value with exactly one constraint broken, in both forms."""

    kind: str  # missing, unknown, type, min, max, pattern, enum
    path: Path  # where every oracle must report it
    doc: Any
    wire: Any
    botocore_checks: bool  # botocore's ParamValidator checks this constraint too

    @property
    def where(self) -> str:
        return dotted(self.path)


@dataclass(frozen=True)
class Site:
    kind: str
    node: Node
    detail: Any = None  # the member name (missing), the limit (min, max)
    model_limit: bool = True  # False: an integer's protocol width, not a model min/max


def _is_huge(limit: int | float | None) -> bool:
    return limit is not None and limit > HUGE


def _limits(shape: Shape) -> tuple[int | float | None, int | float | None, bool, bool]:
    """(low, high, low from the model, high from the model); integers fall back to the width."""
    low, high = shape.min, shape.max
    low_model, high_model = low is not None, high is not None
    if shape.kind in WIDTH:
        low = WIDTH[shape.kind][0] if low is None else low
        high = WIDTH[shape.kind][1] if high is None else high
    return low, high, low_model, high_model


def mutation_sites(service: Service, root: str, doc: Any, wire: Any, request: bool) -> list[Site]:
    """Every one-constraint mutation the valid value allows (unknown keys, pattern and enum
    only in requests: responses are read tolerantly)."""
    sites: list[Site] = []
    for node in nodes(service, root, doc, wire):
        shape, kind = node.shape, node.shape.kind
        sites.append(Site("type", node))
        if kind.is_structured:
            sites += [Site("missing", node, m.name) for m in shape.members
                      if m.required and m.name in node.doc]
            if request:
                sites.append(Site("unknown", node))
        elif kind is Kind.STRING and request and shape.enum:
            sites.append(Site("enum", node))
        elif kind is Kind.STRING and request and enforced_pattern(shape) is not None:
            sites.append(Site("pattern", node))
        sites += _limit_sites(node)
    return sites


def _limit_sites(node: Node) -> list[Site]:
    shape, kind = node.shape, node.shape.kind
    low, high, low_model, high_model = _limits(shape)
    out: list[Site] = []
    if kind in (Kind.STRING, Kind.LIST, Kind.BLOB):
        if low and not _is_huge(low):
            out.append(Site("min", node, low))
        # a list can only grow past its limit by repeating an element it has
        if high is not None and not _is_huge(high) and (kind is not Kind.LIST or node.doc):
            out.append(Site("max", node, high))
    elif kind.is_integral or kind.is_floating:
        if low is not None:
            out.append(Site("min", node, low, low_model))
        if high is not None:
            out.append(Site("max", node, high, high_model))
    return out


def boundary_sites(service: Service, root: str, doc: Any, wire: Any) -> list[Site]:
    """Every limit the valid value can be moved onto exactly while staying valid."""
    sites = []
    for node in nodes(service, root, doc, wire):
        low, high, low_model, high_model = _limits(node.shape)
        kind = node.shape.kind
        for name, limit, model in (("min", low, low_model), ("max", high, high_model)):
            if limit is None or (kind not in (Kind.STRING, Kind.LIST, Kind.BLOB)
                                 and not (kind.is_integral or kind.is_floating)):
                continue
            if kind in (Kind.STRING, Kind.LIST, Kind.BLOB) and _is_huge(limit):
                continue
            if kind is Kind.LIST and not node.doc and limit:
                continue  # nothing to repeat
            if kind is Kind.STRING and _sized_text(node, int(limit)) is None:
                continue  # no spelling of that length keeps the pattern
            sites.append(Site(name, node, limit, model))
    return sites


# -- building values ----------------------------------------------------------------------------

def _sized_text(node: Node, length: int) -> str | None:
    """The node's string cut or padded to `length`, still matching its pattern, if possible."""
    text: str = node.doc
    pattern = enforced_pattern(node.shape)
    for filler in (text[-1:] or "a", "a", "0", "A"):
        candidate = text[:length] + filler * max(0, length - len(text))
        if pattern is None or pattern.search(candidate):
            return candidate
    return None


def _sized(node: Node, size: int) -> tuple[Any, Any]:
    """(doc, wire) of the node resized to `size` characters, items or bytes."""
    kind = node.shape.kind
    if kind is Kind.STRING:
        text = _sized_text(node, size)
        if text is None:  # a length mutation that also misses the pattern: same path anyway
            text = (node.doc[:size] + "a" * size)[:size]
        return text, text
    if kind is Kind.LIST:
        def grow(items: list[Any]) -> list[Any]:
            return [items[i % len(items)] for i in range(size)] if items else []
        return grow(node.doc), grow(node.wire)
    raw = bytes(size)  # blob: the JSON form is base64 of the same bytes
    return base64.b64encode(raw).decode("ascii"), raw


def _number(node: Node, value: int | float) -> tuple[Any, Any]:
    if node.shape.kind.is_integral:
        value = int(value)
    return value, value


def _with(node: Node, base: tuple[Any, Any], doc: Any, wire: Any) -> tuple[Any, Any]:
    return replaced(base[0], node.path, doc), replaced(base[1], node.path, wire)


def boundary(site: Site, base: tuple[Any, Any]) -> tuple[Any, Any]:
    """The whole value with the site's node exactly at its limit."""
    node = site.node
    if node.shape.kind.is_integral or node.shape.kind.is_floating:
        return _with(node, base, *_number(node, site.detail))
    return _with(node, base, *_sized(node, int(site.detail)))


def mutation(site: Site, base: tuple[Any, Any], request: bool) -> st.SearchStrategy[Mutation]:
    """Strategies of whole values with the site's constraint broken, and nothing else."""
    node, kind = site.node, site.kind

    def make(doc_wire: tuple[Any, Any], path: Path = node.path, checked: bool = True
             ) -> Mutation:
        return Mutation(kind, path, doc_wire[0], doc_wire[1], checked)

    if kind == "missing":
        path = node.path + (site.detail,)
        return st.just(make((deleted(base[0], path), deleted(base[1], path)), path))
    if kind == "unknown":
        names = {m.name for m in node.shape.members}
        return st.tuples(st.text(min_size=1, max_size=8).filter(lambda k: k not in names),
                         json_values(max_leaves=3)).map(
            lambda kv: make(_with_key(node, base, kv[0], kv[1]), node.path + (kv[0],)))
    if kind == "type":
        return wrong_type(node.shape).map(lambda v: make(_with(node, base, v, v)))
    if kind in ("pattern", "enum"):
        return _misses(node).map(lambda text: make(_with(node, base, text, text), checked=False))
    return st.just(_limit_mutation(site, base, make))


def _with_key(node: Node, base: tuple[Any, Any], key: str, value: Any) -> tuple[Any, Any]:
    path = node.path + (key,)
    return replaced(base[0], path, value), replaced(base[1], path, value)


def _limit_mutation(site: Site, base: tuple[Any, Any], make: Any) -> Mutation:
    node, shape = site.node, site.node.shape
    step = -1 if site.kind == "min" else 1
    # botocore checks the model's min of strings, lists and numbers; no max, no blob length,
    # no protocol width
    checked = site.kind == "min" and site.model_limit and shape.kind is not Kind.BLOB
    if shape.kind.is_integral or shape.kind.is_floating:
        return make(_with(node, base, *_number(node, site.detail + step)), checked=checked)
    size = int(site.detail) + step
    if shape.kind is Kind.BLOB:
        # The schema measures base64 length, exact only to whole 3-byte groups
        # (docs/validation.md): go one whole group past the limit so every oracle must object.
        size = max(0, int(site.detail) - 3) if step < 0 else int(site.detail) + 3
    return make(_with(node, base, *_sized(node, size)), checked=checked)


def _misses(node: Node) -> st.SearchStrategy[str]:
    """Strings within the node's length limits that its pattern or enum rejects."""
    shape = node.shape
    low = int(shape.min or 0)
    high = min(int(shape.max), low + 16) if shape.max is not None else low + 16
    no_alnum = st.characters(exclude_characters=string.ascii_letters + string.digits,
                             exclude_categories=_SURROGATES)
    texts = st.text(no_alnum, min_size=low, max_size=high) | st.text(min_size=low, max_size=high)
    if shape.enum:
        return texts.filter(lambda s: s not in shape.enum)
    pattern = enforced_pattern(shape)
    assert pattern is not None
    return texts.filter(lambda s: pattern.search(s) is None)


# -- JSON values --------------------------------------------------------------------------------

_TEXT = (st.text(st.characters(exclude_categories=_SURROGATES), max_size=8)
         | st.text(st.characters(min_codepoint=0x10000, exclude_categories=_SURROGATES), max_size=4))
_EDGE_INTS = st.sampled_from([0, -1, 2**31 - 1, 2**31, -(2**31) - 1, 2**63 - 1, 2**63,
                              -(2**63) - 1, 10**30])
JSON_TYPES: dict[str, st.SearchStrategy[Any]] = {
    "null": st.none(),
    "boolean": st.booleans(),
    "integer": st.integers() | _EDGE_INTS,
    "fraction": st.floats(allow_nan=False, allow_infinity=False).filter(
        lambda f: not f.is_integer()),
    "string": _TEXT,
    "array": st.lists(st.integers(), max_size=2),
    "object": st.dictionaries(_TEXT, st.integers(), max_size=2),
}
_EVERY = frozenset(JSON_TYPES)
# JSON types every oracle rejects for a kind. Left out on purpose, and tested apart
# (test_differential.test_deliberate_gaps): booleans where botocore takes them as numbers or
# epoch seconds, and integral floats (1.0), which JSON Schema counts as integers.
WRONG = {
    Kind.STRUCTURE: _EVERY - {"object"},
    Kind.UNION: _EVERY - {"object"},
    Kind.MAP: _EVERY - {"object"},
    Kind.LIST: _EVERY - {"array"},
    Kind.STRING: _EVERY - {"string"},
    Kind.INTEGER: {"null", "fraction", "string", "array", "object"},
    Kind.LONG: {"null", "fraction", "string", "array", "object"},
    Kind.FLOAT: {"null", "string", "array", "object"},
    Kind.DOUBLE: {"null", "string", "array", "object"},
    Kind.BOOLEAN: _EVERY - {"boolean"},
    Kind.TIMESTAMP: {"null", "array", "object"},
    Kind.BLOB: _EVERY - {"string"},
    Kind.DOCUMENT: frozenset(),
}


def wrong_type(shape: Shape) -> st.SearchStrategy[Any]:
    return st.sampled_from(sorted(WRONG[shape.kind])).flatmap(JSON_TYPES.__getitem__)


def json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    """Any JSON value: nested, every type, unicode including astral characters."""
    scalars = st.one_of(*(JSON_TYPES[t] for t in ("null", "boolean", "integer", "string")),
                        st.floats(allow_nan=False, allow_infinity=False))
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(_TEXT, inner, max_size=4), max_leaves=max_leaves)


def near_json(service: Service, shape_name: str, depth: int = 0) -> st.SearchStrategy[Any]:
    """JSON values shaped like the model's, often at or just past a limit, sometimes anything."""
    anything = json_values(max_leaves=4)
    if depth > 5:
        return anything
    shaped = _shaped(service, service.shape(shape_name), depth)
    return st.one_of(shaped, shaped, shaped, anything)  # mostly shaped: valid ones happen too


def _shaped(service: Service, shape: Shape, depth: int) -> st.SearchStrategy[Any]:
    kind = shape.kind
    low, high, _, _ = _limits(shape)
    if kind.is_structured:
        members = {m.name: near_json(service, m.target, depth + 1) for m in shape.members}
        required = {name: members.pop(name) for name in shape.required}
        return (st.fixed_dictionaries(required, optional=members)
                | st.fixed_dictionaries({}, optional={**required, **members,
                                                      "unknownKey": st.integers()}))
    if kind is Kind.LIST:
        assert shape.member is not None
        item = near_json(service, shape.member.target, depth + 1)
        sizes = _near(low, high)
        if sizes is None:
            return st.lists(item, max_size=4)
        return st.lists(item, max_size=4) | st.tuples(item, sizes).map(lambda t: [t[0]] * t[1])
    if kind is Kind.STRING:
        return _near_text(shape, low, high)
    if kind.is_integral or kind.is_floating:
        edges = [v for v in (low, high) if v is not None]
        near = [e + d for e in edges for d in (-1, 0, 1)]
        return (st.sampled_from(near) if near else st.nothing()) | st.integers() | st.floats(
            allow_nan=False, allow_infinity=False)
    if kind is Kind.BOOLEAN:
        return st.booleans() | st.integers(0, 1)
    if kind is Kind.TIMESTAMP:
        return _near_timestamps()
    if kind is Kind.BLOB:
        return (st.binary(max_size=8).map(lambda b: base64.b64encode(b).decode("ascii"))
                | st.sampled_from(["AAB=", "AA==", "AAAA\n", "AA=A", "====", "", "A"]))
    return json_values()


def _near(low: int | float | None, high: int | float | None) -> st.SearchStrategy[int] | None:
    sizes = sorted({int(v) + d for v in (low, high) if v is not None and not _is_huge(v)
                    for d in (-1, 0, 1)} - {-1})
    return st.sampled_from(sizes) if sizes else None


def _near_text(shape: Shape, low: int | float | None, high: int | float | None
               ) -> st.SearchStrategy[str]:
    options = [_TEXT]
    if shape.enum:
        options.append(st.sampled_from(shape.enum))
    pattern = enforced_pattern(shape)
    if pattern is not None:
        options.append(st.from_regex(pattern, fullmatch=True).map(lambda s: s[:200]))
        options.append(st.from_regex(pattern).map(lambda s: s[:200]))
    sizes = _near(low, high)
    if sizes is not None:
        options.append(st.tuples(st.sampled_from("a0-_:/.A\n\U0001f600"), sizes)
                       .map(lambda t: t[0] * t[1]))
    return st.one_of(options)


def _near_timestamps() -> st.SearchStrategy[Any]:
    texts = st.sampled_from([
        "2024-05-01T12:00:00Z", "2024-05-01T12:00:00.123+02:00", "1970-01-01T00:00:00",
        "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
        "2024-05-01T12:00:00Z\n", "2024-05-01", "2024-05-01T24:00:00Z", "2024-13-01T00:00:00Z",
        "2024-05-01t12:00:00z", "2024-05-01T12:00:60Z", " 2024-05-01T12:00:00Z",
    ])
    numbers = st.floats(allow_nan=False, allow_infinity=False) | st.integers()
    return texts | numbers | st.datetimes().map(lambda d: d.isoformat())


def finite(value: Any) -> bool:
    """No NaN or infinity anywhere: those are not JSON."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(finite(v) for v in value.values())
    if isinstance(value, list):
        return all(finite(v) for v in value)
    return True
