"""`[tool.botogen]` in pyproject.toml: the services, output root, import path and schema
directory of a project, so that `botogen generate` / `check` / `diff` need no arguments.

The table is read from the nearest pyproject.toml that has one, in the current directory or
its parents (as ruff finds its own table). Paths in it are relative to that file's directory.
Command-line options override it. Anything it does not define, or defines with the wrong type,
is one error (exit 2), before any work: a typo must not silently generate elsewhere.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GenerationError
from .layout import DEFAULT_PACKAGE, Layout, check_package

FILE = "pyproject.toml"
_KEYS = ("services", "out", "package", "schemas", "jobs", "validate")
_SERVICE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(@\d{4}-\d{2}-\d{2})?")
_TARGET = re.compile(r"(?P<service>[A-Za-z0-9][A-Za-z0-9._-]*):(?P<operation>[A-Za-z0-9]+)"
                     r"(:(?P<role>request|response))?")


@dataclass(frozen=True)
class Target:
    """What a `[tool.botogen.validate]` glob maps its files to."""

    service: str
    operation: str
    response: bool = False


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the pyproject.toml read; None: there is none with a table
    services: tuple[str, ...] = ()  # as written: name or name@api-version
    out: Path | None = None  # absolute where given
    package: str | None = None
    schemas: Path | None = None
    jobs: int | None = None
    validate: dict[str, Target] = field(default_factory=dict)  # glob -> target, table order

    @property
    def base(self) -> Path:
        """The directory that relative paths (and validate globs) are relative to."""
        return self.path.parent if self.path is not None else Path.cwd()


def split_service(spec: str) -> tuple[str, str | None]:
    """`name@api-version` -> (name, api-version); a bare name has no version."""
    name, at, version = spec.partition("@")
    return name, (version if at else None)


def find(start: Path | None = None) -> Config:
    """The configuration of the nearest pyproject.toml with a [tool.botogen] table."""
    here = Path(os.path.abspath(start or Path.cwd()))
    for directory in (here, *here.parents):
        path = directory / FILE
        if not path.is_file():
            continue
        table = _tool_table(path)
        if table is not None:
            return parse(table, path)
    return Config()


def _tool_table(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, UnicodeDecodeError) as exc:
        raise GenerationError(f"cannot read {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise GenerationError(f"{path}: invalid TOML: {exc}") from None
    tool = data.get("tool")
    table = tool.get("botogen") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise GenerationError(f"{path}: tool.botogen must be a table")
    return table


def parse(table: dict[str, Any], path: Path) -> Config:
    """A [tool.botogen] table, checked key by key."""
    where = f"{path}: [tool.botogen]"
    unknown = [k for k in table if k not in _KEYS]
    if unknown:
        raise GenerationError(f"{where} has unknown key {unknown[0]!r} (known: "
                              f"{', '.join(sorted(_KEYS))})")
    base = path.parent
    services = _strings(table, "services", where)
    for spec in services:
        if not _SERVICE.fullmatch(spec):
            raise GenerationError(f"{where} services: {spec!r} is not a service name with an "
                                  "optional @api-version (e.g. ecr-public@2020-10-30)")
    package = _string(table, "package", where)
    if package is not None:
        try:
            check_package(package)
        except GenerationError as exc:
            raise GenerationError(f"{where} {exc}") from None
    jobs = table.get("jobs")
    if jobs is not None and (type(jobs) is not int or jobs < 0):
        raise GenerationError(f"{where} jobs must be a non-negative integer (0: one per core), "
                              f"not {_shown(jobs)}")
    out, schemas = _string(table, "out", where), _string(table, "schemas", where)
    return Config(path, tuple(services), base / out if out is not None else None, package,
                  base / schemas if schemas is not None else None, jobs,
                  _validate_table(table.get("validate"), where))


def _string(table: dict[str, Any], key: str, where: str) -> str | None:
    value = table.get(key)
    if value is not None and (not isinstance(value, str) or not value):
        raise GenerationError(f"{where} {key} must be a non-empty string, not {_shown(value)}")
    return value


def _strings(table: dict[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GenerationError(f"{where} {key} must be an array of strings, not "
                              f"{_shown(value)}")
    return list(dict.fromkeys(value))


def _validate_table(value: Any, where: str) -> dict[str, Target]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise GenerationError(f"{where} validate must be a table of glob = "
                              f'"service:Operation", not {_shown(value)}')
    targets = {}
    for glob, spec in value.items():
        match = _TARGET.fullmatch(spec) if isinstance(spec, str) else None
        if match is None:
            raise GenerationError(f"{where}.validate {glob!r} must map to \"service:Operation\""
                                  f" (or \"service:Operation:response\"), not {_shown(spec)}")
        targets[glob] = Target(match["service"], match["operation"], match["role"] == "response")
    return targets


def _shown(value: Any) -> str:
    kinds = {bool: "a boolean", int: "an integer", float: "a float", str: "a string",
             list: "an array", dict: "a table"}
    return f"{kinds.get(type(value), type(value).__name__)} ({value!r:.60})"


@dataclass(frozen=True)
class Settings:
    """What a command runs with: configuration overridden by its options."""

    config: Config
    root: Path  # the output root: every file written is under it
    layout: Layout
    jobs: int

    @property
    def packages(self) -> Path:
        """The root package's directory (the service packages are in it)."""
        return self.root / self.layout.package_dir


def settings(config: Config, out: str | None = None, package: str | None = None,
             schemas: str | None = None, jobs: int | None = None) -> Settings:
    """Options win over the configuration; without either, today's defaults (root `.`,
    package `generated`, schemas under the root)."""
    out_dir = Path(out) if out is not None else config.out or Path(".")
    schema_dir = Path(schemas) if schemas is not None else config.schemas
    chosen = package or config.package or DEFAULT_PACKAGE
    # The root holds everything written, and names it in messages: OUT itself, unless the
    # schemas lie elsewhere or OUT came from the table (then paths read from the project).
    holders = [out_dir] + ([schema_dir] if schema_dir is not None else [])
    if out is None and config.path is not None:
        holders.append(config.base)
    root = out_dir
    common = Path(os.path.commonpath([os.path.abspath(p) for p in holders]))
    if common != Path(os.path.abspath(out_dir)):
        if common == common.parent:  # the file system's root
            raise GenerationError(f"the output directory {out_dir} and the schema directory "
                                  f"{schema_dir} share no parent directory")
        root = common
    layout = Layout.under(root, out_dir, chosen, schema_dir)
    count = jobs if jobs is not None else config.jobs
    if count is not None and count < 0:
        raise GenerationError(f"--jobs must be 0 (one per core) or more, not {count}")
    return Settings(config, root, layout, count or 0)
