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


def _module(classes: int, doc: str = "A module.") -> str:
    """Unformatted source of many top-level classes and functions, as the emitters write."""
    parts = [f'"""{doc}"""\nfrom __future__ import annotations\nimport re\nX = {{ "a":1 }}']
    for i in range(classes):
        parts.append(f"@decorate( 'x{i}' )\nclass C{i}:\n    '''Doc {i}.'''\n    def f(self, a = 1) :\n"
                     f"        return {{'k': a, 'long': ['item'] * {i}, 'more': 'text to wrap the line here', 'x': 1}}")
        parts.append(f"def g{i}( v ) -> bool :\n    return isinstance(v, str) and len(v) <= {i}")
    return "\n\n\n".join(parts) + "\n"


def test_a_large_module_formatted_in_pieces_is_the_whole_file_formatted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.format as fmt

    sources = {"a/big.py": _module(300), "a/small.py": _module(2)}
    whole = fmt._ruff_format(sources)
    monkeypatch.setattr(fmt, "_PIECE", 2000)
    assert len(fmt._pieces(sources["a/big.py"])) > 10
    assert fmt.format_python(sources) == whole


def test_a_cut_inside_a_docstring_falls_back_to_the_whole_file(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Model text in the module docstring may hold what looks like a definition: that piece
    does not parse, and the file is formatted whole."""
    import generator.format as fmt

    doc = "Service.\n\n\n" + "\n\n\n".join(f"class Fake{i}: x" for i in range(400))
    sources = {"a/doc.py": _module(50, doc)}
    monkeypatch.setattr(fmt, "_PIECE", 1000)
    assert fmt.format_python(sources) == fmt._ruff_format(sources)
    with pytest.raises(GenerationError, match="not valid"):
        fmt.format_python({"x/broken.py": _module(50) + "def (:\n"})
