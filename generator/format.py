"""Format emitted Python in black's style, fast: ruff's formatter, one process per service.

black is the arbiter of the style (tests/test_format.py runs black over emitted files and
requires it to change nothing), but black formats about 1,000 lines a second, so a large
service took minutes and the corpus hours; ruff's formatter, built to match black, does a
large service in well under a second. Where the two disagree the emitters avoid the construct
(validators: no redundant parentheses; strategies: no over-long def signatures), so that the
output is a fixed point of both. Every setting is given on the command line with --isolated,
so no configuration file of the user's can change the bytes.
"""

from __future__ import annotations

import functools
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .errors import GenerationError

LINE_LENGTH = 100
TARGET = "py311"


@functools.cache
def _ruff() -> str:
    try:
        from ruff import find_ruff_bin
    except ImportError:
        raise GenerationError("ruff is not installed: pip install botogen's dependencies") from None
    return str(find_ruff_bin())


def format_python(sources: dict[str, str]) -> dict[str, str]:
    """Each source (by relative path) formatted; GenerationError naming a file that is not
    valid Python."""
    if not sources:
        return {}
    with tempfile.TemporaryDirectory(prefix="botogen-format-") as tmp:
        root = Path(tmp)
        for rel, text in sources.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        result = subprocess.run(
            [_ruff(), "format", "--isolated", "--no-cache", "--quiet",
             "--line-length", str(LINE_LENGTH), "--target-version", TARGET, "."],
            cwd=root, capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise GenerationError(f"emitted Python is not valid: {_first_error(result.stderr)}")
        # bytes, not read_text: universal newlines would turn a "\r" into "\n"
        return {rel: (root / rel).read_bytes().decode("utf-8") for rel in sources}


def _first_error(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    return lines[0] if lines else "ruff failed"


def black_mode() -> Any:
    """black's settings for this style, for the tests and benchmarks that hold the output to
    black (black is not needed to generate)."""
    import black
    from black.mode import TargetVersion

    return black.Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH,
                      string_normalization=True, magic_trailing_comma=True)
