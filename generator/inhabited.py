"""Which values a shape has: how the strategies can draw a string that an enforced pattern and
its length bounds accept, and which shapes (and so which operations) have no valid value.

A model pattern is searched, not anchored, but Hypothesis draws from a pattern most usefully as
a full match. Most patterns have full matches within their bounds; some only have searched ones
(a leading lookbehind, `\\Ba`), and some none at all (botocore ships `.*/^[\\d]{12}$/.*` and a
UUID pattern on a 32-character string). The automata of generator/regex decide each case for
lookaround-free patterns and give a shortest witness; lookaround patterns are drawn both ways.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum

from . import regex
from .ecma import pattern_forms
from .ir import Kind, Service, Shape
from .regex import Dfa, UnsupportedPattern, difference_witness
from .regex.looks import lookahead_witness
from .regex.syntax import LOOKAROUND, automaton_problem

# Strings are JSON text: a lone surrogate is no character there (a JSON parser pairs two of
# them into one code point, and Hypothesis draws none), so values never contain one. A pattern
# whose matches all need one, such as `[\\ud800-\\udbff][\\udc00-\\udfff]` in Unicode mode,
# has no value.
SURROGATES = "[\\ud800-\\udfff]"
# Lower length bounds past this are not searched for (the length automaton grows with it);
# such patterns are drawn as full matches, as before this analysis existed.
_LOW_LIMIT = 1_000


class Draw(Enum):
    FULL = "full"  # full matches within the bounds exist: draw those
    SEARCH = "search"  # only strings with a match inside them: draw those, or the witness
    EITHER = "either"  # undecided (lookarounds): draw full and searched matches
    EMPTY = "empty"  # no string within the bounds matches: no value


@dataclass(frozen=True)
class StringValues:
    draw: Draw
    # An accepted string within the bounds, drawn beside the pattern's own draws: for FULL a
    # shortest full match (a high lower bound may be almost never reached), for SEARCH a
    # shortest searched one, for EITHER one from generator/regex/looks.py where it finds one.
    witness: str | None = None


def string_values(shape: Shape) -> StringValues:
    """How to draw the shape's strings, when it has an enforced pattern (else FULL)."""
    if shape.pattern is None or shape.is_enum:
        return StringValues(Draw.FULL)
    forms = pattern_forms(shape.pattern)
    if not forms.enforced:
        return StringValues(Draw.FULL)
    lo = int(shape.min) if shape.min is not None else 0
    hi = int(shape.max) if shape.max is not None else None
    return _values(str(forms.ecma), forms.python, lo, hi)


@functools.lru_cache(maxsize=4096)
def _values(ecma: str, python: str | None, lo: int, hi: int | None) -> StringValues:
    if lo > _LOW_LIMIT:
        return StringValues(Draw.FULL)
    try:
        full = _shortest(regex.compile(f"^(?:{ecma})$"), lo, SURROGATES)
    except UnsupportedPattern:
        if not _has_lookaround(ecma):
            return StringValues(Draw.FULL)
        # Hypothesis draws a lookahead's text as if consumed, so its draws may never match
        # (fsx's ARN): a witness, checked by the exact Python spelling, keeps one value.
        exact = re.compile(python) if python is not None else None
        witness = exact and lookahead_witness(ecma, lo, hi, lambda s: bool(exact.search(s)))
        return StringValues(Draw.EITHER, witness or None)
    if _fits(full, hi):
        return StringValues(Draw.FULL, full)
    try:
        found = _shortest(regex.compile(ecma), lo, SURROGATES)
    except UnsupportedPattern:
        return StringValues(Draw.EITHER)
    return StringValues(Draw.SEARCH, found) if _fits(found, hi) else StringValues(Draw.EMPTY)


