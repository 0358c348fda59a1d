"""generator.regex: parser errors, ECMA search semantics, and the language operations."""

from __future__ import annotations

import re

import pytest

from generator.regex import (UnsupportedPattern, accepts_everything, compile,
                             difference_witness, equivalent, parse)
from generator.regex.syntax import Assert, BackRef, Chars, Look, Seq


@pytest.mark.parametrize("pattern, reason", [
    ("a{", "lone `{`"), ("a}", "lone `}`"), ("]", "lone `]`"), (r"\-", "invalid escape"),
    (r"\_", "invalid escape"), (r"[\w-z]", "class escape cannot bound"),
    ("[z-a]", "out of order"), ("a{3,2}", "out of order"), ("*a", "nothing to repeat"),
    ("(?=a)*", "nothing to repeat"), (r"\b+", "nothing to repeat"), ("(a", "missing `)`"),
    ("a)", "unbalanced"), (r"\p{Alnum}", "invalid property name"),
    (r"[\p{L}-z]", "class escape cannot bound"), ("(?i)a", "not ECMA-262"),
    (r"\1(a)(b)\3", "missing group"), (r"\01", "octal"), (r"\u{110000}", r"\u{...}"),
    ("[a", "unterminated"), ("\\", "end of pattern"), ("\ud800", "surrogates"),
])
def test_rejects_with_reason(pattern: str, reason: str) -> None:
    with pytest.raises(UnsupportedPattern, match=re.escape(reason)):
        parse(pattern)


def test_lookarounds_and_backreferences_parse_but_have_no_automaton() -> None:
    behind = parse("(?<=a)b")
    assert isinstance(behind, Seq) and behind.items[0] == Look(Chars(((97, 97),)), True, False)
    ahead = parse("x(?!y)")
    assert isinstance(ahead, Seq) and ahead.items[1] == Look(Chars(((121, 121),)), False, True)
    named = parse(r"(?<n>a)\k<n>")
    assert isinstance(named, Seq) and named.items[1] == BackRef("n")
    assert parse("^") == Assert("^")
    for pattern in ("a(?=b)", r"(a)\1"):
        with pytest.raises(UnsupportedPattern, match="not regular"):
            compile(pattern)


@pytest.mark.parametrize("pattern, yes, no", [
    ("^a$", ["a"], ["a\n", "ba", ""]),                       # `$` only at the very end
    ("a", ["xay", "a"], ["", "b"]),                            # a search, not anchored
    ("^(a|a)*$", ["", "a" * 40], ["a" * 40 + "b"]),
    ("(a+)+$", ["a", "ba"], ["", "b", "ab"]),
    (".", ["x", "\x00", "\U0001d518", "é"], ["\n", "\r", "\u2028", "\u2029", ""]),
    (r"^\s$", [" ", "\t", "\ufeff", "\u3000", "\u2028", "\xa0"], ["\x1c", "\x85", "a"]),
    (r"^\w+$", ["a_Z9"], ["é", "a-b"]), (r"^\d$", ["7"], ["٣"]),
    (r"\bab\b", ["ab", "x ab.", "ab-c"], ["xab", "abc", "_ab"]),
    (r"\Bb", ["ab"], ["b", " b"]), ("^$", [""], ["a"]), ("^|a", ["", "b"], []),
    (r"^\u{1F600}\uD83D\uDE00$", ["\U0001F600" * 2], ["\U0001F600"]),
    (r"^[^\n]{2,3}$", ["ab", "abc"], ["a", "abcd", "a\nb"]),
    (r"^[\b\-\]]$", ["\x08", "-", "]"], ["b"]), (r"^\cJ\x41\0$", ["\nA\x00"], ["\nA0"]),
    ("^a*?b{2,}?c??$", ["bb", "aabbbc"], ["b", "abc"]), ("[]", [], ["", "a"]),
    ("[^]", ["\n"], [""]), ("(?:)", ["", "x"], []),
])
def test_search_semantics(pattern: str, yes: list[str], no: list[str]) -> None:
    dfa = compile(pattern)
    assert [dfa.search(s) for s in yes] == [True] * len(yes)
    assert [dfa.search(s) for s in no] == [False] * len(no)


def test_tables_are_minimal_and_canonical() -> None:
    assert compile("^(a|a)*$").table == compile("^a*$").table
    assert len(compile("(a+)+$").table) == len(compile("a$").table)
    assert compile("[ab]").table == compile("a|b").table


@pytest.mark.parametrize("a, b, witness", [
    ("^[a-z]+$", "^[a-z]{1,3}$", "aaaa"), ("^[a-z]{1,3}$", "^[a-z]+$", None),
    ("a", "b", "a"), ("^x", "x", None), ("x", "^x", "ax"), ("^.*$", "^[^é]*$", "é"),
    ("^$", "^a*$", None), (r"\d", "[0-9]", None), ("[0-9]", r"\d", None),
])
def test_difference_witness(a: str, b: str, witness: str | None) -> None:
    found = difference_witness(a, b)
    assert (found is None) == (witness is None)
    assert found is None or len(found) == len(str(witness))
    if found is not None:
        assert compile(a).search(found) and not compile(b).search(found)


def test_accepts_everything_and_equivalence() -> None:
    assert accepts_everything("a*") and accepts_everything("^") and accepts_everything("")
    assert not accepts_everything("a") and not accepts_everything("^a*$")
    assert accepts_everything(compile("[\\s\\S]|^$"))
    assert equivalent("(a+)+$", "a$") and equivalent(r"\w", "[A-Za-z0-9_]")
    assert not equivalent("a", "^a")


@pytest.mark.parametrize("ecma, spelled", [
    (r"[\s]", r"\s"), (".", "."), (r"\S", r"\S"), (r"[^\s]", r"[^\s]"), (r"[\S]", r"[\S]"),
])
def test_python_spellings_match_ecma_on_every_code_point(ecma: str, spelled: str) -> None:
    """generator.patterns spells `\\s`, `\\S`, `.` so that `re` means what ECMA means."""
    from generator.patterns import to_python

    python = to_python(ecma)
    assert python is not None
    compiled, dfa = re.compile(python), compile(f"^{ecma}$")
    points = [*range(0x3100), *range(0xFEF0, 0xFF10), 0x10FFFF]  # past 0x3100: no edges
    wrong = [cp for cp in points
             if (compiled.fullmatch(chr(cp)) is not None) != dfa.search(chr(cp))]
    assert not wrong, (spelled, wrong[:5])
