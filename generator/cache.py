"""Skip a service whose output is already what this generator makes of this model.

A generation leaves a record in the user's cache directory (`$BOTOGEN_CACHE_DIR`, else
`$XDG_CACHE_HOME/botogen`, else `~/.cache/botogen`; one folder per output root, so the root
itself holds nothing but output): a key (sha256 of the generator's
own source and templates, the ruff and botocore versions, and the model's bytes) and the
sha256 of every file it owns. The next generation with the same key is skipped when every
one of those files still has its recorded bytes and its directories hold nothing else; any
edit, deletion, extra file or change of generator or model means a full generation. The
record is a cache only: deleting it costs time, never correctness, and it is never committed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path

from . import __version__
from .write import is_native_build

_SOURCE_ROOT = Path(__file__).resolve().parent


@functools.cache
def generator_fingerprint() -> str:
    """What the output depends on besides the model: this generator's code and templates (as
    they are on disk, so an edited checkout counts), the formatter and botocore."""
    digest = hashlib.sha256(__version__.encode())
    templates = _SOURCE_ROOT.parent / "templates"
    if not templates.is_dir():
        templates = _SOURCE_ROOT / "templates"
    files = sorted(_SOURCE_ROOT.rglob("*.py")) + sorted(templates.glob("*.j2"))
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for package in ("ruff", "botocore"):
        digest.update(f"{package}=={_version(package)}".encode())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def key(model_sha256: str, service_name: str, api_version: str, layout: str = "") -> str:
    text = f"{generator_fingerprint()}\0{model_sha256}\0{service_name}\0{api_version}\0{layout}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()  # model text


def _record(root: Path, service_name: str) -> Path:
    base = os.environ.get("BOTOGEN_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "botogen")
    where = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
    return Path(base) / where / f"{service_name}.json"


def is_current(root: Path, service_name: str, cache_key: str, owned_dirs: list[str]) -> int:
    """The number of files of a current output, or 0 when it must be generated."""
    try:
        data = json.loads(_record(root, service_name).read_text("utf-8"))
    except (OSError, ValueError):
        return 0
    files = data.get("files") if isinstance(data, dict) and data.get("key") == cache_key else None
    if not isinstance(files, dict) or not files:
        return 0
    for rel, sha in files.items():
        try:
            if hashlib.sha256((root / rel).read_bytes()).hexdigest() != sha:
                return 0
        except OSError:
            return 0
    return len(files) if _nothing_else(root, owned_dirs, files) else 0


def _nothing_else(root: Path, owned_dirs: list[str], files: dict[str, str]) -> bool:
    """No extra file: a compiled validators build may stay, as generation keeps a current one
    (validators.py unchanged since the generation that checked it)."""
    for d in owned_dirs:
        for path in (root / d).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and not is_native_build(path):
                if path.relative_to(root).as_posix() not in files:
                    return False
    return True


def store(root: Path, service_name: str, cache_key: str, files: dict[str, bytes]) -> None:
    """Record a finished generation (atomically; a failure to record only costs time)."""
    record = {"key": cache_key,
              "files": {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()}}
    path = _record(root, service_name)
    for stray in path.parent.glob(f".{path.name}.*"):  # left by a run killed right here
        stray.unlink(missing_ok=True)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh, sort_keys=True)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
