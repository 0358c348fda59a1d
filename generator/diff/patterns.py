"""Decide how a pattern change moves the set of accepted strings (ECMA-262 search semantics,
as the generated validators apply patterns).

Cheapest first: a pattern every string satisfies is no pattern; a rewrite that only drops an
outer group or top-level anchors, or widens classes, alternatives and repeats node for node
(generator.diff.inclusion), cannot reject anything; a witness (a string the old pattern
accepts and the new one rejects, inside the old length bounds) found by a search over strings
built from the old pattern proves a tightening. What is left goes to language inclusion on
the search automata (generator.regex); where it cannot model a pattern, the change is
undecided and reported as such."""

from __future__ import annotations

import functools
import math
import re
from re import _constants as sre_constants  # type: ignore[attr-defined]
from dataclasses import dataclass
from typing import Any

from ..ecma import pattern_forms
from .inclusion import included
from .witness import candidates, parse

# Strings tried against a pattern added where there was none, beyond its own samples.
_PROBES = ("", " ", "a", "A", "0", "-", "_", ".", "/", ":", "@", "\n", "a b", "\u00e9",
           "\U0001f600", "\x00", "a" * 300)


@dataclass(frozen=True)
class Verdict:
    rule: str | None  # None: the same set of strings, and the same text or no constraint
    witness: str | None = None
    note: str = ""


def compare_patterns(old: str | None, new: str | None,
                     bounds: tuple[int, float] = (0, float("inf"))) -> Verdict:
    return _compare(old, new, bounds)


@functools.lru_cache(maxsize=4096)
def _compare(old: str | None, new: str | None, bounds: tuple[int, float]) -> Verdict:
    """Cheapest first: the automata cost seconds for some patterns, so they only decide what
    the textual checks and the witness search leave open."""
    if old == new:
        return Verdict(None)
    if _everything(new):
        return Verdict(None if _everything(old) else "pattern-loosened")
    if old is not None and new is not None and _strip_group(old) == _strip_group(new):
        return Verdict("pattern-rewritten")
    if old is not None and _only_relaxed(old, new):
        return Verdict("pattern-loosened")
    if old is not None and new is not None and included(old, new):
        return Verdict("pattern-rewritten" if included(new, old) else "pattern-loosened")
    searched = _search(old, new, bounds)
    if searched.witness is not None:
        return searched  # a witness is proof
    return _decide(old, new, bounds) or searched


@functools.lru_cache(maxsize=4096)
def pattern_lengths(pattern: str) -> tuple[float, float]:
    """Bounds on the length of every string the pattern accepts: a search needs a match, so
    at least the shortest match; at most the longest one when the match must span the whole
    string (anchored at both ends, no top-level alternation)."""
    python = pattern_forms(pattern).python
    if python is None:
        return 0, math.inf
    tree = parse(python)
    if tree is None:
        return 0, math.inf
    low, high = tree.getwidth()
    ends = python.endswith("\\Z") and (len(python) - 1 - len(python[:-1].rstrip("\\"))) % 2
    whole = python.startswith("^") and ends and not _top_level_bar(python)
    return low, high if whole and high < sre_constants.MAXREPEAT else math.inf


def _everything(pattern: str | None) -> bool:
    """Every string satisfies it (no pattern, `.*`, `[a-z]*`, `^.*`: a search finds "")."""
    return pattern is None or pattern_forms(pattern).search == "" or _star(pattern)


def _star(pattern: str) -> bool:
    """One atom (a class, a group, `.`) under `*` or `?`, unanchored: it matches the empty
    string at the start of any string. Read from the text, so that patterns Python cannot
    evaluate (`[\\p{L}\\p{N}]*`) are recognised too."""
    p = _strip_group(pattern)
    if p.endswith(("*", "?")) and not p.endswith(("\\*", "\\?")):
        atom = p[:-1]
    else:
        return False
    if atom == ".":
        return True
    if atom.startswith("(") and _closing(atom, 0) == len(atom) - 1:
        return not atom.startswith(("(?=", "(?!", "(?<"))
    return atom.startswith("[") and _class_end(atom) == len(atom) - 1


def _class_end(p: str) -> int:
    """Index of the `]` closing the class that starts p, or -1."""
    i = 1
    while i < len(p):
        if p[i] == "\\":
            i += 2
            continue
        if p[i] == "]":
            return i
        i += 1
    return -1


