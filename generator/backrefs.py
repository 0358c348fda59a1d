"""Where an ECMA-262 backreference means what Python's `re` makes of it.

They differ in three places (ECMA-262 section 22.2.2): a reference to a group that has not
taken part matches the empty string in ECMA and fails in Python; ECMA clears a repeated
group's captures at every repetition, where Python keeps the last one; and a group inside a
negative lookaround captures nothing outside it. generator.patterns spells `\\N` for Python as
`(?(N)\\N|)`, which is ECMA's reading of the first case. The others, and references to a group
not yet closed (empty in ECMA, an error in Python), or inside a lookbehind (ECMA matches it
backwards) are refused here: the pattern is then not enforced.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class Refused(Exception):
    """The backreference has no Python spelling with ECMA's meaning; the message says why."""


@dataclass
class _Open:
    capture: int | None  # its number, for a capturing group
    first: int  # captures opened before it
    lookaround: str  # "", or the lookaround's opening text
    serial: int  # which group of the pattern it is


@dataclass
class Captures:
    """The capturing groups of one pattern, fed by the parser as it reads the pattern."""

    total: int  # capturing groups in the whole pattern (ECMA counts them all first)
    opened: int = 0
    groups: int = 0
    stack: list[_Open] = field(default_factory=list)
    closed: set[int] = field(default_factory=set)
    negative: dict[int, tuple[int, ...]] = field(default_factory=dict)  # enclosing (?! (?<!
    repeated: set[int] = field(default_factory=set)
    refs: list[int] = field(default_factory=list)
    last: range | None = None  # captures of the group that just closed

    def open(self, capturing: bool, lookaround: str = "") -> None:
        first, number = self.opened, None
        if capturing:
            self.opened += 1
            number = self.opened
            self.negative[number] = self._negatives()
        self.groups += 1
        self.stack.append(_Open(number, first, lookaround, self.groups))
        self.last = None

    def close(self) -> None:
        group = self.stack.pop()
        if group.capture is not None:
            self.closed.add(group.capture)
        self.last = range(group.first + 1, self.opened + 1)

    def quantified(self, high: int | None) -> None:
        """The item just read took a quantifier; a group repeated more than once loses its
        captures at each repetition in ECMA."""
        if self.last is not None and (high is None or high > 1):
            self.repeated.update(self.last)
        self.last = None

    def other(self) -> None:
        self.last = None

    def reference(self, number: int) -> None:
        if number > self.total:
            raise Refused(f"backreference \\{number} to a missing group")
        if number not in self.closed:
            raise Refused(f"backreference \\{number} to a group not closed yet")
        if any(open_.lookaround.startswith("(?<") for open_ in self.stack):
            raise Refused(f"backreference \\{number} in a lookbehind")
        if not set(self.negative[number]) <= set(self._negatives()):
            raise Refused(f"backreference \\{number} out of the negative lookaround it is in")
        self.refs.append(number)
        self.last = None

    def finish(self) -> None:
        for number in self.refs:
            if number in self.repeated:
                raise Refused(f"backreference \\{number} to a repeated group (ECMA clears "
                              "it at every repetition, Python keeps the last)")

    def _negatives(self) -> tuple[int, ...]:
        return tuple(o.serial for o in self.stack if o.lookaround in ("(?!", "(?<!"))


def count_captures(src: str) -> int:
    """Capturing groups in a pattern's text: `(` not escaped, not in a class, not `(?`."""
    count, i, in_class = 0, 0, False
    while i < len(src):
        c = src[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(" and not src.startswith("(?", i):
            count += 1
        i += 1
    return count
