"""Evaluators of the constraints on a member's resolved target: min, max, enum, pattern.

Each compares what a value may be, not how the model spells it: a length minimum of 0 is no
minimum, a pattern that every string satisfies is no pattern, and an enum replaced by a free
string loosens. Severity then depends on who validates: tighter is breaking for requests."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from .changes import Finding
from .patterns import compare_patterns, pattern_lengths

_LENGTHS = frozenset(("string", "blob", "list", "map"))


def constraints(old: dict[str, Any], new: dict[str, Any], kind: str,
                at: str = "") -> Iterator[Finding]:
    yield from _bounds(old, new, kind, at)
    if kind == "string":
        yield from _enum(old, new, at)
        yield from _pattern(old, new, at)


def _bounds(old: dict[str, Any], new: dict[str, Any], kind: str, at: str) -> Iterator[Finding]:
    """A bound tightens when it cuts into the lengths (or values) the old shape allowed, and
    loosens when the new shape allows some the old bound did not; for strings, what the
    pattern or the enum allows counts, so a bound they already imply changes nothing."""
    floor = 0 if kind in _LENGTHS else -math.inf  # a length is never negative
    what = "length" if kind in ("string", "blob") else "size" if kind in _LENGTHS else "value"
    lo_a, lo_b = _num(old.get("min"), floor), _num(new.get("min"), floor)
    hi_a, hi_b = _num(old.get("max"), math.inf), _num(new.get("max"), math.inf)
    allowed_a, allowed_b = (lo_a, hi_a), (lo_b, hi_b)
    if kind == "string":
        allowed_a, allowed_b = _string_lengths(old, lo_a, hi_a), _string_lengths(new, lo_b, hi_b)
    if old.get("min") != new.get("min"):
        show = f"min {_show(old.get('min'))} -> {_show(new.get('min'))} ({what})"
        if lo_b > allowed_a[0]:
            yield Finding("min-tightened", show, old.get("min"), new.get("min"), at)
        elif allowed_b[0] < lo_a:
            yield Finding("min-loosened", show, old.get("min"), new.get("min"), at)
    if old.get("max") != new.get("max"):
        show = f"max {_show(old.get('max'))} -> {_show(new.get('max'))} ({what})"
        if hi_b < allowed_a[1]:
            yield Finding("max-tightened", show, old.get("max"), new.get("max"), at)
        elif allowed_b[1] > hi_a:
            yield Finding("max-loosened", show, old.get("max"), new.get("max"), at)


def _string_lengths(shape: dict[str, Any], lo: float, hi: float) -> tuple[float, float]:
    enum = shape.get("enum")
    if isinstance(enum, list) and enum:
        lengths = [len(v) for v in enum if isinstance(v, str) and lo <= len(v) <= hi]
        return (min(lengths), max(lengths)) if lengths else (lo, hi)
    pattern = shape.get("pattern")
    if isinstance(pattern, str):
        low, high = pattern_lengths(pattern)
        return max(lo, low), min(hi, high)
    return lo, hi


def _num(value: Any, default: float) -> float:
    return default if not isinstance(value, (int, float)) or isinstance(value, bool) else value


def _show(value: Any) -> str:
    return "(none)" if value is None else str(value)


def _enum(old: dict[str, Any], new: dict[str, Any], at: str) -> Iterator[Finding]:
    a, b = old.get("enum"), new.get("enum")
    if a == b:
        return
    if a is None:
        yield Finding("enum-added", f"enum added ({len(b or ())} values)", None, b, at)
    elif b is None:
        yield Finding("enum-removed", "enum removed (any string)", a, None, at)
    else:
        for value in a:
            if value not in b:
                yield Finding("enum-value-removed", f"enum value {value} removed", value, None, at)
        for value in b:
            if value not in a:
                yield Finding("enum-value-added", f"enum value {value} added", None, value, at)


def _pattern(old: dict[str, Any], new: dict[str, Any], at: str) -> Iterator[Finding]:
    a, b = old.get("pattern"), new.get("pattern")
    if a == b or old.get("enum") is not None and new.get("enum") is not None:
        return  # an enum on both sides decides the values; the pattern adds nothing
    bounds = (int(_num(old.get("min"), 0)), _num(old.get("max"), math.inf))
    verdict = compare_patterns(a, b, bounds)
    if verdict.rule is None:
        return
    text = f"pattern {_show_pattern(a)} -> {_show_pattern(b)}"
    if verdict.witness is not None:
        text += f": rejects {verdict.witness!r}"
    if verdict.note:
        text += f" ({verdict.note})"
    yield Finding(verdict.rule, text, a, b, at, witness=verdict.witness)


def _show_pattern(pattern: str | None) -> str:
    return "(none)" if pattern is None else repr(pattern)
