"""Format, compare and write artifacts: all or nothing, byte-identical on every run."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import black
from black.mode import TargetVersion

from .emit import Artifact
from .errors import GenerationError

# Fixed here so that no user configuration (pyproject, black config) can change the bytes.
BLACK_MODE = black.Mode(
    target_versions={TargetVersion.PY311},
    line_length=100,
    string_normalization=True,
    magic_trailing_comma=True,
)


def format_artifact(artifact: Artifact) -> bytes:
    text = artifact.content
    if artifact.python:
        try:
            text = black.format_str(text, mode=BLACK_MODE)
        except Exception as exc:  # black raises several types; all mean emitted code is broken
            raise GenerationError(f"emitted {artifact.path} is not valid Python: {exc}") from None
    return text.encode("utf-8")


@dataclass
class Plan:
    """What writing would do: files whose bytes change, and stale files to remove."""

    root: Path
    files: dict[str, bytes]
    changed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.changed and not self.stale


def plan(root: Path, artifacts: list[Artifact], owned_dirs: list[str]) -> Plan:
    """Compare the rendered artifacts with what is on disk under `root`."""
    files = {a.path: format_artifact(a) for a in artifacts}
    result = Plan(root=root, files=files)
    for rel, data in files.items():
        target = root / rel
        if not target.is_file() or target.read_bytes() != data:
            result.changed.append(rel)
    for d in owned_dirs:
        base = root / d
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in files and "__pycache__" not in path.parts:
                result.stale.append(rel)
    return result


def apply(p: Plan) -> None:
    """Write every changed file through a temporary file and os.replace, after all are staged.

    Everything is rendered before this runs, so a generation error never gets here; staging all
    temporaries first means a failing disk leaves the old files in place."""
    staged: list[tuple[str, Path]] = []
    try:
        for rel in p.changed:
            target = p.root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(p.files[rel])
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; emitted files are ordinary files
            staged.append((rel, Path(tmp)))
    except OSError as exc:
        for _, staged_tmp in staged:
            staged_tmp.unlink(missing_ok=True)
        raise GenerationError(f"cannot write output: {exc}") from None
    for rel, staged_tmp in staged:
        os.replace(staged_tmp, p.root / rel)
    for rel in p.stale:
        (p.root / rel).unlink()
