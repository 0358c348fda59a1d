"""Linear-time pattern search for generated validators: a lazily built DFA over an NFA.

The generator (generator.regex) compiles a pattern to an NFA over code-point classes and emits
it as data; `Matcher.search(text)` then reads `text` once, left to right, building DFA states
on first use and caching them (at most CACHE_LIMIT, after which the cache starts again), so a
search costs O(len(text)) steps whatever the pattern. Semantics are ECMA-262's search: `^` only
at position 0, `$` only at the end, `\\b`/`\\B` on ASCII word characters.

A lookaround is an assertion at a position, like `\\b`: before the main search, one pass per
lookaround (inner ones first) computes at every position whether its body matches there (a
lookbehind's body forward, ending at the position; a lookahead's reversed body right to left),
and the main automaton's transitions are keyed by (character class, those bits), so every pass
is still one table lookup per character.

This module is stdlib-only and self-contained: it is copied verbatim into generated packages.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from typing import Any

CACHE_LIMIT = 2000  # DFA states kept per pattern
# Assertion codes on empty edges, and kinds of the characters around a position. A code from
# LOOK up reads lookaround i's bit: LOOK + 2 * i holds where it is set, LOOK + 2 * i + 1 where not.
NONE, CARET, DOLLAR, BOUNDARY, NOT_BOUNDARY, LOOK = 0, 1, 2, 3, 4, 6
START, END, WORD, OTHER = 0, 0, 1, 2
LOOK_LIMIT = 8  # lookarounds per pattern: each may double the transitions of a DFA state

Edges = tuple[tuple[int, int], ...]
State = tuple[frozenset[int], int]


def holds(code: int, prev: int, nxt: int, marks: int = 0) -> bool:
    """Does the assertion hold between characters of kinds `prev` and `nxt`, where the
    lookarounds whose bits are set in `marks` match?"""
    if code == CARET:
        return prev == START
    if code == DOLLAR:
        return nxt == END
    if code >= LOOK:
        return ((marks >> ((code - LOOK) >> 1)) & 1) != (code & 1)
    boundary = (prev == WORD) != (nxt == WORD)
    return boundary if code == BOUNDARY else not boundary


class Matcher:
    """One pattern's search. Arguments (as emitted by the generator):
    `starts`/`classes`: code points from starts[i] up to starts[i + 1] are of class
    classes[i]; `kinds`: WORD or OTHER for each class; `chars[n]`: (class bit mask, target)
    character edges of NFA node n; `empty[n]`: (target, assertion code) empty edges;
    `track[kind]`: the previous-character kind a DFA state keeps (fewer states when the
    pattern has no `^` or `\\b`); `looks[i]`: (backward, matcher) for lookaround i, inner ones
    first: the matcher of its body (reversed for a lookahead, run right to left) whose
    acceptance at each position is the lookaround's bit there; `width`: the number of
    lookaround bits of the whole pattern (each state has a column per class and bit set).
    """

    __slots__ = (
        "_starts",
        "_classes",
        "_ascii",
        "_kinds",
        "_chars",
        "_empty",
        "_nfa_start",
        "_final",
        "_track",
        "_looks",
        "_span",
        "_mask",
        "_ids",
        "_states",
        "_rows",
        "_ends",
        "_start",
    )

    def __init__(
        self,
        starts: tuple[int, ...],
        classes: tuple[int, ...],
        kinds: tuple[int, ...],
        chars: tuple[Edges, ...],
        empty: tuple[Edges, ...],
        start: int,
        final: int,
        track: tuple[int, int, int],
        looks: tuple[tuple[bool, Matcher], ...] = (),
        width: int = 0,
    ) -> None:
        self._starts = starts
        self._classes = classes
        self._ascii = tuple(classes[bisect_right(starts, cp) - 1] for cp in range(128))
        self._kinds = kinds
        self._chars = chars
        self._empty = empty
        self._nfa_start = start
        self._final = final
        self._track = track
        self._looks = looks
        self._span = 1 << max(width, len(looks))
        # The lookaround bits this NFA reads: the others must not make new transitions.
        self._mask = sum({1 << ((c - LOOK) >> 1) for edges in empty for _, c in edges if c >= LOOK})
        self._reset()

    @classmethod
    def load(cls, data: str) -> Matcher:
        """A Matcher from the generator's JSON form of its arguments (see `dump`): eight
        items, and a ninth, [[backward, [eight items]], ...], when there are lookarounds.
        """
        items = json.loads(data)
        looks = items[8] if len(items) > 8 else []
        subs = tuple((bool(b), cls._build(part, len(looks))) for b, part in looks)
        return cls._build(items[:8], len(looks), subs)

    @classmethod
    def _build(
        cls, items: list[Any], width: int, looks: tuple[tuple[bool, Matcher], ...] = ()
    ) -> Matcher:
        starts, classes, kinds, chars, empty, start, final, track = items
        return cls(
            tuple(starts),
            tuple(classes),
            tuple(kinds),
            tuple(tuple((m, t) for m, t in edges) for edges in chars),
            tuple(tuple((t, c) for t, c in edges) for edges in empty),
            start,
            final,
            (track[0], track[1], track[2]),
            looks,
            width,
        )

    def _reset(self) -> None:
        self._ids: dict[State, int] = {}
        self._states: list[State] = []
        # Per state, column (class * span + lookaround bits) -> the next state * 2, plus 1
        # when the NFA's final node is reached before the character is read.
        self._rows: list[dict[int, int]] = []
        self._ends: dict[int, int] = {}  # state * span + bits: 1 accepts at the end, 0 not
        self._start = self._intern((frozenset(), self._track[START]))

    def search(self, text: str) -> bool:
        """Is there a match anywhere in `text`? As `new RegExp(p, "u").test(text)`."""
        if self._looks:
            return self._walk(text, self._marks(text), None)
        state = self._start
        rows = self._rows
        ascii_ = self._ascii
        for ch in text:  # _walk without lookaround bits, kept apart for speed
            cp = ord(ch)
            k = ascii_[cp] if cp < 128 else self._classes[bisect_right(self._starts, cp) - 1]
            try:
                nxt = rows[state][k]
            except KeyError:
                nxt = self._step(state, k, 0)
                rows = self._rows  # the cache may have started again
            if nxt & 1:
                return True
            state = nxt >> 1
        return self._end(state, 0) == 1

    def _marks(self, text: str) -> list[int]:
        """Per position 0..len(text): the bits of the lookarounds that match there."""
        marks = [0] * (len(text) + 1)
        for i, (backward, sub) in enumerate(self._looks):
            found: list[int] = []
            if backward:
                sub._walk(text[::-1], marks[::-1], found)
                found.reverse()
            else:
                sub._walk(text, marks, found)
            bit = 1 << i
            marks = [m | bit if hit else m for m, hit in zip(marks, found)]
        return marks

    def _walk(self, text: str, marks: list[int], found: list[int] | None) -> bool:
        """One pass over `text`, reading the lookaround bits `marks` of each position: True
        at the first match when `found` is None, else append to `found`, at each position,
        whether a match ends there (and return False)."""
        state = self._start
        rows = self._rows
        ascii_ = self._ascii
        span = self._span
        mask = self._mask
        for p, ch in enumerate(text):
            cp = ord(ch)
            k = ascii_[cp] if cp < 128 else self._classes[bisect_right(self._starts, cp) - 1]
            bits = marks[p] & mask
            try:
                nxt = rows[state][k * span + bits]
            except KeyError:
                nxt = self._step(state, k, bits)
                rows = self._rows  # the cache may have started again
            if found is not None:
                found.append(nxt & 1)
            elif nxt & 1:
                return True
            state = nxt >> 1
        end = self._end(state, marks[-1] & mask)
        if found is not None:
            found.append(end)
        return end == 1

    def _end(self, state: int, bits: int) -> int:
        """1 when the NFA's final node is reached at the end of input, else 0."""
        end = self._ends.get(state * self._span + bits)
        if end is None:
            core, prev = self._states[state]
            end = int(self._final in self._closure(core, prev, END, bits))
            self._ends[state * self._span + bits] = end
        return end

    def _step(self, state: int, k: int, bits: int) -> int:
        core, prev = self._states[state]
        kind = self._kinds[k]
        closed = self._closure(core, prev, kind, bits)
        accepted = int(self._final in closed)
        bit = 1 << k
        key = (
            frozenset(t for n in closed for mask, t in self._chars[n] if mask & bit),
            self._track[kind],
        )
        if key not in self._ids and len(self._states) >= CACHE_LIMIT:
            self._reset()
            return self._intern(key) * 2 + accepted
        target = self._intern(key) * 2 + accepted
        self._rows[state][k * self._span + bits] = target
        return target

    def _intern(self, key: State) -> int:
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self._states)
            self._states.append(key)
            self._rows.append({})
        return found

    def _closure(self, core: frozenset[int], prev: int, nxt: int, bits: int) -> set[int]:
        """NFA nodes reachable from `core` and the start (a search starts anywhere) by empty
        edges whose assertions hold here."""
        seen = set(core)
        seen.add(self._nfa_start)
        stack = list(seen)
        while stack:
            for target, code in self._empty[stack.pop()]:
                if target not in seen and (code == NONE or holds(code, prev, nxt, bits)):
                    seen.add(target)
                    stack.append(target)
        return seen
