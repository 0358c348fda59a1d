"""The pattern corpus: every `pattern` in the installed botocore's service models, with where
it is used (tests and the ReDoS benchmark read it)."""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

import botocore


@dataclass(frozen=True)
class Use:
    service: str
    shape: str
    max: int | None  # the shape's `max` length, if any


@functools.cache
def patterns() -> dict[str, tuple[Use, ...]]:
    """Each distinct pattern (in first-seen order, services sorted) and its uses."""
    found: dict[str, list[Use]] = {}
    data = Path(botocore.__file__).parent / "data"
    for service_dir in sorted(p for p in data.iterdir() if p.is_dir()):
        versions = sorted(p for p in service_dir.iterdir() if p.is_dir())
        model = _model(versions[-1]) if versions else None
        if model is None:
            continue
        for name, shape in model.get("shapes", {}).items():
            pattern, high = shape.get("pattern"), shape.get("max")
            if isinstance(pattern, str):
                found.setdefault(pattern, []).append(
                    Use(service_dir.name, name, high if isinstance(high, int) else None))
    return {p: tuple(uses) for p, uses in found.items()}


def _model(version_dir: Path) -> dict[str, dict[str, dict[str, object]]] | None:
    for name in ("service-2.json", "service-2.json.gz"):
        path = version_dir / name
        if path.exists():
            raw = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
            loaded: dict[str, dict[str, dict[str, object]]] = json.loads(raw)
            return loaded
    return None
