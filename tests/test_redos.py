"""Linear-time pattern checks in the generated validators: which patterns leave Python `re`,
the runtime matcher as source, and emitted validators that stay fast on catastrophic input."""

from __future__ import annotations

import dataclasses
import importlib
import re
import sys
import time
from pathlib import Path

import pytest

from generator import pipeline
from generator.emit import validators
from generator.regex import compile, parse
from generator.regex.program import backtracking_risk, linear_engine, search_form
from generator.runtime.dfa import CACHE_LIMIT, Matcher

FIXTURE = Path(__file__).parent / "fixtures" / "validator-kinds" / "service-2.json"


@pytest.mark.parametrize("pattern, risky", [
    ("^(a|a)*$", True), ("(a+)+$", True), ("^(a+)*$", True), ("^(a*)*$", True),
    ("^[a-z0-9-]{0,61}[a-z0-9]$", True), ("^a?a?$", True), ("^[a-z]*[a-z0-9]$", True),
    ("[a-z0-9]+x+$", True),
    ("^[a-z0-9]+(-[a-z0-9]+)*$", False), ("^[a-z]{1,3}$", False), ("[a-z]+x", False),
    ("^(a|b)*c$", False), ("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+", False),
    ("a(?=b)", False),  # only `re` can run lookarounds
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
    times = []
    for n in (5_000, 10_000):
        text = "a" * n + "!"
        found = matcher.search(text)  # warms the cache: then time the steady state, best of 5
        assert found == compile(pattern).search(text)
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            matcher.search(text)
            best = min(best, time.perf_counter() - start)
        times.append(best)
    assert times[1] < 4 * times[0] + 0.01  # linear, with slack for a noisy machine
    assert re.search(pattern.replace("$", r"\Z"), "a" * 12 + "!") is None  # same answer, slowly


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


def test_emitted_validators_use_the_matcher(tmp_path: Path) -> None:
    service = pipeline.load(model=str(FIXTURE))
    shapes = dict(service.shapes)
    target = next(s for s in shapes.values() if s.pattern == "^[a-z]+$")
    shapes[target.name] = dataclasses.replace(target, pattern="^(a|a)*$")
    changed = dataclasses.replace(service, shapes=shapes)
    artifacts = validators.emit(changed)
    assert [a.path.rsplit("/", 1)[1] for a in artifacts] == ["validators.py", "_dfa.py"]
    assert artifacts[1].content.endswith(
        (Path(__file__).parents[1] / "generator/runtime/dfa.py").read_text())
    package = tmp_path / "redos_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for artifact in artifacts:
        (package / artifact.path.rsplit("/", 1)[1]).write_text(artifact.content)
    assert "^(a|a)*$" not in artifacts[0].content.split("_pattern_issue")[0]
    sys.path.insert(0, str(tmp_path))
    try:
        module = importlib.import_module("redos_pkg.validators")
    finally:
        sys.path.remove(str(tmp_path))
    matchers = [v for k, v in vars(module).items() if k.startswith("_M_")]
    assert len(matchers) == 1
    start = time.perf_counter()
    assert matchers[0].search("a" * 10_000 + "!") is False
    assert matchers[0].search("a" * 24) is True
    assert time.perf_counter() - start < 1.0
