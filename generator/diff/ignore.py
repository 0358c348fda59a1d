"""The ignore file: known changes to accept, each with the reason it is acceptable.

One entry a line: `RULE PATH REASON...`, whitespace-separated, `#` starts a comment line.
RULE and PATH are shell-style patterns (`*`, `?`, `[...]`); PATH is matched against the
change's path, or against `SERVICE:PATH` when it contains a colon. The reason is required."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

from ..errors import GenerationError
from .changes import Change
from .rules import RULES


@dataclass(frozen=True)
class Entry:
    rule: str
    path: str
    reason: str
    line: int

    def matches(self, change: Change) -> bool:
        subject = f"{change.service}:{change.path}" if ":" in self.path else change.path
        return fnmatch.fnmatchcase(change.rule, self.rule) and fnmatch.fnmatchcase(subject,
                                                                                    self.path)


def parse(text: str, where: str) -> list[Entry]:
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        fields = stripped.split(None, 2)
        if len(fields) < 3:
            raise GenerationError(f"{where}:{number}: expected `RULE PATH REASON`, got "
                                  f"{stripped!r}")
        rule, path, reason = fields
        if not any(fnmatch.fnmatchcase(r, rule) for r in RULES):
            raise GenerationError(f"{where}:{number}: {rule!r} matches no rule id")
        entries.append(Entry(rule, path, reason, number))
    return entries


def load(path: str) -> list[Entry]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GenerationError(f"cannot read ignore file {path}: {exc}") from None
    return parse(text, path)


def apply(entries: list[Entry], changes: list[Change]) -> None:
    """Mark the accepted changes with their entry's reason."""
    for change in changes:
        for entry in entries:
            if entry.matches(change):
                change.accepted = entry.reason
                break
