"""black is the arbiter of style: it changes no emitted Python file, though generation formats
with ruff (generator/format.py) for speed."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from conftest import FIXTURES, ROOT
from generator.format import black_mode, format_python
from generator.errors import GenerationError
from helpers import generate_into

_FIXTURES = {
    "kinds": FIXTURES / "kinds" / "2024-01-01" / "service-2.json",
    "validatorkinds": FIXTURES / "validator-kinds" / "service-2.json",
    "skelkinds": FIXTURES / "skeleton-kinds" / "skelkinds" / "2024-01-01" / "service-2.json",
}


def _python_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def _assert_black_keeps(paths: list[Path]) -> None:
    assert paths
    for path in paths:
        text = path.read_text("utf-8")
        assert black.format_str(text, mode=black_mode()) == text, path


@pytest.mark.parametrize("module", ["ecr_public", "_runtime"])
def test_black_changes_no_committed_file(module: str) -> None:
    _assert_black_keeps(_python_files(ROOT / "generated" / module))


@pytest.mark.parametrize("name", sorted(_FIXTURES))
def test_black_changes_no_fixture_file(tmp_path: Path, name: str) -> None:
    generate_into(tmp_path, "--model", str(_FIXTURES[name]), "--service-name", name)
    _assert_black_keeps(_python_files(tmp_path / "generated" / name))


def test_invalid_python_is_one_error() -> None:
    with pytest.raises(GenerationError, match="not valid"):
        format_python({"x/broken.py": "def (:\n"})


def test_no_configuration_changes_the_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 20\n"
                                             "[tool.ruff.format]\nquote-style = 'single'\n")
    (tmp_path / "ruff.toml").write_text("line-length = 20\n")
    monkeypatch.chdir(tmp_path)
    source = 'x = {"a": 1, "b": [1, 2, 3], "c": "some text that is long enough"}\n'
    assert format_python({"m.py": source}) == {"m.py": source}
