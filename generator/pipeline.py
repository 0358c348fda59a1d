"""The whole pipeline in one call: load -> IR -> emitters -> artifacts."""

from __future__ import annotations

from .build import build_service
from .emit import Artifact, all_emitters, runtime
from .ir import Service
from .load import RawModel, load_path, load_service


def botocore_version() -> str:
    import botocore

    return str(botocore.__version__)


def load(service: str | None = None, model: str | None = None,
         api_version: str | None = None, service_name: str | None = None) -> Service:
    raw: RawModel = load_path(model, service_name) if model else load_service(str(service),
                                                                              api_version)
    return build_service(raw, botocore_version())


def emit_all(service: Service) -> list[Artifact]:
    artifacts: list[Artifact] = []
    for emitter in all_emitters():
        artifacts.extend(emitter(service))
    return artifacts


def owned_dirs(service: Service) -> list[str]:
    """Directories whose whole content belongs to one service's generation."""
    return [f"generated/{service.module_name}", f"schemas/{service.service_name}",
            f"generated/{runtime.PACKAGE}"]
