"""Linear-time pattern search for generated validators: a lazily built DFA over an NFA.

The generator (generator.regex) compiles a pattern to an NFA over code-point classes and emits
it as data; `Matcher.search(text)` then reads `text` once, left to right, building DFA states
on first use and caching them (at most CACHE_LIMIT, after which the cache starts again), so a
search costs O(len(text)) steps whatever the pattern. Semantics are ECMA-262's search: `^` only
at position 0, `$` only at the end, `\\b`/`\\B` on ASCII word characters.

This module is stdlib-only and self-contained: it is copied verbatim into generated packages.
"""

from __future__ import annotations

import json
from bisect import bisect_right

CACHE_LIMIT = 2000  # DFA states kept per pattern
ACCEPT = 0  # the DFA state after a match was found: every input then matches
# Assertion codes on empty edges, and kinds of the characters around a position.
NONE, CARET, DOLLAR, BOUNDARY, NOT_BOUNDARY = 0, 1, 2, 3, 4
START, END, WORD, OTHER = 0, 0, 1, 2

Edges = tuple[tuple[int, int], ...]
State = tuple[frozenset[int], int]


def holds(code: int, prev: int, nxt: int) -> bool:
    """Does the assertion hold between characters of kinds `prev` and `nxt`?"""
    if code == CARET:
        return prev == START
    if code == DOLLAR:
        return nxt == END
    boundary = (prev == WORD) != (nxt == WORD)
    return boundary if code == BOUNDARY else not boundary


class Matcher:
    """One pattern's search. Arguments (as emitted by the generator):
    `starts`/`classes`: code points from starts[i] up to starts[i + 1] are of class
    classes[i]; `kinds`: WORD or OTHER for each class; `chars[n]`: (class bit mask, target)
    character edges of NFA node n; `empty[n]`: (target, assertion code) empty edges;
    `track[kind]`: the previous-character kind a DFA state keeps (fewer states when the
    pattern has no `^` or `\\b`)."""

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
        self._reset()

    @classmethod
    def load(cls, data: str) -> Matcher:
        """A Matcher from the generator's JSON form of its arguments (see `dump`)."""
        starts, classes, kinds, chars, empty, start, final, track = json.loads(data)
        return cls(
            tuple(starts),
            tuple(classes),
            tuple(kinds),
            tuple(tuple((m, t) for m, t in edges) for edges in chars),
            tuple(tuple((t, c) for t, c in edges) for edges in empty),
            start,
            final,
            (track[0], track[1], track[2]),
        )

    def _reset(self) -> None:
        self._ids: dict[State, int] = {}
        self._states: list[State] = [(frozenset(), OTHER)]  # ACCEPT's slot, never stepped
        self._rows: list[list[int]] = [[ACCEPT] * len(self._kinds)]
        self._ends: list[int] = [1]  # per state: 1 accepts at the end, 0 not, -1 unknown
        self._start = self._intern((frozenset(), self._track[START]))

    def search(self, text: str) -> bool:
        """Is there a match anywhere in `text`? As `new RegExp(p, "u").test(text)`."""
        state = self._start
        rows = self._rows
        ascii_ = self._ascii
        for ch in text:
            cp = ord(ch)
            k = ascii_[cp] if cp < 128 else self._classes[bisect_right(self._starts, cp) - 1]
            nxt = rows[state][k]
            if nxt < 0:
                nxt = self._step(state, k)
                rows = self._rows  # the cache may have started again
            if nxt == ACCEPT:
                return True
            state = nxt
        end = self._ends[state]
        if end < 0:
            core, prev = self._states[state]
            end = self._ends[state] = int(self._final in self._closure(core, prev, END))
        return end == 1

    def _step(self, state: int, k: int) -> int:
        core, prev = self._states[state]
        kind = self._kinds[k]
        closed = self._closure(core, prev, kind)
        if self._final in closed:
            target = ACCEPT
        else:
            bit = 1 << k
            key = (
                frozenset(t for n in closed for mask, t in self._chars[n] if mask & bit),
                self._track[kind],
            )
            if key not in self._ids and len(self._states) >= CACHE_LIMIT:
                self._reset()
                return self._intern(key)
            target = self._intern(key)
        self._rows[state][k] = target
        return target

    def _intern(self, key: State) -> int:
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self._states)
            self._states.append(key)
            self._rows.append([-1] * len(self._kinds))
            self._ends.append(-1)
        return found

    def _closure(self, core: frozenset[int], prev: int, nxt: int) -> set[int]:
        """NFA nodes reachable from `core` and the start (a search starts anywhere) by empty
        edges whose assertions hold here."""
        seen = set(core)
        seen.add(self._nfa_start)
        stack = list(seen)
        while stack:
            for target, code in self._empty[stack.pop()]:
                if target not in seen and (code == NONE or holds(code, prev, nxt)):
                    seen.add(target)
                    stack.append(target)
        return seen
