"""generated/<module>/_model.json: what `botogen diff SERVICE` compares the installed model
with, so "what breaks if I regenerate?" needs no old botocore (generator/diff/snapshot.py)."""

from __future__ import annotations

from ..diff.snapshot import FILE, render
from ..escape import json_text
from ..ir import Service
from . import Artifact


def emit(service: Service) -> list[Artifact]:
    meta = {"service": service.service_name, "api_version": service.api_version,
            "botocore": service.botocore_version, "source": service.model_source,
            "sha256": service.model_sha256}
    # json_text: a lone surrogate of the model's text becomes its \uXXXX escape (encodable)
    return [Artifact(f"generated/{service.module_name}/{FILE}",
                     json_text(render(service.raw_model, meta)))]
