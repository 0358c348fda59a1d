"""`botogen compile`: the mypyc build of the validators, how it is kept in step with
validators.py, and its errors. (Its verdicts are proven by the differential properties in
tests/test_differential.py, test_native_*.)"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import botocore.loaders
import pytest

import differential as d
from conftest import ROOT
from generator import cli, native, pipeline
from helpers import botogen, native_root

EXT = sysconfig.get_config_var("EXT_SUFFIX")
KINDS = ROOT / "tests" / "fixtures" / "validator-kinds" / "service-2.json"
PACKAGE = "generated/ecr_public"
BUILD = [f"{PACKAGE}/validators{EXT}", f"{PACKAGE}/validators__mypyc{EXT}"]


@pytest.fixture(scope="module")
def built() -> Path:
    return native_root(d.service())


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "root"
    shutil.copytree(built, root)
    return root


def _run(root: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Python code run in a fresh process with `root` first on the path."""
    return subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, check=False)


def test_the_build_shadows_validators_py_and_records_its_source(built: Path) -> None:
    for rel in BUILD:
        assert (built / rel).is_file()
    compiled = d.native_validators()
    assert compiled.__file__ == str(built / BUILD[0])
    source = (built / PACKAGE / "validators.py").read_bytes()
    assert source == (ROOT / PACKAGE / "validators.py").read_bytes()
    assert compiled.NATIVE_SOURCE_SHA256 == hashlib.sha256(source).hexdigest()
    shown = _run(built, "import generated.ecr_public.validators as v; print(v.__file__)")
    assert shown.returncode == 0 and shown.stdout.strip().endswith(EXT), shown.stderr


def test_the_build_reports_what_validators_py_reports() -> None:
    """Same issues, same order, same wording, on a few hand-made requests (the differential
    properties cover the rest)."""
    pure, compiled = d.generated("validators"), d.native_validators()
    digests = [f"sha256:{i:064x}" for i in range(101)]
    requests: list[object] = [
        {"repositoryName": "team/app", "layerDigests": digests[:3]},
        {"repositoryName": "a", "layerDigests": digests, "x": 1, "registryId": 7},
        {"repositoryName": "TEAM", "layerDigests": [None, "d" * 1001, 3.5]},
        {"layerDigests": []}, [], None, {1: 2},
    ]
    for request in requests:
        want = [(i.path, i.message) for i in
                pure.validate_batch_check_layer_availability_request(request)]
        got = [(i.path, i.message) for i in
               compiled.validate_batch_check_layer_availability_request(request)]
        assert got == want
    issue = compiled.ValidationIssue("a", "b")
    assert issue == compiled.ValidationIssue("a", "b") != compiled.ValidationIssue("a", "c")
    assert hash(issue) == hash(compiled.ValidationIssue("a", "b"))
    assert repr(issue) == repr(pure.ValidationIssue("a", "b"))
    with pytest.raises(AttributeError):
        issue.path = "c"  # frozen, like the pure one


def test_the_build_refuses_to_import_beside_another_validators_py(copy: Path) -> None:
    with open(copy / PACKAGE / "validators.py", "a", encoding="utf-8") as fh:
        fh.write("# edited\n")
    done = _run(copy, "import generated.ecr_public.validators")
    assert done.returncode != 0
    assert "ImportError" in done.stderr
    assert "was compiled from another validators.py" in done.stderr
    assert "run `botogen compile ecr-public` again, or delete it" in done.stderr


def _tighter_model(tmp_path: Path) -> Path:
    """ecr-public with one limit changed, so that its validators.py differs."""
    model = botocore.loaders.create_loader().load_service_model("ecr-public", "service-2")
    model["shapes"]["BatchedOperationLayerDigestList"]["max"] = 99
    path = tmp_path / "service-2.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    return path


def test_check_and_generate_keep_a_current_build_and_drop_another(
        copy: Path, tmp_path: Path) -> None:
    model = _tighter_model(tmp_path)
    same = botogen("check", "--out", str(copy), "ecr-public")
    assert same.returncode == 0, same.stdout  # a current build is neither extra nor stale
    kept = botogen("generate", "--out", str(copy), "ecr-public")
    assert kept.stdout.splitlines()[-1].endswith(" 0 written, 0 removed"), kept.stdout
    checked = botogen("check", "--out", str(copy), "--model", str(model), "ecr-public")
    assert checked.returncode == 1
    for rel in BUILD:
        assert (f"stale    {rel} (compiled from another validators.py: run `botogen compile "
                f"ecr-public` again, or delete it)") in checked.stdout.splitlines()
    done = botogen("generate", "--out", str(copy), "--model", str(model),
                   "--service-name", "ecr-public")
    assert done.returncode == 0, done.stderr
    for rel in BUILD:
        assert f"removed   {rel}" in done.stdout.splitlines()
        assert not (copy / rel).exists()
    assert _run(copy, "import generated.ecr_public.validators").returncode == 0


