"""Linear-time pattern checks in the generated validators: which patterns leave Python `re`,
the runtime matcher as source, and emitted validators that stay fast on catastrophic input."""

from __future__ import annotations

import dataclasses
import importlib
import re
import sys
from pathlib import Path

import pytest

from generator import pipeline
from generator.emit import runtime, validators
from generator.regex import compile, parse
from generator.regex.program import backtracking_risk, linear_engine, search_form
from generator.runtime.dfa import CACHE_LIMIT, Matcher

from ecma_oracle import NODE, EcmaOracle

FIXTURE = Path(__file__).parent / "fixtures" / "validator-kinds" / "service-2.json"


@pytest.mark.parametrize("pattern, risky", [
    ("^(a|a)*$", True), ("(a+)+$", True), ("^(a+)*$", True), ("^(a*)*$", True),
    ("^[a-z0-9-]{0,61}[a-z0-9]$", True), ("^a?a?$", True), ("^[a-z]*[a-z0-9]$", True),
    ("[a-z0-9]+x+$", True),
    ("^[a-z0-9]+(-[a-z0-9]+)*$", False), ("^[a-z]{1,3}$", False), ("[a-z]+x", False),
    ("^(a|b)*c$", False), ("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+", False),
    ("a(?=b)", False),  # (linear_engine still sends lookarounds to the automaton)
])
def test_backtracking_risk(pattern: str, risky: bool) -> None:
    form = search_form(parse(pattern))
    assert form is not None
    assert bool(backtracking_risk(form)) == risky


@pytest.mark.parametrize("pattern", ["^(a|a)*$", "(a+)+$", "^([a-z]+)*$", "^(\\w+\\s?)*$"])
def test_re_is_catastrophic_where_the_matcher_is_linear(pattern: str) -> None:
    engine, why = linear_engine(pattern)
    assert engine is not None and why
    matcher = engine.matcher()
    for n in (5_000, 10_000):
        text = "a" * n + "!"
        assert matcher.search(text) == compile(pattern).search(text)
    # Warm, each character is one table lookup: a longer input makes no new DFA step at all
    # (bench/redos.py measures the time; a unit test only counts the work).
    def table() -> tuple[int, int]:  # states and transitions made
        return len(matcher._states), sum(len(row) for row in matcher._rows)

    before = table()
    assert matcher.search("a" * 40_000 + "!") is False
    assert table() == before
    assert re.search(pattern.replace("$", r"\Z"), "a" * 12 + "!") is None  # same answer, slowly


ARN_ROLE = (r"(?=.{0,2048}$)(arn:aws:iam::\d{12}:role/([-+=,.@_a-zA-Z0-9]+/)*)?"
            r"[-+=,.@_a-zA-Z0-9]{1,64}")
LOOK_CASES = [  # (pattern, a text re takes super-linear time on, repeated n times, and a tail)
    (ARN_ROLE, "a", "!" * 2049), (r"^(?!d-)([\da-zA-Z]+)([-]*[\da-zA-Z])*$", "a", "-"),
    (r"^(?=.*\d)(?=.*[a-z])[a-z]+$", "a", "!"), (r"(?<=(?<!x)a+)b(?!c)", "a", "bc"),
]


class _Counting(Matcher):
    """A Matcher counting the DFA steps it makes (each one NFA closure), its lookarounds'
    matchers included (`load` builds them with this class too)."""
    __slots__ = ()
    steps = 0

    def _step(self, state: int, k: int, bits: int) -> int:
        _Counting.steps += 1
        return super()._step(state, k, bits)


