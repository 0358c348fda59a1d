"""Thompson construction: an AST becomes an NFA whose character edges carry code-point sets and
whose empty edges may carry an assertion (`^ $ \\b \\B`), decided by the characters around
the position (see `holds`), or, given lookaround numbers, `?i` / `!i`: lookaround i matches /
does not match at the position (decided by the runtime's per-position lookaround bits)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .charset import Intervals
from .syntax import Alt, Assert, Chars, Group, Look, Node, Repeat, Seq, UnsupportedPattern, \
    automaton_problem

LIMIT = 20_000  # NFA nodes; counted repeats are expanded, so `(x{1,100}){1,100}` is refused

# Kinds of the character before a position (START: none) and after it (END: none).
START, END, WORD, OTHER = 0, 0, 1, 2


def holds(kind: str, prev: int, nxt: int) -> bool:
    """Does assertion `kind` hold between a character of kind `prev` and one of kind `nxt`?"""
    if kind == "^":
        return prev == START
    if kind == "$":
        return nxt == END
    boundary = (prev == WORD) != (nxt == WORD)
    return boundary if kind == "\\b" else not boundary


@dataclass
class Nfa:
    sets: list[Intervals] = field(default_factory=list)  # distinct character sets
    chars: list[list[tuple[int, int]]] = field(default_factory=list)  # node -> (set, target)
    empty: list[list[tuple[int, str]]] = field(default_factory=list)  # node -> (target, assert)
    start: int = 0
    final: int = 0
    assertions: set[str] = field(default_factory=set)
    looks: dict[Look, int] | None = None  # lookaround numbers; None: lookarounds refused

    def node(self) -> int:
        if len(self.chars) >= LIMIT:
            raise UnsupportedPattern(f"the automaton would need over {LIMIT} NFA states")
        self.chars.append([])
        self.empty.append([])
        return len(self.chars) - 1

    def set_index(self, s: Intervals) -> int:
        try:
            return self.sets.index(s)
        except ValueError:
            self.sets.append(s)
            return len(self.sets) - 1


def build(ast: Node, looks: dict[Look, int] | None = None) -> Nfa:
    problem = automaton_problem(ast)
    if problem and not (looks is not None and problem.startswith("lookaround")):
        raise UnsupportedPattern(problem)
    nfa = Nfa(looks=looks)
    nfa.start, nfa.final = _fragment(nfa, ast)
    return nfa


def _fragment(nfa: Nfa, node: Node) -> tuple[int, int]:
    """(entry, exit) nodes of a new sub-automaton for `node`."""
    if isinstance(node, Group):
        return _fragment(nfa, node.body)
    if isinstance(node, Repeat):
        return _repeat(nfa, node)
    entry = nfa.node()
    if isinstance(node, Chars):
        exit_ = nfa.node()
        if node.set:
            nfa.chars[entry].append((nfa.set_index(node.set), exit_))
    elif isinstance(node, Assert):
        exit_ = nfa.node()
        nfa.assertions.add(node.kind)
        nfa.empty[entry].append((exit_, node.kind))
    elif isinstance(node, Look) and nfa.looks is not None:
        exit_ = nfa.node()
        nfa.empty[entry].append((exit_, f"{'!' if node.negated else '?'}{nfa.looks[node]}"))
    elif isinstance(node, Seq):
        exit_ = entry
        for item in node.items:
            first, last = _fragment(nfa, item)
            nfa.empty[exit_].append((first, ""))
            exit_ = last
    elif isinstance(node, Alt):
        exit_ = nfa.node()
        for option in node.options:
            first, last = _fragment(nfa, option)
            nfa.empty[entry].append((first, ""))
            nfa.empty[last].append((exit_, ""))
    else:
        raise UnsupportedPattern(f"no automaton for {type(node).__name__}")
    return entry, exit_


def _repeat(nfa: Nfa, node: Repeat) -> tuple[int, int]:
    entry = exit_ = nfa.node()
    for _ in range(node.low):
        first, last = _fragment(nfa, node.body)
        nfa.empty[exit_].append((first, ""))
        exit_ = last
    if node.high is None:
        first, last = _fragment(nfa, node.body)
        nfa.empty[exit_].append((first, ""))
        nfa.empty[last].append((exit_, ""))
        return entry, exit_
    end = nfa.node()
    nfa.empty[exit_].append((end, ""))
    for _ in range(node.high - node.low):
        first, last = _fragment(nfa, node.body)
        nfa.empty[exit_].append((first, ""))
        nfa.empty[last].append((end, ""))
        exit_ = last
    return entry, end