def test_compile_needs_the_generated_validators(tmp_path: Path) -> None:
    done = botogen("compile", "ecr-public", "--out", str(tmp_path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        f"botogen: error: {tmp_path}/{PACKAGE}/validators.py is missing or not what this model "
        "generates: run `botogen generate ecr-public` first"]
    assert not any(tmp_path.iterdir())


def test_compiled_recursion_is_bounded_by_its_depth_guard(tmp_path: Path) -> None:
    """Compiled calls have no recursion limit: the functions of recursive shapes count their
    depth. With the guard, input nested a million deep ends the report with "nested too
    deeply" (as validators.py does); with the guard lifted, the same input kills the process.
    (tests/test_validators.py runs the whole fixture suite on this build.)"""
    root = native_root(pipeline.load(model=str(KINDS), service_name="validatorkinds"), KINDS)
    code = (
        "import sys\n"
        "import generated.validatorkinds.validators as v\n"
        "assert v.__file__.endswith(sys.argv[2])\n"
        "v._MAX_DEPTH = int(sys.argv[1])\n"
        "tree = {'Value': 'a'}\n"
        "for _ in range(1_000_000):\n"
        "    tree = {'Value': 'a', 'Parent': tree}\n"
        "print([i.message for i in v.validate_get_tree_request({'Account': '1', 'Tree': tree})])\n"
    )
    guarded = subprocess.run([sys.executable, "-c", code, str(sys.getrecursionlimit()), EXT],
                             cwd=root, capture_output=True, text=True, check=False)
    assert guarded.returncode == 0, guarded.stderr
    assert guarded.stdout == "['Parameter validation stopped: input nested too deeply']\n"
    lifted = subprocess.run([sys.executable, "-c", code, str(10**9), EXT], cwd=root,
                            capture_output=True, text=True, check=False)
    assert lifted.returncode < 0, (lifted.returncode, lifted.stdout)  # killed by a signal


def test_the_compiled_variant_passes_mypy_strict(tmp_path: Path) -> None:
    """Generated code passes mypy --strict: the variant mypyc compiles is generated code too."""
    _, compiled = native.sources(d.service())
    (tmp_path / "validators.py").write_bytes(compiled)
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           str(tmp_path / "validators.py")], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout


def test_compile_without_mypyc_says_what_to_install(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "mypyc" else real(name, *a))
    assert cli.main(["compile", "ecr-public", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "botogen: error: mypyc is not installed: install botogen's `native` extra "
        "(pip install -c constraints.txt -e '.[native]')"]


def test_a_failed_build_names_its_cause_and_leaves_the_package_alone(
        copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """What a machine without the Python headers prints, in the order setuptools prints it."""
    before = {p.name: p.read_bytes() for p in (copy / PACKAGE).iterdir() if p.is_file()}
    output = ("running build_ext\nbuilding 'validators' extension\n"
              "build/__native.c:1:10: fatal error: Python.h: No such file or directory\n"
              "compilation terminated.\n"
              "error: command '/usr/bin/gcc' failed with exit code 1\n")
    real_run = subprocess.run

    def run(args: list[str], *rest: Any, **kwargs: Any) -> Any:
        if Path(str(args[0])).name == "ruff":  # formatting the source still runs for real
            return real_run(args, *rest, **kwargs)
        return subprocess.CompletedProcess(args, 1, stdout=output, stderr="")

    monkeypatch.setattr(subprocess, "run", run)
    assert cli.main(["compile", "ecr-public", "--out", str(copy)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "botogen: error: mypyc could not compile the ecr-public validators (exit 1): "
        "build/__native.c:1:10: fatal error: Python.h: No such file or directory"]
    after = {p.name: p.read_bytes() for p in (copy / PACKAGE).iterdir() if p.is_file()}
    assert after == before
