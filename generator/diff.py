"""`botogen diff OLD NEW`: what changed between two models, and which changes break callers.

Operations are compared structurally from their input and output, so a renamed shape is not a
change in itself. Requests break on anything that rejects what used to be accepted (removed
members, new required members, tighter constraints, removed enum values, type changes);
responses break on anything a reader relied on (removed members, type changes)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .ir import Kind, Service, Shape
from .pipeline import load


@dataclass(frozen=True)
class Change:
    path: str
    what: str
    breaking: bool

    def __str__(self) -> str:
        return f"{'BREAKING' if self.breaking else 'change':9} {self.path}: {self.what}"


def load_either(spec: str) -> Service:
    """A model path, or a service name with an optional @api-version."""
    if os.path.exists(spec):
        return load(model=spec)
    name, _, version = spec.partition("@")
    return load(name, api_version=version or None)


def diff_services(old: Service, new: Service) -> list[Change]:
    changes: list[Change] = []
    old_ops = {op.name: op for op in old.operations}
    new_ops = {op.name: op for op in new.operations}
    for name in old_ops:
        if name not in new_ops:
            changes.append(Change(name, "operation removed", True))
    for name in new_ops:
        if name not in old_ops:
            changes.append(Change(name, "operation added", False))
            continue
        o, n = old_ops[name], new_ops[name]
        for role, a, b in (("request", o.input, n.input), ("response", o.output, n.output)):
            if a is None or b is None:
                if a != b:
                    changes.append(Change(f"{name}.{role}", f"shape {a} -> {b}", True))
                continue
            walker = _Walker(old, new, request=role == "request")
            walker.compare(old.shape(a), new.shape(b), f"{name}.{role}")
            changes.extend(walker.changes)
    return changes


class _Walker:
    def __init__(self, old: Service, new: Service, request: bool) -> None:
        self.old, self.new, self.request = old, new, request
        self.changes: list[Change] = []
        self._seen: set[tuple[str, str]] = set()

    def _add(self, path: str, what: str, breaking: bool) -> None:
        self.changes.append(Change(path, what, breaking))

    def compare(self, a: Shape, b: Shape, path: str) -> None:
        if (a.name, b.name) in self._seen:
            return
        self._seen.add((a.name, b.name))
        if a.kind is not b.kind:
            self._add(path, f"type {a.kind.value} -> {b.kind.value}", True)
            return
        self._constraints(a, b, path)
        if a.kind.is_structured:
            self._members(a, b, path)
        elif a.kind is Kind.LIST:
            assert a.member and b.member
            self.compare(self.old.target(a.member), self.new.target(b.member), path + "[]")
        elif a.kind is Kind.MAP:
            assert a.key and b.key and a.value and b.value
            self.compare(self.old.target(a.key), self.new.target(b.key), path + "{key}")
            self.compare(self.old.target(a.value), self.new.target(b.value), path + "{}")

    def _members(self, a: Shape, b: Shape, path: str) -> None:
        old_members = {m.name: m for m in a.members}
        new_members = {m.name: m for m in b.members}
        for name, m in old_members.items():
            if name not in new_members:
                self._add(f"{path}.{name}", "member removed", True)
                continue
            nm = new_members[name]
            if nm.required and not m.required:
                self._add(f"{path}.{name}", "now required", self.request)
            elif m.required and not nm.required:
                self._add(f"{path}.{name}", "no longer required", not self.request)
            self.compare(self.old.target(m), self.new.target(nm), f"{path}.{name}")
        for name, nm in new_members.items():
            if name not in old_members:
                required = " (required)" if nm.required else ""
                self._add(f"{path}.{name}", f"member added{required}", self.request and nm.required)

    def _constraints(self, a: Shape, b: Shape, path: str) -> None:
        for key, sign in (("min", 1), ("max", -1)):
            x, y = getattr(a, key), getattr(b, key)
            if x == y:
                continue
            # A new bound, a higher min or a lower max rejects what used to pass.
            tightened = x is None or (y is not None and (y - x) * sign > 0)
            self._add(path, f"{key} {x} -> {y}", self.request and tightened)
        if a.pattern != b.pattern:
            self._add(path, f"pattern {a.pattern!r} -> {b.pattern!r}",
                      self.request and b.pattern is not None)
        removed = [v for v in a.enum if v not in b.enum]
        added = [v for v in b.enum if v not in a.enum]
        if removed:
            self._add(path, f"enum values removed: {', '.join(removed)}", self.request)
        if added:
            self._add(path, f"enum values added: {', '.join(added)}", False)
