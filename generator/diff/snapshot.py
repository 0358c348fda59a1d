"""The model snapshot `generate` keeps with the bindings (generated/<module>/_model.json), so
that `botogen diff SERVICE` can say what regenerating would break without the old botocore.

It is the model as botocore's loader reads it (sdk-extras merged) with each documentation
string replaced by a digest: docs changes stay detectable, the file stays small. The text is
deterministic: model order, one JSON line per operation and per shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import GenerationError
from .traits import doc_digest

FORMAT = "botogen-model-snapshot/1"
FILE = "_model.json"


def strip_docs(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: doc_digest(v) if k == "documentation" and isinstance(v, str) else strip_docs(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [strip_docs(v) for v in value]
    return value


def render(model: dict[str, Any], meta: dict[str, str]) -> str:
    small = strip_docs(model)
    lines = ["{", f'"format":{_j(FORMAT)},']
    lines += [f"{_j(k)}:{_j(v)}," for k, v in meta.items()]
    lines.append('"model":{')
    rest = [k for k in small if k not in ("operations", "shapes")]
    lines += [f"{_j(k)}:{_j(small[k])}," for k in rest]
    for section in ("operations", "shapes"):
        lines.append(f"{_j(section)}:{{")
        entries = list(small.get(section, {}).items())
        lines += [f"{_j(k)}:{_j(v)}{',' if i < len(entries) - 1 else ''}"
                  for i, (k, v) in enumerate(entries)]
        lines.append("}," if section == "operations" else "}")
    lines += ["}", "}"]
    return "\n".join(lines) + "\n"


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def find(packages: Path, service: str) -> Path | None:
    """The snapshot of `service` among the service packages in `packages` (the root
    package's directory)."""
    for candidate in sorted(packages.glob(f"*/{FILE}")):
        try:
            meta, _ = read(candidate)
        except GenerationError:
            continue
        if meta.get("service") == service:
            return candidate
    return None


def read(path: Path) -> tuple[dict[str, str], dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GenerationError(f"cannot read model snapshot {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(
            data.get("model"), dict):
        raise GenerationError(f"{path} is not a botogen model snapshot ({FORMAT})")
    model = data.pop("model")
    data.pop("format")
    return {k: str(v) for k, v in data.items()}, model
