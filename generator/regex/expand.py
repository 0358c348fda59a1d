"""Backreferences to groups of finitely many strings, expanded into a regular pattern.

No automaton runs `\\N`, but when group N matches one of a few strings, `G \\N` is the
alternation over them of `s s`: exact, with ECMA-262's meaning (section 22.2.2), when
- the group and its references sit in one sequence, the group first (a reference in another
  alternative, or before its group, is refused: backrefs.py refuses most of these already);
- between that sequence and the group there is no lookaround (ECMA commits to a lookaround's
  first match) and no repeat of more than once (each repetition captures anew): then each
  match of the sequence takes the group at most once; when it takes it not at all (an `?` or
  an alternative on the way), its references match "" in ECMA, which is one more alternative;
- the group's body is finite: no unbounded repeat, assertion or reference, at most LIMIT
  strings.
A pattern `^(?=X)...C*$` (lookaheads at the start, then a lookaround-free body) reads in X
only characters the body accepts, so X's classes are first cut down to the body's alphabet:
chime-sdk-meetings' `^(?!.*?(.)\\1{3})[-_!@#$a-zA-Z0-9]*$` then expands over 67 characters.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from . import charset
from .syntax import (
    Alt,
    Assert,
    BackRef,
    Chars,
    Group,
    Look,
    Node,
    Repeat,
    Seq,
    UnsupportedPattern,
)

LIMIT = 256  # strings a referenced group may match
SIZE_LIMIT = 20_000  # AST nodes an expansion may reach (hostile models nest them)
_NOTHING = Chars(())
_EMPTY = Seq(())
Path = tuple[int, ...]


@dataclass(frozen=True)
class _Capture(Group):
    """A capturing group with its number, so that copies and references can be matched."""

    number: int = 0


def without_backreferences(node: Node) -> Node:
    """`node` with every backreference expanded away (UnsupportedPattern: it cannot be)."""
    numbered, count = _numbered(node, 0)
    tree = _cut_alphabet(numbered)
    for number in range(count, 0, -1):  # the last group first: an expansion copies only
        tree = _expand(tree, number)  # groups before it, whose own expansion comes after
    return tree


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Seq):
        return node.items
    if isinstance(node, Alt):
        return node.options
    if isinstance(node, (Repeat, Group, Look)):
        return (node.body,)
    return ()


def _rebuilt(node: Node, children: tuple[Node, ...]) -> Node:
    if isinstance(node, Seq):
        return Seq(children)
    if isinstance(node, Alt):
        return Alt(children)
    if isinstance(node, Repeat):
        return Repeat(children[0], node.low, node.high, node.lazy)
    if isinstance(node, _Capture):
        return _Capture(children[0], True, node.number)
    if isinstance(node, Group):
        return Group(children[0], node.capturing)
    if isinstance(node, Look):
        return Look(children[0], node.behind, node.negated)
    return node


def _numbered(node: Node, count: int) -> tuple[Node, int]:
    """Capturing groups numbered in the order their `(` appear, as ECMA numbers them."""
    if isinstance(node, BackRef) and not isinstance(node.ref, int):
        raise UnsupportedPattern("a named backreference")
    mine = 0
    if isinstance(node, Group) and node.capturing:
        count += 1
        mine = count
    children = []
    for child in _children(node):
        child, count = _numbered(child, count)
        children.append(child)
    rebuilt = _rebuilt(node, tuple(children))
    if mine:
        return _Capture(rebuilt.body if isinstance(rebuilt, Group) else rebuilt, True, mine), count
    return rebuilt, count


def _size(node: Node) -> int:
    return 1 + sum(_size(child) for child in _children(node))


def _cut_alphabet(node: Node) -> Node:
    if not isinstance(node, Seq) or len(node.items) < 3 or node.items[0] != Assert("^") \
            or node.items[-1] != Assert("$"):
        return node
    looks = list(itertools.takewhile(lambda n: isinstance(n, Look) and not n.behind,
                                     node.items[1:-1]))
    body = node.items[1 + len(looks):-1]
    if not looks or any(_has_look(item) for item in body):
        return node
    alphabet = charset.union(*(_sets(item) for item in body))
    return Seq((node.items[0], *(_within(look, alphabet) for look in looks), *body,
                node.items[-1]))


def _has_look(node: Node) -> bool:
    return isinstance(node, Look) or any(_has_look(c) for c in _children(node))


def _sets(node: Node) -> tuple[tuple[int, int], ...]:
    if isinstance(node, Chars):
        return node.set
    if isinstance(node, BackRef):  # reads what its group read: the group's sets count
        return ()
    return charset.union(*(_sets(child) for child in _children(node)))


def _within(node: Node, alphabet: charset.Intervals) -> Node:
    if isinstance(node, Chars):
        return Chars(charset.complement(charset.union(charset.complement(node.set),
                                                      charset.complement(alphabet))))
    return _rebuilt(node, tuple(_within(child, alphabet) for child in _children(node)))


def _find(node: Node, number: int) -> tuple[list[Path], list[Path]]:
    """Paths to the group numbered `number` and to its references."""
    groups: list[Path] = []
    refs: list[Path] = []

    def walk(n: Node, path: Path) -> None:
        if isinstance(n, _Capture) and n.number == number:
            groups.append(path)
        if n == BackRef(number):
            refs.append(path)
        for k, child in enumerate(_children(n)):
            walk(child, (*path, k))

    walk(node, ())
    return groups, refs


def _at(node: Node, path: Path) -> Node:
    for k in path:
        node = _children(node)[k]
    return node


def _replace(node: Node, path: Path, new: Node) -> Node:
    if not path:
        return new
    children = list(_children(node))
    children[path[0]] = _replace(children[path[0]], path[1:], new)
    return _rebuilt(node, tuple(children))


def _expand(tree: Node, number: int) -> Node:
    groups, refs = _find(tree, number)
    if not refs:
        return tree
    if len(groups) != 1:
        raise UnsupportedPattern(f"group {number} was copied by another group's expansion")
    group = groups[0]
    common = _common(group, refs)
    seq = _at(tree, common)
    if not isinstance(seq, Seq) or len(group) == len(common):
        raise UnsupportedPattern(f"a reference \\{number} outside its group's sequence")
    first = group[len(common)]
    if any(ref[len(common)] <= first for ref in refs):
        raise UnsupportedPattern(f"a reference \\{number} before its group ends")
    last = max(ref[len(common)] for ref in refs)
    inner = group[len(common) + 1:]
    _check_route(seq.items[first], inner, number)
    captured = _at(seq.items[first], inner)
    strings = _strings(captured)
    if strings is None:
        raise UnsupportedPattern(f"group {number} matches over {LIMIT} strings, or no "
                                 "bounded set of them")
    tail = seq.items[first + 1:last + 1]
    if (len(strings) + 1) * sum(_size(item) for item in seq.items[first:last + 1]) > SIZE_LIMIT:
        raise UnsupportedPattern(f"the expansion of \\{number} is over {SIZE_LIMIT} nodes")
    options = [Seq((_taken(seq.items[first], inner, s), *(_put(t, number, s) for t in tail)))
               for s in sorted(strings)]
    options.append(Seq((_replace(seq.items[first], inner, _NOTHING),
                        *(_put(t, number, "") for t in tail))))
    expanded = _pruned(Alt(tuple(options)))
    items = (*seq.items[:first], expanded, *seq.items[last + 1:])
    return _replace(tree, common, Seq(items))


def _common(group: Path, refs: list[Path]) -> Path:
    common = group
    for ref in refs:
        n = 0
        while n < min(len(common), len(ref)) and common[n] == ref[n]:
            n += 1
        common = common[:n]
    return common


def _check_route(node: Node, path: Path, number: int) -> None:
    """No lookaround and no repeat of more than once between the sequence and the group."""
    for k in path:
        if isinstance(node, Look):
            raise UnsupportedPattern(f"group {number} is in a lookaround its reference is not in")
        if isinstance(node, Repeat) and (node.high is None or node.high > 1):
            raise UnsupportedPattern(f"group {number} is repeated (captured anew each time)")
        node = _children(node)[k]


def _taken(node: Node, path: Path, text: str) -> Node:
    """`node` restricted to its matches that take the group at `path`, matching `text`."""
    if not path:
        return _literal(text)
    child = _taken(_children(node)[path[0]], path[1:], text)
    if isinstance(node, Alt):
        return child  # the group's alternative
    if isinstance(node, Repeat):  # a repeat of at most once, taken once (or never: {0})
        return child if node.high else _NOTHING
    children = list(_children(node))
    children[path[0]] = child
    return _rebuilt(node, tuple(children))


def _literal(text: str) -> Node:
    if len(text) == 1:
        return Chars(((ord(text), ord(text)),))
    return Seq(tuple(Chars(((ord(c), ord(c)),)) for c in text))


def _put(node: Node, number: int, text: str) -> Node:
    """`node` with each reference to group `number` replaced by `text`."""
    if node == BackRef(number):
        return _literal(text)
    return _rebuilt(node, tuple(_put(child, number, text) for child in _children(node)))


def _strings(node: Node) -> frozenset[str] | None:
    """The strings `node` matches, when they are at most LIMIT."""
    if isinstance(node, Chars):
        if sum(hi - lo + 1 for lo, hi in node.set) > LIMIT:
            return None
        return frozenset(chr(c) for lo, hi in node.set for c in range(lo, hi + 1))
    if isinstance(node, Seq):
        out = frozenset({""})
        for item in node.items:
            part = _strings(item)
            if part is None or len(out) * len(part) > LIMIT:
                return None
            out = frozenset(a + b for a in out for b in part)
        return out
    if isinstance(node, Alt):
        parts = [_strings(option) for option in node.options]
        if any(part is None for part in parts):
            return None
        union = frozenset().union(*(p for p in parts if p is not None))
        return union if len(union) <= LIMIT else None
    if isinstance(node, Repeat) and node.high is not None and node.high <= LIMIT:
        body = _strings(node.body)
        if body is None:
            return None
        if not body:
            return frozenset({""}) if node.low == 0 else frozenset()
        powers = [Seq((node.body,) * n) for n in range(node.low, node.high + 1)]
        return _strings(Alt(tuple(powers)))
    if isinstance(node, Group):
        return _strings(node.body)
    return None  # unbounded repeats, assertions, lookarounds, references


def _pruned(node: Node) -> Node:
    """`node` with the no-match set (what a group not taken leaves) folded away."""
    children = tuple(_pruned(child) for child in _children(node))
    if isinstance(node, Seq):
        return _NOTHING if _NOTHING in children else Seq(children)
    if isinstance(node, Alt):
        kept = tuple(c for c in children if c != _NOTHING)
        return _NOTHING if not kept else kept[0] if len(kept) == 1 else Alt(kept)
    if children and children[0] == _NOTHING:
        if isinstance(node, Repeat):
            return _EMPTY if node.low == 0 else _NOTHING
        if isinstance(node, Look):
            return _EMPTY if node.negated else _NOTHING
        return _NOTHING  # a group
    return _rebuilt(node, children)
