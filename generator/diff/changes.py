"""What evaluators find (a Finding, local to one pair of shapes or operations) and what the
command reports (a Change: a finding placed in a service, a direction and the operations
that reach it, with its rule's severity)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .rules import RULES, Severity, severity


@dataclass(frozen=True)
class Finding:
    rule: str  # a rule id, or a member rule without its direction prefix ("member-removed")
    message: str
    old: Any = None
    new: Any = None
    at: str = ""  # appended to the path of the pair it was found on (".Member")
    witness: str | None = None

    def rule_for(self, direction: str | None) -> str:
        prefixed = f"{direction}-{self.rule}"
        return prefixed if prefixed in RULES else self.rule


@dataclass
class Change:
    rule: str
    severity: Severity
    service: str
    path: str
    message: str
    direction: str | None = None  # "request", "response" (outputs and errors) or None
    operations: tuple[str, ...] = ()
    old: Any = None
    new: Any = None
    witness: str | None = None
    accepted: str | None = None  # the ignore file's reason, when accepted
    reached_from: tuple[str, ...] = field(default=())  # "input", "output", "error"

    @classmethod
    def of(cls, finding: Finding, service: str, path: str, direction: str | None = None,
           operations: tuple[str, ...] = (), reached_from: tuple[str, ...] = ()) -> Change:
        rule = finding.rule_for(direction)
        return cls(rule, severity(rule, direction), service, path + finding.at, finding.message,
                   direction, operations, finding.old, finding.new, finding.witness,
                   reached_from=reached_from)

    @property
    def is_docs(self) -> bool:
        return self.rule == "docs-changed"
