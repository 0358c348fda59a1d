"""What the generated validators need from a pattern: its search form, whether Python `re`
provably searches it in linear time, and otherwise the NFA data for
`generator.runtime.dfa.Matcher`."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from ..runtime import dfa as runtime
from . import charset
from .nfa import Nfa, build
from .syntax import Alt, Assert, BackRef, Chars, Group, Look, Node, Repeat, Seq, UnsupportedPattern, \
    parse

_CODES = {"": runtime.NONE, "^": runtime.CARET, "$": runtime.DOLLAR,
          "\\b": runtime.BOUNDARY, "\\B": runtime.NOT_BOUNDARY}


@dataclass(frozen=True)
class Program:
    """The arguments of `Matcher(...)`, in its order."""
    starts: tuple[int, ...]
    classes: tuple[int, ...]
    kinds: tuple[int, ...]
    chars: tuple[tuple[tuple[int, int], ...], ...]
    empty: tuple[tuple[tuple[int, int], ...], ...]
    start: int
    final: int
    track: tuple[int, int, int]
    looks: tuple[tuple[bool, Program], ...] = ()  # (backward, body's search), inner first

    def matcher(self) -> runtime.Matcher:
        return runtime.Matcher.load(self.dump())

    def dump(self) -> str:
        """The JSON text `Matcher.load` reads (compact, deterministic)."""
        items: list[object] = self._items()
        if self.looks:
            items.append([[backward, part._items()] for backward, part in self.looks])
        return json.dumps(items, separators=(",", ":"))

    def _items(self) -> list[object]:
        return [self.starts, self.classes, self.kinds, self.chars, self.empty, self.start,
                self.final, self.track]


@functools.cache
def linear_engine(ecma: str) -> tuple[Program | None, str]:
    """(program, why) for an enforced pattern's ECMA spelling: the automaton the validators
    run instead of Python `re`, and why `re` is not provably linear; (None, "") when `re` is
    (or when only `re` can run it: backreferences, size limits; docs say so)."""
    try:
        form = search_form(parse(ecma))
    except UnsupportedPattern:
        return None, ""
    risk = backtracking_risk(form) if form is not None else ""
    if form is not None and _lookarounds(form) and not risk:
        risk = "a lookaround, which re evaluates anew (rescanning) at every position it tries"
    if not risk or form is None:
        return None, ""
    try:
        return program(form), risk
    except UnsupportedPattern as exc:
        return None, f"{risk}; no automaton: {exc.reason}"


def search_form(node: Node) -> Node | None:
    """A pattern found by a search exactly where `node` is found; None when every string
    matches. At an unanchored end, an item that may repeat zero times goes and X{m,n}
    becomes X{m}: a match of the whole contains one of the rest and vice versa."""
    if isinstance(node, Group):
        return search_form(node.body)
    items = list(node.items) if isinstance(node, Seq) else [node]
    for side in (0, -1):
        while items and isinstance(items[side], Repeat):
            item = items[side]
            assert isinstance(item, Repeat)
            if item.low == 0:
                items.pop(side)
                continue
            if item.high != item.low:
                items[side] = Repeat(item.body, item.low, item.low)
            break
    if not items or items == [Assert("^")] or items == [Assert("$")]:
        return None
    return items[0] if len(items) == 1 else Seq(tuple(items))


def backtracking_risk(node: Node) -> str:
    """Why a backtracking search (Python `re`) of `node` may take super-linear time; "" when
    it provably takes linear time: no unbounded repeat can match empty, every character has
    exactly one way to be read (one empty path to each NFA node of a closure, and no two
    overlapping character edges in it), and an unbounded repeat appears only under a leading
    `^` (then one search start, and O(1) backtracking per character read)."""
    if _nullable_loop(node):
        return "an unbounded repeat of something that can match empty"
    first = node.items[0] if isinstance(node, Seq) else node
    if _has_unbounded(node) and first != Assert("^"):
        return "an unanchored search over an unbounded repeat (retried at every start)"
    try:
        nfa = build(node)
    except UnsupportedPattern:
        return ""  # lookarounds, backreferences: only `re` can run them
    return _ambiguity(nfa)


def _nullable_loop(node: Node) -> bool:
    if isinstance(node, Repeat) and node.high is None and _nullable(node.body):
        return True
    return any(_nullable_loop(c) for c in _children(node))


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Seq):
        return node.items
    if isinstance(node, Alt):
        return node.options
    if isinstance(node, (Group, Repeat)):
        return (node.body,)
    return ()


def _nullable(node: Node) -> bool:
    if isinstance(node, Chars):
        return False
    if isinstance(node, Seq):
        return all(_nullable(i) for i in node.items)
    if isinstance(node, Alt):
        return any(_nullable(o) for o in node.options)
    if isinstance(node, Repeat):
        return node.low == 0 or _nullable(node.body)
    if isinstance(node, Group):
        return _nullable(node.body)
    return True  # assertions, lookarounds, backreferences consume nothing


def _has_unbounded(node: Node) -> bool:
    if isinstance(node, Repeat) and node.high is None:
        return True
    return any(_has_unbounded(c) for c in _children(node))


def _ambiguity(nfa: Nfa) -> str:
    """Why a backtracking matcher may have two ways on: two empty paths to one node, or two
    overlapping character edges, in the closure of some node ("" when neither)."""
    for node in range(len(nfa.chars)):
        paths = _path_counts(nfa, node)
        if max(paths.values()) > 1:
            return "nested or adjacent repeats: two ways to reach the same point"
        edges = [e for n in paths for e in nfa.chars[n]]
        pairs = sorted(pair for s, _ in edges for pair in nfa.sets[s])
        if any(b[0] <= a[1] for a, b in zip(pairs, pairs[1:])):
            return "alternatives or repeats overlap: a character can be read two ways"
    return ""


def _path_counts(nfa: Nfa, node: int) -> dict[int, int]:
    """The number of empty paths (capped at 2) from `node` to each node it reaches; the empty
    graph is acyclic once no unbounded repeat is nullable."""
    order: list[int] = []
    seen = {node}
    stack = [node]
    while stack:
        n = stack.pop()
        order.append(n)
        for target, _ in nfa.empty[n]:
            if target not in seen:
                seen.add(target)
                stack.append(target)
    incoming: dict[int, int] = {n: 0 for n in order}
    for n in order:
        for target, _ in nfa.empty[n]:
            incoming[target] += 1
    counts = {n: 0 for n in order}
    counts[node] = 1
    ready = [n for n in order if incoming[n] == 0]
    while ready:
        n = ready.pop()
        for target, _ in nfa.empty[n]:
            counts[target] = min(2, counts[target] + counts[n])
            incoming[target] -= 1
            if incoming[target] == 0:
                ready.append(target)
    if any(incoming[n] for n in order):
        counts[node] = 2  # an empty cycle: infinitely many paths
    return counts


def program(node: Node) -> Program:
    """The Matcher data of a search for `node` (UnsupportedPattern: no automaton). Each
    lookaround (nested ones too) is numbered and gets the search of its body, run over the
    whole input before the main search: forward for a lookbehind (a match of X ending at p is
    a match of X in s[j:p]), and for a lookahead X reversed, right to left (a match of X in
    s[p:j]); its acceptance at each position is the lookaround's bit there."""
    looks = _lookarounds(node)
    if len(looks) > runtime.LOOK_LIMIT:
        raise UnsupportedPattern(f"over {runtime.LOOK_LIMIT} lookarounds")
    numbers = {look: i for i, look in enumerate(looks)}
    parts = tuple((not look.behind, _part(look.body if look.behind else reverse(look.body),
                                          numbers)) for look in looks)
    main = _part(node, numbers)
    return Program(main.starts, main.classes, main.kinds, main.chars, main.empty, main.start,
                   main.final, main.track, parts)


