"""A cheap, sound test of L(old) <= L(new) for two patterns of the same shape, so that the
automata (generator.regex, seconds for some patterns) only see what it cannot settle.

Regular operators are monotone: widening a class, adding an alternative, or widening a
repeat's range can only add strings, and a search (any substring) keeps that. So when the two
parse trees (of the patterns' Python spellings, which mean what ECMA-262 means) pair up node
for node, each old node accepting no more than its new partner, every string the old pattern
accepts the new one accepts too. Assertions, lookarounds and group references must be equal:
a negative lookahead is not monotone."""

from __future__ import annotations

import functools
from typing import Any

from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

from ..ecma import pattern_forms
from .witness import parse

_MAX = 0x10FFFF
Intervals = tuple[tuple[int, int], ...]


@functools.lru_cache(maxsize=4096)
def included(old: str, new: str) -> bool:
    """True only if every string `old` accepts, `new` accepts (False: not shown)."""
    a, b = _tree(old), _tree(new)
    return a is not None and b is not None and _seq(a, b)


def _tree(pattern: str) -> list[Any] | None:
    python = pattern_forms(pattern).python
    if python is None:
        return None
    tree = parse(python)
    return None if tree is None else list(tree)


def _seq(a: list[Any], b: list[Any]) -> bool:
    return len(a) == len(b) and all(_node(x, y) for x, y in zip(a, b))


def _node(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    (op_a, arg_a), (op_b, arg_b) = a, b
    if op_a in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN) and op_b in (C.LITERAL, C.IN,
                                                                    C.NOT_LITERAL, C.ANY):
        sa, sb = _chars(op_a, arg_a), _chars(op_b, arg_b)
        return sa is not None and sb is not None and _subset(sa, sb)
    if op_a is not op_b:
        return False
    if op_a is C.SUBPATTERN:
        return _seq(list(arg_a[-1]), list(arg_b[-1]))
    if op_a is C.BRANCH:
        return all(any(_seq(list(x), list(y)) for y in arg_b[1]) for x in arg_a[1])
    if op_a in (C.MAX_REPEAT, C.MIN_REPEAT):
        (lo_a, hi_a, sub_a), (lo_b, hi_b, sub_b) = arg_a, arg_b
        return (lo_b <= lo_a and (hi_b is C.MAXREPEAT or hi_a is not C.MAXREPEAT
                                  and hi_a <= hi_b) and _seq(list(sub_a), list(sub_b)))
    return bool(_canon(arg_a) == _canon(arg_b))  # anchors, lookarounds, references: equal only


def _canon(value: Any) -> Any:
    """Parse-tree values made comparable (SubPattern has no equality of its own)."""
    if isinstance(value, P.SubPattern):
        return tuple(_canon(v) for v in value.data)
    if isinstance(value, (tuple, list)):
        return tuple(_canon(v) for v in value)
    return value


def _chars(op: Any, arg: Any) -> Intervals | None:
    if op is C.LITERAL:
        return ((arg, arg),)
    if op is C.NOT_LITERAL:
        return _complement(((arg, arg),))
    if op is C.ANY:  # Python's `.`: anything but \n (the ECMA spelling never relies on it)
        return _complement(((10, 10),))
    ranges: list[tuple[int, int]] = []
    negate = False
    for item, value in arg:
        if item is C.NEGATE:
            negate = True
        elif item is C.LITERAL:
            ranges.append((value, value))
        elif item is C.RANGE:
            ranges.append(value)
        else:
            return None  # a category: its Unicode extent is not worth modelling here
    merged = _merge(ranges)
    return _complement(merged) if negate else merged


def _merge(ranges: list[tuple[int, int]]) -> Intervals:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return tuple(out)


def _complement(ranges: Intervals) -> Intervals:
    out, start = [], 0
    for lo, hi in ranges:
        if lo > start:
            out.append((start, lo - 1))
        start = hi + 1
    if start <= _MAX:
        out.append((start, _MAX))
    return tuple(out)


def _subset(a: Intervals, b: Intervals) -> bool:
    return all(any(lo_b <= lo and hi <= hi_b for lo_b, hi_b in b) for lo, hi in a)
