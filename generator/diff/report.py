"""A finished comparison and its three spellings: text, JSON and Markdown."""

from __future__ import annotations

import functools
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .changes import Change
from .rules import Severity

_ORDER = (Severity.BREAKING, Severity.DANGEROUS, Severity.SAFE, Severity.INFO)


@dataclass
class Report:
    old: str
    new: str
    changes: list[Change]
    compared: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    include_docs: bool = False

    def shown(self) -> list[Change]:
        return [c for c in self.changes if self.include_docs or not c.is_docs]

    def counted(self) -> list[Change]:
        """The changes that count towards severities and --fail-on."""
        return [c for c in self.changes if not c.is_docs and c.accepted is None]

    def worst(self) -> Severity | None:
        return max((c.severity for c in self.counted()), default=None)

    def summary(self) -> dict[str, Any]:
        counted = self.counted()
        per = Counter(c.severity.label for c in counted)
        services: dict[str, Counter[str]] = {}
        for c in counted:
            services.setdefault(c.service, Counter())[c.severity.label] += 1
        return {
            **{s.label: per.get(s.label, 0) for s in _ORDER},
            "docs": sum(1 for c in self.changes if c.is_docs),
            "accepted": sum(1 for c in self.changes if c.accepted is not None),
            "services_compared": len(self.compared),
            "services_changed": sorted(services),
            "services_breaking": sorted(s for s, n in services.items() if n["breaking"]),
            "services_added": self.added,
            "services_removed": self.removed,
            "by_rule": dict(sorted(Counter(c.rule for c in counted).items())),
        }


def summary_line(report: Report) -> str:
    s = report.summary()
    parts = [", ".join(f"{s[sev.label]} {sev.label}" for sev in _ORDER)]
    if s["docs"]:
        parts.append(f"{s['docs']} docs changes" + ("" if report.include_docs
                                                     else " (shown with --include-docs)"))
    if s["accepted"]:
        parts.append(f"{s['accepted']} accepted")
    services = f"{len(s['services_changed'])} of {s['services_compared']} services changed"
    if report.added or report.removed:
        services += f", {len(report.added)} added, {len(report.removed)} removed"
    return "summary: " + "; ".join(parts + [services])


def _groups(changes: list[Change]) -> dict[str, dict[tuple[str, ...], list[Change]]]:
    grouped: dict[str, dict[tuple[str, ...], list[Change]]] = {}
    for c in changes:
        grouped.setdefault(c.service, {}).setdefault(c.operations, []).append(c)
    return grouped


def _heading(ops: tuple[str, ...]) -> str:
    if not ops:
        return "(service)"
    more = f" (+{len(ops) - 3} more)" if len(ops) > 3 else ""
    return ", ".join(ops[:3]) + more


def _label(c: Change) -> str:
    return "ACCEPTED" if c.accepted is not None else c.severity.name


def _line(c: Change) -> str:
    text = f"{c.path}: {c.message}"
    if c.direction:
        text += f" [{c.direction}]"
    if c.accepted is not None:
        text += f" (accepted: {c.accepted})"
    return text


def text(report: Report) -> str:
    lines = []
    for service, groups in _groups(report.shown()).items():
        lines.append(service)
        for ops, changes in groups.items():
            lines.append(f"  {_heading(ops)}")
            lines.extend(f"    {_label(c):9} {c.rule:32} {_line(c)}" for c in changes)
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
    changes = [{
        "rule": c.rule, "severity": c.severity.label, "service": c.service,
        "operation": c.operations[0] if c.operations else None,
        "operations": list(c.operations), "path": c.path, "message": c.message,
        "direction": c.direction, "reached_from": list(c.reached_from),
        "old": c.old, "new": c.new, "witness": c.witness,
        "accepted": c.accepted is not None, "reason": c.accepted,
    } for c in report.shown()]
    # One change a line: readable, and json's C encoder (indent=None) keeps a corpus fast.
    dump = functools.partial(json.dumps, ensure_ascii=False, default=str)
    body = ",\n".join(f"  {dump(c)}" for c in changes)
    return (f'{{\n"old": {dump({"source": report.old})},\n'
            f'"new": {dump({"source": report.new})},\n'
            f'"changes": [{chr(10) + body + chr(10) if body else ""}],\n'
            f'"summary": {dump(report.summary())}\n}}\n')


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("`", "'")


def markdown(report: Report) -> str:
    lines = [f"### botogen diff: `{_cell(report.old)}` → `{_cell(report.new)}`", "",
             _cell(summary_line(report).removeprefix("summary: ")), ""]
    for service, groups in _groups(report.shown()).items():
        lines += [f"#### {_cell(service)}", "", "| severity | rule | operations | change |",
                  "| --- | --- | --- | --- |"]
        for ops, changes in groups.items():
            lines.extend(f"| {_label(c).lower()} | `{c.rule}` | {_cell(_heading(ops))} | "
                         f"{_cell(_line(c))} |" for c in changes)
        lines.append("")
    return "\n".join(lines) + "\n"