@pytest.mark.parametrize("pattern, unit, tail", LOOK_CASES)
def test_lookarounds_run_on_the_matcher_in_linear_work(pattern: str, unit: str, tail: str) -> None:
    engine, why = linear_engine(pattern)
    assert engine is not None and why
    assert len(engine.looks) == pattern.count("(?")
    matcher = _Counting.load(engine.dump())
    texts = [unit * n + tail for n in (3, 50, 3_000)] + [tail, unit + tail + unit, ""]
    answers = [matcher.search(t) for t in texts]
    if NODE is not None:
        with EcmaOracle() as node:
            assert answers == node.test(pattern, texts)
    # Each character costs one table lookup per pass (the main search, one per lookaround);
    # warm, a far longer input makes few DFA steps (none unless a pass outgrows the cache).
    passes = 1 + len(engine.looks)
    for n in (40_000, 160_000):
        _Counting.steps = 0
        assert matcher.search(unit * n + tail) == answers[2]
        assert _Counting.steps <= 2 * CACHE_LIMIT * passes


def test_lookaround_bits_are_per_position() -> None:
    # (?<=a)b reads the bit of its lookbehind at each position: set after an `a` only.
    engine, _ = linear_engine(r"x*(?<=a)b")
    assert engine is not None and len(engine.looks) == 1
    matcher = engine.matcher()
    assert matcher._marks("abab") == [0, 1, 0, 1, 0]
    assert [matcher.search(s) for s in ("ab", "bb", "b", "xab", "a\nb")] == [
        True, False, False, True, False]


def test_cache_is_bounded_and_restarts() -> None:
    # (a|b)*a(a|b){11}: 2^12 DFA states, more than the cache holds.
    engine, _ = linear_engine("^[ab]*a[ab]{11}$")
    assert engine is not None
    matcher = engine.matcher()
    text = "".join("ab"[(i * 7919) % 13 % 2] for i in range(20_000))
    assert matcher.search(text) == (text[-12] == "a")
    assert len(matcher._states) <= CACHE_LIMIT
    assert matcher.search(text[:-12] + "a" + "b" * 11) is True


def test_load_round_trip() -> None:
    engine, _ = linear_engine(r"\b(a|a)*\b$")
    assert engine is not None
    again = Matcher.load(engine.dump())
    assert [again.search(s) for s in ("", "a", "a b", "é")] == [
        compile(r"\b(a|a)*\b$").search(s) for s in ("", "a", "a b", "é")]


@pytest.mark.parametrize("pattern", ["^(a|a)*$", "^(?!-)(a|a)*(?<![-!])$"])
def test_emitted_validators_use_the_matcher(tmp_path: Path, pattern: str) -> None:
    service = pipeline.load(model=str(FIXTURE))
    shapes = dict(service.shapes)
    target = next(s for s in shapes.values() if s.pattern == "^[a-z]+$")
    shapes[target.name] = dataclasses.replace(target, pattern=pattern)
    changed = dataclasses.replace(service, shapes=shapes)
    artifacts = validators.emit(changed)
    assert [a.path.rsplit("/", 1)[1] for a in artifacts] == ["validators.py"]
    assert "from .._runtime.dfa import Matcher" in artifacts[0].content
    root = tmp_path / "generated"
    for artifact in artifacts + runtime.emit(changed):  # the matcher is the shared runtime's
        path = tmp_path / artifact.path.replace(f"/{changed.module_name}/", "/redos_pkg/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(artifact.content)
    (root / "__init__.py").write_text("")
    (root / "redos_pkg" / "__init__.py").write_text("")
    assert pattern not in artifacts[0].content.split("_pattern_issue")[0]
    for name in [m for m in sys.modules if m == "generated" or m.startswith("generated.")]:
        del sys.modules[name]
    sys.path.insert(0, str(tmp_path))
    try:
        module = importlib.import_module("generated.redos_pkg.validators")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "generated" or m.startswith("generated.")]:
            del sys.modules[name]
    matchers = [v for k, v in vars(module).items() if k.startswith("_M_")]
    assert len(matchers) == 1
    # (`bench/redos.py` times it: 10,000 characters of `a` then `!` take microseconds a
    # character; Python re takes seconds at 24.)
    assert matchers[0].search("a" * 10_000 + "!") is False
    assert matchers[0].search("a" * 24) is True
