"""The shorthand parser of the runtime (generator/runtime/cli_shorthand.py), as source.

Expected values are the AWS CLI's: hand-written cases for every grammar rule and error
message, and a differential run against the installed awscli's own parser (v1; its shorthand
module is the one v2 ships too) over a corpus of valid and invalid inputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.runtime import cli_shorthand as shorthand


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a=b", {"a": "b"}),
        ("a=b,c", {"a": ["b", "c"]}),
        ("a=1,2,b=3", {"a": ["1", "2"], "b": "3"}),
        ("Key=k,Value=v", {"Key": "k", "Value": "v"}),
        ("a=", {"a": ""}),
        ("a=,b=c", {"a": "", "b": "c"}),
        ("a = b , c = d ", {"a": "b", "c": "d"}),
        ("a=1,\nb", {"a": ["1", "b"]}),
        ("a=b=c", {"a": "b=c"}),
        ("a.b/c:d#e-f_G9=1", {"a.b/c:d#e-f_G9": "1"}),
        ("a=b\\,c", {"a": "b,c"}),
        ("a=b c", {"a": "b c"}),
        ("a=ü,€", {"a": ["ü", "€"]}),
        ("a='x,y'", {"a": "x,y"}),
        ('a="x,y",b=z', {"a": "x,y", "b": "z"}),
        ("a='it\\'s'", {"a": "it's"}),
        ('a="say \\"hi\\""', {"a": 'say "hi"'}),
        ("a='back\\\\slash'", {"a": "back\\slash"}),
        ("a=[b,c]", {"a": ["b", "c"]}),
        ("a=[]", {"a": []}),
        ("a=[ b , 'c,d' ]", {"a": ["b", "c,d"]}),
        ("a={b=c,d=[e,f]}", {"a": {"b": "c", "d": ["e", "f"]}}),
        ("a={}", {"a": {}}),
        ("a=[{b=1},{b=2}],c=d", {"a": [{"b": "1"}, {"b": "2"}], "c": "d"}),
        ("a=[[x,y],[z]]", {"a": [["x", "y"], ["z"]]}),
        ("a=x,'y',\"z\"", {"a": ["x", "y", "z"]}),
    ],
)
def test_parses(text: str, expected: dict[str, Any]) -> None:
    assert shorthand.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a", "Expected: '=', received: 'EOF' for input:\na\n ^"),
        ("a=b,c=", None),  # valid: an empty value
        ("a=b c=d", None),  # valid: one value "b c=d"
        ("=b", None),  # valid: the empty key
        ("a=[b", "Expected: ',', received: 'EOF' for input:\na=[b\n    ^"),
        ("a={b}", "Expected: '=', received: '}' for input:\na={b}\n    ^"),
        ("a=b,,c", "Expected: '=', received: 'EOF' for input:\na=b,,c\n      ^"),
        ("a='b", "Expected: '<singled quoted>', received: '<none>' for input:\na='b\n  ^"),
        ('a="b', "Expected: '<double quoted>', received: '<none>' for input:\na=\"b\n  ^"),
        (
            "a=b,a=c",
            'Second instance of key "a" encountered for input:\na=b,a=c\n    ^\n'
            'This is often because there is a preceding "," instead of a space.',
        ),
        (" a=b", "Expected: '=', received: 'a' for input:\n a=b\n ^"),
        # The caret line goes under the line of the failure, the rest of the input after it.
        ("a==\nb=c", "Expected: ',', received: '=' for input:\na==\n  ^\nb=c"),
        ("x\ny=1", "Expected: '=', received: 'y' for input:\nx\ny=1\n^"),
    ],
)
def test_errors_and_edge_cases(text: str, message: str | None) -> None:
    if message is None:
        shorthand.parse(text)
        return
    with pytest.raises(shorthand.ShorthandParseError) as caught:
        shorthand.parse(text)
    assert str(caught.value) == message


def test_at_equals_loads_files_through_the_resolver(tmp_path: Path) -> None:
    seen: list[str] = []

    def resolve(value: str) -> Any:
        seen.append(value)
        return "loaded" if value.startswith("file://") else None

    parsed = shorthand.parse("a@=file://x,b=file://y,c@=plain,d@='file://q'", resolve)
    assert parsed == {"a": "loaded", "b": "file://y", "c": "plain", "d": "loaded"}
    # Only "@=" values are offered (the AWS CLI also offers a word it then backs off from).
    assert "file://y" not in seen and {"file://x", "plain", "file://q"} <= set(seen)
    assert shorthand.parse("a@=[file://x]", resolve) == {"a": ["loaded"]}


# -- differential: the installed AWS CLI's parser ---------------------------------------------

_CORPUS = [
    "a=b", "a=b,c", "a=b,c,d=e,f", "a=1,2,b=3", "k=v,k2=v2", "a=", "a=,b=c", " a = b ,c=d",
    "a=b=c", "a=b c", "a=b\\,c", "a=b\\,", "a=ü,€", "a='x,y'", 'a="x,y"', "a='it\\'s'",
    "a='back\\\\slash'", "a=[b,c]", "a=[]", "a=[ b , c ]", "a={b=c,d=[e,f]}", "a={}",
    "a=[{b=1},{b=2}],c=d", "a=[[x],[y,z]]", "a=x,'y',\"z\"", "a=[b", "a={b}", "a=b,,c",
    "a='b", "a=b,a=c", "a", "=b", "a=1,\nb", "a=b\n,c=d", "a=\tb", "a=b]", "a=b}", "a=[b]]",
    "a=x y,z", "a={b=[c,{d=e}]}", "Name=x,Values=a,b,c", "a=b,c=", "a=[b,]", "a=[,b]",
]


def _reference(text: str) -> tuple[str, Any]:
    from awscli.shorthand import ShorthandParseError, ShorthandParser

    try:
        return "ok", ShorthandParser().parse(text)
    except ShorthandParseError as exc:
        return "error", type(exc).__name__


def _ours(text: str) -> tuple[str, Any]:
    try:
        return "ok", shorthand.parse(text)
    except shorthand.DuplicateKeyError:
        return "error", "DuplicateKeyInObjectError"
    except shorthand.ShorthandSyntaxError:
        return "error", "ShorthandParseSyntaxError"


@pytest.mark.parametrize("text", _CORPUS)
def test_agrees_with_the_aws_cli_parser(text: str) -> None:
    assert _ours(text) == _reference(text)