def _lookarounds(node: Node) -> list[Look]:
    """The distinct lookarounds in `node`, inner ones before those containing them."""
    found: list[Look] = []
    for child in _children(node) + ((node.body,) if isinstance(node, Look) else ()):
        found += [look for look in _lookarounds(child) if look not in found]
    if isinstance(node, Look) and node not in found:
        found.append(node)
    return found


def reverse(node: Node) -> Node:
    """A pattern matching the reversed strings of `node`'s matches, at the mirrored positions:
    sequences reversed, `^` and `$` swapped (`\\b`, `\\B` and lookarounds are properties of
    a position, the same read either way)."""
    if isinstance(node, Seq):
        return Seq(tuple(reverse(item) for item in reversed(node.items)))
    if isinstance(node, Alt):
        return Alt(tuple(reverse(option) for option in node.options))
    if isinstance(node, Repeat):
        return Repeat(reverse(node.body), node.low, node.high, node.lazy)
    if isinstance(node, Group):
        return Group(reverse(node.body), node.capturing)
    if isinstance(node, Assert) and node.kind in ("^", "$"):
        return Assert("$" if node.kind == "^" else "^")
    return node


def _code(assertion: str) -> int:
    if assertion[:1] in ("?", "!"):
        return runtime.LOOK + 2 * int(assertion[1:]) + (assertion[0] == "!")
    return _CODES[assertion]


