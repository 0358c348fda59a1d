"""The shared runtime: real source in generator/runtime/, emitted once per output root."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import black

from conftest import FIXTURES, ROOT
from generator.emit import runtime
from generator.format import black_mode
from helpers import generate_into, tree_bytes

SOURCE = ROOT / "generator" / "runtime"


def test_runtime_source_is_black_stable() -> None:
    for path in sorted(SOURCE.glob("*.py")):
        text = path.read_text("utf-8")
        assert black.format_str(text, mode=black_mode()) == text, path


def test_emitted_runtime_is_the_source_under_a_header() -> None:
    emitted = {a.path: a.content for a in runtime.emit(None)}  # type: ignore[arg-type]
    for path in sorted(SOURCE.glob("*.py")):
        text = emitted[f"generated/_runtime/{path.name}"]
        header, _, body = text.partition("# Do not edit: change the generator and regenerate.\n")
        assert body == path.read_text("utf-8") and "botogen" in header
    assert "generated/_runtime/py.typed" in emitted


def test_committed_runtime_is_current() -> None:
    for artifact in runtime.emit(None):  # type: ignore[arg-type]
        assert (ROOT / artifact.path).read_text("utf-8") == artifact.content, artifact.path


def test_two_services_share_one_runtime(tmp_path: Path) -> None:
    generate_into(tmp_path, "ecr-public")
    before = {k: v for k, v in tree_bytes(tmp_path).items() if k.startswith("generated/_runtime")}
    generate_into(tmp_path, "--model", str(FIXTURES / "kinds" / "2024-01-01" / "service-2.json"),
                  "--service-name", "kinds")
    after = tree_bytes(tmp_path)
    assert {k: v for k, v in after.items() if k.startswith("generated/_runtime")} == before
    assert not any("_cli_" in k for k in after)  # no per-service copy of the driver


def test_runtime_imports_only_the_standard_library() -> None:
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import generated._runtime.cli, generated._runtime.cli_params, "
        "generated._runtime.cli_shorthand, generated._runtime.cli_call, "
        "generated._runtime.validation\n"
        "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "third = sorted(m for m in new if m not in sys.stdlib_module_names and m != 'generated')\n"
        "print(third)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
