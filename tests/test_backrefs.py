"""Backreferences: enforced where Python's `re` can be given ECMA-262's meaning and runs them in
linear time, refused (with the reason) elsewhere; Node is the judge of the meaning."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest

from ecma_oracle import NODE, EcmaOracle
from generator.ecma import pattern_forms

pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js (the ECMA-262 oracle)")

ENFORCED = [
    r"^(a)?b\1$",  # a group that took no part: "" in ECMA, a failed match in Python's \1
    r"^(-?)[0-9]{2}(\1[0-9]{2})?$",  # the ISO 8601 date form botocore's models use
    r"^(x|y)(?:z\1)?$",
    r"^((a)|b)c\2$",  # the inner group took no part when `b` matched
    r"^(.)\1$",
]
SKIPPED_GROUP = {ENFORCED[0], ENFORCED[3]}
REFUSED = {
    r"^(?:(a)|b)+\1$": "repeated group",  # ECMA clears it at each repetition
    r"^\1(a)$": "not closed yet",
    r"^(a)(?!(b))\2$": "out of the negative lookaround",
    r"^(a)\2$": "missing group",
    r"^(x)(a|a)*b\1$": "may backtrack super-linearly",  # a hostile model's ReDoS
    r"^(?=(a))(a|a)*\1$": "may backtrack super-linearly",
    r"[\1]": "octal escape",  # a SyntaxError in Unicode mode
}


@pytest.fixture(scope="module")
def oracle() -> Iterator[EcmaOracle]:
    with EcmaOracle() as node:
        yield node


def strings() -> list[str]:
    return ["".join(p) for n in range(7) for p in itertools.product("ab-xyz0c.", repeat=n)
            if n < 5 or p[0] in "ax-"]


@pytest.mark.parametrize("pattern", ENFORCED)
def test_enforced_backreferences_mean_what_node_says(oracle: EcmaOracle, pattern: str) -> None:
    forms = pattern_forms(pattern)
    assert forms.enforced, forms.note
    assert forms.ecma is not None and forms.python is not None
    samples = strings()
    node = oracle.test(forms.ecma, samples)
    assert node == oracle.test(pattern, samples)  # the schema's spelling means the model's
    python = re.compile(forms.python)
    search = re.compile(forms.search or "")
    assert [python.search(s) is not None for s in samples] == node
    assert [search.search(s) is not None for s in samples] == node
    if pattern in SKIPPED_GROUP:  # there Python's plain \N would differ from ECMA
        plain = re.compile(re.sub(r"\(\?\((\d)\)\\\d\|\)", r"\\\1", forms.python))
        assert [plain.search(s) is not None for s in samples] != node


@pytest.mark.parametrize("pattern, why", REFUSED.items())
def test_other_backreferences_are_refused_with_the_reason(pattern: str, why: str) -> None:
    forms = pattern_forms(pattern)
    assert not forms.enforced and why in forms.note, forms.note
