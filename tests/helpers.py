"""Helpers for tests that generate a service into a temporary directory and import it."""

from __future__ import annotations

import fcntl
import hashlib
import importlib
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from types import ModuleType

from conftest import ROOT
from generator import cli, naming, pipeline
from generator.emit import runtime, validators
from generator.ir import Service


def botogen(*args: str, cwd: Path | None = None,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a subprocess (exit code and streams as a user sees)."""
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, check=False, cwd=cwd, input=stdin)


def generate_into(root: Path, *args: str) -> None:
    assert cli.main(["generate", "--quiet", "--out", str(root), *args]) == 0


def package(root: Path, service: str, module: str) -> ModuleType:
    """A module (models, validators, ...) of a service's package generated under `root`."""
    return import_generated(root, f"{naming.module_name(service)}.{module}")


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
    inside a package `name` (beside `path`) that holds the shared runtime it imports, and
    imported as `name`.<module>.validators."""
    root = path.parent / name
    for artifact in runtime.emit(service):
        target = root / artifact.path.removeprefix("generated/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(artifact.content, encoding="utf-8")
    package = root / service.module_name
    package.mkdir(parents=True, exist_ok=True)
    for init in (root / "__init__.py", package / "__init__.py"):
        init.write_text("", encoding="utf-8")
    path.write_text(validators.emit(service)[0].content, encoding="utf-8")
    shutil.copyfile(path, package / "validators.py")
    sys.path.insert(0, str(path.parent))
    try:
        return importlib.import_module(f"{name}.{service.module_name}.validators")
    finally:
        sys.path.remove(str(path.parent))


def native_root(service: Service, model: Path | None = None) -> Path:
    """A root where `botogen generate` and `botogen compile` (the real commands) have put
    `service`'s package (an installed model, or `model`) with its compiled validators. Built
    once per source (mypyc takes about 40 s for ecr-public) and shared by the pytest-xdist
    workers, under a lock, in .pytest_cache."""
    if service.service_name not in _NATIVE_ROOTS:
        _NATIVE_ROOTS[service.service_name] = _build_native_root(service, model)
    return _NATIVE_ROOTS[service.service_name]


_NATIVE_ROOTS: dict[str, Path] = {}


def _build_native_root(service: Service, model: Path | None) -> Path:
    from generator import native

    pure, compiled = native.sources(service)
    key = hashlib.sha256(pure + compiled + sysconfig.get_config_var("EXT_SUFFIX").encode())
    for artifact in pipeline.emit_all(service):  # everything else in the root, runtime too
        key.update(f"{artifact.path}\0{artifact.content}\0".encode("utf-8", "surrogatepass"))
    cache = ROOT / ".pytest_cache" / "botogen-native"
    cache.mkdir(parents=True, exist_ok=True)
    root = cache / key.hexdigest()[:16]
    with open(cache / f"{root.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / "built").is_file():
            shutil.rmtree(root, ignore_errors=True)
            which = ["--model", str(model), "--service-name", service.service_name] if model \
                else [service.service_name]
            for command in ("generate", "compile"):
                done = botogen(command, *which, "--quiet", "--out", str(root))
                assert done.returncode == 0, done.stderr
            (root / "built").write_text("")
    return root


def import_native(service: Service, model: Path | None = None) -> ModuleType:
    """The compiled validators of native_root(service, model), imported beside (not instead
    of) the checkout's generated package: sys.modules is restored afterwards."""
    root = native_root(service, model)
    saved = {m: sys.modules.pop(m) for m in list(sys.modules)
             if m == "generated" or m.startswith("generated.")}
    sys.path.insert(0, str(root))
    try:
        module = importlib.import_module(f"generated.{service.module_name}.validators")
    finally:
        sys.path.remove(str(root))
        for m in [m for m in sys.modules if m == "generated" or m.startswith("generated.")]:
            del sys.modules[m]
        sys.modules.update(saved)
    assert module.__file__ is not None and module.__file__.endswith(
        sysconfig.get_config_var("EXT_SUFFIX")), module.__file__
    return module
