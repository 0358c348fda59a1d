"""Helpers for tests that generate a service into a temporary directory and import it."""

from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

from generator import cli
from generator.emit import validators
from generator.ir import Service


def botogen(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a subprocess (exit code and streams as a user sees)."""
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, check=False)


def generate_into(root: Path, *args: str) -> None:
    assert cli.main(["generate", "--quiet", "--out", str(root), *args]) == 0


def import_generated(root: Path, module: str) -> ModuleType:
    """Import generated.<module>... from `root` in this process, isolated from the checkout's."""
    for name in [m for m in sys.modules if m == "generated" or m.startswith("generated.")]:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(f"generated.{module}")
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == "generated" or m.startswith("generated.")]:
            del sys.modules[name]


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def import_emitted_validators(service: Service, path: Path, name: str) -> ModuleType:
    """The validators module emitted for `service` (an IR, possibly altered), written to `path`
    and imported as module `name`."""
    path.write_text(validators.emit(service)[0].content, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # the dataclass looks its module up
    spec.loader.exec_module(module)
    return module
