"""generator.regex against Node's `new RegExp(p, "u")` on every corpus pattern: the parser
accepts exactly what Node accepts (bar the size limits), and every search
answer is Node's. Strings come from Hypothesis `from_regex` over the Python translation,
mutated, plus edge characters."""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecma_oracle import NODE, EcmaOracle
from generator.corpus import patterns
from generator.ecma import pattern_forms
from generator.patterns import to_python
from generator.regex import UnsupportedPattern, compile, parse
from generator.regex.program import program, search_form

pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js (the ECMA-262 oracle) is missing")

EDGES = ["\n", "\r", "\u2028", "\u2029", "\x00", "é", "\U0001d518", " ", "\ufeff", "\x85",
         "\x1c", "a", "Z", "0", "-", "_", ":", "/", "."]
CHUNKS = 160  # few patterns per Hypothesis example: its buffer is bounded
CORPUS = sorted(patterns())


@pytest.fixture(scope="module")
def oracle() -> Iterator[EcmaOracle]:
    with EcmaOracle() as node:
        yield node


@functools.cache
def _strategy(python: str) -> st.SearchStrategy[str] | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Some patterns' regex strategies reject almost every draw (assertions): "" keeps
            # the example satisfiable, the edge strings and mutations still cover them.
            return st.one_of(st.from_regex(re.compile(python)), st.just(""))
    except Exception:  # Hypothesis cannot draw from every pattern Python compiles
        return None


def _mutations(s: str) -> list[str]:
    out = [s]
    for edge in EDGES[:7]:
        out += [s + edge, edge + s]
    if s:
        middle = len(s) // 2
        out += [s[1:], s[:-1], s[:middle] + "\n" + s[middle + 1:], s[:middle] + s[middle] * 3
                + s[middle + 1:]]
    return out


def _chunk(i: int) -> list[str]:
    return CORPUS[i::CHUNKS]


def test_parser_accepts_what_node_accepts(oracle: EcmaOracle) -> None:
    answers = oracle.batch([(p, []) for p in CORPUS])
    for pattern, answer in zip(CORPUS, answers):
        try:
            compile(pattern)
            problem = None
        except UnsupportedPattern as exc:
            problem = exc.reason
        node_ok = not isinstance(answer, str)
        if problem is None:
            assert node_ok, (pattern, answer)
        elif node_ok:  # valid ECMA, so the reason must be one of the documented gaps
            assert re.search(r"property escape|not regular|would need over", problem), \
                (pattern, problem)


@pytest.mark.parametrize("i", range(CHUNKS))
@settings(max_examples=1, suppress_health_check=list(HealthCheck), deadline=None)
@given(data=st.data())
def test_search_agrees_with_node(oracle: EcmaOracle, i: int, data: st.DataObject) -> None:
    cases: list[tuple[str, list[str]]] = []
    for pattern in _chunk(i):
        if _automata(pattern) is None:
            continue
        forms = pattern_forms(pattern)  # its Python spelling if enforced (\p{..} too)
        python = forms.python if forms.enforced else to_python(pattern)
        strategy = _strategy(python) if python else None
        drawn = data.draw(strategy) if strategy is not None else ""
        cases.append((pattern, _mutations(drawn) + EDGES + [""]))
    _agree(oracle, cases)


def _agree(oracle: EcmaOracle, cases: list[tuple[str, list[str]]]) -> None:
    """Node's answers are the DFA's (where the pattern has one) and the runtime matcher's."""
    for (pattern, strings), answer in zip(cases, oracle.batch(cases)):
        assert not isinstance(answer, str), (pattern, answer)
        automata = _automata(pattern)
        assert automata is not None
        wrong = [s for s, a in zip(strings, answer) if any(m(s) != a for m in automata)]
        assert not wrong, (pattern, wrong[:3])


def _automata(pattern: str) -> list[Callable[[str], bool]] | None:
    """The searches of `pattern` to check: the runtime matcher, and the DFA unless the pattern
    has lookarounds or its DFA is too big; None when neither can run it."""
    try:
        found = [_matcher(pattern)]
    except UnsupportedPattern:
        return None
    try:
        found.append(compile(pattern).search)
    except UnsupportedPattern as exc:
        assert re.search("lookaround|would need over", exc.reason), (pattern, exc.reason)
    return found


# Lookarounds by hand: anchors inside them, nesting, both directions, each polarity, empty
# bodies and ones that reach past either end of the input.
LOOKAROUNDS = [
    r"^(?!\.\.?$)[^/]+$", r"(?=.{1,3}$)a+", r"x(?<!-)$", r"(?<=a)b", r"(?!a)", r"(?=a)",
    r"(?<!a)", r"^(?=.*\d)(?=.*[a-z])\S{3,}$", r"(?<=^a+)b", r"b(?=a+$)", r"(?=(?!b)a)\w",
    r"(?<=(?<!x)a)b", r"(?=a(?<=xa))", r"(?<!^)-", r"-(?!$)", r"(?=\b)x", r"\w(?<=\b\w)",
    r"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$", r"(?=)a", r"(?!)|b", r"a(?=.$|$)",
    r"(?<=.{2})c", r"(?<![\n\r\u2028\u2029])x", r"(?=[^]*z)", r"((?!-)[a-z-]{1,3}\.)+$",
    r"(?=(.)(?=.))..", r"(?<=a|bc)d", r"(?!ab|c)\w\w",
]
LOOK_STRINGS = ["", "a", "b", "ab", "ba", "xab", "xa", ".", "..", "...", "a.b", "aaa", "aaaa",
                "x", "x-", "-x", "-", "a-b", "d-", "d-x", "dx-y", "a1", "ab1", "bad", "cd",
                "bcd", "acd", "aab", "aba", "z", "az", "abc.", "-ab.", "ab.cd.", "a-.", "c"]


def test_lookarounds_agree_with_node(oracle: EcmaOracle) -> None:
    strings = LOOK_STRINGS + EDGES + [s + e for s in LOOK_STRINGS[:12] for e in EDGES[:5]] + [
        e + s for s in LOOK_STRINGS[:12] for e in EDGES[:5]]
    _agree(oracle, [(p, strings) for p in LOOKAROUNDS])


@functools.cache
def _matcher(pattern: str) -> Callable[[str], bool]:
    """The generated validators' runtime matcher over the reduced search form."""
    form = search_form(parse(pattern))
    if form is None:
        return lambda _: True
    return program(form).matcher().search
