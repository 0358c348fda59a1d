"""generator/regex/looks.py: a witness for an anchored pattern with a top-level positive
lookahead, checked by Node's RegExp (the ECMA-262 oracle) and by its own exact matcher."""

from __future__ import annotations

import re

import pytest
from ecma_oracle import NODE, EcmaOracle

from generator.ecma import pattern_forms
from generator.regex.looks import lookahead_witness

FSX_ARN = ("^arn:(?=[^:]+:fsx:[^:]+:\\d{12}:)((|(?=[a-z0-9-.]{1,63})(?!\\d{1,3}(\\.\\d{1,3}){3})"
           "(?![^:]*-{2})(?![^:]*-\\.)(?![^:]*\\.-)[a-z0-9].*(?<!-)):){4}(?!/).{0,1024}$")


def _witness(pattern: str, lo: int, hi: int | None) -> str | None:
    forms = pattern_forms(pattern)
    assert forms.python is not None
    exact = re.compile(forms.python)
    return lookahead_witness(str(forms.ecma), lo, hi, lambda s: bool(exact.search(s)))


@pytest.mark.skipif(NODE is None, reason="needs Node.js, the ECMA-262 oracle")
@pytest.mark.parametrize("pattern, lo, hi", [
    (FSX_ARN, 8, 512),
    (FSX_ARN, 30, 512),  # longer than the shortest: the search reaches the minimum
    ("^(?=.*[0-9])(?=.*[A-Z])[A-Za-z0-9]{8,}$", 0, None),  # two lookaheads: one in the search
    ("^ab(?=c{3})[a-z]+$", 0, 9),
])
def test_the_witness_is_an_ecma_match_within_the_bounds(pattern: str, lo: int,
                                                        hi: int | None) -> None:
    found = _witness(pattern, lo, hi)
    assert found is not None
    assert lo <= len(found) <= (hi if hi is not None else 10**9)
    with EcmaOracle() as node:
        assert node.test(pattern, [found]) == [True]


@pytest.mark.parametrize("pattern, lo, hi", [
    ("^(?=x)y$", 0, None),  # the lookahead contradicts the rest: no string
    ("(?=a)a", 0, None),  # not anchored: not this form
    ("^(?!a)b$", 0, None),  # a negative lookahead only
    (FSX_ARN, 8, 20),  # every match is longer than the maximum
    (FSX_ARN, 60, 512),  # past what the search visits: none, rather than a wrong one
    ("^(?=a)(a)\\1$", 0, None),  # a backreference has no automaton
])
def test_no_witness_where_the_form_or_the_language_has_none(pattern: str, lo: int,
                                                            hi: int | None) -> None:
    assert _witness(pattern, lo, hi) is None


def test_a_candidate_the_exact_matcher_refuses_is_no_witness() -> None:
    forms = pattern_forms("^(?=a)[a-z]$")
    assert lookahead_witness(str(forms.ecma), 0, None, lambda s: s == "a") == "a"
    assert lookahead_witness(str(forms.ecma), 0, None, lambda s: False) is None
