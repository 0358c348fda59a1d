"""Sets of code points as sorted, disjoint, non-adjacent inclusive intervals.

ECMA-262 in Unicode mode matches code points 0..0x10FFFF; every character class, escape and
`.` of a pattern becomes one of these sets, and the automaton's alphabet is their common
refinement (see `partition`)."""

from __future__ import annotations

from collections.abc import Iterable

MAX = 0x10FFFF
Intervals = tuple[tuple[int, int], ...]


def normalise(pairs: Iterable[tuple[int, int]]) -> Intervals:
    """Sorted, merged intervals (overlapping and adjacent ones joined)."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(pairs):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return tuple(out)


def complement(s: Intervals) -> Intervals:
    out: list[tuple[int, int]] = []
    nxt = 0
    for lo, hi in s:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= MAX:
        out.append((nxt, MAX))
    return tuple(out)


def union(*sets: Intervals) -> Intervals:
    return normalise(pair for s in sets for pair in s)


def contains(s: Intervals, cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in s)


def chars(text: str) -> Intervals:
    return normalise((ord(c), ord(c)) for c in text)


DIGIT = ((0x30, 0x39),)
WORD = normalise([(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)])
# WhiteSpace and LineTerminator of ECMA-262 (section 12.2, 12.3): Unicode Zs plus these.
SPACE = normalise([(0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680),
                   (0x2000, 0x200A), (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F),
                   (0x3000, 0x3000), (0xFEFF, 0xFEFF)])
LINE_TERMINATORS = chars("\n\r\u2028\u2029")
DOT = complement(LINE_TERMINATORS)  # `.` without the s flag
ANY = ((0, MAX),)
ESCAPES: dict[str, Intervals] = {
    "d": DIGIT, "D": complement(DIGIT), "w": WORD, "W": complement(WORD),
    "s": SPACE, "S": complement(SPACE),
}


def partition(sets: Iterable[Intervals]) -> list[Intervals]:
    """The coarsest partition of all code points into classes such that each given set is a
    union of classes. Classes are ordered by their lowest code point."""
    given = list(dict.fromkeys(sets))
    cuts = {0, MAX + 1}
    for s in given:
        for lo, hi in s:
            cuts.add(lo)
            cuts.add(hi + 1)
    points = sorted(cuts)
    classes: dict[tuple[bool, ...], list[tuple[int, int]]] = {}
    for lo, nxt in zip(points, points[1:]):
        key = tuple(contains(s, lo) for s in given)
        classes.setdefault(key, []).append((lo, nxt - 1))
    return sorted((normalise(v) for v in classes.values()), key=lambda c: c[0][0])


def representative(s: Intervals) -> int:
    """A code point of `s` for witnesses: printable ASCII first, then letters and digits, then
    anything but surrogates, else the lowest."""
    for lo, hi in ((0x61, 0x7A), (0x41, 0x5A), (0x30, 0x39), (0x20, 0x7E), (0xA0, 0xD7FF),
                   (0xE000, MAX), (0, 0x1F)):
        for a, b in s:
            if a <= hi and b >= lo:
                return max(a, lo)
    return s[0][0]
