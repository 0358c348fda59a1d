"""The whole pipeline in one call: load -> IR -> emitters -> artifacts."""

from __future__ import annotations

import dataclasses

from .build import build_service
from .emit import Artifact, all_emitters, runtime
from .ir import Service
from .layout import Layout
from .load import RawModel, load_path, load_service


def botocore_version() -> str:
    import botocore

    return str(botocore.__version__)


def load(service: str | None = None, model: str | None = None,
         api_version: str | None = None, service_name: str | None = None,
         layout: Layout | None = None) -> Service:
    raw: RawModel = load_path(model, service_name) if model else load_service(str(service),
                                                                              api_version)
    built = build_service(raw, botocore_version())
    return built if layout is None else dataclasses.replace(built, layout=layout)


def emit_all(service: Service) -> list[Artifact]:
    """Every artifact, at its path in the service's layout (emitters write the canonical one)."""
    place = service.layout.place
    artifacts: list[Artifact] = []
    for emitter in all_emitters():
        artifacts.extend(dataclasses.replace(a, path=place(a.path)) for a in emitter(service))
    return artifacts


def owned_dirs(service: Service) -> list[str]:
    """Directories whose whole content belongs to one service's generation."""
    place = service.layout.place
    return [place(f"generated/{service.module_name}"), place(f"schemas/{service.service_name}"),
            place(f"generated/{runtime.PACKAGE}")]
