"""The validators' speed paths mean exactly what the slow spellings mean (generator/emit/
validators.py, templates/validators.py.j2): canonical base64 by C-level string passes against
the schema's regex; one-character-class pattern searches as frozenset tests against `re`, for
every botocore pattern that reduces to one; lists of strings checked by join and a total
against a per-item loop written from the IR."""

from __future__ import annotations

import base64
import functools
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import botocore.session
import pytest
from hypothesis import given
from hypothesis import strategies as st

import differential as d
from conftest import FIXTURES
from helpers import import_emitted_validators
from generator import pipeline
from generator.ecma import BASE64_ECMA, fixed_python, pattern_forms
from generator.emit.validators import _class_chars
from generator.ir import Kind, Service
from generator.runtime import validation

BASE64 = re.compile(fixed_python(BASE64_ECMA))


def _emitted(service: Service, tmp: Path) -> ModuleType:
    return import_emitted_validators(service, tmp / f"fast_{service.module_name}.py",
                                     f"_fast_paths_{service.module_name}")


@functools.cache
def kinds_service() -> Service:
    return pipeline.load(model=str(FIXTURES / "validator-kinds" / "service-2.json"),
                         service_name="validatorkinds")


@pytest.fixture(scope="module")
def modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Service, ModuleType]]:
    tmp = tmp_path_factory.mktemp("fast")
    return {s.service_name: (s, _emitted(s, tmp)) for s in (d.service(), kinds_service())}


# -- base64 ------------------------------------------------------------------------------------

def _base64_texts() -> st.SearchStrategy[str]:
    encoded = st.binary(max_size=10).map(lambda b: base64.b64encode(b).decode("ascii"))
    edits = st.tuples(encoded, st.integers(0, 12), st.sampled_from("A=Bg/+\n é\x00Q")).map(
        lambda t: t[0][:t[1]] + t[2] + t[0][t[1] + 1:])
    return encoded | edits | st.text("AQgwEIBk+/=\n é0", max_size=10)


@given(text=_base64_texts())
def test_base64_length_is_the_schema_regex(text: str) -> None:
    if BASE64.match(text) is None:
        assert validation._base64_length(text) == -2
    else:
        assert validation._base64_length(text) == len(base64.b64decode(text, validate=True))


# -- one-class patterns -------------------------------------------------------------------------

@functools.cache
def _single_class_searches() -> list[str]:
    session = botocore.session.get_session()
    patterns = set()
    for name in session.get_available_services():
        model = session.get_service_model(name)
        for shape in model.shape_names:
            pattern = model.shape_for(shape).metadata.get("pattern")
            if pattern:
                patterns.add(pattern)
    searches = {pattern_forms(p).search for p in patterns if pattern_forms(p).enforced}
    return sorted(s for s in searches if s and s.startswith("[") and _class_chars(s))


def test_class_charsets_match_re_everywhere() -> None:
    """Every botocore pattern whose search is one class (hundreds) tested on every code point
    of the first three planes' common part and a sample beyond."""
    searches = _single_class_searches()
    assert len(searches) > 100
    points = [chr(c) for c in (*range(0xD800), *range(0xE000, 0x10000, 7),
                               *range(0x10000, 0x110000, 997))]
    for search in searches:
        negated, chars = _class_chars(search)  # type: ignore[misc]
        compiled = re.compile(search)
        matched = {c for c in points if compiled.search(c)}
        expected = {c for c in points if (c in chars) != negated}
        assert matched == expected, search


def test_unreadable_classes_keep_the_regex() -> None:
    for search in ("[\\s\\S]", "[\\d]", "[a-z]+", "[]a]", "[\\u0041]", "[é]", "x"):
        assert _class_chars(search) is None, search


# -- lists of strings ---------------------------------------------------------------------------

class Text(str):
    pass


def _string_lists(service: Service) -> list[tuple[str, Any, Any]]:
    """(list shape, list limits, item limits) of every list of plain strings in a request."""
    out = []
    for shape in service.shapes.values():
        if shape.kind is Kind.LIST and shape.member is not None:
            item = service.target(shape.member)
            if (item.kind is Kind.STRING and not item.enum and shape.name in service.input_shapes
                    and not (item.pattern and pattern_forms(item.pattern).enforced)):
                out.append((shape.name, (shape.min, shape.max), (item.min, item.max)))
    return out


def _naive(value: list[Any], limits: Any, item: Any) -> bool:
    """The rule, one item at a time."""
    def within(n: int, low: Any, high: Any) -> bool:
        return (low is None or n >= low) and (high is None or n <= high)
    return within(len(value), *limits) and all(
        isinstance(x, str) and within(len(x), *item) for x in value)


@pytest.mark.parametrize("which", [d.SERVICE_NAME, "validatorkinds"])
def test_string_list_fast_paths_are_the_rule(modules: dict[str, Any], which: str) -> None:
    service, module = modules[which]
    lists = _string_lists(service)
    assert lists
    items = st.one_of(st.text(max_size=6), st.text("ab", min_size=995, max_size=1005),
                      st.builds(Text, st.text(max_size=5)), st.binary(max_size=2),
                      st.integers(0, 3), st.none())
    for name, limits, item in lists:
        fast = getattr(module, f"_ok_q_{name}")
        check = getattr(module, f"_ck_q_{name}")

        @given(value=st.lists(items, max_size=12) | st.lists(st.just("abc"), min_size=98,
                                                             max_size=102))
        def prop(value: list[Any]) -> None:
            issues: list[Any] = []
            check(value, "x", issues)
            assert fast(value) == (issues == []) == _naive(value, limits, item), (name, value)

        prop()
