"""Evaluators of one pair of shapes (old, new) reached at the same place, and of the members
of a pair of structures. Constraints compare resolved targets: a member retargeted to a
renamed shape is no change in itself; what differs between the two targets is."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .changes import Finding
from .constraints import constraints
from .traits import deprecation, docs, other_traits

_NUMERIC = ({"integer", "long"}, {"float", "double"})
_CONSTRAINT_KEYS = ("min", "max", "pattern", "enum")
_WIRE_SHAPE = ("flattened", "locationName", "xmlNamespace")  # botocore reads no xmlOrder
_SHAPE_KEYS = frozenset(("type", "members", "required", "member", "key", "value", "union",
                         "document", "eventstream", "streaming", "payload", "sparse",
                         "timestampFormat", "sensitive", "error", *_CONSTRAINT_KEYS,
                         *_WIRE_SHAPE))
_LOCATED = ("location", "locationName", "queryName", "hostLabel")
_WIRE_MEMBER = ("xmlNamespace", "xmlAttribute", "flattened", "jsonvalue", "eventpayload",
                "eventheader")
_MEMBER_KEYS = frozenset(("shape", "streaming", "timestampFormat", *_LOCATED, *_WIRE_MEMBER,
                          *_CONSTRAINT_KEYS))


def kind(shape: dict[str, Any]) -> str:
    """The type a caller sees: a union or a document is not a plain structure."""
    t = str(shape.get("type"))
    if t == "structure" and shape.get("union"):
        return "union"
    if t == "structure" and shape.get("document"):
        return "document"
    return t


def shape_pair(old: dict[str, Any], new: dict[str, Any],
               names: tuple[str, str] = ("", "")) -> Iterator[Finding]:
    a, b = kind(old), kind(new)
    if a != b:
        numeric = any(a in family and b in family for family in _NUMERIC)
        yield Finding("numeric-type-changed" if numeric else "type-changed",
                      f"type {a} -> {b}", a, b)
        if not numeric:
            yield from docs(old, new)
            return
    yield from constraints(old, new, b)
    yield from _flags(old, new)
    payload = old.get("payload", new.get("payload"))
    if old.get("payload") != new.get("payload") and payload in old.get("members", {}):
        yield _changed("payload-changed", "payload", old, new)  # not a member added with it
    for key in _WIRE_SHAPE:
        if old.get(key) != new.get(key):
            yield _changed("wire-trait-changed", key, old, new)
    if old.get("exception") or new.get("exception"):
        yield from _error(old.get("error") or {}, new.get("error") or {}, names)
    yield from deprecation(old, new)
    yield from docs(old, new)
    yield from other_traits(old, new, _SHAPE_KEYS)
    for key in ("member", "key", "value"):  # a list's or map's member reference
        if key in old and key in new:
            yield from _reference(old[key], new[key], f"[{key}]")


def _flags(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Finding]:
    for key in ("streaming", "eventstream"):
        if bool(old.get(key)) != bool(new.get(key)):
            yield _toggled("streaming-changed", key, old, new)
    if bool(old.get("sparse")) != bool(new.get("sparse")):
        yield _toggled("sparse-added" if new.get("sparse") else "sparse-removed", "sparse",
                       old, new)
    if bool(old.get("sensitive")) != bool(new.get("sensitive")):
        yield _toggled("sensitive-added" if new.get("sensitive") else "sensitive-removed",
                       "sensitive", old, new)


def _error(old: dict[str, Any], new: dict[str, Any], names: tuple[str, str]) -> Iterator[Finding]:
    code_a, code_b = old.get("code", names[0]), new.get("code", names[1])  # default: the name
    if code_a != code_b:
        yield Finding("error-code-changed", f"error code {code_a} -> {code_b}", code_a, code_b)
    # A status declared where none was (or dropped) documents, it does not change the wire.
    both = "httpStatusCode" in old and "httpStatusCode" in new
    if both and old["httpStatusCode"] != new["httpStatusCode"]:
        yield _changed("error-status-changed", "httpStatusCode", old, new)
    yield from other_traits(old, new, frozenset(("code", *(("httpStatusCode",) if both else ()))),
                            "error.")


def members(old: dict[str, Any], new: dict[str, Any], old_shapes: dict[str, Any],
            new_shapes: dict[str, Any]) -> Iterator[Finding]:
    """Members of two structures, compared by name."""
    ma, mb = old.get("members", {}), new.get("members", {})
    ra, rb = set(old.get("required", ())), set(new.get("required", ()))
    for name, spec in ma.items():
        at = f".{name}"
        if name not in mb:
            yield Finding("member-removed", "member removed", spec.get("shape"), None, at)
            continue
        if name in rb and name not in ra:
            yield Finding("member-required-added", "now required", False, True, at)
        elif name in ra and name not in rb:
            yield Finding("member-required-removed", "no longer required", True, False, at)
        yield from member(spec, mb[name], old_shapes.get(spec["shape"], {}),
                          new_shapes.get(mb[name]["shape"], {}), at)
    # A new variant of a union or event stream is a value a reader may not know.
    variant = kind(new) == "union" or bool(new.get("eventstream"))
    for name, spec in mb.items():
        if name not in ma:
            at = f".{name}"
            required = name in rb
            yield Finding("union-member-added" if variant else "member-added",
                          "member added" + (" (required)" if required else ""), None,
                          spec.get("shape"), at)
            if required:
                yield Finding("member-required-added", "added, required", None, True, at)


def _timestamp_format(old: dict[str, Any], new: dict[str, Any], target_a: dict[str, Any],
                      target_b: dict[str, Any], at: str) -> Iterator[Finding]:
    """A timestamp's format where it is used: the reference's own, else its target's. It is
    compared per reference, since moving it between the two changes nothing on the wire."""
    tf_a = old.get("timestampFormat", target_a.get("timestampFormat"))
    tf_b = new.get("timestampFormat", target_b.get("timestampFormat"))
    if tf_a != tf_b:
        yield Finding("timestamp-format-changed", f"timestampFormat {tf_a} -> {tf_b}",
                      tf_a, tf_b, at)


def timestamp_formats(old: dict[str, Any], new: dict[str, Any], old_shapes: dict[str, Any],
                      new_shapes: dict[str, Any]) -> Iterator[Finding]:
    """Every reference of two shapes (members, a list's member, a map's key and value) whose
    target is a timestamp, compared by the format in effect there. Called for equal shapes
    too: their targets may differ."""
    if "members" in new:
        ma = old.get("members", {})
        refs = [(ma[n], r, f".{n}") for n, r in new["members"].items() if n in ma]
    else:
        refs = [(old[k], new[k], f"[{k}]") for k in ("member", "key", "value")
                if k in old and k in new]
    for a, b, at in refs:
        target_b = new_shapes.get(b.get("shape"), {})
        if target_b.get("type") == "timestamp":
            yield from _timestamp_format(a, b, old_shapes.get(a.get("shape"), {}), target_b, at)


def member(old: dict[str, Any], new: dict[str, Any], target_a: dict[str, Any],
           target_b: dict[str, Any], at: str) -> Iterator[Finding]:
    if old == new:
        return
    la, lb = old.get("location", "body"), new.get("location", "body")
    wa, wb = old.get("locationName", at[1:]), new.get("locationName", at[1:])
    if la != lb:
        yield Finding("member-location-changed", f"location {la} {wa!r} -> {lb} {wb!r}",
                      la, lb, at)
    elif wa != wb:
        yield Finding("member-location-name-changed", f"locationName {wa!r} -> {wb!r}",
                      wa, wb, at)
    if old.get("queryName") != new.get("queryName"):
        yield _changed("member-location-name-changed", "queryName", old, new, at=at)
    if bool(old.get("hostLabel")) != bool(new.get("hostLabel")):
        yield _toggled("member-host-label-changed", "hostLabel", old, new, at)
    for key in _WIRE_MEMBER:
        if old.get(key) != new.get(key):
            yield _changed("wire-trait-changed", key, old, new, at=at)
    if bool(old.get("streaming")) != bool(new.get("streaming")):
        yield _toggled("streaming-changed", "streaming", old, new, at)
    if any(old.get(k) != new.get(k) for k in _CONSTRAINT_KEYS):
        # Traits written on the member override its target's (apigatewayv2's lifted enums).
        ea = {**target_a, **{k: old[k] for k in _CONSTRAINT_KEYS if k in old}}
        eb = {**target_b, **{k: new[k] for k in _CONSTRAINT_KEYS if k in new}}
        yield from constraints(ea, eb, kind(target_b), at)
    yield from deprecation(old, new, at)
    yield from docs(old, new, at)
    yield from other_traits(old, new, _MEMBER_KEYS, at=at)


def _reference(old: dict[str, Any], new: dict[str, Any], at: str) -> Iterator[Finding]:
    """A list's or map's member reference: its wire name and docs (the target is walked)."""
    for key in ("locationName", *_WIRE_MEMBER):
        if old.get(key) != new.get(key):
            yield _changed("wire-trait-changed", key, old, new, at=at)
    yield from docs(old, new, at)
    yield from other_traits(old, new, frozenset(("shape", "locationName", "timestampFormat",
                                                 *_WIRE_MEMBER)), at=at)


def _changed(rule: str, label: str, old: dict[str, Any], new: dict[str, Any],
             key: str | None = None, at: str = "") -> Finding:
    key = key or label
    x, y = old.get(key), new.get(key)
    return Finding(rule, f"{label} {_show(x)} -> {_show(y)}", x, y, at)


def _show(value: Any) -> str:
    return "(none)" if value is None else str(value)


def _toggled(rule: str, key: str, old: dict[str, Any], new: dict[str, Any],
             at: str = "") -> Finding:
    on = bool(new.get(key))
    return Finding(rule, f"{key} {'added' if on else 'removed'}", not on, on, at)
