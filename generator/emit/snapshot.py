"""generated/<module>/_model.json: what `botogen diff SERVICE` compares the installed model
with, so "what breaks if I regenerate?" needs no old botocore (generator/diff/snapshot.py)."""

from __future__ import annotations

from ..diff.snapshot import FILE, render
from ..ir import Service
from . import Artifact


def emit(service: Service) -> list[Artifact]:
    meta = {"service": service.service_name, "api_version": service.api_version,
            "botocore": service.botocore_version, "source": service.model_source,
            "sha256": service.model_sha256}
    return [Artifact(f"generated/{service.module_name}/{FILE}", render(service.raw_model, meta))]
