"""A valid string for an anchored pattern with a top-level positive lookahead, which no DFA here
holds (fsx's `^arn:(?=[^:]+:fsx:[^:]+:\\d{12}:)((...):){4}(?!/).{0,1024}$`).

`^A(?=L)B$` matches exactly the strings `a + b` where `^A$` matches `a`, `^B$` matches `b` and
`b` starts with a match of `L` (of each L, when several lookaheads stand side by side). A shortest `a`, then a shortest such `b` of the length still
needed, are found by a breadth-first search over the NFAs' state sets, built only as far as the
search goes (the complete DFA of such a `B` is exponential). Other lookarounds are left out of
the automata, which admits more strings, so the candidate is then checked by the caller's exact
matcher: a rejected candidate means no witness, never a wrong one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from . import charset
from .dfa import closure
from .nfa import END, OTHER, WORD, Nfa, build
from .syntax import (
    Alt,
    Assert,
    BackRef,
    Group,
    Look,
    Node,
    Repeat,
    Seq,
    UnsupportedPattern,
    parse,
)

_EMPTY = Seq(())
_VISITS = 20_000  # product states searched before giving up
# One automaton's state: NFA nodes reached, kind of the last character, matched already.
_State = tuple[frozenset[int], int, bool]


def lookahead_witness(ecma: str, lo: int, hi: int | None,
                      accepts: Callable[[str], bool]) -> str | None:
    """A string of `lo` to `hi` characters that `accepts` (the pattern's exact matcher) takes,
    found as the module docstring says; None if the pattern is not of that form, or no
    candidate is found or accepted."""
    try:
        node = parse(ecma)
    except UnsupportedPattern:
        return None
    items = node.items if isinstance(node, Seq) else (node,)
    ahead = next((k for k, item in enumerate(items) if isinstance(item, Look)
                  and not item.behind and not item.negated), None)
    if ahead is None or items[0] != Assert("^") or items[-1] != Assert("$"):
        return None
    end = ahead  # the lookaheads side by side at that position (`^(?=.*\d)(?=.*[A-Z])...`)
    while end < len(items) - 1 and _ahead(items[end]):
        end += 1
    heads = [item.body for item in items[ahead:end] if isinstance(item, Look) and not item.negated]
    try:
        first = _shortest([_anchored(Seq(items[1:ahead]))], 0)
        if first is None:
            return None
        # searched from position 0: the rest starts with a match of each lookahead
        starts = [build(Seq((Assert("^"), _plain(body)))) for body in heads]
        rest = _shortest([_anchored(Seq(items[end:-1])), *starts], lo - len(first))
    except UnsupportedPattern:
        return None
    found = None if rest is None else first + rest
    if found is None or (hi is not None and len(found) > hi) or not accepts(found):
        return None
    return found


def _ahead(node: Node) -> bool:
    return isinstance(node, Look) and not node.behind


def _anchored(node: Node) -> Nfa:
    return build(Seq((Assert("^"), _plain(node), Assert("$"))))


def _plain(node: Node) -> Node:
    """`node` without its lookarounds (each matches the empty string instead); backreferences
    have no automaton at all."""
    if isinstance(node, Look):
        return _EMPTY
    if isinstance(node, BackRef):
        raise UnsupportedPattern("backreferences are not regular")
    if isinstance(node, Seq):
        return Seq(tuple(_plain(item) for item in node.items))
    if isinstance(node, Alt):
        return Alt(tuple(_plain(option) for option in node.options))
    if isinstance(node, Repeat):
        return Repeat(_plain(node.body), node.low, node.high, node.lazy)
    if isinstance(node, Group):
        return Group(_plain(node.body), node.capturing)
    return node


def _shortest(nfas: list[Nfa], lo: int) -> str | None:
    """A shortest string of at least `lo` characters that every NFA's search accepts."""
    classes = charset.partition([s for nfa in nfas for s in [*nfa.sets, charset.WORD]])
    steps = [(k, chr(charset.representative(c)),
              WORD if charset.contains(charset.WORD, c[0][0]) else OTHER)
             for k, c in enumerate(classes)]
    moves = [[{k for k, c in enumerate(classes) if charset.contains(s, c[0][0])}
              for s in nfa.sets] for nfa in nfas]
    start = (tuple((frozenset[int](), 0, False) for _ in nfas), 0)
    parent: dict[tuple[tuple[_State, ...], int], tuple[object, str] | None] = {start: None}
    queue = deque([start])
    while queue and len(parent) < _VISITS:
        key = queue.popleft()
        states, depth = key
        if depth >= lo and all(_accepts(n, s) for n, s in zip(nfas, states)):
            return _spell(parent, key)
        for k, ch, kind in steps:
            nxt = [_step(n, m, s, k, kind) for n, m, s in zip(nfas, moves, states)]
            if any(s is None for s in nxt):
                continue
            child = (tuple(s for s in nxt if s is not None), min(depth + 1, max(lo, 0)))
            if child not in parent:
                parent[child] = (key, ch)
                queue.append(child)
    return None


def _closure(nfa: Nfa, state: _State, nxt: int) -> frozenset[int]:
    """The nodes reached without reading, a match starting here too (search semantics)."""
    core, prev, _ = state
    return closure(nfa, core | {nfa.start}, prev, nxt)


def _accepts(nfa: Nfa, state: _State) -> bool:
    return state[2] or nfa.final in _closure(nfa, state, END)


def _step(nfa: Nfa, moves: list[set[int]], state: _State, k: int, kind: int) -> _State | None:
    """The state after one character of class k, or None when no match can follow."""
    if state[2]:
        return state
    closed = _closure(nfa, state, kind)
    if nfa.final in closed:
        return (frozenset(), kind, True)
    core = frozenset(t for n in closed for s, t in nfa.chars[n] if k in moves[s])
    anchored = "^" in nfa.assertions  # after position 0 nothing new starts
    return None if anchored and not core else (core, kind, False)


def _spell(parent: dict[tuple[tuple[_State, ...], int], tuple[object, str] | None],
           key: tuple[tuple[_State, ...], int]) -> str:
    text: list[str] = []
    link = parent[key]
    while link is not None:
        key, ch = link  # type: ignore[assignment]
        text.append(ch)
        link = parent[key]
    return "".join(reversed(text))
