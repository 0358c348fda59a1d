"""A parser for Unicode-mode ECMA-262 patterns (the `u` flag), into a small AST.

It follows the grammar of ECMA-262 section 22.2.1 with the Unicode-mode restrictions (no Annex
B leniency): lone `{ } ]` are errors, identity escapes are only syntax characters and `/`,
class escapes cannot end a range, lookarounds take no quantifier. A pattern that Node's
`new RegExp(p, "u")` rejects raises `UnsupportedPattern`, with the reason. `\\p{..}` and
`\\P{..}` take generator.unicode_props' tables (General_Category, ASCII, Any, Assigned); a
valid property without a table there (scripts, ...) raises too."""

from __future__ import annotations

from dataclasses import dataclass

from .. import unicode_props
from . import charset
from .charset import Intervals

_SYNTAX = frozenset("^$\\.*+?()[]{}|")
_CONTROL = {"f": 0x0C, "n": 0x0A, "r": 0x0D, "t": 0x09, "v": 0x0B}
_HEX = frozenset("0123456789abcdefABCDEF")


class UnsupportedPattern(ValueError):
    """A pattern this package cannot turn into an automaton; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Chars:
    """One code point out of `set`."""
    set: Intervals


@dataclass(frozen=True)
class Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alt:
    options: tuple[Node, ...]


@dataclass(frozen=True)
class Repeat:
    body: Node
    low: int
    high: int | None  # None: unbounded
    lazy: bool = False


@dataclass(frozen=True)
class Group:
    body: Node
    capturing: bool


@dataclass(frozen=True)
class Assert:
    """`^`, `$`, `\\b` or `\\B` (spelled so in `kind`)."""
    kind: str


@dataclass(frozen=True)
class Look:
    """A lookahead or lookbehind: parsed, but not automaton-compatible."""
    body: Node
    behind: bool
    negated: bool


@dataclass(frozen=True)
class BackRef:
    """`\\N` or `\\k<name>`: parsed, but not automaton-compatible."""
    ref: int | str


Node = Chars | Seq | Alt | Repeat | Group | Assert | Look | BackRef


def parse(source: str) -> Node:
    """The AST of a Unicode-mode ECMA-262 pattern, or UnsupportedPattern."""
    return _Parser(source).run()


LOOKAROUND = "lookaround assertions are not regular here"


def automaton_problem(node: Node) -> str | None:
    """Why `node` has no finite automaton (a lookaround or backreference), or None."""
    if isinstance(node, Look):
        return LOOKAROUND
    if isinstance(node, BackRef):
        return "backreferences are not regular"
    children: tuple[Node, ...] = ()
    if isinstance(node, Seq):
        children = node.items
    elif isinstance(node, Alt):
        children = node.options
    elif isinstance(node, (Repeat, Group)):
        children = (node.body,)
    for child in children:
        problem = automaton_problem(child)
        if problem:
            return problem
    return None


class _Parser:
    def __init__(self, src: str) -> None:
        self.src = src
        self.i = 0
        self.groups = 0
        self.names: set[str] = set()
        self.refs: list[int | str] = []

    def fail(self, what: str) -> UnsupportedPattern:
        return UnsupportedPattern(f"{what} at offset {self.i}")

    def peek(self, text: str) -> bool:
        return self.src.startswith(text, self.i)

    def run(self) -> Node:
        if any(0xD800 <= ord(c) <= 0xDFFF for c in self.src):
            raise UnsupportedPattern("lone UTF-16 surrogates in the pattern text")
        node = self.disjunction()
        if self.i < len(self.src):
            raise self.fail("unbalanced `)`")
        for ref in self.refs:
            if isinstance(ref, int) and ref > self.groups:
                raise UnsupportedPattern(f"backreference \\{ref} to a missing group")
            if isinstance(ref, str) and ref not in self.names:
                raise UnsupportedPattern(f"backreference to a missing group name {ref!r}")
        return node

    def disjunction(self) -> Node:
        options = [self.alternative()]
        while self.peek("|"):
            self.i += 1
            options.append(self.alternative())
        return options[0] if len(options) == 1 else Alt(tuple(options))

    def alternative(self) -> Node:
        items: list[Node] = []
        while self.i < len(self.src) and self.src[self.i] not in "|)":
            items.append(self.term())
        return items[0] if len(items) == 1 else Seq(tuple(items))

    def term(self) -> Node:
        c = self.src[self.i]
        if c in "^$":
            self.i += 1
            return self.unquantifiable(Assert(c))
        if self.peek("\\b") or self.peek("\\B"):
            self.i += 2
            return self.unquantifiable(Assert(self.src[self.i - 2:self.i]))
        for prefix, behind, negated in (("(?=", False, False), ("(?!", False, True),
                                        ("(?<=", True, False), ("(?<!", True, True)):
            if self.peek(prefix):
                self.i += len(prefix)
                return self.unquantifiable(Look(self.close(), behind, negated))
        return self.quantified(self.atom())

    def unquantifiable(self, node: Node) -> Node:
        if self.i < len(self.src) and (self.src[self.i] in "*+?" or self.peek("{")):
            raise self.fail("nothing to repeat")
        return node

    def close(self) -> Node:
        body = self.disjunction()
        if not self.peek(")"):
            raise self.fail("missing `)`")
        self.i += 1
        return body

    def quantified(self, atom: Node) -> Node:
        if self.i >= len(self.src):
            return atom
        c = self.src[self.i]
        low: int
        high: int | None
        if c in "*+?":
            low, high = (0, None) if c == "*" else (1, None) if c == "+" else (0, 1)
            self.i += 1
        elif c == "{":
            low, high = self.braces()
        else:
            return atom
        lazy = self.peek("?")
        self.i += lazy
        return Repeat(atom, low, high, lazy)

    def braces(self) -> tuple[int, int | None]:
        start = self.i
        self.i += 1
        low = self.digits()
        high: int | None = low
        if low is not None and self.peek(","):
            self.i += 1
            high = self.digits()
        if low is None or not self.peek("}"):
            self.i = start
            raise self.fail("lone `{` (Unicode mode needs `\\{`)")
        self.i += 1
        if high is not None and high < low:
            raise self.fail("numbers out of order in `{}` quantifier")
        return low, high

    def digits(self) -> int | None:
        start = self.i
        while self.i < len(self.src) and self.src[self.i].isascii() and self.src[self.i].isdigit():
            self.i += 1
        return int(self.src[start:self.i]) if self.i > start else None

    def atom(self) -> Node:
        c = self.src[self.i]
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_class()
        if c == ".":
            self.i += 1
            return Chars(charset.DOT)
        if c == "\\":
            return self.atom_escape()
        if c in "*+?{":
            raise self.fail("nothing to repeat")
        if c in "}]":
            raise self.fail(f"lone `{c}` (Unicode mode needs `\\{c}`)")
        self.i += 1
        return Chars(((ord(c), ord(c)),))

    def group(self) -> Node:
        if self.peek("(?:"):
            self.i += 3
            return Group(self.close(), capturing=False)
        if self.peek("(?<"):
            end = self.src.find(">", self.i)
            name = self.src[self.i + 3:end] if end > 0 else ""
            if not name.replace("$", "_").isidentifier() or name in self.names:
                raise self.fail("invalid or duplicate group name")
            self.names.add(name)
            self.i = end + 1
        elif self.peek("(?"):
            raise self.fail(f"group syntax {self.src[self.i:self.i + 3]!r} is not ECMA-262")
        else:
            self.i += 1
        self.groups += 1
        return Group(self.close(), capturing=True)

    def atom_escape(self) -> Node:
        nxt = self.src[self.i + 1:self.i + 2]
        if nxt.isascii() and nxt.isdigit() and nxt != "0":
            self.i += 1
            ref = self.digits()
            assert ref is not None
            self.refs.append(ref)
            return BackRef(ref)
        if self.peek("\\k<"):
            end = self.src.find(">", self.i)
            if end < 0:
                raise self.fail("invalid named reference")
            name = self.src[self.i + 3:end]
            self.i = end + 1
            self.refs.append(name)
            return BackRef(name)
        return Chars(self.escape(in_class=False))

    def escape(self, in_class: bool) -> Intervals:
        """A `\\` escape's set of code points (class escapes and single characters)."""
        if self.i + 1 >= len(self.src):
            raise self.fail("`\\` at end of pattern")
        c = self.src[self.i + 1]
        self.i += 2
        if c in charset.ESCAPES:
            return charset.ESCAPES[c]
        if c in "pP":
            return self.property_escape(c)
        return ((cp := self.char_escape(c, in_class)), cp),

    def property_escape(self, c: str) -> Intervals:
        """`\\p{name}` / `\\P{name}`: generator.unicode_props' tables (those ecma.py expands)."""
        end = self.src.find("}", self.i)
        if not self.peek("{") or end < 0:
            raise self.fail(f"invalid property escape \\{c}")
        name = self.src[self.i + 1:end]
        try:
            spans = unicode_props.property_set(name)
        except KeyError:
            raise self.fail(f"invalid property name {name!r}") from None
        self.i = end + 1
        return charset.complement(spans) if c == "P" else spans

    def char_escape(self, c: str, in_class: bool) -> int:
        if c in _CONTROL:
            return _CONTROL[c]
        if c == "c":
            letter = self.src[self.i:self.i + 1]
            if not (letter.isascii() and letter.isalpha()):
                raise self.fail("invalid `\\c` escape")
            self.i += 1
            return ord(letter) % 32
        if c == "0":
            if self.src[self.i:self.i + 1].isdigit():
                raise self.fail("octal escapes are not allowed in Unicode mode")
            return 0
        if c == "x":
            return self.hex_digits(2)
        if c == "u":
            return self.unicode_escape()
        if in_class and c == "b":
            return 0x08
        if c in _SYNTAX or c == "/" or (in_class and c == "-"):
            return ord(c)
        raise self.fail(f"invalid escape \\{c} in Unicode mode")

    def hex_digits(self, n: int) -> int:
        text = self.src[self.i:self.i + n]
        if len(text) != n or not set(text) <= _HEX:
            raise self.fail("invalid hexadecimal escape")
        self.i += n
        return int(text, 16)

    def unicode_escape(self) -> int:
        if self.peek("{"):
            end = self.src.find("}", self.i)
            text = self.src[self.i + 1:end] if end > 0 else ""
            if not text or not set(text) <= _HEX or int(text, 16) > charset.MAX:
                raise self.fail("invalid `\\u{...}` escape")
            self.i = end + 1
            return int(text, 16)
        unit = self.hex_digits(4)
        if 0xD800 <= unit <= 0xDBFF and self.peek("\\u"):
            save = self.i
            self.i += 2
            try:
                low = self.hex_digits(4)
            except UnsupportedPattern:
                low = -1
            if 0xDC00 <= low <= 0xDFFF:  # a surrogate pair is one code point in Unicode mode
                return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            self.i = save
        return unit

    def char_class(self) -> Chars:
        self.i += 1
        negated = self.peek("^")
        self.i += negated
        parts: list[Intervals] = []
        while not self.peek("]"):
            low, low_single = self.class_atom()
            if self.peek("-") and not self.peek("-]"):
                self.i += 1
                high, high_single = self.class_atom()
                if not (low_single and high_single):
                    raise self.fail("a class escape cannot bound a range")
                if high[0][0] < low[0][0]:
                    raise self.fail("range out of order in character class")
                parts.append(((low[0][0], high[0][0]),))
            else:
                parts.append(low)
        self.i += 1
        members = charset.union(*parts)
        return Chars(charset.complement(members) if negated else members)

    def class_atom(self) -> tuple[Intervals, bool]:
        """One class atom's set, and whether it is a single character (may bound a range)."""
        if self.i >= len(self.src):
            raise self.fail("unterminated character class")
        c = self.src[self.i]
        if c == "\\":
            kind = self.src[self.i + 1:self.i + 2]
            s = self.escape(in_class=True)
            return s, kind not in charset.ESCAPES and kind not in ("p", "P")
        self.i += 1
        return ((ord(c), ord(c)),), True
