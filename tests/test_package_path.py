"""An import path of the user's choosing: a new project with only a pyproject.toml naming two
services, `package = "acme.aws"` and `out = "src"` (the issue's acceptance, as a user runs it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import botogen

SERVICES = ("ecr-public", "sso")
TABLE = ('[tool.botogen]\nservices = ["ecr-public", "sso"]\npackage = "acme.aws"\n'
         'out = "src"\n')
# A package path in code or text: generated.x, generated/x, import generated.
_NAMES_GENERATED = re.compile(r"\bgenerated[./][A-Za-z_<]|\b(?:import|from) generated\b")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("project")
    (base / "pyproject.toml").write_text(TABLE, encoding="utf-8")
    result = botogen("generate", "--quiet", cwd=base)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    return base


def _python(base: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(base / "src")}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=base,
                          env=env, check=False)


def test_both_services_are_written_under_src_acme_aws(project: Path) -> None:
    aws = project / "src/acme/aws"
    assert sorted(p.name for p in aws.iterdir()) == ["__init__.py", "_runtime", "ecr_public",
                                                     "sso"]
    assert not (project / "src/acme/__init__.py").exists()  # acme stays a namespace package
    assert not (project / "generated").exists() and not (project / "src/generated").exists()
    assert (project / "src/schemas/ecr-public/BatchCheckLayerAvailability.request.json").is_file()
    for path in (project / "src").rglob("*"):
        if path.is_file() and path.name != "_model.json":
            text = path.read_text(encoding="utf-8")
            assert not _NAMES_GENERATED.search(text), (path, _NAMES_GENERATED.search(text))


def test_they_import_as_acme_aws_with_src_on_the_path(project: Path) -> None:
    code = (
        "import acme.aws.ecr_public.models as m, acme.aws.ecr_public.validators as v\n"
        "import acme.aws.ecr_public.strategies, acme.aws.sso.models, acme.aws.sso.validators\n"
        "import acme.aws.ecr_public as e, acme.aws.sso as s, sys\n"
        "print(e.SERVICE_NAME, s.SERVICE_NAME, m.__name__)\n"
        "print(type(m.FromDictError).__module__, m.FromDictError.__module__)\n"
        "print([i.message for i in v.validate_batch_check_layer_availability_request("
        "{'repositoryName': 'a', 'layerDigests': ['d']})])\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('generated', 'botocore')))\n"
    )
    result = _python(project, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "ecr-public sso acme.aws.ecr_public.models",
        "builtins acme.aws._runtime.convert",
        "['Invalid length for parameter repositoryName, value: 1, valid min length: 2']",
        "[]",
    ]


def test_the_generated_cli_runs_as_python_m_acme_aws_service(project: Path) -> None:
    result = _python(project, "-m", "acme.aws.ecr_public", "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m acme.aws.ecr_public [options] <command>")
    result = _python(project, "-m", "acme.aws.ecr_public", "batch-check-layer-availability",
                     "--generate-cli-skeleton")
    assert result.returncode == 0 and result.stdout.startswith('{\n    "registryId": ""')


def test_the_bindings_type_check_under_their_import_path(project: Path) -> None:
    env = {**os.environ, "MYPYPATH": str(project / "src")}
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                             "-p", "acme.aws.ecr_public"], capture_output=True, text=True,
                            cwd=project, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_emitted_property_tests_find_their_schemas(project: Path) -> None:
    result = _python(project, "-c", "import acme.aws.ecr_public.test_properties as t; "
                     "print(t.SCHEMA_DIR, t.SCHEMA_DIR.is_dir())")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{project / 'src/schemas/ecr-public'} True\n"


def test_check_passes_then_fails_naming_a_file_edited_by_hand(project: Path,
                                                              tmp_path: Path) -> None:
    result = botogen("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "ok       ecr-public 2020-10-30\nok       sso 2019-06-10\n"
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    models = copy / "src/acme/aws/sso/models.py"
    models.write_text(models.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    result = botogen("check", cwd=copy)
    assert result.returncode == 1
    assert result.stdout == "ok       ecr-public 2020-10-30\ndiffers  src/acme/aws/sso/models.py\n"


def test_diff_with_no_argument_compares_the_configured_services(project: Path) -> None:
    result = botogen("diff", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert '"services_compared": 2' in result.stdout


def test_a_users_namespace_parent_stays_theirs(project: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    mine = copy / "src/acme/__init__.py"
    mine.write_text("WHO = 'acme'\n", encoding="utf-8")
    result = botogen("generate", "--no-cache", cwd=copy)
    assert result.returncode == 0, result.stderr
    assert mine.read_text(encoding="utf-8") == "WHO = 'acme'\n"
    assert botogen("check", cwd=copy).returncode == 0  # check owns only the root package
    result = _python(copy, "-c", "import acme, acme.aws.ecr_public.models; print(acme.WHO)")
    assert (result.returncode, result.stdout) == (0, "acme\n")


def test_a_users_own_package_is_not_taken_over(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine/__init__.py").write_text("VALUE = 1\n", encoding="utf-8")
    result = botogen("generate", "ecr-public", "--package", "mine", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("botogen: error: mine/__init__.py exists and was not written by "
                             "botogen: the root package of the bindings must be botogen's own "
                             "(choose another package)\n")
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["__init__.py"]


def test_schemas_outside_out_put_the_root_above_both(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.botogen]\nservices = ["ecr-public"]\npackage = "acme.aws"\nout = "src"\n'
        'schemas = "api/schemas"\n', encoding="utf-8")
    result = botogen("generate", "--quiet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "api/schemas/ecr-public/CreateRepository.request.json").is_file()
    assert not (tmp_path / "src/schemas").exists()
    result = _python(tmp_path, "-c", "import acme.aws.ecr_public.test_properties as t; "
                     "print(t.SCHEMA_DIR.is_dir())")
    assert result.stdout == "True\n", result.stderr
    assert botogen("check", cwd=tmp_path).returncode == 0


def test_compile_builds_under_the_chosen_import_path(project: Path, tmp_path: Path) -> None:
    pytest.importorskip("mypyc")
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    result = botogen("compile", "ecr-public", cwd=copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("compiled  src/acme/aws/ecr_public/validators.")
    result = _python(copy, "-c", "import acme.aws.ecr_public.validators as v; "
                     "print(v.__file__.endswith('.py'), v.NATIVE_SOURCE_SHA256 != '')")
    assert (result.returncode, result.stdout) == (0, "False True\n"), result.stderr
    assert botogen("check", cwd=copy).returncode == 0
