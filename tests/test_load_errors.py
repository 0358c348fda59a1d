"""Bad input: one clear line on stderr, exit code 2, and the previous output untouched."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from helpers import botogen, generate_into, tree_bytes
from conftest import FIXTURES

KINDS = FIXTURES / "kinds" / "2024-01-01" / "service-2.json"


def _model() -> dict[str, Any]:
    return json.loads(KINDS.read_text(encoding="utf-8"))


def _write(tmp_path: Path, model: object, name: str = "service-2.json") -> Path:
    path = tmp_path / "models" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model), encoding="utf-8")
    return path


def _broken(tmp_path: Path, edit: Any) -> Path:
    model = _model()
    edit(model)
    return _write(tmp_path, model)


CASES = {
    "missing shape": (
        lambda m: m["shapes"]["Node"]["members"].update(Bad={"shape": "Nowhere"}),
        "shape 'Node': member 'Bad' refers to missing shape 'Nowhere'",
    ),
    "unknown type": (
        lambda m: m["shapes"]["Name"].update(type="bigdecimal"),
        "shape 'Name' has unknown type 'bigdecimal'",
    ),
    "operation to missing shape": (
        lambda m: m["operations"]["PutThing"]["input"].update(shape="Gone"),
        "operation 'PutThing': input refers to missing shape 'Gone'",
    ),
    "field clash": (
        lambda m: m["shapes"]["Node"]["members"].update(name={"shape": "Name"}),
        "field name clash in shape 'Node': 'Name' and 'name' both become 'name'",
    ),
    "class clash": (
        lambda m: m["shapes"].update(None_={"type": "structure", "members": {}})
        or m["shapes"]["PutThingRequest"]["members"].update(X={"shape": "None_"}),
        "class name clash in the service: 'None' and 'None_' both become 'None_'",
    ),
    "required not a member": (
        lambda m: m["shapes"]["Node"]["required"].append("Ghost"),
        "shape 'Node': required member 'Ghost' is not a member",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_model_one_line_exit_2_output_untouched(tmp_path: Path, case: str) -> None:
    out = tmp_path / "out"
    generate_into(out, "--model", str(KINDS), "--service-name", "kinds")
    before = tree_bytes(out)
    edit, message = CASES[case]
    bad = _broken(tmp_path, edit)
    result = botogen("generate", "--model", str(bad), "--service-name", "kinds", "--out", str(out))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"botogen: error: {message}\n"
    assert tree_bytes(out) == before


def test_unknown_service() -> None:
    result = botogen("generate", "no-such-service")
    assert result.returncode == 2
    assert result.stderr == (
        "botogen: error: unknown service 'no-such-service': botocore ships no model of that name\n"
    )


def test_unknown_api_version() -> None:
    result = botogen("generate", "ecr-public", "--api-version", "1999-01-01")
    assert result.returncode == 2
    assert "has no API version '1999-01-01' (available: 2020-10-30)" in result.stderr


@pytest.mark.parametrize(
    "content, message",
    [
        (b"{not json", "is not valid JSON"),
        (b"[1, 2]", "is not a JSON object"),
        (b'{"metadata": {}, "operations": {}}', "has no 'shapes' object"),
        (b"\xff\xfe", "is not valid JSON"),
    ],
)
def test_invalid_model_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "service-2.json"
    path.write_bytes(content)
    result = botogen("generate", "--model", str(path), "--service-name", "x", "--out",
                     str(tmp_path / "out"))
    assert result.returncode == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_unreadable_and_bad_gzip(tmp_path: Path) -> None:
    result = botogen("generate", "--model", str(tmp_path / "missing.json"), "--service-name", "x")
    assert result.returncode == 2 and "cannot read model" in result.stderr
    bad = tmp_path / "service-2.json.gz"
    bad.write_bytes(b"not gzip")
    result = botogen("generate", "--model", str(bad), "--service-name", "x")
    assert result.returncode == 2 and "cannot decompress model" in result.stderr


def test_gzip_model_gives_same_output_as_plain(tmp_path: Path) -> None:
    gz = tmp_path / "gz" / "kinds" / "2024-01-01" / "service-2.json.gz"
    gz.parent.mkdir(parents=True)
    gz.write_bytes(gzip.compress(KINDS.read_bytes()))
    generate_into(tmp_path / "a", "--model", str(KINDS))
    generate_into(tmp_path / "b", "--model", str(gz))
    a, b = tree_bytes(tmp_path / "a"), tree_bytes(tmp_path / "b")
    assert a.keys() == b.keys()
    # Only the header's file name differs (service-2.json vs service-2.json.gz).
    assert {k for k in a if a[k] != b[k].replace(b"service-2.json.gz", b"service-2.json")} == set()
