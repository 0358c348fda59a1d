"""Candidate strings for a Python regular expression: a few members of its language near
the edges (fewest and one more repetition, each alternative, the ends of each class) and
those strings with a character added at either end. A candidate proves nothing by itself:
the caller keeps one only after checking it against both patterns."""

from __future__ import annotations

import functools
import itertools
import re
from typing import Any

from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

_LIMIT = 160  # strings kept per node: enough to reach every alternative of model patterns
_OUTSIDE = "a Z0-_.:/@\n\u00e9\U0001f600"  # characters tried where a class forbids others
_CATEGORY = {C.CATEGORY_DIGIT: "0", C.CATEGORY_NOT_DIGIT: "a", C.CATEGORY_SPACE: " ",
             C.CATEGORY_NOT_SPACE: "a", C.CATEGORY_WORD: "a", C.CATEGORY_NOT_WORD: "-"}


@functools.lru_cache(maxsize=4096)
def parse(python: str) -> Any:
    """The parse tree of a Python pattern (shared: several checks read the same patterns),
    or None."""
    try:
        return P.parse(python)
    except (re.error, RecursionError, OverflowError):
        return None


@functools.lru_cache(maxsize=2048)
def candidates(python: str) -> tuple[str, ...]:
    tree = parse(python)
    if tree is None:
        return ()
    core = _sequence(list(tree))
    out = dict.fromkeys(core)
    for text in core[:_LIMIT]:
        for extra in (" ", "a", "\n", "-"):
            out.setdefault(extra + text)
            out.setdefault(text + extra)
    out.setdefault("")
    return tuple(out)


def _sequence(items: list[tuple[Any, Any]]) -> list[str]:
    result = [""]
    for op, arg in items:
        options = _node(op, arg)
        if not options:
            return []
        # Vary one position at a time around the first choice, instead of a full product.
        first = [a + options[0] for a in result]
        varied = [result[0] + o for o in options[1:]]
        result = list(dict.fromkeys(first + varied))[:_LIMIT]
    return result


def _node(op: Any, arg: Any) -> list[str]:
    if op is C.LITERAL:
        return [chr(arg)]
    if op is C.NOT_LITERAL:
        return [c for c in _OUTSIDE if ord(c) != arg][:3]
    if op is C.ANY:
        return ["a", "-"]
    if op is C.IN:
        return _class(arg)
    if op is C.BRANCH:
        return list(dict.fromkeys(itertools.chain.from_iterable(
            _sequence(list(b)) for b in arg[1])))[:_LIMIT]
    if op is C.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        return _repeat(arg)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return [""]
    if op is C.ATOMIC_GROUP:
        return _sequence(list(arg))
    return [""]  # group references and the like: the caller's checks decide


def _repeat(arg: Any) -> list[str]:
    low, high, sub = arg
    inner = _sequence(list(sub)) or [""]
    counts = [low] + ([low + 1] if high is C.MAXREPEAT or high > low else [])
    if high is not C.MAXREPEAT and high > low + 1 and high <= 300:
        counts.append(high)
    out: list[str] = []
    for n in counts:  # every piece once at the fewest repetitions, a few beyond
        out.extend(piece * n for piece in (inner if n == counts[0] else inner[:8]))
        if n > 1 and len(inner) > 1:
            out.append((inner[1] + inner[0] * (n - 1))[: len(inner[0]) * n + len(inner[1])])
    return list(dict.fromkeys(out))[:_LIMIT]


def _class(items: list[tuple[Any, Any]]) -> list[str]:
    negate = any(op is C.NEGATE for op, _ in items)
    members: list[str] = []
    for op, arg in items:
        if op is C.LITERAL:
            members.append(chr(arg))
        elif op is C.RANGE:  # the ends, their neighbours and the middle
            lo, hi = arg
            members.extend(chr(c) for c in (lo, hi, min(lo + 1, hi), max(hi - 1, lo),
                                            (lo + hi) // 2))
        elif op is C.CATEGORY:
            members.append(_CATEGORY.get(arg, "a"))
    if not negate:
        return list(dict.fromkeys(members))
    pattern = re.compile("[" + "".join(_class_text(op, arg) for op, arg in items) + "]")
    return [c for c in _OUTSIDE if pattern.fullmatch(c)][:3]


def _class_text(op: Any, arg: Any) -> str:
    if op is C.NEGATE:
        return "^"
    if op is C.LITERAL:
        return re.escape(chr(arg))
    if op is C.RANGE:
        return f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}"
    if op is C.CATEGORY:
        return {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
                C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w",
                C.CATEGORY_NOT_WORD: r"\W"}.get(arg, "")
    return ""
