"""`botogen validate`: files read as --cli-input-json/-yaml read them, issues at line and column."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from generator.positions import Unparsable, load_json, load_yaml, locate
from generator.validate_cli import glob_regex
from helpers import botogen

OP = ("ecr-public", "BatchCheckLayerAvailability")
THREE_JSON = """{
    "registryId": "123456789012",
    "repositoryName": "a",
    "layerDigests": [
        "sha256:aaaa",
        42
    ],
    "bogus": {"nested": true}
}
"""
THREE_YAML = """# deployment: layers to check
repositoryName: my-repo
registryId: 123456789012
mediaType: application/json
"""
LINES = [
    'three.json:8:5: bogus: Unknown parameter in input: "bogus", must be one of: registryId, '
    "repositoryName, layerDigests",
    "three.json:3:23: repositoryName: Invalid length for parameter repositoryName, value: 1, "
    "valid min length: 2",
    "three.json:6:9: layerDigests[1]: Invalid type for parameter layerDigests[1], value: 42, "
    "type: <class 'int'>, valid types: <class 'str'>",
    'three.yaml:2:1: layerDigests: Missing required parameter in input: "layerDigests"',
    'three.yaml:4:1: mediaType: Unknown parameter in input: "mediaType", must be one of: '
    "registryId, repositoryName, layerDigests",
    "three.yaml:3:13: registryId: Invalid type for parameter registryId, value: 123456789012, "
    "type: <class 'int'>, valid types: <class 'str'>",
]


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "three.json").write_text(THREE_JSON, encoding="utf-8")
    (tmp_path / "three.yaml").write_text(THREE_YAML, encoding="utf-8")
    (tmp_path / "good.json").write_text('{"repositoryName": "my-repo", "layerDigests": '
                                        '["sha256:aa"]}', encoding="utf-8")
    (tmp_path / "good.yml").write_text("repositoryName: my-repo\nlayerDigests: [sha256:aa]\n",
                                       encoding="utf-8")
    (tmp_path / "broken.json").write_text('{\n  "repositoryName": "my-repo",\n  '
                                          '"layerDigests": ["a",]\n}\n', encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("repositoryName: [a\nlayerDigests: x\n",
                                          encoding="utf-8")
    return tmp_path


def _validate(cwd: Path, *args: str, stdin: str | None = None,
              ) -> subprocess.CompletedProcess[str]:
    # The checkout's committed ecr-public bindings, from a directory without configuration.
    return botogen("validate", *args, "--out", str(ROOT), cwd=cwd, stdin=stdin)


def test_three_errors_in_a_json_and_a_yaml_file_are_six_lines_exit_1(files: Path) -> None:
    result = _validate(files, *OP, "three.json", "three.yaml")
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == LINES


def test_valid_files_exit_0_and_print_nothing(files: Path) -> None:
    result = _validate(files, *OP, "good.json", "good.yml")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    # the CLI's name of the operation works too
    result = _validate(files, "ecr-public", "batch-check-layer-availability", "good.json")
    assert result.returncode == 0


def test_malformed_json_exits_2_naming_line_and_column(files: Path) -> None:
    result = _validate(files, *OP, "good.json", "broken.json", "three.json")
    assert result.returncode == 2
    assert result.stdout.splitlines() == ["broken.json:3:24: Invalid JSON: Expecting value",
                                          *LINES[:3]]
    result = _validate(files, *OP, "broken.yaml")
    assert result.returncode == 2
    assert result.stdout.startswith("broken.yaml:2:13: Invalid YAML: ")


def test_unreadable_and_non_object_input_exit_2(files: Path) -> None:
    result = _validate(files, *OP, "missing.json")
    assert (result.returncode, result.stdout) == (
        2, "missing.json:1:1: cannot read: No such file or directory\n")
    (files / "list.json").write_text("\n  [1, 2]\n", encoding="utf-8")
    result = _validate(files, *OP, "list.json")
    assert (result.returncode, result.stdout) == (
        2, "list.json:2:3: Invalid type for --cli-input-json: expecting map, received "
        "<class 'list'>\n")
    # no telling suffix: JSON when it starts with { or [, else YAML
    (files / "list.txt").write_text("[1]", encoding="utf-8")
    (files / "seq.txt").write_text("- 1\n", encoding="utf-8")
    result = _validate(files, *OP, "list.txt", "seq.txt")
    assert result.stdout.splitlines() == [
        "list.txt:1:1: Invalid type for --cli-input-json: expecting map, received <class 'list'>",
        "seq.txt:1:1: Invalid type for --cli-input-yaml: expecting map, received <class 'list'>"]
    (files / "latin1.json").write_bytes(b'{"repositoryName":\n "caf\xe9"}')
    result = _validate(files, *OP, "latin1.json")
    assert (result.returncode, result.stdout) == (2, "latin1.json:2:6: not UTF-8 text\n")


def test_standard_input_and_json_format(files: Path) -> None:
    result = _validate(files, *OP, "-", "--format", "json", stdin=THREE_YAML)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    (report,) = data["files"]
    assert {k: report[k] for k in ("file", "service", "operation", "role", "valid", "error")} \
        == {"file": "<stdin>", "service": "ecr-public", "operation": OP[1], "role": "request",
            "valid": False, "error": None}
    assert [(i["line"], i["column"], i["path"]) for i in report["issues"]] == [
        (2, 1, "layerDigests"), (4, 1, "mediaType"), (3, 13, "registryId")]
    assert report["issues"][0]["message"] == ('Missing required parameter in input: '
                                              '"layerDigests"')


def test_responses_are_checked_as_responses(files: Path) -> None:
    (files / "out.json").write_text(json.dumps({"layers": [{"layerDigest": "d",
                                                            "layerSize": "big"}],
                                                "unknownIsFine": 1}, indent=4),
                                    encoding="utf-8")
    result = _validate(files, *OP, "--response", "out.json")
    assert result.returncode == 1
    assert result.stdout == ("out.json:5:26: layers[0].layerSize: Invalid type for parameter "
                             "layers[0].layerSize, value: big, type: <class 'str'>, valid "
                             "types: <class 'int'>\n")


def test_the_committed_bindings_never_import_botocore(files: Path) -> None:
    code = ("import sys\nfrom generator import cli\n"
            f"code = cli.main(['validate', 'ecr-public', 'BatchCheckLayerAvailability', "
            f"'three.json', 'good.json', '--out', {str(ROOT)!r}])\n"
            "print(code, sorted(m for m in sys.modules if m.split('.')[0] in "
            "('botocore', 'jinja2', 'generated')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=files, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.stdout.splitlines()[-1] == "1 []", result.stderr


def test_without_committed_bindings_they_are_built_from_the_installed_model(
        files: Path, tmp_path: Path) -> None:
    empty = tmp_path / "no-bindings"
    empty.mkdir()
    result = botogen("validate", *OP, "three.json", "three.yaml", "--out", str(empty),
                     cwd=files)
    assert result.returncode == 1
    assert result.stdout.splitlines() == LINES
    assert list(empty.iterdir()) == []  # nothing written there


def test_bad_arguments_exit_2(files: Path) -> None:
    result = _validate(files, "ecr-public", "NoSuchOperation", "good.json")
    assert result.returncode == 2
    assert result.stderr.startswith("botogen: error: ecr-public has no operation "
                                    "'NoSuchOperation' (its operations: BatchCheckLayer")
    assert _validate(files, "ecr-public").returncode == 2


# -- positions -------------------------------------------------------------------------------


def test_json_positions_follow_json_loads() -> None:
    text = ('{"a.b": {"c": [1, {"d": 2}]},\r\n "a": {"b": 0}, "dup": 1,\n"dup": [true],'
            ' "m": {"k.x": "v"}}')
    doc = load_json(text)
    assert doc.data["dup"] == [True]
    # the longest key that fits: "a.b" rather than "a" then ".b"
    assert locate(doc.root, "a.b.c[1].d").value == (1, 25)
    assert locate(doc.root, "a.b").value == (1, 9)
    assert locate(doc.root, "dup[0]").value == (3, 9)  # the last duplicate, as json keeps it
    assert locate(doc.root, "dup").key == (3, 1)
    assert locate(doc.root, "m.k.x").value == (3, 29)
    assert locate(doc.root, "m (key: k.x)").value == (3, 22)  # a map key: the key itself
    missing = locate(doc.root, "a.b.c[1].zz")
    assert (missing.value, missing.whole) == ((1, 19), False)  # the object that lacks it
    assert locate(doc.root, "").value == (1, 1)
    with pytest.raises(Unparsable) as caught:
        load_json('{"a": NaN,\n "b": tru}')
    assert (caught.value.message, caught.value.position) == ("Invalid JSON: Expecting value",
                                                             (2, 7))


def test_yaml_positions_with_anchors_merges_and_flow_style() -> None:
    text = ("base: &b {x: 1, y: [a, b]}\nderived:\n  <<: *b\n  y:\n    - c\n"
            "loop: &l [*l]\nwhen: 2024-01-01T00:00:00Z\nblob: !!binary aGk=\n")
    doc = load_yaml(text)
    assert doc.data["derived"] == {"x": 1, "y": ["c"]}
    assert doc.data["blob"] == b"hi"
    assert locate(doc.root, "base.y[1]").value == (1, 24)
    assert locate(doc.root, "derived.y[0]").value == (5, 7)
    assert locate(doc.root, "derived.x").value == (1, 14)  # merged: where it is written
    assert locate(doc.root, "loop[0][0][0]").value == (6, 7)  # a recursive alias ends
    assert locate(doc.root, "when").value == (7, 7)
    with pytest.raises(Unparsable) as caught:
        load_yaml("a: [1\nb: 2\n")
    assert caught.value.position[0] == 2 and caught.value.message.startswith("Invalid YAML")


@pytest.mark.parametrize(("glob", "path", "matches"), [
    ("deploy/*.json", "deploy/a.json", True),
    ("deploy/*.json", "deploy/sub/a.json", False),
    ("deploy/**/*.json", "deploy/a.json", True),
    ("deploy/**/*.json", "deploy/x/y/a.json", True),
    ("**/repo-?.yaml", "a/repo-1.yaml", True),
    ("**/repo-?.yaml", "repo-12.yaml", False),
    ("[a-c]*.json", "b.json", True),
    ("[!a-c]*.json", "b.json", False),
    ("a.json", "axjson", False),
])
def test_globs(glob: str, path: str, matches: bool) -> None:
    assert bool(glob_regex(glob).fullmatch(path)) is matches


def test_a_compiled_build_beside_the_bindings_does_not_get_in_the_way(files: Path,
                                                                      tmp_path: Path) -> None:
    # `botogen compile` leaves extension modules bound to the package name they were built
    # under; validate imports the bindings under another, so it must read validators.py.
    import importlib.machinery

    root = tmp_path / "root"
    shutil.copytree(ROOT / "generated", root / "generated",
                    ignore=shutil.ignore_patterns("__pycache__"))
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (root / "generated/ecr_public" / f"validators{suffix}").write_bytes(b"not a library")
    result = botogen("validate", *OP, "three.json", "--out", str(root), cwd=files)
    assert result.returncode == 1 and result.stdout.splitlines() == LINES[:3], result.stderr


def test_a_missing_idempotency_token_is_no_issue(tmp_path: Path) -> None:
    # botocore (and so the CLI) fills a missing idempotency token in before it validates:
    # servicecatalog CopyProduct requires IdempotencyToken, yet a file without one is valid.
    (tmp_path / "copy.json").write_text(
        '{"SourceProductArn": "arn:aws:catalog:us-east-1:123456789012:product/prod-abcdefgh"}',
        encoding="utf-8")
    (tmp_path / "empty.json").write_text("{}", encoding="utf-8")
    result = botogen("validate", "servicecatalog", "CopyProduct", "copy.json", "empty.json",
                     cwd=tmp_path)
    assert (result.returncode, result.stdout) == (
        1, 'empty.json:1:1: SourceProductArn: Missing required parameter in input: '
        '"SourceProductArn"\n'), result.stderr
