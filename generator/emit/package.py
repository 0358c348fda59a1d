"""The service package's __init__.py: metadata and install_validation(client), whose imports
(the validators, the runtime's client hook, botocore) wait for the call, so that importing the
package loads nothing else."""

from __future__ import annotations

from ..escape import docstring, string
from ..ir import Service
from . import Artifact, python_header

# Imports inside: importing the package stays free of botocore and of the validators.
_INSTALL = '''

def install_validation(client: object) -> None:
    """Check every call of a botocore client of this service with the generated request
    validators before it is sent: botocore's checks and max, pattern and enum, every issue
    at once, raised as botocore's ParamValidationError (the generated CLI's report text).
    A client of another service or API version is refused (ValueError). Installing twice
    is the same as once."""
    from .._runtime.client import install
    from .validators import REQUEST_VALIDATORS

    install(client, SERVICE_NAME, API_VERSION, REQUEST_VALIDATORS)
'''
_TOP_INIT = '"""Packages emitted by botogen, one per service. Do not edit."""\n'


def emit(service: Service) -> list[Artifact]:
    title = (f"Typed bindings of {service.full_name} ({service.service_name}, API version "
             f"{service.api_version}).")
    body = (
        python_header(service)
        + docstring(title)
        + "\n\n"
        + f"SERVICE_NAME = {string(service.service_name)}\n"
        f"API_VERSION = {string(service.api_version)}\n"
        f"MODEL_SHA256 = {string(service.model_sha256)}\n"
        f"BOTOCORE_VERSION = {string(service.botocore_version)}\n"
        f"OPERATIONS = {tuple(op.name for op in service.operations)!r}\n"  # repr: escaped
        + _INSTALL
    )
    return [
        Artifact("generated/__init__.py", _TOP_INIT, python=True),
        Artifact(f"generated/{service.module_name}/__init__.py", body, python=True),
        Artifact(f"generated/{service.module_name}/py.typed", ""),
    ]
