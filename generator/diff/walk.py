"""Compare two models of one service.

Shapes are compared in pairs (old name, new name) reached at the same place from the same
operation, so a renamed shape is compared with its predecessor. Each pair is evaluated once,
however many operations reach it; a second pass over the pair graph finds, for the pairs
that changed, which operations reach them and from which side (request: the operation's
input; response: its output or one of its errors), and the change is reported once per side
with the severity its rule gives that side."""

from __future__ import annotations

from typing import Any

from ..errors import GenerationError
from . import ops, shapes
from .changes import Change, Finding

Pair = tuple[str, str]
_SIDES = {"input": "request", "output": "response", "error": "response"}


class _Graph:
    """Shape pairs reached from the roots, each with its findings and child pairs."""

    def __init__(self, service: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.service = service
        self.old, self.new = old, new
        self.ids: dict[Pair, int] = {}
        self.pairs: list[Pair] = []
        self.paths: list[str] = []
        self.children: list[list[int]] = []
        self.findings: list[list[Finding]] = []
        self.dirty = _dirty(old, new)

    def add(self, pair: Pair, via: str) -> int:
        """The id of `pair`, walking everything below it the first time it is seen."""
        if pair in self.ids:
            return self.ids[pair]
        root = self._new(pair, via)
        stack = [root]
        while stack:
            self._expand(stack.pop(), stack)
        return root

    def _new(self, pair: Pair, via: str) -> int:
        index = self.ids[pair] = len(self.pairs)
        self.pairs.append(pair)
        self.paths.append(pair[1] if pair[0] == pair[1] else via)
        self.children.append([])
        self.findings.append([])
        return index

    def shape(self, shapes_: dict[str, Any], name: str, side: str) -> dict[str, Any]:
        try:
            spec = shapes_[name]
        except KeyError:
            raise GenerationError(f"{side} model of {self.service} refers to a missing shape "
                                  f"{name!r}") from None
        if not isinstance(spec, dict):
            raise GenerationError(f"{side} model of {self.service}: shape {name!r} is not an "
                                  "object")
        return spec

    def _expand(self, index: int, stack: list[int]) -> None:
        a, b = self.pairs[index]
        if a == b and a not in self.dirty:
            return  # the same shape, and nothing below it changed
        sa, sb = self.shape(self.old, a, "old"), self.shape(self.new, b, "new")
        found: list[Finding] = []
        if sa != sb:
            found.extend(shapes.shape_pair(sa, sb, (a, b)))
        ka, kb = shapes.kind(sa), shapes.kind(sb)
        refs: list[tuple[str, str, str]] = []  # (old target, new target, path step)
        if ka in ("structure", "union") and kb in ("structure", "union"):
            if sa != sb:
                found.extend(shapes.members(sa, sb, self.old, self.new))
            mb = sb.get("members", {})
            refs = [(m["shape"], mb[n]["shape"], f".{n}") for n, m in sa.get("members", {}).items()
                    if n in mb]
        elif ka == kb and ka in ("list", "map"):
            refs = [(sa[k]["shape"], sb[k]["shape"], "[]" if k == "member" else f"{{{k}}}")
                    for k in ("member", "key", "value") if k in sa and k in sb]
        if ka == kb and ka in ("structure", "union", "list", "map"):
            found.extend(shapes.timestamp_formats(sa, sb, self.old, self.new))
        self.findings[index] = found
        for ta, tb, step in refs:
            pair = (ta, tb)
            child = self.ids.get(pair)
            if child is None:
                child = self._new(pair, self.paths[index] + step)
                stack.append(child)
            self.children[index].append(child)

    def reach(self, roots: list[tuple[str, str, int]]) -> dict[int, dict[str, list[str]]]:
        """For each pair with findings: side -> operations (in model order) reaching it."""
        changed = {i for i, f in enumerate(self.findings) if f}
        found: dict[int, dict[str, list[str]]] = {}
        if not changed:
            return found
        for op, role, root in roots:
            seen = {root}
            stack = [root]
            while stack:
                i = stack.pop()
                if i in changed:
                    ops_ = found.setdefault(i, {}).setdefault(role, [])
                    if not ops_ or ops_[-1] != op:
                        ops_.append(op)
                for child in self.children[i]:
                    if child not in seen:
                        seen.add(child)
                        stack.append(child)
        return found


def _dirty(old: dict[str, Any], new: dict[str, Any]) -> set[str]:
    """Names of the new shapes that differ from the old ones of the same name, or reach one
    that does: a pair (X, X) of any other name has nothing to report below it."""
    changed = [n for n, spec in new.items() if old.get(n) != spec]
    if not changed:
        return set()
    parents: dict[str, list[str]] = {}
    for name, spec in new.items():
        members = spec.get("members") if isinstance(spec, dict) else None
        refs = list(members.values()) if isinstance(members, dict) else [
            spec[k] for k in ("member", "key", "value") if isinstance(spec, dict) and k in spec]
        for ref in refs:
            target = ref.get("shape") if isinstance(ref, dict) else None
            if target is not None:
                parents.setdefault(target, []).append(name)
    dirty = set(changed)
    stack = list(changed)
    while stack:
        for parent in parents.get(stack.pop(), ()):
            if parent not in dirty:
                dirty.add(parent)
                stack.append(parent)
    return dirty


def compare_models(service: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    if old == new:
        return []
    changes = [Change.of(f, service, "service") for f in ops.service(old, new)]
    graph = _Graph(service, old["shapes"], new["shapes"])
    roots: list[tuple[str, str, int]] = []  # (operation, input|output|error, root pair)
    oa, ob = old["operations"], new["operations"]
    for name in oa:
        if name not in ob:
            changes.append(Change.of(Finding("operation-removed", "operation removed"), service,
                                     name, operations=(name,)))
    for name, spec in ob.items():
        if name not in oa:
            changes.append(Change.of(Finding("operation-added", "operation added"), service,
                                     name, operations=(name,)))
            continue
        changes.extend(Change.of(f, service, name, operations=(name,))
                       for f in ops.operation(oa[name], spec))
        changes.extend(_io(service, name, oa[name], spec, graph, roots))
    by_side: dict[int, dict[str, list[str]]] = graph.reach(roots)
    for index in sorted(by_side):
        for role, op_names in by_side[index].items():
            side = _SIDES[role]
            for finding in graph.findings[index]:
                changes.append(Change.of(finding, service, graph.paths[index], side,
                                         tuple(op_names), (role,)))
    return _merge_roles(changes)


def _io(service: str, name: str, old: dict[str, Any], new: dict[str, Any], graph: _Graph,
        roots: list[tuple[str, str, int]]) -> list[Change]:
    out: list[Change] = []
    for key, role in (("input", "input"), ("output", "output")):
        a, b = old.get(key, {}).get("shape"), new.get(key, {}).get("shape")
        if a and b:
            roots.append((name, role, graph.add((a, b), b)))
        elif a or b:
            out.extend(_appeared(service, name, key, a, b, graph))
    errors_b = {e["shape"] for e in new.get("errors", ())}
    for error in old.get("errors", ()):
        if error["shape"] in errors_b:
            roots.append((name, "error", graph.add((error["shape"], error["shape"]),
                                                   error["shape"])))
    return out


def _appeared(service: str, op: str, key: str, a: str | None, b: str | None,
              graph: _Graph) -> list[Change]:
    """An input or output where there was none, or none where there was one."""
    shape_ = graph.shape(graph.new if b else graph.old, str(b or a), "new" if b else "old")
    members = shape_.get("members", {})
    if b is None:
        if not members:
            return []  # an empty structure carried nothing
        return [Change.of(Finding(f"operation-{key}-removed", f"{key} {a} removed", a, None),
                          service, op, operations=(op,))]
    out = [Change.of(Finding(f"operation-{key}-added", f"{key} {b} added", None, b),
                     service, op, operations=(op,))]
    if key == "input":
        out.extend(Change.of(Finding("member-required-added", "added, required", None, True,
                                     f".{m}"), service, b, "request", (op,), ("input",))
                   for m in shape_.get("required", ()) if m in members)
    return out


def _merge_roles(changes: list[Change]) -> list[Change]:
    """One change per (rule, path, side): an error shape that is also an output, say, is
    reported once with both roles and the union of its operations."""
    merged: dict[tuple[str, str, str | None, str], Change] = {}
    for change in changes:
        key = (change.rule, change.path, change.direction, change.message)
        first = merged.get(key)
        if first is None:
            merged[key] = change
            continue
        first.operations = tuple(dict.fromkeys(first.operations + change.operations))
        first.reached_from = tuple(dict.fromkeys(first.reached_from + change.reached_from))
    return list(merged.values())
