"""generated/<module>/test_properties.py: property tests shipped with every generated service,
tying strategies, dataclasses, validators, JSON Schemas and botocore together."""

from __future__ import annotations

from dataclasses import dataclass

from ..render import render
from ..inhabited import without_values
from ..ir import Service
from . import Artifact, python_header


@dataclass(frozen=True)
class CaseView:
    operation: str
    role: str  # request | response
    function: str  # <snake>_<role>, the name of both the strategy and the validator suffix
    class_name: str
    no_value: str = ""  # why no value of this role exists (its test is skipped), if none does


def emit(service: Service) -> list[Artifact]:
    cases = []
    no_value = without_values(service)
    for op in service.operations:
        for role, shape_name in op.roles():
            if shape_name is not None:
                cls = service.shape(shape_name).class_name
                why = f"{shape_name}: {no_value[shape_name]}" if shape_name in no_value else ""
                cases.append(CaseView(op.name, role, f"{op.snake_name}_{role}", cls, why))
    ups, parts = service.layout.schema_steps()  # where the emitted schemas are, from here
    text = render("test_properties.py.j2", header=python_header(service), service=service,
                  cases=cases, no_value=[c for c in cases if c.no_value], schema_ups=ups,
                  schema_parts=parts)
    return [Artifact(f"generated/{service.module_name}/test_properties.py", text, python=True)]
