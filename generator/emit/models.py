"""generated/<module>/models.py: dataclasses and enums with lossless wire conversion; the
service-independent converters and FromDictError it imports are the runtime's convert.py
(generator/runtime/convert.py, emitted once per root by generator/emit/runtime.py)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import naming
from ..docs import html_to_text
from ..escape import Code, literal
from ..ir import Kind, Member, Service, Shape
from ..render import render
from . import Artifact, python_header
from .pytypes import convert, expected, member_type, parse, value_shape


@dataclass(frozen=True)
class FieldView:
    name: str
    wire: str
    annotation: str
    default: str  # "" for required fields
    doc: str
    to_dict: str  # expression over `self.<name>`
    to_json: str
    parse: str  # expression over `v`, the member's value (not None)
    required: bool  # from_dict refuses input without it (input shapes only)
    expected: str  # what from_dict says a value of it must be
    in_repr: bool  # sensitive members stay out of repr()


@dataclass(frozen=True)
class ClassView:
    name: str
    shape: str
    doc: str
    fields: list[FieldView]
    union: bool
    wires: tuple[str, ...]  # member names on the wire, in model order

    @property
    def repr_names(self) -> Code:
        return literal(tuple(f.name for f in self.fields if f.in_repr))

    def fields_of(self, owner: str) -> Code:
        """`(self.a, self.b)`: what __eq__ compares, as a dataclass's own does."""
        names = [f"{owner}.{f.name}" for f in self.fields]
        return Code(f"({names[0]},)" if len(names) == 1 else f"({', '.join(names)})")


@dataclass(frozen=True)
class EnumView:
    name: str
    doc: str
    members: list[tuple[str, str]]


def _doc(service: Service, shape: Shape, extra: list[str]) -> str:
    parts = [html_to_text(shape.doc) or f"The {shape.name} shape."]
    first = service.first_operation_of.get(shape.name)
    if first is not None:
        op, role = first
        parts = [f"{role.capitalize()} of the {op.name} operation.", html_to_text(op.doc)]
    if shape.deprecated:
        parts.append("Deprecated.")
    return "\n\n".join(parts + extra)


def _field(
    service: Service, owner: Shape, member: Member, tolerant: bool, uses: set[str]
) -> FieldView:
    target = value_shape(service, member)
    annotation = member_type(service, target)
    required = member.required_of_caller and not tolerant
    default = ""
    if not required:
        annotation += " | None"
        default = "None"
    if target.sensitive:  # keep secrets out of logs and tracebacks
        default = "_field(repr=False)" if required else "_field(default=None, repr=False)"
    notes = [
        "Required." if member.required_of_caller else "",
        "Deprecated." if member.deprecated or target.deprecated else "",
        "Idempotency token: botocore fills it in when unset." if member.idempotency_token else "",
    ]
    doc = " ".join(n for n in notes + [html_to_text(member.doc or target.doc)] if n)
    value = f"self.{member.field_name}"
    return FieldView(
        name=member.field_name,
        wire=member.name,
        annotation=Code(annotation),
        default=Code(default),
        doc=doc,
        to_dict=Code(convert(service, target, value, "dict")),
        to_json=Code(convert(service, target, value, "json")),
        parse=Code(_parse(service, member, target, uses)),
        required=required,
        expected=expected(target),
        in_repr=not target.sensitive,
    )


def class_view(service: Service, shape: Shape, uses: set[str]) -> ClassView:
    # `required` is only trustworthy on input-only shapes: anything a service sends back is
    # parsed tolerantly, so there every member is optional.
    tolerant = shape.name in service.output_shapes or shape.name in service.error_shapes
    extra = []
    if shape.kind is Kind.UNION:
        extra.append("A union: exactly one member is set.")
    return ClassView(
        name=shape.class_name,
        shape=shape.name,
        doc=_doc(service, shape, extra),
        fields=[_field(service, shape, m, tolerant, uses) for m in shape.members],
        union=shape.kind is Kind.UNION,
        wires=tuple(m.name for m in shape.members),
    )


def _parse(service: Service, member: Member, target: Shape, uses: set[str]) -> str:
    if target.event_stream:  # the member's name: a live stream's errors come after from_dict
        uses.add("events_of")
        return f"_events_of({target.class_name}.from_dict, v, {literal(member.name)})"
    return parse(service, target, "v", uses)


def enum_view(service: Service, shape: Shape) -> EnumView:
    names = naming.enum_member_names(shape.enum)
    return EnumView(name=shape.class_name, doc=_doc(service, shape, []), members=list(zip(names, shape.enum)))


def _reporters(classes: list[ClassView]) -> set[str]:
    """The runtime's error makers that the from_dict methods of `classes` call."""
    fields = [f for c in classes for f in c.fields]
    wanted = {
        "wrong": bool(classes),  # every from_dict refuses what is not a mapping
        "too_deep": bool(fields),
        "missing": any(f.required for f in fields),
        "union_many": any(c.union for c in classes),
        "fields_repr": bool(classes),
    }
    return {name for name, used in wanted.items() if used}


def emit(service: Service) -> list[Artifact]:
    reached = service.reached()
    uses: set[str] = set()
    classes = [class_view(service, s, uses) for s in reached if s.kind.is_structured]
    uses |= _reporters(classes)
    kinds = {s.kind for s in reached}
    uses |= {name for kind, name in _TO_JSON.items() if kind in kinds}
    enums = [enum_view(service, s) for s in reached if s.is_enum]
    text = render(
        "models.py.j2",
        header=python_header(service),
        service=service,
        classes=classes,
        enums=enums,
        uses_timestamps=Kind.TIMESTAMP in kinds,
        uses_events="events_of" in uses,
        runtime=sorted(uses),
        uses_sensitive=any(f.default.startswith("_field") for c in classes for f in c.fields),
        summary=html_to_text(service.doc).split("\n\n")[0] if service.doc else "",
    )
    return [Artifact(f"generated/{service.module_name}/models.py", text, python=True)]


_TO_JSON = {Kind.TIMESTAMP: "timestamp_json", Kind.BLOB: "blob_json"}
