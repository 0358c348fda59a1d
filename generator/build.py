"""Build the IR from a raw model: resolve references, check every shape, name everything."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from . import modelcheck, naming
from .errors import GenerationError
from .ir import Kind, Member, Operation, Service, Shape
from .load import RawModel

_SCALARS = {k.value: k for k in Kind if k not in (Kind.STRUCTURE, Kind.UNION, Kind.DOCUMENT)}
# Shape traits a member reference may also carry; botocore then resolves the member to a copy of
# its shape with them merged in (ShapeResolver.resolve_shape_ref). In botocore 1.43.11 this
# happens twice, both `enum` (apigatewayv2 ExportApiRequest.OutputType and .Specification).
_LIFTED_TRAITS = ("enum", "min", "max", "pattern")
_WHOLE_BOUNDS = frozenset({Kind.STRING, Kind.LIST, Kind.MAP, Kind.BLOB, Kind.INTEGER, Kind.LONG})


def build_service(raw: RawModel, botocore_version: str) -> Service:
    model = raw.data
    modelcheck.check_names(model)
    shapes_raw = _lift_member_traits(model["shapes"])
    # A field may not take a class name of the module: mypy resolves a method's annotations in
    # the class body, where the field would shadow the class (shape `holder`, member `Holder`).
    classes = frozenset(naming.class_name(name) for name, spec in shapes_raw.items()
                        if isinstance(spec, dict)
                        and (spec.get("type") == "structure" or spec.get("enum")))
    shapes = {name: _build_shape(name, spec, shapes_raw, classes)
              for name, spec in shapes_raw.items()}
    operations = tuple(_build_operation(n, spec, shapes) for n, spec in model["operations"].items())
    shapes = _fill_idempotency_tokens(shapes, operations)
    naming.check_unique("operation", "the service",
                        [(op.name, op.snake_name) for op in operations])
    naming.check_commands(operations)
    inputs = _closure([op.input for op in operations if op.input], shapes)
    outputs = _closure([op.output for op in operations if op.output], shapes)
    errors = _closure([e for op in operations for e in op.errors], shapes)
    reached = inputs | outputs | errors
    naming.check_unique("class", "the service", [
        (s.name, s.class_name) for s in shapes.values() if s.name in reached and s.class_name
    ])
    meta = model["metadata"]
    return Service(
        service_name=raw.service_name,
        module_name=naming.module_name(raw.service_name),
        api_version=str(meta.get("apiVersion", "")),
        protocol=str(meta.get("protocol", "")),
        metadata=dict(meta),
        doc=str(model.get("documentation", "")),
        shapes=shapes,
        operations=operations,
        model_sha256=raw.sha256,
        model_source=raw.source,
        botocore_version=botocore_version,
        input_shapes=frozenset(inputs),
        output_shapes=frozenset(outputs),
        error_shapes=frozenset(errors),
        raw_model=model,
    )


def _lift_member_traits(shapes_raw: dict[str, Any]) -> dict[str, Any]:
    """The shapes, plus one shape per member reference that carries shape traits: its target
    with those traits merged, named <Structure><Member> (suffixed until unique), the reference
    pointing at it. Everything downstream then sees one shape per constraint set, as botocore's
    resolved model does. The raw model itself is left as loaded."""
    out = dict(shapes_raw)
    for owner, spec in shapes_raw.items():
        members = spec.get("members") if isinstance(spec, dict) else None
        if not isinstance(members, dict):
            continue
        relinked: dict[str, Any] = {}
        for member, ref in members.items():
            if not isinstance(ref, dict) or not any(t in ref for t in _LIFTED_TRAITS):
                continue
            target = out.get(_ref(owner, f"member {member!r}", ref, shapes_raw))
            if not isinstance(target, dict):
                continue  # _build_shape reports the target
            name = naming.unused(owner + member[:1].upper() + member[1:], out)
            out[name] = {**target, **{t: ref[t] for t in _LIFTED_TRAITS if t in ref}}
            relinked[member] = {k: v for k, v in ref.items() if k not in _LIFTED_TRAITS}
            relinked[member]["shape"] = name
        if relinked:
            out[owner] = {**spec, "members": {**members, **relinked}}
    return out


def _kind(name: str, spec: dict[str, Any]) -> Kind:
    type_ = spec.get("type")
    if type_ == "structure":
        if spec.get("document"):
            return Kind.DOCUMENT
        return Kind.UNION if spec.get("union") else Kind.STRUCTURE
    if type_ in _SCALARS:
        return _SCALARS[type_]
    raise GenerationError(f"shape {name!r} has unknown type {type_!r}")


def _ref(owner: str, where: str, ref: Any, shapes_raw: dict[str, Any]) -> str:
    target = ref.get("shape") if isinstance(ref, dict) else None
    if not isinstance(target, str):
        raise GenerationError(f"shape {owner!r}: {where} has no shape reference")
    if target not in shapes_raw:
        raise GenerationError(f"shape {owner!r}: {where} refers to missing shape {target!r}")
    return target


def _member(owner: str, name: str, ref: dict[str, Any], shapes_raw: dict[str, Any],
            required: bool, classes: frozenset[str]) -> Member:
    return Member(
        name=name,
        target=_ref(owner, f"member {name!r}", ref, shapes_raw),
        field_name=naming.field_name(name, classes),
        option_name=naming.option_name(name),
        doc=str(ref.get("documentation", "")),
        required=required,
        deprecated=bool(ref.get("deprecated")),
        idempotency_token=bool(ref.get("idempotencyToken")),
        location=str(ref.get("location", "")),
        location_name=str(ref.get("locationName", "")),
        host_label=bool(ref.get("hostLabel")),
        json_value=bool(ref.get("jsonvalue")),
    )


def _build_shape(name: str, spec: Any, shapes_raw: dict[str, Any],
                 classes: frozenset[str]) -> Shape:
    if not isinstance(spec, dict):
        raise GenerationError(f"shape {name!r} is not a JSON object")
    kind = _kind(name, spec)
    modelcheck.check_constraints(name, spec)
    members: tuple[Member, ...] = ()
    if kind.is_structured:
        required = spec.get("required", [])
        raw_members = spec.get("members", {})
        if not isinstance(raw_members, dict):
            raise GenerationError(f"shape {name!r}: members is not an object")
        for r in required:
            if r not in raw_members:
                raise GenerationError(f"shape {name!r}: required member {r!r} is not a member")
        members = tuple(_member(name, m, ref, shapes_raw, m in required, classes)
                        for m, ref in raw_members.items())
        naming.check_unique("field", f"shape {name!r}",
                            [(m.name, m.field_name) for m in members])
        naming.check_unique("option", f"shape {name!r}",
                            [(m.name, m.option_name) for m in members])
    element = key = value = None
    if kind is Kind.LIST:
        element = Member(name="member", target=_ref(name, "list member", spec.get("member"),
                                                    shapes_raw))
        element = Member(name=str(spec["member"].get("locationName", "member")),
                         target=element.target)
    if kind is Kind.MAP:
        key = Member(name="key", target=_ref(name, "map key", spec.get("key"), shapes_raw))
        value = Member(name="value", target=_ref(name, "map value", spec.get("value"),
                                                 shapes_raw))
    enum = spec.get("enum", [])
    return Shape(
        name=name,
        kind=kind,
        class_name=naming.class_name(name) if (kind.is_structured or enum) else "",
        doc=str(spec.get("documentation", "")),
        members=members,
        member=element,
        key=key,
        value=value,
        min=_bound(kind, spec.get("min")),
        max=_bound(kind, spec.get("max")),
        pattern=spec.get("pattern"),
        enum=tuple(str(e) for e in enum) if kind is Kind.STRING else (),
        timestamp_format=spec.get("timestampFormat"),
        sensitive=bool(spec.get("sensitive")),
        deprecated=bool(spec.get("deprecated")),
        streaming=bool(spec.get("streaming")),
        event_stream=bool(spec.get("eventstream")),
        event=bool(spec.get("event")),
        exception=bool(spec.get("exception")),
        fault=bool(spec.get("fault")),
        error_code=(spec.get("error") or {}).get("code"),
        payload=spec.get("payload"),
    )


def _bound(kind: Kind, value: int | float | None) -> int | float | None:
    """Lengths and integer bounds as int (a model may write 5.0), others as written."""
    if value is None or kind not in _WHOLE_BOUNDS:
        return value
    return int(value)


def _build_operation(name: str, spec: dict[str, Any], shapes: dict[str, Shape]) -> Operation:
    def ref(key: str) -> str | None:
        if key not in spec:
            return None
        target = spec[key].get("shape") if isinstance(spec[key], dict) else None
        if target not in shapes:
            raise GenerationError(f"operation {name!r}: {key} refers to missing shape {target!r}")
        return str(target)

    errors = []
    for e in spec.get("errors", []):
        target = e.get("shape") if isinstance(e, dict) else None
        if target not in shapes:
            raise GenerationError(f"operation {name!r}: error refers to missing shape {target!r}")
        errors.append(str(target))
    http = spec.get("http", {})
    return Operation(
        name=name,
        snake_name=naming.snake_name(name),
        cli_name=naming.cli_name(name),
        input=ref("input"),
        output=ref("output"),
        errors=tuple(errors),
        doc=str(spec.get("documentation", "")),
        deprecated=bool(spec.get("deprecated")),
        http_method=str(http.get("method", "POST")),
        http_uri=str(http.get("requestUri", "/")),
    )


def _fill_idempotency_tokens(shapes: dict[str, Shape],
                             operations: tuple[Operation, ...]) -> dict[str, Shape]:
    """Mark the idempotency tokens botocore fills in: the top-level members of an operation's
    input (its generate_idempotent_uuid handler, run before it validates). A shape that is
    also nested somewhere, or an output or error, keeps its tokens as the model says: botocore
    fills nothing there, and one shape has one class."""
    elsewhere = {m.target for s in shapes.values() for m in s.members}
    elsewhere |= {m.target for s in shapes.values() for m in (s.member, s.key, s.value)
                  if m is not None}
    elsewhere |= {name for op in operations for name in (op.output, *op.errors) if name}
    out = dict(shapes)
    for name in {op.input for op in operations if op.input} - elsewhere:
        shape = shapes[name]
        if any(m.idempotency_token for m in shape.members):
            out[name] = replace(shape, members=tuple(
                replace(m, filled=True) if m.idempotency_token else m for m in shape.members))
    return out


def _closure(roots: list[str], shapes: dict[str, Shape]) -> set[str]:
    """Every shape reachable from the roots (members, list members, map keys and values)."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = shapes[name]
        refs = [m.target for m in shape.members]
        refs += [m.target for m in (shape.member, shape.key, shape.value) if m is not None]
        stack.extend(refs)
    return seen
