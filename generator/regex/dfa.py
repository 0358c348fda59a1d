"""Subset construction with ECMA search semantics, and Moore minimisation.

A DFA state is a set of NFA nodes plus the kind of the previous character (needed by `^`,
`\\b`, `\\B`). Searching is built in: the NFA's start is added at every position, and a state
whose closure reaches the final node (a match ends here) becomes the sticky ACCEPT state. So
the DFA reads the whole input once, left to right, and decides in time linear in its length."""

from __future__ import annotations

import bisect
from collections import deque
import functools
from dataclasses import dataclass

from . import charset
from .charset import Intervals
from .nfa import END, OTHER, START, WORD, Nfa, holds
from .syntax import UnsupportedPattern

LIMIT = 4_000  # DFA states before minimisation


@dataclass(frozen=True)
class Dfa:
    """A complete minimal DFA over code-point classes, for a search.

    `classes[k]` is the set of code points of class k; `table[s][k]` the next state;
    `finals` the states that accept at the end of input; `accept` the sticky state entered
    once a match is found (-1: none), `dead` the state no input leaves (-1: none)."""

    classes: tuple[Intervals, ...]
    table: tuple[tuple[int, ...], ...]
    start: int
    finals: frozenset[int]
    accept: int
    dead: int

    @functools.cached_property
    def segments(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(starts, classes): code points from starts[i] up to the next start are of class
        classes[i]; starts[0] is 0."""
        pairs = sorted((lo, k) for k, c in enumerate(self.classes) for lo, _ in c)
        return tuple(lo for lo, _ in pairs), tuple(k for _, k in pairs)

    def class_of(self, cp: int) -> int:
        starts, classes = self.segments
        return classes[bisect.bisect_right(starts, cp) - 1]

    def search(self, text: str) -> bool:
        """Does the pattern match somewhere in `text`? One table step per character."""
        state = self.start
        for ch in text:
            if state == self.accept or state == self.dead:
                break
            state = self.table[state][self.class_of(ord(ch))]
        return state in self.finals


def determinise(nfa: Nfa) -> Dfa:
    word = bool(nfa.assertions & {"\\b", "\\B"})
    classes = charset.partition([*nfa.sets, charset.WORD] if word else nfa.sets)
    moves = _moves(nfa, classes)
    kinds = [WORD if charset.contains(charset.WORD, c[0][0]) else OTHER for c in classes]
    track = _tracked_kinds(nfa)
    states: dict[tuple[frozenset[int], int], int] = {}
    rows: list[list[int]] = []
    finals: set[int] = set()
    accept = 0  # state 0 is ACCEPT: every class loops, accepted at the end
    rows.append([0] * len(classes))
    finals.add(0)
    todo: list[tuple[frozenset[int], int]] = []

    def index(core: frozenset[int], prev: int) -> int:
        key = (core, track[prev])
        if key not in states:
            if len(rows) >= LIMIT:
                raise UnsupportedPattern(f"the automaton would need over {LIMIT} DFA states")
            states[key] = len(rows)
            rows.append([])
            todo.append(key)
        return states[key]

    start = index(frozenset(), START)
    while todo:
        core, prev = todo.pop()
        row = rows[states[(core, prev)]]
        seeds = core | {nfa.start}
        if nfa.final in closure(nfa, seeds, prev, END):
            finals.add(states[(core, prev)])
        by_next: dict[int, frozenset[int]] = {}
        for k, kind in enumerate(kinds):
            if kind not in by_next:
                by_next[kind] = closure(nfa, seeds, prev, kind)
            closed = by_next[kind]
            if nfa.final in closed:
                row.append(accept)
                continue
            nxt = frozenset(t for n in closed for s, t in nfa.chars[n] if k in moves[s])
            row.append(index(nxt, kind))
    return _minimise(tuple(classes), rows, start, finals)


def _tracked_kinds(nfa: Nfa) -> dict[int, int]:
    """Which previous-character kinds the assertions can tell apart (fewer DFA states)."""
    word = bool(nfa.assertions & {"\\b", "\\B"})
    caret = "^" in nfa.assertions
    return {START: START if caret or word else OTHER, WORD: WORD if word else OTHER,
            OTHER: OTHER}


def _moves(nfa: Nfa, classes: list[Intervals]) -> list[set[int]]:
    """For each NFA character set, the classes it contains."""
    return [{k for k, c in enumerate(classes) if charset.contains(s, c[0][0])}
            for s in nfa.sets]


def closure(nfa: Nfa, seeds: frozenset[int], prev: int, nxt: int) -> frozenset[int]:
    seen = set(seeds)
    stack = list(seeds)
    while stack:
        for target, kind in nfa.empty[stack.pop()]:
            if target not in seen and (not kind or holds(kind, prev, nxt)):
                seen.add(target)
                stack.append(target)
    return frozenset(seen)


def _minimise(classes: tuple[Intervals, ...], rows: list[list[int]], start: int,
              finals: set[int]) -> Dfa:
    """Hopcroft's partition refinement, then states renumbered in breadth-first order from the
    start, so equal languages give identical tables."""
    block = _hopcroft(rows, finals)
    order: dict[int, int] = {}
    representative = {block[s]: s for s in reversed(range(len(rows)))}
    queue = deque([block[start]])
    while queue:
        b = queue.popleft()
        if b not in order:
            order[b] = len(order)
            queue.extend(block[t] for t in rows[representative[b]])
    table = tuple(tuple(order[block[t]] for t in rows[representative[b]]) for b in order)
    new_finals = frozenset(order[block[s]] for s in finals if block[s] in order)
    classes, table = _merge_classes(classes, table)
    loops = [s for s, row in enumerate(table) if all(t == s for t in row)]
    accept = next((s for s in loops if s in new_finals), -1)
    dead = next((s for s in loops if s not in new_finals), -1)
    return Dfa(classes, table, 0, new_finals, accept, dead)


def _hopcroft(rows: list[list[int]], finals: set[int]) -> list[int]:
    """The block of each state in the coarsest partition that respects finality and moves."""
    n, width = len(rows), len(rows[0])
    inverse: list[dict[int, list[int]]] = [{} for _ in range(width)]
    for s, row in enumerate(rows):
        for k, t in enumerate(row):
            inverse[k].setdefault(t, []).append(s)
    blocks: list[set[int]] = [b for b in (set(finals), set(range(n)) - finals) if b]
    block = [0] * n
    for b, members in enumerate(blocks):
        for s in members:
            block[s] = b
    pending = set(range(len(blocks)))
    while pending:
        splitter = list(blocks[pending.pop()])
        for k in range(width):
            touched: dict[int, list[int]] = {}
            for t in splitter:
                for s in inverse[k].get(t, ()):
                    touched.setdefault(block[s], []).append(s)
            for b, hit in touched.items():
                if len(hit) == len(blocks[b]):
                    continue
                part = set(hit)
                blocks[b] -= part
                blocks.append(part)
                for s in part:
                    block[s] = len(blocks) - 1
                smaller = len(blocks) - 1 if len(part) <= len(blocks[b]) else b
                pending.add(len(blocks) - 1 if b in pending else smaller)
    return block


def _merge_classes(classes: tuple[Intervals, ...], table: tuple[tuple[int, ...], ...]
                   ) -> tuple[tuple[Intervals, ...], tuple[tuple[int, ...], ...]]:
    """Join the classes that every state treats alike (their table columns are equal)."""
    columns: dict[tuple[int, ...], list[int]] = {}
    for k in range(len(classes)):
        columns.setdefault(tuple(row[k] for row in table), []).append(k)
    groups = sorted(columns.values())
    merged = tuple(charset.union(*(classes[k] for k in g)) for g in groups)
    return merged, tuple(tuple(row[g[0]] for g in groups) for row in table)
