"""The pre-commit hooks of .pre-commit-hooks.yaml, run the way pre-commit runs them (entry, plus
the staged files its `types_or` selects when `pass_filenames`) on a fixture repository.

pre-commit itself would install botogen into a fresh environment from the network; the hooks'
behaviour is their entries on the files they are given, which is what runs here."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from helpers import botogen

# pre-commit's manifest keys (pre_commit/clientlib.py, MANIFEST_HOOK_DICT)
_MANIFEST_KEYS = {"id", "name", "entry", "language", "alias", "files", "exclude", "types",
                  "types_or", "exclude_types", "additional_dependencies", "args",
                  "always_run", "fail_fast", "pass_filenames", "description",
                  "language_version", "log_file", "minimum_pre_commit_version",
                  "require_serial", "stages", "verbose"}
# identify's tags for the types these hooks use, by extension
_TYPES = {"json": (".json",), "yaml": (".yaml", ".yml")}
PYPROJECT = """[project]
name = "deployments"
version = "1"

[tool.botogen]
services = ["ecr-public"]
package = "acme.aws"
out = "src"

[tool.botogen.validate]
"deploy/repositories/*.json" = "ecr-public:CreateRepository"
"deploy/**/*.layers.yaml" = "ecr-public:BatchCheckLayerAvailability"
"""


def _hooks() -> dict[str, dict[str, Any]]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _run_hook(repo: Path, hook_id: str) -> subprocess.CompletedProcess[str]:
    """What `pre-commit run HOOK` runs: the entry, with the staged files of its types."""
    hook = _hooks()[hook_id]
    command = shlex.split(hook["entry"]) + list(hook.get("args", []))
    assert command[0] == "botogen"
    script = Path(sys.executable).with_name("botogen")
    command[:1] = [str(script)] if script.is_file() else [sys.executable, "-m", "generator"]
    files: list[str] = []
    if hook.get("pass_filenames", True):
        staged = subprocess.run(["git", "ls-files"], cwd=repo, check=True, capture_output=True,
                                text=True).stdout.split()
        suffixes = tuple(s for t in hook.get("types_or", []) for s in _TYPES[t])
        files = [f for f in staged if f.endswith(suffixes)]
    return subprocess.run([*command, *files], cwd=repo, capture_output=True, text=True,
                          check=False)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("repo")
    (repo / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert botogen("generate", "--quiet", cwd=repo).returncode == 0
    return repo


@pytest.fixture()
def repo(generated: Path, tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(generated, repo)
    (repo / "deploy/repositories").mkdir(parents=True)
    (repo / "deploy/repositories/web.json").write_text(
        '{\n  "repositoryName": "web",\n  "catalogData": {"description": "the site"}\n}\n',
        encoding="utf-8")
    (repo / "deploy/prod").mkdir()
    (repo / "deploy/prod/web.layers.yaml").write_text(
        "repositoryName: web\nlayerDigests:\n  - sha256:0123\n", encoding="utf-8")
    (repo / "package.json").write_text('{"name": "not mapped: skipped"}\n', encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    return repo


def test_the_manifest_declares_both_hooks_as_pre_commit_reads_them() -> None:
    hooks = _hooks()
    assert sorted(hooks) == ["botogen-check", "botogen-validate"]
    for hook in hooks.values():
        assert {"id", "name", "entry", "language"} <= set(hook) <= _MANIFEST_KEYS
        assert hook["language"] == "python"
    assert hooks["botogen-check"]["pass_filenames"] is False
    assert hooks["botogen-check"]["always_run"] is True
    assert hooks["botogen-validate"]["types_or"] == ["json", "yaml"]


def test_both_hooks_pass_on_a_clean_repository(repo: Path) -> None:
    for hook in ("botogen-check", "botogen-validate"):
        result = _run_hook(repo, hook)
        assert result.returncode == 0, (hook, result.stdout, result.stderr)
    assert _run_hook(repo, "botogen-check").stdout == "ok       ecr-public 2020-10-30\n"
    # --mapped with no file: every file a glob maps, found under the project directory
    (repo / "deploy/repositories/bad.json").write_text('{"repositoryName": "x"}',
                                                       encoding="utf-8")
    result = botogen("validate", "--mapped", cwd=repo)
    assert (result.returncode, result.stdout) == (
        1, "deploy/repositories/bad.json:1:20: repositoryName: Invalid length for parameter "
        "repositoryName, value: 1, valid min length: 2\n")


def test_validate_fails_on_a_staged_file_that_breaks_its_operation(repo: Path) -> None:
    (repo / "deploy/repositories/api.json").write_text(
        '{\n  "repositoryName": "API!",\n  "catalogData": {"descripton": "typo"}\n}\n',
        encoding="utf-8")
    (repo / "deploy/prod/api.layers.yaml").write_text(
        "repositoryName: api\nlayerDigests: []\n", encoding="utf-8")
    _git(repo, "add", ".")
    result = _run_hook(repo, "botogen-validate")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "deploy/prod/api.layers.yaml:2:15: layerDigests: Invalid length for parameter "
        "layerDigests, value: 0, valid min length: 1",
        "deploy/repositories/api.json:2:21: repositoryName: Invalid value for parameter "
        "repositoryName, value: API!, valid pattern: "
        "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*",
        'deploy/repositories/api.json:3:19: catalogData.descripton: Unknown parameter in '
        'catalogData: "descripton", must be one of: description, architectures, '
        "operatingSystems, logoImageBlob, aboutText, usageText",
    ]


def test_validate_fails_on_an_unparsable_file(repo: Path) -> None:
    (repo / "deploy/prod/bad.layers.yaml").write_text("repositoryName: [web\n",
                                                      encoding="utf-8")
    _git(repo, "add", ".")
    result = _run_hook(repo, "botogen-validate")
    assert result.returncode == 2
    assert result.stdout.startswith("deploy/prod/bad.layers.yaml:2:1: Invalid YAML: ")


def test_check_fails_naming_a_binding_edited_by_hand(repo: Path) -> None:
    validators = repo / "src/acme/aws/ecr_public/validators.py"
    edited = validators.read_text(encoding="utf-8").replace("return []", "return [] ", 1)
    assert edited != validators.read_text(encoding="utf-8")
    validators.write_text(edited, encoding="utf-8")
    result = _run_hook(repo, "botogen-check")
    assert result.returncode == 1
    assert result.stdout == "differs  src/acme/aws/ecr_public/validators.py\n"
