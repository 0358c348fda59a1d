"""generated/<module>/testing.py: Hypothesis-drawn responses for botocore's Stubber, so that
users property-test their own code against every response the model allows (the driver is
the runtime's testing.py; this module lists the service's operations)."""

from __future__ import annotations

from dataclasses import dataclass

from ..inhabited import without_values
from ..ir import Kind, Operation, Service
from ..render import render
from . import Artifact, python_header


@dataclass(frozen=True)
class OperationView:
    name: str  # model name, e.g. DescribeImages
    method: str  # the client's method, e.g. describe_images
    strategy: str | None  # the response strategy of strategies.py; None: no output shape
    streaming: str | None  # wire name of a streaming payload member
    event_stream: bool
    no_value: str = ""  # why no valid response exists (generator/inhabited.py), if none does


def emit(service: Service) -> list[Artifact]:
    no_value = without_values(service)
    operations = [_view(service, op, no_value) for op in service.operations]
    text = render("testing.py.j2", header=python_header(service), service=service,
                  operations=operations, example=_example(service))
    return [Artifact(f"generated/{service.module_name}/testing.py", text, python=True)]


def _view(service: Service, op: Operation, no_value: dict[str, str]) -> OperationView:
    if op.output is None:
        return OperationView(op.name, op.snake_name, None, None, False)
    shape = service.shape(op.output)
    targets = [(m, service.target(m)) for m in shape.members]
    streaming = next((m.name for m, t in targets
                      if m.name == shape.payload and t.kind is Kind.BLOB and t.streaming), None)
    event_stream = any(t.event_stream for _, t in targets)
    why = f"{op.output}: {no_value[op.output]}" if op.output in no_value else ""
    return OperationView(op.name, op.snake_name, f"{op.snake_name}_response", streaming,
                         event_stream, why)


def _example(service: Service) -> tuple[str, str]:
    """(operation, method) for the module docstring's example: the first with an output (a
    made-up name where there is none)."""
    op = next((o for o in service.operations if o.output is not None), None)
    return (op.name, op.snake_name) if op is not None else ("DescribeThings", "describe_things")
