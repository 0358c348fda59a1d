"""The service package's __init__.py (metadata only: importing it loads nothing else)."""

from __future__ import annotations

from ..ir import Service
from . import Artifact, python_header

_TOP_INIT = '"""Packages emitted by botogen, one per service. Do not edit."""\n'


def emit(service: Service) -> list[Artifact]:
    body = (
        python_header(service)
        + f'"""Typed bindings of {service.metadata.get("serviceFullName", service.service_name)}'
        f' ({service.service_name}, API version {service.api_version})."""\n\n'
        f"SERVICE_NAME = {service.service_name!r}\n"
        f"API_VERSION = {service.api_version!r}\n"
        f"MODEL_SHA256 = {service.model_sha256!r}\n"
        f"BOTOCORE_VERSION = {service.botocore_version!r}\n"
        f"OPERATIONS = {tuple(op.name for op in service.operations)!r}\n"
    )
    return [
        Artifact("generated/__init__.py", _TOP_INIT, python=True),
        Artifact(f"generated/{service.module_name}/__init__.py", body, python=True),
        Artifact(f"generated/{service.module_name}/py.typed", ""),
    ]
