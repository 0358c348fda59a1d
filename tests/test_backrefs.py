"""Backreferences: enforced where Python's `re` can be given ECMA-262's meaning and runs them in
linear time, refused (with the reason) elsewhere; Node is the judge of the meaning."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest

from ecma_oracle import NODE, EcmaOracle
from generator.ecma import pattern_forms
from generator.regex.program import linear_engine

pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js (the ECMA-262 oracle)")

ENFORCED = [
    r"^(a)?b\1$",  # a group that took no part: "" in ECMA, a failed match in Python's \1
    r"^(-?)[0-9]{2}(\1[0-9]{2})?$",  # the ISO 8601 date form botocore's models use
    r"^(x|y)(?:z\1)?$",
    r"^((a)|b)c\2$",  # the inner group took no part when `b` matched
    r"^(.)\1$",
]
SKIPPED_GROUP = {ENFORCED[0], ENFORCED[3]}
# Where `re` may backtrack super-linearly, the references are expanded into alternatives
# (generator.regex.expand) and the automaton runs the result: the corpus's three, and shapes
# of route from the sequence to the group (optional, alternative, {0}, in a lookahead).
CHIME = r"^(?!.*?(.)\1{3})[-_!@#$a-zA-Z0-9]*$"  # chime-sdk-meetings: no character 4 times
ISO_8601 = (  # iotwireless (ssm's differs in its sign and fraction)
    r"^([\+-]?\d{4}(?!\d{2}\b))((-?)((0[1-9]|1[0-2])(\3([12]\d|0[1-9]|3[01]))?|W([0-4]\d|"
    r"5[0-2])(-?[1-7])?|(00[1-9]|0[1-9]\d|[12]\d{2}|3([0-5]\d|6[1-6])))([T\s]((([01]\d|"
    r"2[0-3])((:?)[0-5]\d)?|24\:?00)([\.,]\d+(?!:))?)?(\17[0-5]\d([\.,]\d+)?)?([zZ]|"
    r"([\+-])([01]\d|2[0-3]):?([0-5]\d)?)?)?)?$"
)
EXPANDED = [
    CHIME,
    ISO_8601,
    r"^(x)(a|a)*b\1$",  # a hostile model's ReDoS, now regular
    r"^(?:(a|b)c)?(a|a)*d\1$",  # the group not taken: \1 matches ""
    r"^(?:(a|b)|c)(a|a)*\1$",
    r"^(?:(a){0}b)(a|a)*\1$",
    r"^(?=(a|b)(a|a)*\1$)",  # group and reference in one lookahead
    r"^(a|b)(a|a)*(?!\1)",  # the reference in a lookahead
    r"^(a?)(?:b|b)*\1(c|cc)(?:a|a)*\2$",  # two references, expanded one after the other
    r"^(a|b)(c|d)(?:e|e)*\2\1$",  # one expansion inside the other
]
REFUSED = {
    r"^(?:(a)|b)+\1$": "repeated group",  # ECMA clears it at each repetition
    r"^\1(a)$": "not closed yet",
    r"^(a)(?!(b))\2$": "out of the negative lookaround",
    r"^(a)\2$": "missing group",
    r"^(?=(a))(a|a)*\1$": "in a lookaround its reference is not in",  # ECMA commits to it
    r"^(.)(a|a)*\1$": "over 256 strings",
    r"^(a+)(a|a)*\1$": "no bounded set",
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


def iso_strings() -> list[str]:
    """ISO 8601 forms and one-character edits of them, over the pattern's alphabet."""
    seeds = ["2020-01-01T10:00:00Z", "+2020-W05-3T24:00", "2020-0101T1030", "2020-01-01 10",
             "2020-01-01T10:3045", "2020-01-01T24:0000", "2020-01-01T1030:45", "2020-366",
             "2020-01-01T10:30:45,5+01:00", "-2020-02", "202001", "2020-01-01T10.5:30"]
    edits = {seed[:i] + c + seed[i + 1:] for seed in seeds for i in range(len(seed))
             for c in "0:-T.9Z"}
    cuts = {seed[:i] for seed in seeds for i in range(len(seed))}
    return sorted({*seeds, *edits, *cuts})


def expanded_samples(pattern: str) -> list[str]:
    if pattern == ISO_8601:
        return iso_strings()
    alphabet = "a!-bQ\n" if pattern == CHIME else "abcdex"
    return ["".join(p) for n in range(7) for p in itertools.product(alphabet, repeat=n)
            if n < 5 or len(set(p)) <= 2]


@pytest.mark.parametrize("pattern", EXPANDED)
def test_expanded_backreferences_mean_what_node_says(oracle: EcmaOracle, pattern: str) -> None:
    """The expansion (the schema's spelling, regular) means the model's pattern to Node, and
    the validators' automaton, the strategies' Python spelling and its search form agree."""
    forms = pattern_forms(pattern)
    assert forms.enforced and "expanded" in forms.note, forms.note
    assert forms.ecma is not None and forms.python is not None
    assert "\\1" not in forms.ecma and "\\3" not in forms.ecma
    samples = expanded_samples(pattern)
    model = oracle.test(pattern.replace("\\:", ":"), samples)  # `\:`: Annex B, not Unicode mode
    assert isinstance(model, list) and any(model) and not all(model)
    assert oracle.test(forms.ecma, samples) == model
    engine = linear_engine(forms.ecma)[0]
    assert engine is not None  # the automaton, not `re`, runs it in the validators
    matcher = engine.matcher()
    assert [matcher.search(s) for s in samples] == model
    python, search = re.compile(forms.python), re.compile(forms.search or "")
    assert [python.search(s) is not None for s in samples] == model
    assert [search.search(s) is not None for s in samples] == model


def test_a_corpus_of_references_cannot_grow_the_pattern_past_the_limit() -> None:
    """Each expansion multiplies what follows its group: a hostile model nests them."""
    hostile = "^([a-p])([a-p])([a-p])([a-p])([a-p])(?:b|b)*\\5\\4\\3\\2\\1$"
    forms = pattern_forms(hostile)
    assert not forms.enforced and "nodes" in forms.note, forms.note


@pytest.mark.parametrize("pattern, why", REFUSED.items())
def test_other_backreferences_are_refused_with_the_reason(pattern: str, why: str) -> None:
    forms = pattern_forms(pattern)
    assert not forms.enforced and why in forms.note, forms.note