def example(shape: Shape, avoid: str = "") -> str | None:
    """A shortest string that the shape's enforced pattern accepts within its bounds (a full
    match where one fits) and the ECMA pattern `avoid` does not, for tools that need one valid
    value; None when there is no enforced pattern, no such string, or no automaton."""
    if shape.pattern is None or shape.is_enum or not pattern_forms(shape.pattern).enforced:
        return None
    ecma = str(pattern_forms(shape.pattern).ecma)
    lo = int(shape.min) if shape.min is not None else 0
    hi = int(shape.max) if shape.max is not None else None
    for anchored in (f"^(?:{ecma})$", ecma):
        try:
            found = _shortest(regex.compile(anchored), lo,
                              f"{SURROGATES}|{avoid}" if avoid else SURROGATES)
        except UnsupportedPattern:
            return None
        if _fits(found, hi):
            return found
    return None


def _shortest(dfa: Dfa, lo: int, avoid: str = "") -> str | None:
    """A shortest string of at least `lo` characters that the search DFA accepts (and the
    search of `avoid` does not)."""
    rejected = [f"^[\\s\\S]{{0,{lo - 1}}}$"] if lo else []
    rejected += [f"(?:{avoid})"] if avoid else []
    return difference_witness(dfa, regex.compile("|".join(rejected) or "[]"))


def _fits(found: str | None, hi: int | None) -> bool:
    return found is not None and (hi is None or len(found) <= hi)


def _has_lookaround(ecma: str) -> bool:
    try:
        return automaton_problem(regex.parse(ecma)) == LOOKAROUND
    except UnsupportedPattern:
        return False


def without_values(service: Service) -> dict[str, str]:
    """Reached shapes that no value satisfies, each with the reason (the least fixpoint of
    "has a value": recursive shapes have one only through a finite path)."""
    reached = service.reached()
    reasons: dict[str, str] = {}
    for shape in reached:
        if shape.kind is Kind.STRING and string_values(shape).draw is Draw.EMPTY:
            bounds = _bounds_text(shape)
            reasons[shape.name] = f"no string{bounds} matches pattern {shape.pattern!r}"
    inhabited = {s.name for s in reached if s.name not in reasons and not _composite(s)}
    changed = True
    while changed:
        changed = False
        for shape in reached:
            if shape.name not in inhabited and shape.name not in reasons and _has_value(
                    service, shape, inhabited):
                inhabited.add(shape.name)
                changed = True
    for shape in reached:
        if shape.name not in inhabited and shape.name not in reasons:
            reasons[shape.name] = _why_not(service, shape, inhabited, reasons)
    return reasons


def _composite(shape: Shape) -> bool:
    return shape.kind.is_structured or shape.kind in (Kind.LIST, Kind.MAP)


def _has_value(service: Service, shape: Shape, inhabited: set[str]) -> bool:
    if shape.kind is Kind.UNION:
        return any(m.target in inhabited for m in shape.members) or not shape.members
    if shape.kind.is_structured:
        return all(m.target in inhabited for m in shape.members if m.required)
    if shape.min is None or int(shape.min) == 0:
        return True  # an empty list or map
    parts = [shape.member] if shape.kind is Kind.LIST else [shape.key, shape.value]
    return all(p is not None and p.target in inhabited for p in parts)


def _why_not(service: Service, shape: Shape, inhabited: set[str],
             reasons: dict[str, str]) -> str:
    if shape.kind is Kind.UNION:
        return "no member of the union has a value"
    if shape.kind.is_structured:
        missing = [m for m in shape.members if m.required and m.target not in inhabited]
        first = missing[0] if missing else None
        if first is not None:
            return f"required member {first.name!r} ({first.target}) has no value"
    return f"at least {shape.min} items are required and an item has no value"


def _bounds_text(shape: Shape) -> str:
    lo = int(shape.min) if shape.min is not None else None
    hi = int(shape.max) if shape.max is not None else None
    if lo is None and hi is None:
        return ""
    if hi is None:
        return f" of at least {lo} characters"
    return f" of {lo or 0} to {hi} characters"
