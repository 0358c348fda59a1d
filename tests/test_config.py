"""[tool.botogen] in pyproject.toml: discovery, every key's checks, options over the table."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import cli, config
from generator.errors import GenerationError
from generator.layout import Layout


def _project(directory: Path, table: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "pyproject.toml").write_text(f"[project]\nname = 'x'\n\n{table}\n",
                                              encoding="utf-8")
    return directory


def _main(cwd: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        code = cli.main(list(args))
    finally:
        os.chdir(old)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_table_is_read_with_paths_relative_to_its_file(tmp_path: Path) -> None:
    base = _project(tmp_path, '[tool.botogen]\nservices = ["ecr-public", "sso@2019-06-10"]\n'
                    'out = "src"\npackage = "acme.aws"\nschemas = "api/schemas"\njobs = 3\n'
                    '[tool.botogen.validate]\n"deploy/*.json" = "ecr-public:CreateRepository"\n'
                    '"**/*.out.yaml" = "ecr-public:DescribeImages:response"\n')
    found = config.find(base / "deeper" / "still")  # parents are searched too
    assert found.path == base / "pyproject.toml"
    assert found.services == ("ecr-public", "sso@2019-06-10")
    assert (found.out, found.schemas) == (base / "src", base / "api/schemas")
    assert (found.package, found.jobs) == ("acme.aws", 3)
    assert found.validate == {
        "deploy/*.json": config.Target("ecr-public", "CreateRepository"),
        "**/*.out.yaml": config.Target("ecr-public", "DescribeImages", response=True)}
    assert config.split_service("sso@2019-06-10") == ("sso", "2019-06-10")
    assert config.split_service("sso") == ("sso", None)


def test_settings_put_the_root_above_out_and_schemas(tmp_path: Path) -> None:
    base = _project(tmp_path, '[tool.botogen]\nout = "src"\npackage = "acme.aws"\n'
                    'schemas = "schemas"\n')
    chosen = config.settings(config.find(base))
    assert chosen.root == base and chosen.packages == base / "src/acme/aws"
    assert chosen.layout == Layout("acme.aws", "src/acme/aws", "schemas")
    assert chosen.layout.schema_steps() == (4, ("schemas",))
    # out from the table: paths are named from the project directory, schemas under OUT
    chosen = config.settings(config.parse({"out": "src", "package": "acme.aws"},
                                          base / "pyproject.toml"))
    assert chosen.root == base and chosen.layout == Layout("acme.aws", "src/acme/aws",
                                                           "src/schemas")
    # Options win; schemas default to OUT/schemas.
    chosen = config.settings(config.Config(), out=str(tmp_path / "o"), package="p")
    assert chosen.root == tmp_path / "o" and chosen.layout == Layout("p", "p", "schemas")
    assert Layout().schema_steps() == (2, ("schemas",))


def test_the_nearest_table_wins_and_a_pyproject_without_one_is_passed_over(
        tmp_path: Path) -> None:
    _project(tmp_path, '[tool.botogen]\npackage = "outer"\n')
    inner = _project(tmp_path / "inner", "[tool.ruff]\nline-length = 99\n")
    assert config.find(inner).package == "outer"
    _project(inner, '[tool.botogen]\npackage = "inner"\n')
    assert config.find(inner / "sub").package == "inner"


@pytest.mark.parametrize(("table", "message"), [
    ('outt = "src"', "[tool.botogen] has unknown key 'outt' (known: jobs, out, package, "
     "schemas, services, validate)"),
    ('services = "ecr-public"', "[tool.botogen] services must be an array of strings, not a "
     "string ('ecr-public')"),
    ("services = [1]", "[tool.botogen] services must be an array of strings, not an array "
     "([1])"),
    ('services = ["ecr public"]', "[tool.botogen] services: 'ecr public' is not a service "
     "name with an optional @api-version (e.g. ecr-public@2020-10-30)"),
    ("out = 5", "[tool.botogen] out must be a non-empty string, not an integer (5)"),
    ('schemas = ""', "[tool.botogen] schemas must be a non-empty string, not a string ('')"),
    ('package = "acme.class"', "[tool.botogen] package 'acme.class' is not a dotted Python "
     "import path (ASCII identifiers, no keywords), e.g. acme.aws"),
    ('package = "acme-aws"', "[tool.botogen] package 'acme-aws' is not a dotted Python "
     "import path (ASCII identifiers, no keywords), e.g. acme.aws"),
    ('jobs = "2"', "[tool.botogen] jobs must be a non-negative integer (0: one per core), not "
     "a string ('2')"),
    ("jobs = true", "[tool.botogen] jobs must be a non-negative integer (0: one per core), not "
     "a boolean (True)"),
    ("jobs = -1", "[tool.botogen] jobs must be a non-negative integer (0: one per core), not "
     "an integer (-1)"),
    ('validate = "x"', "[tool.botogen] validate must be a table of glob = "
     '"service:Operation", not a string (\'x\')'),
    ('[tool.botogen.validate]\n"*.json" = "ecr-public"', "[tool.botogen].validate '*.json' "
     'must map to "service:Operation" (or "service:Operation:response"), not a string '
     "('ecr-public')"),
])
def test_an_unknown_key_or_a_wrong_type_is_one_error_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], table: str, message: str) -> None:
    header = "" if table.startswith("[tool.botogen.") else "[tool.botogen]\n"
    _project(tmp_path, header + table)
    for command in (["generate"], ["check"], ["diff"], ["validate", "ecr-public", "X", "f"]):
        code, out, err = _main(tmp_path, *command, capsys=capsys)
        assert (code, out) == (2, "")
        assert err == f"botogen: error: {tmp_path / 'pyproject.toml'}: {message}\n"


def test_invalid_toml_is_one_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.botogen\n", encoding="utf-8")
    code, _, err = _main(tmp_path, "generate", capsys=capsys)
    assert code == 2 and err.startswith(f"botogen: error: {tmp_path / 'pyproject.toml'}: "
                                        "invalid TOML: ") and err.count("\n") == 1


def test_no_service_anywhere_says_where_to_name_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _project(tmp_path, '[tool.botogen]\nout = "src"\n')
    code, _, err = _main(tmp_path, "generate", capsys=capsys)
    assert code == 2 and "list services in [tool.botogen] of pyproject.toml" in err
    code, _, err = _main(tmp_path, "diff", capsys=capsys)
    assert code == 2 and "list services in [tool.botogen] of pyproject.toml" in err


def test_command_line_services_and_out_override_the_table(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The table names a service that does not exist: naming one on the command line must
    # replace it, and --out must replace out (nothing is written under src/).
    _project(tmp_path, '[tool.botogen]\nservices = ["no-such-service"]\nout = "src"\n'
             'package = "acme.aws"\n')
    code, _, err = _main(tmp_path, "generate", "--quiet", capsys=capsys)
    assert code == 2 and "no-such-service" in err
    code, _, err = _main(tmp_path, "generate", "--quiet", "ecr-public@2020-10-30", "--out",
                         "elsewhere", "--package", "mine", capsys=capsys)
    assert (code, err) == (0, "")
    assert (tmp_path / "elsewhere/mine/ecr_public/models.py").is_file()
    assert not (tmp_path / "src").exists()
    code, out, _ = _main(tmp_path, "check", "ecr-public", "--out", "elsewhere", "--package",
                         "mine", capsys=capsys)
    assert (code, out) == (0, "ok       ecr-public 2020-10-30\n")


def test_a_version_given_twice_is_refused(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _main(tmp_path, "generate", "sso@2019-06-10", "--api-version", "2020-01-01",
                         capsys=capsys)
    assert code == 2 and "sso@2019-06-10: the API version is given twice" in err


def test_layout_refuses_schemas_inside_the_package_and_paths_outside_the_root(
        tmp_path: Path) -> None:
    with pytest.raises(GenerationError, match="must not contain each other"):
        Layout.under(tmp_path, tmp_path, "acme", tmp_path / "acme" / "schemas")
    with pytest.raises(GenerationError, match="is not under the output root"):
        Layout.under(tmp_path / "a", tmp_path / "b", "acme")
    with pytest.raises(GenerationError, match="_runtime is the name of the shared runtime"):
        Layout(package="acme._runtime")
