"""An AST (generator.regex.syntax) back to pattern text that Unicode-mode ECMA-262 and Python
`re` read alike: every group non-capturing (the text has no backreferences to need them), every
character outside ASCII letters, digits and `_` escaped as `\\uXXXX` (astral ones as
themselves: `\\u{..}` is not Python and `\\U` not ECMA), and a set of no characters as `(?!)`,
since `[]` is an error in Python."""

from __future__ import annotations

import re

from .syntax import Alt, Assert, BackRef, Chars, Group, Look, Node, Repeat, Seq

_LEAD = re.compile(r"\\uD[89AB][0-9A-F]{2}$")
_TRAIL = re.compile(r"\\uD[C-F][0-9A-F]{2}")
_LOOKS = {(False, False): "(?=", (False, True): "(?!", (True, False): "(?<=", (True, True): "(?<!"}


def spell(node: Node) -> str:
    """The text of `node`; ValueError for a backreference (its group is not numbered here)."""
    if isinstance(node, Chars):
        return _chars(node)
    if isinstance(node, Seq):
        return _seq(node.items)
    if isinstance(node, Alt):
        return "|".join(spell(option) for option in node.options)
    if isinstance(node, Repeat):
        return _atom(node.body) + _quantifier(node)
    if isinstance(node, Group):
        return f"(?:{spell(node.body)})"
    if isinstance(node, Assert):
        return node.kind
    if isinstance(node, Look):
        return f"{_LOOKS[node.behind, node.negated]}{spell(node.body)})"
    assert isinstance(node, BackRef)
    raise ValueError("a backreference has no text without its group's number")


def _seq(items: tuple[Node, ...]) -> str:
    out = ""
    for item in items:
        text = f"(?:{spell(item)})" if isinstance(item, Alt) else spell(item)
        if _LEAD.search(out) and _TRAIL.match(text):
            out += "(?:)"  # else Unicode-mode ECMA reads the two escapes as one code point
        out += text
    return out


def _atom(node: Node) -> str:
    """A quantifier's operand: one character, a class or a group."""
    if isinstance(node, Chars) and not node.set:
        return "(?:(?!))"
    if isinstance(node, Chars) and len(node.set) == 1 and node.set[0][0] == node.set[0][1]:
        return _chars(node)
    if isinstance(node, (Chars, Group)):
        return spell(node)
    return f"(?:{spell(node)})"


def _quantifier(node: Repeat) -> str:
    low, high = node.low, node.high
    text = {(0, None): "*", (1, None): "+", (0, 1): "?"}.get((low, high))
    if text is None:
        text = f"{{{low},}}" if high is None else f"{{{low}}}" if low == high else f"{{{low},{high}}}"
    return text + ("?" if node.lazy else "")


def _chars(node: Chars) -> str:
    if not node.set:
        return "(?!)"
    (lo, hi), *rest = node.set
    if not rest and lo == hi:
        return _code_point(lo)
    # A span starting at a trail surrogate goes first: after one ending at a lead surrogate,
    # Unicode-mode ECMA would read the two escapes as one code point.
    spans = sorted(node.set, key=lambda span: not 0xDC00 <= span[0] <= 0xDFFF)
    text = (_code_point(a) if a == b else f"{_code_point(a)}-{_code_point(b)}" for a, b in spans)
    return f"[{''.join(text)}]"


def _code_point(cp: int) -> str:
    if cp < 0x80 and (chr(cp).isalnum() or chr(cp) == "_"):
        return chr(cp)
    return f"\\u{cp:04X}" if cp <= 0xFFFF else chr(cp)
