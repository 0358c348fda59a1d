"""`botogen diff` as a user runs it: inputs, formats, --fail-on, --ignore, corpus and upgrade
modes, and the two bugs of the first version (sdk-extras merged on one side only; a missing
path taken for a service name)."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import botocore
import jsonschema
import pytest

from conftest import ROOT
from diff_fixture import model
from helpers import botogen, generate_into

DATA = Path(botocore.__file__).parent / "data"
SOURCE = DATA / "ecr-public/2020-10-30/service-2.json.gz"
Model = dict[str, Any]


def _write(root: Path, name: str, data: Model, version: str = "2024-01-01") -> Path:
    path = root / name / version / "service-2.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _pair(tmp_path: Path, edit: Callable[[Model], object]) -> tuple[str, str]:
    old, new = model(), model()
    edit(new)
    return (str(_write(tmp_path / "old", "thing", old)),
            str(_write(tmp_path / "new", "thing", new)))


def _ecr(tmp_path: Path, edit: Callable[[Model], object]) -> Path:
    data = json.loads(gzip.decompress(SOURCE.read_bytes()))
    edit(data)
    return _write(tmp_path / "data", "ecr-public", data, "2020-10-30")


def _schema() -> Any:
    text = (ROOT / "docs/diff.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.S)
    assert block
    return json.loads(block.group(1))


def test_same_model_reports_nothing() -> None:
    result = botogen("diff", "ecr-public", str(SOURCE))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("summary: 0 breaking, 0 dangerous, 0 safe, 0 info; "
                             "0 of 1 services changed\n")


@pytest.mark.parametrize("service", ["rds", "neptune", "docdb", "s3"])
def test_sdk_extras_are_merged_on_both_sides(service: str) -> None:
    """Bug: the name side merged service-2.sdk-extras.json and the path side did not."""
    version = sorted(p.name for p in (DATA / service).iterdir() if p.is_dir())[-1]
    assert list((DATA / service / version).glob("service-2.sdk-extras.json*"))
    model_file = next((DATA / service / version).glob("service-2.json*"))
    result = botogen("diff", service, str(model_file), "--fail-on", "safe", "--include-docs")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("summary: 0 breaking, 0 dangerous, 0 safe, 0 info;")


@pytest.mark.parametrize("args, message", [
    (["ecr-public", "/nonexistent/service-2.json"],
     "no such model file or directory: /nonexistent/service-2.json"),
    (["ecr-public", "ecr-publik"], "unknown service 'ecr-publik'"),
    (["ecr-public@1999-01-01", "ecr-public"], "has no API version '1999-01-01'"),
    (["ecr-public", str(DATA)], "compare a data directory with a data directory"),
    (["ecr-public", "ecr-public", "--ignore", "/nonexistent"], "cannot read ignore file"),
])
def test_bad_input_exits_2(args: list[str], message: str) -> None:
    """Bug: a path that did not exist was looked up as a service name."""
    result = botogen("diff", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("botogen: error: ") and message in result.stderr


def test_breaking_change_exits_1_and_is_grouped(tmp_path: Path) -> None:
    def edit(m: Model) -> None:
        m["shapes"]["RepositoryName"]["max"] = 100  # shared by most operations

    result = botogen("diff", str(SOURCE), str(_ecr(tmp_path, edit)))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "ecr-public"
    # Once per side, each with the operations reaching it from that side.
    assert lines[1:] == [
        "  BatchCheckLayerAvailability, BatchDeleteImage, CompleteLayerUpload (+13 more)",
        "    BREAKING  max-tightened                    RepositoryName: max 205 -> 100 (length) "
        "[request]",
        "  CompleteLayerUpload, CreateRepository, DeleteRepository (+7 more)",
        "    SAFE      max-tightened                    RepositoryName: max 205 -> 100 (length) "
        "[response]",
        "summary: 1 breaking, 0 dangerous, 1 safe, 0 info; 1 of 1 services changed",
    ]


@pytest.mark.parametrize("fail_on, code", [("breaking", 0), ("dangerous", 1), ("safe", 1)])
def test_fail_on_dangerous(tmp_path: Path, fail_on: str, code: int) -> None:
    old, new = _pair(tmp_path, lambda m: m["shapes"]["Mode"]["enum"].append("OFF"))
    result = botogen("diff", old, new, "--fail-on", fail_on)
    assert result.returncode == code, result.stdout
    assert "DANGEROUS enum-value-added" in result.stdout


@pytest.mark.parametrize("fail_on, code", [("breaking", 0), ("dangerous", 0), ("safe", 1)])
def test_fail_on_safe(tmp_path: Path, fail_on: str, code: int) -> None:
    old, new = _pair(tmp_path, lambda m: m["operations"].update(
        Pong={"name": "Pong", "http": {"method": "POST", "requestUri": "/pong"}}))
    assert botogen("diff", old, new, "--fail-on", fail_on).returncode == code


def test_ignore_accepts_with_reason(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, lambda m: m["operations"]["ListThings"]["http"].update(
        method="POST"))
    assert botogen("diff", old, new).returncode == 1
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("# known\nhttp-method-*  thing:List*  announced, we use botocore\n",
                      encoding="utf-8")
    result = botogen("diff", old, new, "--ignore", str(ignore))
    assert result.returncode == 0, result.stdout
    assert ("ACCEPTED  http-method-changed              ListThings: HTTP method GET -> POST "
            "(accepted: announced, we use botocore)") in result.stdout
    assert "0 breaking" in result.stdout and "1 accepted" in result.stdout
    data = json.loads(botogen("diff", old, new, "--ignore", str(ignore), "--format",
                              "json").stdout)
    assert [(c["rule"], c["accepted"], c["reason"]) for c in data["changes"]] == [
        ("http-method-changed", True, "announced, we use botocore")]
    ignore.write_text("http-method-changed ListThings other-path-too\n", encoding="utf-8")
    assert botogen("diff", old, new, "--ignore", str(ignore)).returncode == 0
    ignore.write_text("http-method-changed GetThing not this one\n", encoding="utf-8")
    assert botogen("diff", old, new, "--ignore", str(ignore)).returncode == 1


@pytest.mark.parametrize("text, message", [
    ("http-method-changed ListThings\n", "ignore.txt:1: expected `RULE PATH REASON`"),
    ("no-such-rule * because\n", "ignore.txt:1: 'no-such-rule' matches no rule id"),
])
def test_bad_ignore_file_exits_2(tmp_path: Path, text: str, message: str) -> None:
    old, new = _pair(tmp_path, lambda m: None)
    ignore = tmp_path / "ignore.txt"
    ignore.write_text(text, encoding="utf-8")
    result = botogen("diff", old, new, "--ignore", str(ignore))
    assert result.returncode == 2 and message in result.stderr


def _many(m: Model) -> None:
    m["operations"]["ListThings"]["http"]["method"] = "POST"
    m["shapes"]["Name"]["pattern"] = "^[a-y]+$"
    m["shapes"]["Mode"]["enum"].append("OFF")
    m["operations"]["GetThing"]["documentation"] = "<p>Fetches.</p>"


def test_json_follows_the_documented_schema(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, _many)
    result = botogen("diff", old, new, "--format", "json", "--include-docs")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(_schema())
    jsonschema.validate(data, _schema(), cls=jsonschema.Draft202012Validator)
    tightened = [(c["direction"], c["severity"], c["operations"], c["reached_from"], c["witness"])
                 for c in data["changes"] if c["rule"] == "pattern-tightened"]
    assert tightened == [("request", "breaking", ["GetThing"], ["input"], "z"),
                         ("response", "safe", ["ListThings"], ["output"], "z")]
    assert data["summary"]["breaking"] == 2 and data["summary"]["docs"] == 1
    assert "docs-changed" in {c["rule"] for c in data["changes"]}


def test_docs_changes_are_counted_and_listed_only_on_request(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, lambda m: m["operations"]["GetThing"].update(
        documentation="<p>Fetches.</p>"))
    quiet = botogen("diff", old, new, "--fail-on", "safe")
    assert quiet.returncode == 0
    assert quiet.stdout == ("summary: 0 breaking, 0 dangerous, 0 safe, 0 info; 1 docs changes "
                            "(shown with --include-docs); 0 of 1 services changed\n")
    shown = botogen("diff", old, new, "--include-docs")
    assert "INFO      docs-changed                     GetThing: documentation changed" in (
        shown.stdout)


def test_markdown(tmp_path: Path) -> None:
    old, new = _pair(tmp_path, _many)
    out = botogen("diff", old, new, "--format", "markdown").stdout
    assert out.startswith("### botogen diff: `")
    assert "| severity | rule | operations | change |" in out
    assert "| breaking | `http-method-changed` | ListThings | ListThings: HTTP method GET -> " in (
        out)


def test_two_directories_report_services_added_and_removed(tmp_path: Path) -> None:
    _write(tmp_path / "a", "thing", model())
    _write(tmp_path / "a", "gone", model())
    _write(tmp_path / "b" / "botocore" / "data", "thing", model(), "2023-01-01")  # wheel layout
    _write(tmp_path / "b" / "botocore" / "data", "thing", model())
    _write(tmp_path / "b" / "botocore" / "data", "fresh", model())
    result = botogen("diff", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [(c["rule"], c["service"]) for c in data["changes"]] == [
        ("service-removed", "gone"), ("service-added", "fresh")]
    assert data["summary"]["services_compared"] == 1
    same = botogen("diff", str(tmp_path / "a"), str(tmp_path / "a"))
    assert same.returncode == 0 and "service-" not in same.stdout


def test_upgrade_mode_compares_the_committed_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "out"
    generate_into(out, "ecr-public")
    snapshot = out / "generated/ecr_public/_model.json"
    assert 20_000 < snapshot.stat().st_size < 60_000
    env = {**os.environ, "AWS_DATA_PATH": str(tmp_path / "data")}

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "generator", "diff", "ecr-public", "--out",
                               str(out), "--include-docs"], capture_output=True, text=True,
                              env=env, check=False)

    unchanged = run()  # no override yet: the installed model itself
    assert unchanged.returncode == 0 and unchanged.stdout.startswith("summary: 0 breaking, 0 "
                                                                     "dangerous, 0 safe, 0 info;")

    def edit(m: Model) -> None:
        m["shapes"]["RepositoryName"]["max"] = 100
        m["operations"]["TagResource"]["documentation"] = "<p>Tags.</p>"

    _ecr(tmp_path, edit)
    changed = run()
    assert changed.returncode == 1
    assert "max-tightened" in changed.stdout
    assert "TagResource: documentation changed" in changed.stdout
    assert changed.stdout.count("docs-changed") == 1  # digests match the unchanged docs


def test_upgrade_mode_without_bindings_exits_2(tmp_path: Path) -> None:
    result = botogen("diff", "ecr-public", "--out", str(tmp_path))
    assert result.returncode == 2 and "no committed bindings of 'ecr-public'" in result.stderr


def test_diff_imports_no_formatter_or_templates() -> None:
    code = ("import sys, io, contextlib; from generator import cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    cli.main(['diff', 'ecr-public', 'ecr-public'])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('black', 'jinja2', 'hypothesis') or m.startswith('generator.emit')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_malformed_models_exit_2(tmp_path: Path) -> None:
    def edit(m: Model) -> None:
        m["shapes"]["GetThingRequest"]["members"]["Name"]["shape"] = "Missing"

    old, new = _pair(tmp_path, edit)
    result = botogen("diff", old, new)
    assert result.returncode == 2 and result.stdout == ""
    assert "new model of thing refers to a missing shape 'Missing'" in result.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = botogen("diff", old, str(bad))
    assert result.returncode == 2 and "is not valid JSON" in result.stderr
