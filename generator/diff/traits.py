"""Evaluators shared by every level: deprecation, documentation and the catch-all for any
property no other rule reads, so that no change is invisible."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from .changes import Finding

DOC_HASH = "sha256:"  # how a model snapshot keeps documentation: its digest only


def doc_digest(text: str) -> str:
    return DOC_HASH + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def deprecation(old: dict[str, Any], new: dict[str, Any], at: str = "") -> Iterator[Finding]:
    a, b = bool(old.get("deprecated")), bool(new.get("deprecated"))
    if b and not a:
        note = new.get("deprecatedMessage")
        yield Finding("deprecated-added", "deprecated" + (f" ({note!r})" if note else ""),
                      at=at)
    elif a and not b:
        yield Finding("deprecated-removed", "no longer deprecated", at=at)


def docs(old: dict[str, Any], new: dict[str, Any], at: str = "") -> Iterator[Finding]:
    a, b = old.get("documentation"), new.get("documentation")
    if a == b:
        return
    if isinstance(a, str) and isinstance(b, str) and (a.startswith(DOC_HASH)
                                                      or b.startswith(DOC_HASH)):
        if (a if a.startswith(DOC_HASH) else doc_digest(a)) == (
                b if b.startswith(DOC_HASH) else doc_digest(b)):
            return  # a snapshot's digest of the same text
    what = "added" if a is None else "removed" if b is None else "changed"
    yield Finding("docs-changed", f"documentation {what}", a, b, at=at)


_DEPRECATION = frozenset(("deprecated", "deprecatedMessage", "deprecatedSince"))


def other_traits(old: dict[str, Any], new: dict[str, Any], known: frozenset[str],
                 prefix: str = "", at: str = "") -> Iterator[Finding]:
    for key in sorted((old.keys() | new.keys()) - known - _DEPRECATION - {"documentation"}):
        x, y = old.get(key), new.get(key)
        if x != y:
            what = "added" if x is None else "removed" if y is None else f"{x!r} -> {y!r}"
            yield Finding("trait-changed", f"{prefix}{key} {what}", x, y, at=at)
