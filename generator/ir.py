"""The intermediate representation: our own frozen view of a botocore service model.

Every emitter reads only these classes; nothing from botocore lives in here. Shapes refer to
other shapes by name (``Member.target``), so recursive models need no special casing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from enum import Enum

from .layout import Layout


class Kind(str, Enum):
    """Every shape kind botocore ships, with structure split into its flavours."""

    STRUCTURE = "structure"
    UNION = "union"
    DOCUMENT = "document"
    LIST = "list"
    MAP = "map"
    STRING = "string"
    INTEGER = "integer"
    LONG = "long"
    FLOAT = "float"
    DOUBLE = "double"
    BOOLEAN = "boolean"
    TIMESTAMP = "timestamp"
    BLOB = "blob"

    @property
    def is_structured(self) -> bool:
        return self in (Kind.STRUCTURE, Kind.UNION)

    @property
    def is_integral(self) -> bool:
        return self in (Kind.INTEGER, Kind.LONG)

    @property
    def is_floating(self) -> bool:
        return self in (Kind.FLOAT, Kind.DOUBLE)


@dataclass(frozen=True)
class Member:
    """A structure member, a list member, or a map key/value."""

    name: str  # wire name, as in the model
    target: str  # shape name
    field_name: str = ""  # Python attribute name (structure members only)
    option_name: str = ""  # AWS CLI option, e.g. "--layer-digests" (structure members only)
    doc: str = ""  # member-level HTML documentation, if any
    required: bool = False
    deprecated: bool = False
    idempotency_token: bool = False
    # An idempotency token of an operation's input: botocore fills it in when it is left out
    # (before it validates), so a caller never has to give it even where the model requires it.
    filled: bool = False
    location: str = ""  # header, querystring, uri, ... (empty: body)
    location_name: str = ""
    host_label: bool = False
    json_value: bool = False

    @property
    def required_of_caller(self) -> bool:
        """Required, and not filled in by botocore: what a caller must give."""
        return self.required and not self.filled


@dataclass(frozen=True)
class Shape:
    name: str
    kind: Kind
    class_name: str = ""  # Python class name for structures, unions and enums
    doc: str = ""
    members: tuple[Member, ...] = ()  # structures and unions
    member: Member | None = None  # lists
    key: Member | None = None  # maps
    value: Member | None = None  # maps
    min: int | float | None = None
    max: int | float | None = None
    pattern: str | None = None
    enum: tuple[str, ...] = ()
    timestamp_format: str | None = None
    sensitive: bool = False
    deprecated: bool = False
    streaming: bool = False
    event_stream: bool = False
    event: bool = False
    exception: bool = False
    fault: bool = False
    error_code: str | None = None
    payload: str | None = None  # structures: the member bound to the whole HTTP body

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members if m.required)

    @property
    def required_of_caller(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members if m.required_of_caller)

    @property
    def is_enum(self) -> bool:
        return self.kind is Kind.STRING and bool(self.enum)

    def member_named(self, name: str) -> Member:
        for m in self.members:
            if m.name == name:
                return m
        raise KeyError(name)


@dataclass(frozen=True)
class Operation:
    name: str  # e.g. BatchCheckLayerAvailability
    snake_name: str  # batch_check_layer_availability
    cli_name: str  # batch-check-layer-availability
    input: str | None  # shape name
    output: str | None
    errors: tuple[str, ...] = ()
    doc: str = ""
    deprecated: bool = False
    http_method: str = "POST"
    http_uri: str = "/"
    paginated: bool = False

    def roles(self) -> tuple[tuple[str, str | None], ...]:
        """("request", input shape) and ("response", output shape), in that order."""
        return (("request", self.input), ("response", self.output))


@dataclass(frozen=True)
class Service:
    service_name: str  # botocore's name, e.g. ecr-public
    module_name: str  # Python package name, e.g. ecr_public
    api_version: str
    protocol: str
    metadata: dict[str, object]
    doc: str
    shapes: dict[str, Shape]  # in model order
    operations: tuple[Operation, ...]  # in model order
    model_sha256: str
    model_source: str  # where the model was read from, for humans
    botocore_version: str
    input_shapes: frozenset[str] = field(default_factory=frozenset)
    output_shapes: frozenset[str] = field(default_factory=frozenset)
    error_shapes: frozenset[str] = field(default_factory=frozenset)
    # The model as read (sdk-extras merged), for the snapshot `botogen diff SERVICE` reads.
    raw_model: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    # Where the output goes (import path of the root package, schema directory): not model
    # data, but what the few texts naming the package read (generator/layout.py).
    layout: Layout = field(default_factory=Layout, compare=False)

    @functools.cached_property
    def shape_index(self) -> dict[str, int]:
        """Each shape's position in model order."""
        return {name: i for i, name in enumerate(self.shapes)}

    @functools.cached_property
    def first_operation_of(self) -> dict[str, tuple[Operation, str]]:
        """Shape -> the first operation (model order) with it as input ("request") or output
        ("response"), input first."""
        found: dict[str, tuple[Operation, str]] = {}
        for op in self.operations:
            for role, name in op.roles():
                if name is not None and name not in found:
                    found[name] = (op, role)
        return found

    @property
    def full_name(self) -> str:
        """The model's serviceFullName (model text: escape it for where it goes)."""
        return str(self.metadata.get("serviceFullName", self.service_name))

    def shape(self, name: str) -> Shape:
        return self.shapes[name]

    def target(self, member: Member) -> Shape:
        return self.shapes[member.target]

    def reached(self) -> list[Shape]:
        """Shapes reached from any operation's input, output or errors, in model order."""
        seen = self.input_shapes | self.output_shapes | self.error_shapes
        return [s for s in self.shapes.values() if s.name in seen]