def _decide(old: str | None, new: str | None, bounds: tuple[int, float]) -> Verdict | None:
    """Language inclusion on the two search automata (generator.regex), or None where it
    cannot model a pattern. The witness is a shortest one: longer than the old maximum means
    none fits the old bounds; shorter than the old minimum leaves the search to find one."""
    if new is None or not _small(new) or old is not None and not _small(old):
        return None
    from .. import regex  # here: most diffs never need the automata

    try:
        witness = regex.difference_witness(old if old is not None else "", new)
        if witness is not None and len(witness) > bounds[1]:
            witness = None
        elif witness is not None and len(witness) < bounds[0]:
            return None
        if witness is not None:
            return Verdict("pattern-tightened", witness)
        if old is None:
            return Verdict(None)  # the new pattern rejects nothing the bounds allow
        reverse = regex.difference_witness(new, old)
    except regex.UnsupportedPattern:
        return None
    return Verdict("pattern-loosened" if reverse is not None else "pattern-rewritten")


# Expanded size (counted repeats unrolled) above which a pattern is left undecided rather
# than given to the automata: on the 1.43.11 -> 1.44.5 patterns, those above it took up to
# 1.6 s each to build (several only to exceed generator.regex's 4,000-state limit), those
# below it a few milliseconds. Deterministic, so the same models always get the same verdict;
# it keeps the whole-corpus diff within 3x its floor.
_AUTOMATON_BUDGET = 80


@functools.lru_cache(maxsize=4096)
def _small(pattern: str) -> bool:
    python = pattern_forms(pattern).python
    if python is None:
        return True  # generator.regex says why it cannot (\p{..}), quickly
    tree = parse(python)
    return tree is not None and _expanded(list(tree)) <= _AUTOMATON_BUDGET


def _expanded(items: list[tuple[Any, Any]]) -> int:
    size = 0
    for op, arg in items:
        if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, sub = arg
            copies = low + 1 if high is sre_constants.MAXREPEAT else high
            size += max(copies, 1) * _expanded(list(sub))
        elif op is sre_constants.SUBPATTERN:
            size += _expanded(list(arg[-1]))
        elif op is sre_constants.BRANCH:
            size += sum(_expanded(list(b)) for b in arg[1])
        else:
            size += 1
    return size


def _only_relaxed(old: str, new: str | None) -> bool:
    """`new` is `old` with an outer group or top-level anchors dropped: it rejects nothing
    that `old` accepts. Alternation at the top level changes what an anchor binds to, and a
    back-reference's number moves with a group, so both are left to the search."""
    if new is None or "\\" in old and re.search(r"\\[1-9]", old):
        return False
    a, b = _strip_group(old), _strip_group(new)
    if _top_level_bar(a):
        return False
    start = a.startswith("^")
    core = a.removeprefix("^")
    end = core.endswith("$") and (len(core) - len(core.rstrip("$\\"))) % 2 == 1
    core = core[:-1] if end else core  # a trailing `$` not escaped by an odd run of `\\`
    forms = set()
    for body in {core, _strip_group(core)}:
        if body != core and _top_level_bar(body):
            forms.add(body)  # `(x|y)` without anchors is `x|y`; with them it is not
            continue
        # Keep any subset of the anchors `old` had, never one it did not have.
        forms |= {body, *(["^" + body] if start else []), *([body + "$"] if end else [])}
    return b in forms - {a}


def _strip_group(p: str) -> str:
    """`(x)` or `(?:x)` whose parentheses enclose the whole pattern is `x`."""
    for opening in ("(?:", "("):
        if p.startswith(opening) and p.endswith(")") and _closing(p, 0) == len(p) - 1:
            return _strip_group(p[len(opening):-1])
    return p


def _closing(p: str, start: int) -> int:
    depth, i, in_class = 0, start, False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _top_level_bar(p: str) -> bool:
    depth, i, in_class = 0, 0, False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


def _search(old: str | None, new: str | None, bounds: tuple[int, float]) -> Verdict:
    new_re = _compiled(new)
    old_re = _compiled(old) if old is not None else None
    if new_re is None or old is not None and old_re is None:
        side = "new" if new_re is None else "old"
        return Verdict("pattern-undecided", note=f"undecided: the {side} pattern cannot be "
                       "evaluated here")
    pool = candidates(pattern_forms(old).python or "") if old is not None else _PROBES
    for text in pool:
        if not bounds[0] <= len(text) <= bounds[1]:
            continue
        if (old_re is None or old_re.search(text)) and not new_re.search(text):
            return Verdict("pattern-tightened", text)
    return Verdict("pattern-undecided", note="undecided: no witness found")


def _compiled(pattern: str | None) -> re.Pattern[str] | None:
    python = pattern_forms(pattern).python if pattern is not None else None
    return re.compile(python) if python is not None else None
