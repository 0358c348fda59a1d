"""`botogen compile`: a mypyc build of a generated package's validators.

The build is an extension module pair beside the committed validators.py
(`validators.<ext>` and `validators__mypyc.<ext>`); Python imports an extension before a
source file of the same name, so `import generated.<module>.validators` then runs compiled code.
It is built from `emit_native`'s variant of the module (same checks, issues and order), on the
user's machine, and never committed. It records the sha256 of the validators.py it stands for:
`generate` removes a build whose source changed, `check` reports one, and the build itself
refuses to import beside another validators.py.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from . import write
from .emit.validators import emit, emit_native
from .errors import GenerationError
from .ir import Service
from .txn import Transaction


def sources(service: Service) -> tuple[bytes, bytes]:
    """(validators.py as generated, the variant mypyc compiles), formatted."""
    pure = write.format_artifact(emit(service)[0])
    return pure, write.format_artifact(emit_native(service, hashlib.sha256(pure).hexdigest()))


def build(service: Service, workdir: Path,
          texts: tuple[bytes, bytes] | None = None) -> list[Path]:
    """Compile the native variant in `workdir`; the built extension files. The package left in
    `workdir` then holds the pure validators.py beside them, as an installed one does."""
    pure, native = texts or sources(service)
    # Built under the import path it will be loaded by (the names are compiled in).
    parts = [*service.layout.package.split("."), service.module_name]
    package = workdir.joinpath(*parts)
    package.mkdir(parents=True)
    for depth in range(1, len(parts) + 1):
        (workdir.joinpath(*parts[:depth]) / "__init__.py").write_bytes(b"")
    (package / "validators.py").write_bytes(native)
    env = {**os.environ, "MYPYC_OPT_LEVEL": "3", "MYPYC_DEBUG_LEVEL": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "mypyc", "/".join(parts) + "/validators.py"],
        cwd=workdir, env=env, capture_output=True, text=True, check=False)
    built = sorted(p for p in package.iterdir() if write.is_native_build(p))
    if done.returncode != 0 or len(built) != len(write.NATIVE_STEMS):
        raise GenerationError(f"mypyc could not compile the {service.service_name} validators "
                              f"(exit {done.returncode}): {_cause(done.stdout + done.stderr)}")
    (package / "validators.py").write_bytes(pure)
    return built


def _cause(output: str) -> str:
    """The line of a failed build that says why: the first error that is not setuptools'
    closing "command ... failed" (a missing Python.h, a mypy error), else the last line."""
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    errors = [ln for ln in lines if "error" in ln.lower()]
    specific = [ln for ln in errors if not ln.startswith("error: command ")]
    return (specific or errors or lines or ["no output"])[0 if specific else -1]


def require_mypyc() -> None:
    if importlib.util.find_spec("mypyc") is None:
        raise GenerationError("mypyc is not installed: install botogen's `native` extra "
                              "(pip install -c constraints.txt -e '.[native]')")


def install(service: Service, root: Path) -> list[str]:
    """Build and place the pair beside the committed validators.py, which must be current.

    One transaction (generator/txn.py) under the service's name, so both files arrive together
    and no `generate` of the service runs in between."""
    package = root / service.layout.module_dir(service.module_name)
    source = package / "validators.py"
    require_mypyc()
    with Transaction(root, service.service_name) as transaction:
        texts = sources(service) if source.is_file() else None
        if texts is None or source.read_bytes() != texts[0]:
            raise GenerationError(f"{source} is missing or not what this model generates: run "
                                  f"`botogen generate {service.service_name}` first")
        with tempfile.TemporaryDirectory(prefix="botogen-native-") as tmp:
            built = build(service, Path(tmp), texts)
            written = [(package / path.name).relative_to(root).as_posix() for path in built]
            for path, rel in zip(built, written):
                transaction.write(rel, path.read_bytes(), 0o755)
        transaction.commit()
    return written
