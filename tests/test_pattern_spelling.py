"""The schemas' ECMA spelling reads alike in every engine, and the Python spelling means ECMA.

A schema consumer may check `pattern` with Python's `re` (python-jsonschema, fastjsonschema)
rather than an ECMA engine. The emitted spelling writes ECMA's `\\d \\w \\s` (and negations) and
`.` as explicit sets, so such a consumer reads them as ECMA does; Node is the judge."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from ecma_oracle import NODE, EcmaOracle
from generator.ecma import pattern_forms

pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js (the ECMA-262 oracle)")

# Characters where Python's and ECMA's class escapes, `.` and `\b` disagree.
TRICKY = ["a", "Z", "_", "0", "\u0663", "\uff11", "\u00e9", "\u212a", " ", "\t", "\r", "\n",
          "\x1c", "\x85", "\u00a0", "\u2028", "\ufeff", "\u3000", "-", "\U0001f600"]
PATTERNS = [r"^\s+$", r"^\S+$", r"^\d+$", r"^\D+$", r"^\w+$", r"^\W+$", r"^.+$", r"^[\s\d]+$",
            r"^[^\s]+$", r"^[\S]+$", r"^[\W\d]+$", r"^[\s\S]+$", r"^[^\w\W]$", r"^x\s*\.\d$"]


@pytest.fixture(scope="module")
def oracle() -> Iterator[EcmaOracle]:
    with EcmaOracle() as node:
        yield node


def samples() -> list[str]:
    return TRICKY + [a + b for a in TRICKY for b in TRICKY[:8]] + ["x \ufeff.1", "x\x1c.1"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_python_re_reads_the_schema_spelling_as_node_does(oracle: EcmaOracle,
                                                          pattern: str) -> None:
    forms = pattern_forms(pattern)
    assert forms.ecma is not None and forms.python is not None
    strings = samples()
    node = oracle.test(pattern, strings)
    assert oracle.test(forms.ecma, strings) == node
    # python-jsonschema: re.search on the schema's pattern text
    assert [re.search(forms.ecma, s) is not None for s in strings] == node
    assert [re.search(forms.python, s) is not None for s in strings] == node


@pytest.mark.parametrize("pattern", [r"\bx", r"x\b", r"\Bx", r"^.*\b[0-9a-f]{2}\b.*$"])
def test_word_boundaries_are_ascii_in_the_python_spelling(oracle: EcmaOracle,
                                                          pattern: str) -> None:
    forms = pattern_forms(pattern)
    assert forms.python is not None
    strings = [a + b + c for a in ["", "\u00e9", "a", " "] for b in ["x", "ab", "0f"]
               for c in ["", "\u00e9", "_", "-"]]
    assert [re.search(forms.python, s) is not None for s in strings] == oracle.test(pattern,
                                                                                     strings)
