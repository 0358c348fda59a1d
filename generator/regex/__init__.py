"""ECMA-262 regular expressions (Unicode mode) as finite automata, with search semantics.

Model patterns are searched, not anchored (Smithy, JSON Schema): `^` holds only at position 0
and `$` only at the end of input (no multiline flag), `.` is any code point but
`\\n \\r \\u2028 \\u2029`, `\\d \\w \\b` are ASCII, `\\s` is ECMA's WhiteSpace and
LineTerminator. Input is a Python `str`, one code point per character.

Stable API (other modules rely on it):
- `parse(pattern) -> Node`: the AST (`generator.regex.syntax`); raises `UnsupportedPattern`
  (its `reason` says why) for what Node's `new RegExp(p, "u")` rejects, and for `\\p{..}`
  properties without a table in generator.unicode_props.
- `compile(pattern) -> Dfa`: the minimal complete DFA of the search; `UnsupportedPattern` for
  lookarounds, backreferences, or an automaton over the size limits. Cached.
- `Dfa.search(text) -> bool`: as `new RegExp(pattern, "u").test(text)`, in linear time.
- `difference_witness(a, b) -> str | None`: a shortest string (fewest characters, then
  smallest classes first) that `a` accepts and `b` rejects; None when L(a) is a subset of L(b).
- `accepts_everything(a) -> bool`, `equivalent(a, b) -> bool`.
`a` and `b` are patterns (str) or `Dfa`s; "accepts" means the search finds a match.
"""

from __future__ import annotations

import functools

from .dfa import Dfa, determinise
from .nfa import build
from .ops import accepts_everything, difference_witness, equivalent
from .syntax import Node, UnsupportedPattern, parse

__all__ = ["Dfa", "Node", "UnsupportedPattern", "accepts_everything", "compile",
           "difference_witness", "equivalent", "parse"]


def compile(pattern: str) -> Dfa:  # noqa: A001 - the name `re` uses
    found = _compiled(pattern)
    if isinstance(found, UnsupportedPattern):
        raise UnsupportedPattern(found.reason)
    return found


@functools.lru_cache(maxsize=8192)
def _compiled(pattern: str) -> Dfa | UnsupportedPattern:
    """Failures are cached too: the size limits take seconds to reach."""
    try:
        return determinise(build(parse(pattern)))
    except UnsupportedPattern as exc:
        return exc