def _part(node: Node, numbers: dict[Look, int]) -> Program:
    nfa = build(node, numbers)
    word = bool(nfa.assertions & {"\\b", "\\B"})
    classes = charset.partition([*nfa.sets, charset.WORD] if word else nfa.sets)
    segments = sorted((lo, k) for k, c in enumerate(classes) for lo, _ in c)
    kinds = tuple(runtime.WORD if word and charset.contains(charset.WORD, c[0][0])
                  else runtime.OTHER for c in classes)
    masks = [sum(1 << k for k, c in enumerate(classes) if charset.contains(s, c[0][0]))
             for s in nfa.sets]
    caret = word or "^" in nfa.assertions
    track = (runtime.START if caret else runtime.OTHER, runtime.WORD if word else runtime.OTHER,
             runtime.OTHER)
    return Program(
        starts=tuple(lo for lo, _ in segments), classes=tuple(k for _, k in segments),
        kinds=kinds, chars=tuple(tuple((masks[s], t) for s, t in edges) for edges in nfa.chars),
        empty=tuple(tuple((t, _code(a)) for t, a in edges) for edges in nfa.empty),
        start=nfa.start, final=nfa.final, track=track)


def backreference_risk(ecma: str) -> str:
    """backtracking_risk for a pattern with backreferences, which no automaton runs: each
    `\\N` read as its group's pattern (it matches one of that group's strings, with no more
    choices) and each lookaround as its body (`re` backtracks inside it as anywhere). "" when
    `re` provably runs it in linear time."""
    node = parse(ecma)
    groups: list[Node] = []
    _capturing_groups(node, groups)
    return backtracking_risk(_inlined(node, groups))


def _capturing_groups(node: Node, found: list[Node]) -> None:
    """The bodies of the capturing groups, in the order their `(` appear (their numbers)."""
    if isinstance(node, Group) and node.capturing:
        found.append(node.body)
    if isinstance(node, Look):
        _capturing_groups(node.body, found)
    for child in _children(node):
        _capturing_groups(child, found)


def _inlined(node: Node, groups: list[Node]) -> Node:
    if isinstance(node, BackRef):
        assert isinstance(node.ref, int)
        return Group(_inlined(groups[node.ref - 1], groups), capturing=False)
    if isinstance(node, Look):
        return Group(_inlined(node.body, groups), capturing=False)
    if isinstance(node, Seq):
        return Seq(tuple(_inlined(i, groups) for i in node.items))
    if isinstance(node, Alt):
        return Alt(tuple(_inlined(o, groups) for o in node.options))
    if isinstance(node, Repeat):
        return Repeat(_inlined(node.body, groups), node.low, node.high, node.lazy)
    if isinstance(node, Group):
        return Group(_inlined(node.body, groups), node.capturing)
    return node
