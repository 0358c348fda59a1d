"""`botogen diff`: breaking changes flagged with exit 1, harmless ones listed with exit 0."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import botocore

from helpers import botogen

SOURCE = Path(botocore.__file__).parent / "data/ecr-public/2020-10-30/service-2.json.gz"


def _variant(tmp_path: Path, name: str, edit: Any) -> Path:
    model = json.loads(gzip.decompress(SOURCE.read_bytes()))
    edit(model)
    path = tmp_path / name / "ecr-public" / "2020-10-30" / "service-2.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(model), encoding="utf-8")
    return path


def test_same_model_has_no_changes() -> None:
    result = botogen("diff", "ecr-public", str(SOURCE))
    assert result.returncode == 0 and result.stdout == ""


def test_breaking_changes_exit_1(tmp_path: Path) -> None:
    def edit(m: dict[str, Any]) -> None:
        m["shapes"]["RepositoryName"]["max"] = 100
        m["shapes"]["BatchCheckLayerAvailabilityRequest"]["required"].append("registryId")
        del m["shapes"]["Layer"]["members"]["mediaType"]
        m["shapes"]["LayerAvailability"]["enum"].append("PARTIAL")
        del m["operations"]["TagResource"]

    result = botogen("diff", str(SOURCE), str(_variant(tmp_path, "new", edit)))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "BATCHCHECK" not in result.stdout
    assert "BREAKING  TagResource: operation removed" in lines
    assert "BREAKING  BatchCheckLayerAvailability.request.registryId: now required" in lines
    assert "BREAKING  BatchCheckLayerAvailability.request.repositoryName: max 205 -> 100" in lines
    assert ("BREAKING  BatchCheckLayerAvailability.response.layers[].mediaType: member removed"
            in lines)
    assert ("change    BatchCheckLayerAvailability.response.layers[].layerAvailability: "
            "enum values added: PARTIAL" in lines)


def test_loosening_is_not_breaking(tmp_path: Path) -> None:
    def edit(m: dict[str, Any]) -> None:
        m["shapes"]["RepositoryName"]["max"] = 300
        m["shapes"]["Layer"]["members"]["digestAlgorithm"] = {"shape": "MediaType"}

    result = botogen("diff", str(SOURCE), str(_variant(tmp_path, "new", edit)))
    assert result.returncode == 0
    assert "change    BatchCheckLayerAvailability.request.repositoryName: max 205 -> 300" in result.stdout
    assert "member added" in result.stdout
