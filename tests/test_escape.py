"""generator/escape.py: each context's escaping is total over all of Unicode and keeps model
text data, never code; the template environment refuses raw strings."""

from __future__ import annotations

import ast
import io
import json
import re
import textwrap
import tokenize

import black
import pytest
from hypothesis import given, strategies as st

from generator import escape, render
from generator.docs import fill
from generator.errors import GenerationError
from generator.format import black_mode

# Every code point, lone surrogates included, with the dangerous ones drawn often.
_NASTY = st.sampled_from(['"""', "'''", "\\", "\x00", "\ud800", "\r", "\n", "\u2028", "\x85",
                          "\x0c", "{{ x }}", "{% x %}", "\u202e", "coding: utf-7", "#", '"',
                          "\t", "\ufeff", "\udfff", "\x1b[31m"])
TEXT = st.lists(st.text(st.characters(codec=None)) | _NASTY).map("".join)


def _module(source: str) -> ast.Module:
    """Parse as Python decodes a file: from bytes, honouring any PEP 263 declaration."""
    return ast.parse(source.encode("utf-8"))


@given(TEXT)
def test_string_literal_is_exact(text: str) -> None:
    literal = escape.string(text)
    assert ast.literal_eval(_module(f"x = {literal}\n").body[0].value) == text  # type: ignore[attr-defined]


@given(TEXT)
def test_comment_is_one_inert_line(text: str) -> None:
    line = escape.comment(text)
    source = f"# {line}\n# {line}\nx = 1\n"
    tree = _module(source)
    assert [type(node) for node in tree.body] == [ast.Assign]
    tokens = list(tokenize.tokenize(io.BytesIO(source.encode("utf-8")).readline))
    assert tokens[0].string == "utf-8"  # no encoding declaration took effect
    assert len(line.splitlines()) <= 1 and "\x00" not in line


@given(TEXT)
def test_docstring_is_one_string_that_black_keeps(text: str) -> None:
    source = f"def f() -> None:\n    {escape.docstring(text, '    ')}\n"
    tree = _module(source)
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef) and len(function.body) == 1
    value = ast.literal_eval(function.body[0].value)  # type: ignore[attr-defined]
    assert isinstance(value, str)
    # Every word survives (wrapping moves whitespace only); a lone surrogate is shown as its
    # escape text, since a class's __doc__ must be encodable.
    shown = re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)
    assert value.split() == shown.split()
    black.format_str(source, mode=black_mode())  # never breaks the formatter


@given(TEXT)
def test_plain_text_hides_nothing(text: str) -> None:
    out = escape.plain_text(text, multiline=False)
    assert len(out.splitlines()) <= 1
    assert not any(ch in out for ch in "\x00\r\x85\u2028\u2029\u202e\ufeff\x1b")
    out.encode("utf-8")
    assert escape.plain_text(text).count("\n") == text.count("\n")


@given(TEXT.filter(lambda t: not re.search("[\ud800-\udbff][\udc00-\udfff]", t)))
def test_json_text_is_encodable_and_exact(text: str) -> None:
    """Exact for every str a model can hold (a JSON parser joins an escaped surrogate pair into
    one character, so no model string has one)."""
    dumped = escape.json_text(json.dumps({text: text}, ensure_ascii=False))
    dumped.encode("utf-8")
    assert json.loads(dumped) == {text: text}


@given(TEXT)
def test_identifiers_are_ascii_and_never_dunder(text: str) -> None:
    ident = escape.ascii_identifier(text)
    assert ident.isascii() and ident.isidentifier() and not ident.startswith("__")


def test_nfkc_equal_names_are_one_identifier() -> None:
    assert escape.ascii_identifier("\ufb01le") == escape.ascii_identifier("file") == "file"


@pytest.mark.parametrize("name", ["../x", "..", ".", "a/b", "a\\b", "", " x", "x\n", "-x",
                                  "CON", "nul.json", "a" * 101, "\u00e9"])
def test_path_segments_refused(name: str) -> None:
    with pytest.raises(GenerationError, match="cannot be a file name"):
        escape.path_segment(name, "service name")


@pytest.mark.parametrize("name", ["ecr-public", "s3", "api.ecr-public", "a_b", "A1"])
def test_path_segments_accepted(name: str) -> None:
    assert escape.path_segment(name, "service name") == name


def test_literal_refuses_what_repr_would_guess() -> None:
    assert escape.literal(("a", 1, None, True)) == "('a', 1, None, True)"
    for value in (float("inf"), float("nan"), {"a": 1}, object(), b"x"):
        with pytest.raises(GenerationError):
            escape.literal(value)


def test_templates_refuse_unescaped_text() -> None:
    env = render.environment()
    with pytest.raises(TypeError, match="unescaped str"):
        env.from_string("x = {{ value }}").render(value="__import__('os')")
    assert env.from_string("x = {{ value|pyrepr }}").render(value="'") == 'x = "\'"'
    assert env.from_string("{{ n }}").render(n=3) == "3"


_WORDS = st.lists(st.text(st.sampled_from("ab-.é\u00a0x"), max_size=30), max_size=40)


@given(st.one_of(_WORDS.map(" ".join), TEXT), st.sampled_from([10, 40, 79, 96]),
       st.sampled_from(["", "  ", "    "]))
def test_fill_is_textwrap(paragraph: str, width: int, indent: str) -> None:
    """docs.fill's fast path for single-spaced words gives textwrap.fill's bytes."""
    expected = textwrap.fill(paragraph, width, initial_indent=indent, subsequent_indent=indent,
                             break_long_words=False, break_on_hyphens=False)
    assert fill(paragraph, width, indent) == expected
