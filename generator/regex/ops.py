"""Language operations on search DFAs: shortest difference witness, universality, equivalence."""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from . import charset

if TYPE_CHECKING:
    from .dfa import Dfa


def _dfa(a: Dfa | str) -> Dfa:
    if isinstance(a, str):
        from . import compile

        return compile(a)
    return a


def difference_witness(a: Dfa | str, b: Dfa | str) -> str | None:
    """A shortest string accepted by `a` and rejected by `b`, or None if L(a) <= L(b).

    Breadth-first search over the product automaton, on the common refinement of the two
    alphabets; each step uses a readable representative of its class."""
    da, db = _dfa(a), _dfa(b)
    classes = charset.partition([*da.classes, *db.classes])
    steps = [(da.class_of(c[0][0]), db.class_of(c[0][0]), chr(charset.representative(c)))
             for c in classes]
    start = (da.start, db.start)
    parent: dict[tuple[int, int], tuple[tuple[int, int], str] | None] = {start: None}
    queue = deque([start])
    while queue:
        pair = queue.popleft()
        if pair[0] in da.finals and pair[1] not in db.finals:
            text: list[str] = []
            link = parent[pair]
            while link is not None:
                pair, ch = link
                text.append(ch)
                link = parent[pair]
            return "".join(reversed(text))
        for ka, kb, ch in steps:
            nxt = (da.table[pair[0]][ka], db.table[pair[1]][kb])
            if nxt not in parent:
                parent[nxt] = (pair, ch)
                queue.append(nxt)
    return None


def accepts_everything(a: Dfa | str) -> bool:
    """Does the search match every string (every reachable state accepts at the end)?"""
    return _universal(_dfa(a))


def _universal(d: Dfa) -> bool:
    seen = {d.start}
    stack = [d.start]
    while stack:
        s = stack.pop()
        if s not in d.finals:
            return False
        for t in d.table[s]:
            if t not in seen:
                seen.add(t)
                stack.append(t)
    return True


def equivalent(a: Dfa | str, b: Dfa | str) -> bool:
    return difference_witness(a, b) is None and difference_witness(b, a) is None
