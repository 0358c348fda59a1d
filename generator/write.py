"""Format, compare and stage artifacts: byte-identical on every run, written as one transaction
(generator/txn.py)."""

from __future__ import annotations

import hashlib
import importlib.machinery
from dataclasses import dataclass, field
from pathlib import Path

from . import format as formatter
from .emit import Artifact
from .errors import GenerationError
from .txn import Transaction


def format_artifacts(artifacts: list[Artifact]) -> dict[str, bytes]:
    """Every artifact's bytes: Python in black's style (generator/format.py), the rest as is."""
    python = formatter.format_python({a.path: a.content for a in artifacts if a.python})
    return {a.path: python.get(a.path, a.content).encode("utf-8") for a in artifacts}


def format_artifact(artifact: Artifact) -> bytes:
    return format_artifacts([artifact])[artifact.path]


@dataclass
class Plan:
    """What writing would do: files whose bytes change, and stale files to remove."""

    root: Path
    files: dict[str, bytes]
    changed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    stale_native: list[str] = field(default_factory=list)  # `botogen compile` builds now wrong

    @property
    def clean(self) -> bool:
        return not self.changed and not self.stale and not self.stale_native


def render(artifacts: list[Artifact]) -> dict[str, bytes]:
    """Every file's bytes, in memory: a generation error stops here, before the root is read."""
    return format_artifacts(artifacts)


def plan(root: Path, artifacts: list[Artifact], owned_dirs: list[str]) -> Plan:
    """Compare the rendered artifacts with what is on disk under `root`."""
    return compare(root, render(artifacts), owned_dirs)


def compare(root: Path, files: dict[str, bytes], owned_dirs: list[str]) -> Plan:
    """What writing `files` under `root` would change; `owned_dirs` hold nothing else."""
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
            if not path.is_file() or rel in files or "__pycache__" in path.parts:
                continue
            if is_native_build(path):
                source = files.get(path.with_name("validators.py").relative_to(root).as_posix())
                if source is None or not built_from(path, hashlib.sha256(source)
                                                           .hexdigest()):
                    result.stale_native.append(rel)
            else:
                result.stale.append(rel)
    return result


def refuse_foreign(root: Path, p: Plan, rel: str) -> None:
    """Stop before replacing a file at `rel` (the root package's __init__.py) that botogen did
    not write: a user's package of that name is theirs, not a place for bindings."""
    target = root / rel
    if rel in p.changed and target.is_file() and b"botogen" not in target.read_bytes():
        raise GenerationError(f"{rel} exists and was not written by botogen: the root package "
                              "of the bindings must be botogen's own (choose another package)")


def stage(p: Plan, transaction: Transaction) -> None:
    """Put the plan into the transaction: every changed file's bytes, every stale file to
    remove. Nothing outside its staging changes until it commits."""
    for rel in p.changed:
        transaction.write(rel, p.files[rel])
    for rel in p.stale + p.stale_native:
        transaction.remove(rel)


# `botogen compile` (generator/native.py) puts mypyc's shim and the module it loads beside
# validators.py; generation keeps them while they match it.
NATIVE_STEMS = ("validators", "validators__mypyc")  # mypyc's shim, and the module it loads


def is_native_build(path: Path) -> bool:
    """A compiled validators module (any platform's extension suffix)?"""
    return any(path.name == stem + suffix for stem in NATIVE_STEMS
               for suffix in importlib.machinery.EXTENSION_SUFFIXES)


def built_from(build: Path, sha256: str) -> bool:
    """Was this file of a build pair made with the validators.py of `sha256`? The compiled
    module keeps the digest as a string constant, so the library's bytes contain it."""
    library = build.with_name(build.name.replace("validators", NATIVE_STEMS[1], 1)) \
        if NATIVE_STEMS[1] not in build.name else build
    return library.is_file() and sha256.encode("ascii") in library.read_bytes()
