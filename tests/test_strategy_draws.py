"""Strategies reach every length their bounds allow (tests/fixtures/draws/, shapes from the
corpus whose draws a length filter once threw away every time: cloudhsm's 600-character
Certificate, shield's and cloudtrail's 36-character ids; fsx's ARN, whose lookahead
Hypothesis's regex draws never satisfy), and a document that must be set is
never null. The emitted property tests run on the fixture with botocore knowing it; the drawn
strings are checked by Node's RegExp too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from ecma_oracle import NODE, EcmaOracle
from generator.patterns import bounded_repeats
from generator.regex import difference_witness
from helpers import generate_into, import_generated

MODEL = FIXTURES / "draws" / "2024-01-01" / "service-2.json"
BOUNDS = {"Certificate": (600, 2400), "ProtectionId": (36, 36), "QueryId": (36, 36),
          "Slug": (40, 60), "Arn": (8, 64), "ResourceARN": (8, 512),
          "Password": (8, 64)}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("draws")
    generate_into(out, "--model", str(MODEL))
    return out


@pytest.fixture(scope="module")
def strategies(root: Path) -> ModuleType:
    return import_generated(root, "draws.strategies")


def test_one_class_repeated_is_drawn_as_text_of_its_characters(root: Path) -> None:
    text = (root / "generated" / "draws" / "strategies.py").read_text(encoding="utf-8")
    for name in ("Certificate", "ProtectionId", "QueryId"):
        block = text[text.index(f"_s_{name}:"):]
        assert block.split("\n_s_")[0].count("st.text(") == 1, name
        assert ".filter(" not in block.split("\n_s_")[0], name


@pytest.mark.skipif(NODE is None, reason="needs Node.js, the ECMA-262 oracle")
def test_drawn_strings_fit_their_bounds_and_an_ecma_engine_accepts_them(
        strategies: ModuleType) -> None:
    import json
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    drawn: dict[str, list[str]] = {name: [] for name in BOUNDS}

    @settings(max_examples=30, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def draw(data: st.DataObject) -> None:
        for name in BOUNDS:
            drawn[name].append(data.draw(getattr(strategies, f"_s_{name}")))

    draw()
    with EcmaOracle() as node:
        for name, (lo, hi) in BOUNDS.items():
            values = drawn[name]
            assert values and all(lo <= len(v) <= hi for v in values), name
            assert node.test(model["shapes"][name]["pattern"], values) == [True] * len(values)
    assert len({len(v) for v in drawn["Certificate"]}) > 1  # lengths vary, not one witness


def test_a_document_that_must_be_set_is_never_null(strategies: ModuleType) -> None:
    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategies.put_request(), strategies.put_response(), strategies._s_Content)
    def check(request: object, response: object, content: object) -> None:
        assert request.payload is not None  # type: ignore[attr-defined]
        assert response.results is not None  # type: ignore[attr-defined]
        assert content.document is not None or content.text is not None  # type: ignore[attr-defined]

    check()


def test_the_emitted_property_tests_pass_with_botocore_knowing_the_fixture(root: Path) -> None:
    env = {**os.environ, "AWS_DATA_PATH": str(FIXTURES)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         "generated/draws/test_properties.py"],
        cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "skipped" not in result.stdout and " passed" in result.stdout, result.stdout[-500:]


@pytest.mark.parametrize("pattern, capped", [
    ("a*b+c{2,}d{0,1024}", "a{0,8}b{1,8}c{2,10}d{0,8}"),
    ("(?![^:]*-{2})x*", "(?![^:]*-{2})x{0,8}"),  # widening a negative lookaround widens all
    ("(?<!a{0,99})(?=b+)x+", "(?<!a{0,99})(?=b+)x{1,8}"),  # ds' (?=^.{8,64}$) stays too
    ("[*+]{0,99}\\{0,99}", "[*+]{0,8}\\{0,99}"),
])
def test_bounded_repeats_caps_only_outside_lookarounds(pattern: str,
                                                              capped: str) -> None:
    assert bounded_repeats(pattern, 8) == capped
    if pattern.startswith("a*"):  # a subset of the language, still holding short strings
        assert difference_witness(f"^(?:{capped})$", f"^(?:{pattern})$") is None
        assert re.fullmatch(capped, "bcc") is not None
