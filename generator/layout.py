"""Where a generation's files go: the import path of the root package and the schema directory.

The emitters write every artifact under one canonical layout, ``generated/<module>/...`` and
``schemas/<service>/...``; `Layout.place` maps those paths onto the user's choice in one place,
so no emitter knows about configuration. The emitted modules import each other and the shared
runtime relatively (``from .._runtime.cli import ...``), so the same bytes work under any root
package; what names the root package in text (the CLI's usage line, docstrings) reads
`Layout.package`, and the property tests find the schemas through `Layout.schema_steps`.

Of the root package's parents botogen writes nothing: ``acme/`` of ``acme.aws`` stays the
user's (a namespace package without ``__init__.py``, or their own regular package). The root
package itself (``acme/aws/__init__.py``) is botogen's, as ``generated/__init__.py`` is.
"""

from __future__ import annotations

import keyword
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import GenerationError

DEFAULT_PACKAGE = "generated"
DEFAULT_SCHEMAS = "schemas"
_PART = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CANONICAL = (DEFAULT_PACKAGE, DEFAULT_SCHEMAS)
# The provenance header of a service package's __init__.py (generator/emit/__init__.py).
_HEADER_RE = re.compile(
    r"botocore (?P<botocore>\S+) model\n# of (?P<service>\S+) \(API version (?P<api>[^)]*)\),\n"
    r"# (?P<source>.*), sha256 (?P<sha>[0-9a-f]{64})\."
)


def committed_headers(packages: Path) -> dict[str, re.Match[str]]:
    """The provenance of every service package in the root package directory `packages`, by
    service name: what `check`, `diff` and `validate` find there."""
    return {name: match for name, (_, match) in committed_packages(packages).items()}


def committed_packages(packages: Path) -> dict[str, tuple[str, re.Match[str]]]:
    """(module name, provenance) of every service package in `packages`, by service name."""
    found = {}
    for init in sorted(packages.glob("*/__init__.py")):
        match = _HEADER_RE.search(init.read_text(encoding="utf-8", errors="replace"))
        if match:
            found[match["service"]] = (init.parent.name, match)
    return found


def check_package(package: str) -> str:
    """`package` if it is a dotted import path of plain identifiers, else a clear error."""
    parts = package.split(".")
    for part in parts:
        if not _PART.fullmatch(part) or keyword.iskeyword(part):
            raise GenerationError(f"package {package!r} is not a dotted Python import path "
                                  "(ASCII identifiers, no keywords), e.g. acme.aws")
    if parts[-1] == "_runtime":
        raise GenerationError(f"package {package!r}: _runtime is the name of the shared "
                              "runtime inside the root package")
    return package


@dataclass(frozen=True)
class Layout:
    """Paths relative to the output root (the directory that `generate` writes into)."""

    package: str = DEFAULT_PACKAGE  # dotted import path of the root package
    package_dir: str = DEFAULT_PACKAGE  # its directory, POSIX, relative to the root
    schemas_dir: str = DEFAULT_SCHEMAS  # the schema directory, relative to the root

    def __post_init__(self) -> None:
        check_package(self.package)  # it is written into code and text as it is

    @classmethod
    def under(cls, root: Path, out: Path, package: str = DEFAULT_PACKAGE,
              schemas: Path | None = None) -> Layout:
        """The layout for root package `package` under directory `out`, schemas in `schemas`
        (default `out`/schemas); `root` must hold both."""
        check_package(package)
        package_dir = _relative(out / Path(*package.split(".")), root)
        schemas_dir = _relative(schemas if schemas is not None else out / DEFAULT_SCHEMAS, root)
        if _overlaps(package_dir, schemas_dir):
            raise GenerationError(f"the schema directory {schemas_dir} and the package "
                                  f"directory {package_dir} must not contain each other")
        return cls(package, package_dir, schemas_dir)

    @property
    def is_default(self) -> bool:
        return self == Layout()

    def key(self) -> str:
        """What the cache keys a generation by, besides the model and the generator."""
        return f"{self.package}\0{self.package_dir}\0{self.schemas_dir}"

    def place(self, path: str) -> str:
        """An emitter's canonical path (``generated/...`` or ``schemas/...``) in this layout."""
        head, _, rest = path.partition("/")
        if head not in _CANONICAL or not rest:
            raise AssertionError(f"emitted path outside the canonical layout: {path!r}")
        base = self.package_dir if head == DEFAULT_PACKAGE else self.schemas_dir
        return f"{base}/{rest}" if base != "." else rest

    def module_dir(self, module_name: str) -> str:
        return self.place(f"{DEFAULT_PACKAGE}/{module_name}")

    def schema_steps(self) -> tuple[int, tuple[str, ...]]:
        """From a service package's directory to the schema directory: how many levels up
        (``Path(__file__).parents[n]`` of a module in it), then which names down."""
        here = PurePosixPath(self.package_dir, "service")
        rel = PurePosixPath(os.path.relpath(self.schemas_dir, here))
        ups = sum(1 for part in rel.parts if part == "..")
        return ups, tuple(part for part in rel.parts if part != "..")


def _relative(path: Path, root: Path) -> str:
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        raise GenerationError(f"{path} is not under the output root {root}") from None
    return rel.as_posix()


def _overlaps(a: str, b: str) -> bool:
    pa, pb = PurePosixPath(a), PurePosixPath(b)
    return pa == pb or pb in pa.parents or pa in pb.parents or "." in (a, b)
