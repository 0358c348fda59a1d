"""The generated validators `botogen validate` runs, found or built once per service.

Committed bindings under the configured root are imported as they are: under a private alias
for the root package (a module object whose `__path__` is its directory), so neither its
parents' `__init__.py` (the user's own `acme/`) nor botocore is imported, and a package named
like one already imported cannot shadow it. Without committed bindings, the few artifacts
validation needs (the package, the shared runtime, validators.py, cli.py for the command table)
are emitted from the installed model into a temporary directory and imported the same way.
"""

from __future__ import annotations

import atexit
import importlib
import importlib.util
import itertools
import shutil
import sys
import tempfile
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import GenerationError
from .layout import DEFAULT_PACKAGE, committed_packages

_ALIASES = itertools.count()
Validator = Callable[[object], list[Any]]


@dataclass(frozen=True)
class Bindings:
    service: str
    api_version: str
    source: str  # for people: where the validators came from
    validators: types.ModuleType
    commands: dict[str, Any]  # the CLI table: cli name -> Command (name, snake_name, ...)

    def command(self, operation: str) -> Any:
        """An operation by its API name, CLI name or snake_case name."""
        for command in self.commands.values():
            if operation in (command.name, command.cli_name, command.snake_name):
                return command
        names = ", ".join(c.name for c in self.commands.values())
        raise GenerationError(f"{self.service} has no operation {operation!r} (its operations: "
                              f"{names})")

    def validator(self, command: Any, response: bool) -> Validator:
        role = "response" if response else "request"
        function: Validator = getattr(self.validators, f"validate_{command.snake_name}_{role}")
        return function


def find(packages: Path, service: str, api_version: str | None) -> Bindings:
    """The committed bindings of `service` in the root package directory `packages` when they
    are there (of `api_version`, if given), else ones built from the installed model."""
    found = committed_packages(packages).get(service) if packages.is_dir() else None
    if found is not None and api_version in (None, found[1]["api"]):
        module, header = found
        return _imported(packages, module, service, header["api"],
                         f"committed bindings in {packages / module}")
    return _built(service, api_version)


def _imported(packages: Path, module: str, service: str, api_version: str,
              source: str) -> Bindings:
    alias = f"_botogen_validate_{next(_ALIASES)}"
    root = types.ModuleType(alias, f"{packages}, imported for botogen validate")
    root.__path__ = [str(packages)]
    sys.modules[alias] = root
    try:
        importlib.import_module(f"{alias}.{module}")
        validators = _source_module(f"{alias}.{module}.validators",
                                    packages / module / "validators.py")
        cli = importlib.import_module(f"{alias}.{module}.cli")
    except Exception as exc:  # a broken or half-written tree: say which, do not crash
        raise GenerationError(f"cannot import the bindings of {service} from {packages}: "
                              f"{type(exc).__name__}: {exc}") from None
    return Bindings(service, api_version, source, validators, dict(cli.COMMANDS))


def _source_module(name: str, path: Path) -> types.ModuleType:
    """The module of a source file, even beside a `botogen compile` build of it: the build is
    bound to the package name it was compiled under, which the alias is not."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"no module at {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _built(service: str, api_version: str | None) -> Bindings:
    from . import pipeline
    from .emit import cli, package, runtime, validators

    built = pipeline.load(service, api_version=api_version)
    work = Path(tempfile.mkdtemp(prefix="botogen-validate-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    for emit in (package.emit, runtime.emit, validators.emit, cli.emit):
        for artifact in emit(built):  # canonical paths, unformatted: only imported
            target = work / artifact.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(artifact.content, encoding="utf-8")
    return _imported(work / DEFAULT_PACKAGE, built.module_name, service, built.api_version,
                     f"built from {built.model_source}")
