"""Synthetic models with the hard cases: they generate code that imports, type-checks and
round-trips, or fail with a clear error where failing is right."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from conftest import FIXTURES
from helpers import generate_into, import_generated

KINDS = FIXTURES / "kinds" / "2024-01-01" / "service-2.json"


@pytest.fixture(scope="module")
def kinds_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kinds")
    generate_into(root, "--model", str(KINDS))
    return root


@pytest.fixture(scope="module")
def models(kinds_root: Path) -> Any:
    return import_generated(kinds_root, "kinds.models")


def test_service_name_comes_from_the_botocore_layout(kinds_root: Path) -> None:
    assert (kinds_root / "generated" / "kinds" / "models.py").is_file()


def test_kinds_passes_mypy_strict(kinds_root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "generated/kinds"],
        cwd=kinds_root, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_names_are_safe(models: Any) -> None:
    assert models.None_.__name__ == "None_" and models.none.__name__ == "none"
    fields = models.PutThingRequest.__dataclass_fields__
    for name in ("from_", "return_", "lambda_", "type_", "id_", "tree", "when_epoch"):
        assert name in fields
    assert [c.name for c in models.Color] == ["RED", "GREEN", "LIGHT_BLUE", "V_2TONE", "NONE"]


def test_hostile_docs_survive(models: Any) -> None:
    doc = models.PutThingRequest.__doc__
    assert '"""triple"""' in doc and "{{ jinja }}" in doc and "{% block %}" in doc
    assert doc.rstrip().endswith("\\")


def test_recursion_union_map_document_blob_timestamps_round_trip(models: Any) -> None:
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    leaf = models.Node(name="leaf")
    req = models.PutThingRequest(
        from_="me", tree=models.Node(name="root", children=[leaf], parent=leaf),
        choice=models.Choice(node=leaf), labels={"a-1": "x"}, nested={"k": [leaf]},
        doc={"any": [1, "two", None, {"x": 1.5}]}, payload=b"\x00\x01", secret="s3cret",
        when=when, when_epoch=when, when_http=when, enabled=False, matrix=[[0.5, 1.0]],
        type_=models.Color.LIGHT_BLUE, return_=0,
    )
    wire = req.to_dict()
    assert wire["from"] == "me" and wire["return"] == 0 and wire["type"] == "light-blue"
    assert wire["Tree"] == {"Name": "root", "Children": [{"Name": "leaf"}], "Parent": {"Name": "leaf"}}
    assert wire["Choice"] == {"Node": {"Name": "leaf"}}
    assert req.to_json()["WhenEpoch"] == "2024-01-02T03:04:05+00:00"
    assert req.to_json()["Payload"] == "AAE="
    assert models.PutThingRequest.from_dict(wire) == req
    assert models.PutThingRequest.from_dict(req.to_json()) == req
    assert "s3cret" not in repr(req)


def test_strategies_respect_the_model(kinds_root: Path) -> None:
    strategies = import_generated(kinds_root, "kinds.strategies")

    @given(strategies.put_thing_request())
    def check(value: Any) -> None:
        cls = type(value)
        assert cls.from_dict(value.to_dict()) == value
        assert cls.from_dict(value.to_json()) == value
        if value.labels:
            assert all(1 <= len(k) <= 16 and k[0].isalpha() for k in value.labels)
        if value.choice is not None:
            set_members = [v for v in vars(value.choice).values() if v is not None]
            assert len(set_members) == 1

    check()


def test_untranslatable_pattern_still_generates(tmp_path: Path) -> None:
    """`\\p{Alnum}` (Java's name) is no ECMA pattern: the strategy draws plain text within the
    bounds."""
    import json

    model = json.loads(KINDS.read_text(encoding="utf-8"))
    model["shapes"]["Name"]["pattern"] = "^\\p{Alnum}+$"
    path = tmp_path / "kinds" / "2024-01-01" / "service-2.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(model), encoding="utf-8")
    generate_into(tmp_path / "out", "--model", str(path))
    text = (tmp_path / "out" / "generated/kinds/strategies.py").read_text(encoding="utf-8")
    assert "_s_Name: st.SearchStrategy[str] = st.deferred(lambda: st.text(min_size=1, max_size=64))" in text
