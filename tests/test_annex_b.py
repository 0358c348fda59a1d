"""Patterns only Annex B (ECMA-262's non-Unicode mode) accepts: a class escape as a range end
(`[\\w-_]`: the escape's set, `-` and `_`) and a quantified lookahead (`(?!\\.)+`: the
lookahead in a group). Their Unicode-mode spelling must mean, on every sample (astral ones
too, where the modes differ), what Node's `new RegExp(p)` makes of the model's text; the
validators' automaton and the Python spelling must agree. The corpus's patterns, and two
where one part is Unicode-mode only (`\\p{..}`): no engine reads both, and the reading
checked is the one each part has where it is valid.

Searches start at code point boundaries only, as ECMA-262's RegExpBuiltinExec advances; V8
also tries the middle of a surrogate pair, so for `(?! )...(?<! )` on " \U0001f600 " the
oracle runs the search itself (tests/ecma_oracle.py, the sticky flag)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest
from ecma_oracle import NODE, EcmaOracle

from generator.ecma import pattern_forms
from generator.regex.program import linear_engine

pytestmark = pytest.mark.skipif(NODE is None, reason="needs Node.js (the ECMA-262 oracle)")

CORPUS = [  # botocore's, with the services using them
    r"^[a-zA-Z0-9\s-_()\[\]]+$",  # auditmanager
    r"^arn:aws[a-z\-]*:config:[a-z\-\d]+:\d+:stored-query/[a-zA-Z0-9-_]+/query-[a-zA-Z\d-_/]+$",
    r"^arn:aws[a-z0-9-]*:iam::\d{12}:role\/[\w-\/.@+=,]{1,1017}$",  # finspace
    r"^((`[\w\- ]+`)|([\w\-]+))(\.((`[\w- ]+`)|([\w\-]+)))*$",  # iotevents
    r"[\w-_]*",  # logs
    r".*[\w-.~]+.*",  # notificationscontacts
    r"[A-Za-z0-9](?:[\w- ]*[A-Za-z0-9])?",  # quicksight
    r"[\w- ]*",  # transfer
    r"^(\/|(\/(?!\.)+[^$#<>;`|&?{}^*/\n]+){1,4})$",  # efs
    r"(\/|(\/(?!\.)+[^$#<>;;`|&?{}^*/\n]+){1,4})",  # s3files
    r"^(?!a)*b(?=c){2}",
]
# A search for `[\w-_]*` finds every string: the class is checked in the whole-string form too.
CORPUS += [f"^(?:{p})$" for p in CORPUS if not p.startswith("^")]
MIXED = {  # billing, invoicing, ce: the Unicode-mode spelling of what each part means
    r"(?! )[\p{L}\p{N}\p{Z}-_]*(?<! )": r"(?! )[\p{L}\p{N}\p{Z}\-_]*(?<! )",
    r"^(?! )[\p{L}\p{N}\p{Z}-_]*(?<! )$": r"^(?! )[\p{L}\p{N}\p{Z}\-_]*(?<! )$",
}
ALPHABET = ["a", "b", "c", "-", "_", " ", "/", ".", "`", "\n", "\r", "9", "é", "\u2028",
            "\U0001f600", "\ud83d", ":", "~"]
ARNS = ["arn:aws:config:us-east-1:123:stored-query/q-1/query-a_b", "/x/y", "/.x", "/a/b/c/d/e",
        "arn:aws-cn:iam::123456789012:role/a-b/c.d@e", "`a b`.c-d", "arn:aws:config:x:1:"]


@pytest.fixture(scope="module")
def oracle() -> Iterator[EcmaOracle]:
    with EcmaOracle() as node:
        yield node


def samples() -> list[str]:
    short = ["".join(p) for n in range(4) for p in itertools.product(ALPHABET, repeat=n)]
    edits = [a[:i] + c + a[i + 1:] for a in ARNS for i in range(len(a)) for c in "-_\U0001f600"]
    return short + ARNS + edits


def agree(forms_ecma: str, python: str, strings: list[str]) -> list[bool]:
    """The validators' answers: the automaton where `re` may backtrack, else `re`."""
    engine = linear_engine(forms_ecma)[0]
    if engine is not None:
        matcher = engine.matcher()
        found = [matcher.search(s) for s in strings]
    else:
        compiled = re.compile(python)
        found = [compiled.search(s) is not None for s in strings]
    assert found == [re.search(python, s) is not None for s in strings]
    return found


@pytest.mark.parametrize("pattern", CORPUS)
def test_annex_b_patterns_mean_what_node_reads_without_the_u_flag(oracle: EcmaOracle,
                                                                  pattern: str) -> None:
    forms = pattern_forms(pattern)
    assert forms.enforced, forms.note
    assert forms.ecma is not None and forms.python is not None
    strings = samples()
    assert isinstance(oracle.test(pattern, strings, flags="u"), str)  # Unicode mode refuses it
    annex_b = oracle.test(pattern, strings, flags="")
    assert isinstance(annex_b, list) and any(annex_b)
    assert pattern.endswith("*") or not all(annex_b)
    assert oracle.test(forms.ecma, strings) == annex_b
    assert agree(forms.ecma, forms.python, strings) == annex_b


@pytest.mark.parametrize("pattern, unicode_mode", MIXED.items())
def test_a_pattern_no_single_mode_reads_takes_each_part_s_meaning(
        oracle: EcmaOracle, pattern: str, unicode_mode: str) -> None:
    forms = pattern_forms(pattern)
    assert forms.enforced and forms.ecma is not None and forms.python is not None, forms.note
    strings = samples()
    assert isinstance(oracle.test(pattern, strings, flags="u"), str)
    assert isinstance(oracle.test(pattern, strings, flags=""), str)  # `}-_` is out of order
    meant = oracle.test(unicode_mode, strings, flags="uy")  # searched as the spec says
    assert isinstance(meant, list) and any(meant) and not all(meant)
    assert oracle.test(forms.ecma, strings, flags="uy") == meant
    assert agree(forms.ecma, forms.python, strings) == meant
