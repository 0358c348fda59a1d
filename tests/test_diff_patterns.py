"""Pattern verdicts, checked against generator.regex's automata (which are checked against
Node's RegExp): a verdict is never weaker than the truth, and a witness always is one."""

from __future__ import annotations

import re

import pytest

from generator import regex
from generator.diff.inclusion import included
from generator.diff.patterns import compare_patterns, pattern_lengths
from generator.ecma import pattern_forms

PAIRS = [
    ("^[a-z]+$", "^[a-z0-9]+$"),
    ("^arn:aws(-(cn|iso(-b)?|us-gov))?:sns:[a-z]+$",
     "^arn:aws(-(cn|iso(-b)?|us-gov|eusc))?:sns:[a-z]+$"),  # polly's partition alternative
    ("^[0-9a-zA-Z-_.]+$", "[0-9a-zA-Z-_.]+"),  # scheduler drops the anchors
    ("arn:[\\w+=/,.@-]+", "(arn:[\\w+=/,.@-]+)"),  # acm wraps it in a group
    ("^[a-z]+$", "^[a-z]+(-[a-z]+)*$"),
    ("^(?!aws)[a-z]+$", "^(?!aws)[a-z0-9]+$"),
    ("^[a-z]+$", "^[a-y]+$"),
    ("^[a-z]{1,10}$", "^[a-z]{2,10}$"),
    ("[a-z]", "^[a-z]"),
    ("^(?!aws)[a-z]+$", "^(?!aw)[a-z]+$"),
    ("[a-z]", "^[a-z]"),  # an anchor added tightens
    ("^[a-z]+$", "[a-z]+$"),
    ("0|([1-9]\\d{0,128})", "^(0|([1-9]\\d{0,128}))$"),  # kinesis anchors a search
    (".*\\S.*", "^[\\x20-\\x7E]+$"),
]


def _accepts(pattern: str, text: str) -> bool:
    python = pattern_forms(pattern).python
    assert python is not None
    return re.search(python, text) is not None


def _truth(old: str, new: str) -> str | None | bool:
    """The automata's shortest witness; False where they cannot model a pattern."""
    try:
        return regex.difference_witness(old, new)
    except regex.UnsupportedPattern:
        return False


@pytest.mark.parametrize("old, new", PAIRS)
def test_verdict_agrees_with_the_automata(old: str, new: str) -> None:
    verdict = compare_patterns(old, new)
    truth, reverse = _truth(old, new), _truth(new, old)
    if verdict.rule == "pattern-tightened":
        assert verdict.witness is not None and truth is not None
        assert _accepts(old, verdict.witness) and not _accepts(new, verdict.witness)
    elif verdict.rule in ("pattern-loosened", "pattern-rewritten"):
        assert truth is None or truth is False
        if reverse is not False:
            assert (reverse is None) == (verdict.rule == "pattern-rewritten")
    else:
        assert verdict.rule == "pattern-undecided"
        assert truth is False or truth is not None  # undecided only where not provably safe


@pytest.mark.parametrize("old, new", PAIRS + [(n, o) for o, n in PAIRS])
def test_structural_inclusion_is_sound(old: str, new: str) -> None:
    if included(old, new):
        assert _truth(old, new) in (None, False)


def test_the_acceptance_pairs_are_decided() -> None:
    assert compare_patterns(*PAIRS[1]).rule == "pattern-loosened"
    assert compare_patterns(*PAIRS[2]).rule == "pattern-loosened"
    assert compare_patterns(*PAIRS[3]).rule == "pattern-rewritten"
    assert compare_patterns(*PAIRS[4]).rule == "pattern-loosened"  # by the automata


def test_witness_respects_the_old_length_bounds() -> None:
    # The shortest witness ('a') is shorter than the old minimum: another one is needed.
    verdict = compare_patterns("^[a-z]+$", "^(a|[a-z]{3,})$", (2, 10))
    assert verdict.rule == "pattern-tightened" and verdict.witness is not None
    assert 2 <= len(verdict.witness) <= 10
    # Every rejected string is longer than the old maximum allows: nothing valid is lost.
    assert compare_patterns("^[a-z]+$", "^[a-z]{1,5}$", (0, 5)).rule in (
        "pattern-loosened", "pattern-rewritten")


def test_unsupported_patterns_are_undecided_with_a_reason() -> None:
    verdict = compare_patterns("^\\p{Alnum}+$", "^[A-Z]+$")  # Java's name: not ECMA
    assert verdict.rule == "pattern-undecided" and "undecided" in verdict.note


@pytest.mark.parametrize("pattern, lengths", [
    ("[a-z]+", (1, float("inf"))), ("^[a-z]{1,10}$", (1, 10)), ("^a|b$", (1, float("inf"))),
    ("^a\\\\$", (2, 2)), ("x*", (0, float("inf"))),
])
def test_pattern_lengths(pattern: str, lengths: tuple[float, float]) -> None:
    assert pattern_lengths(pattern) == lengths
