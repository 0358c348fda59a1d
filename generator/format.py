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
import re
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
    valid Python.

    A large module goes to ruff in pieces cut before top-level definitions (_pieces): its
    time and memory grow faster than the file (ec2's 11 MB models.py cost 0.7 s of CPU
    whole, 0.4 s in pieces), and the pieces run on all cores. Joined with the two blank lines
    ruff puts between top-level definitions, the pieces are the whole file formatted. A cut
    inside a string (only model text in a docstring could look like a definition) leaves a
    piece that does not parse: then the whole files are formatted as they are."""
    if not sources:
        return {}
    pieces = {(rel, i): piece for rel, text in sources.items()
              for i, piece in enumerate(_pieces(text))}
    if len(pieces) > len(sources):
        try:
            done = _ruff_format({f"{i}/{rel}": piece for (rel, i), piece in pieces.items()})
        except GenerationError:
            pass  # formatted whole below, which names the file in any error
        else:
            return {rel: "\n\n".join(done[f"{i}/{r}"] for (r, i) in pieces if r == rel)
                    for rel in sources}
    return _ruff_format(sources)


# Pieces of about this many characters; a definition at column 0 after two blank lines starts
# one (a decorator, class or def: what models.py and validators.py are made of).
_PIECE = 256 * 1024
_TOP = re.compile(r"\n\n\n(?=@|class |def )")


def _pieces(text: str) -> list[str]:
    pieces = []
    start = 0
    while len(text) - start > 2 * _PIECE:
        cut = _TOP.search(text, start + _PIECE)
        if cut is None:
            break
        pieces.append(text[start : cut.start()] + "\n")
        start = cut.end()
    return pieces + [text[start:]]


def _ruff_format(sources: dict[str, str]) -> dict[str, str]:
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
