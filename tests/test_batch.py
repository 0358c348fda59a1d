"""Many services per run: parallel, each atomic on its own, progress and a summary; the cache
that skips a service whose output is current; check over many packages."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from helpers import tree_bytes

KINDS = FIXTURES / "kinds" / "2024-01-01" / "service-2.json"


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, check=False, cwd=ROOT, env=env)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A botocore-style data directory with one extra service, `kindsx`."""
    data = tmp_path / "data"
    (data / "kindsx" / "2024-01-01").mkdir(parents=True)
    shutil.copy(KINDS, data / "kindsx" / "2024-01-01" / "service-2.json")
    return data


def _env(data: Path) -> dict[str, str]:
    return {**os.environ, "AWS_DATA_PATH": str(data)}


def test_a_failing_service_is_one_line_and_leaves_its_old_output(tmp_path: Path,
                                                                  data_dir: Path) -> None:
    out = tmp_path / "out"
    env = _env(data_dir)
    assert _run("generate", "kindsx", "--out", str(out), "--quiet", env=env).returncode == 0
    old = {k: v for k, v in tree_bytes(out).items() if "/kindsx/" in k}
    model = data_dir / "kindsx" / "2024-01-01" / "service-2.json"
    broken = json.loads(model.read_text())
    broken["shapes"]["Thing"] = {"type": "structure", "members": {"x": {"shape": "Missing"}}}
    model.write_text(json.dumps(broken))
    result = _run("generate", "kindsx", "ecr-public", "sso", "--out", str(out), "--jobs", "2",
                  env=env)
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("botogen: error")]
    assert errors == ["botogen: error: kindsx: shape 'Thing': member 'x' refers to missing "
                      "shape 'Missing'"]
    assert "Traceback" not in result.stderr
    after = tree_bytes(out)
    assert {k: v for k, v in after.items() if "/kindsx/" in k} == old
    assert "generated/ecr_public/models.py" in after and "generated/sso/models.py" in after
    assert result.stdout.strip().startswith("3 services: ")
    assert ", 1 failed, " in result.stdout


def test_plain_progress_lines_and_summary(tmp_path: Path) -> None:
    result = _run("generate", "sso", "ecr-public", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert sorted(line.split()[2] for line in lines) == ["ecr-public", "sso"]
    assert all(line.startswith(("[1/2] done ", "[2/2] done ")) for line in lines), lines
    summary = result.stdout.strip()
    assert summary.startswith("2 services: ") and summary.endswith(" s")
    assert ", 0 failed, " in summary


def test_terminal_progress_is_one_line_rewritten(tmp_path: Path) -> None:
    """On a terminal: done/total, the current services and elapsed time, drawn in place."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdout and stderr are the terminal
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "generator", "generate", "sso",
                                  "ecr-public", "--out", str(tmp_path), "--jobs", "1"])
    chunks = []
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    text = b"".join(chunks).decode()
    assert os.waitstatus_to_exitcode(status) == 0, text
    assert "\r\x1b[K[0/2] 00:00 generating " in text
    assert "\r\x1b[K[1/2] " in text and "2 services: " in text
    assert "done " not in text  # no per-service log lines on a terminal


def test_an_unchanged_service_is_skipped_and_an_edit_is_repaired(tmp_path: Path) -> None:
    assert _run("generate", "sso", "--out", str(tmp_path), "--quiet").returncode == 0
    second = _run("generate", "sso", "--out", str(tmp_path))
    assert second.stdout.strip().endswith("(unchanged since its last generation)")
    models = tmp_path / "generated" / "sso" / "models.py"
    original = models.read_bytes()
    models.write_bytes(original + b"# edited\n")
    (tmp_path / "schemas" / "sso" / "extra.json").write_text("{}")
    third = _run("generate", "sso", "--out", str(tmp_path))
    assert "written   generated/sso/models.py" in third.stdout
    assert "removed   schemas/sso/extra.json" in third.stdout
    assert models.read_bytes() == original
    no_cache = _run("generate", "sso", "--out", str(tmp_path), "--no-cache")
    assert ", 0 written, 0 removed" in no_cache.stdout and "unchanged since" not in no_cache.stdout


def test_check_many_packages_in_parallel(tmp_path: Path) -> None:
    assert _run("generate", "sso", "ecr-public", "--out", str(tmp_path),
                "--quiet").returncode == 0
    ok = _run("check", "--out", str(tmp_path), "--jobs", "2")
    assert ok.returncode == 0 and ok.stdout.splitlines() == [
        "ok       ecr-public 2020-10-30", "ok       sso 2019-06-10"]
    (tmp_path / "generated" / "sso" / "cli.py").write_text("# edited\n")
    bad = _run("check", "--out", str(tmp_path), "--jobs", "2")
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == ["ok       ecr-public 2020-10-30",
                                       "differs  generated/sso/cli.py"]


@pytest.mark.parametrize(("args", "message"), [
    (["--all", "sso"], "--all generates every installed service: name none"),
    (["sso", "--model", str(KINDS)], "give service names or --model PATH, not both"),
    ([], "name a service (or several), --all, or --model PATH, or list services in "
         "[tool.botogen] of pyproject.toml"),
    (["sso", "ecr-public", "--api-version", "2019-06-10"],
     "--api-version applies to one service only"),
])
def test_bad_combinations_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = _run("generate", *args, "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"botogen: error: {message}\n"
    assert not any(tmp_path.iterdir())
