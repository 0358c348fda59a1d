"""schemas/<service>/<Operation>.request.json and .response.json: JSON Schema Draft 2020-12.

Each file is standalone: structures, unions and enums sit in `$defs` (`$ref: "#/$defs/Name"`),
lists and scalars are inline. The files describe the JSON form of values (design.md):
timestamps as ISO 8601 strings or epoch seconds, blobs as canonical base64.

Requests are strict (unknown keys, enums and patterns rejected). Responses keep the structure,
`required`, types and length/value limits, but allow unknown keys and keep enum values and
patterns as annotations only, because services add members and enum values without notice.
A shape used by both is therefore defined once per file, in that file's flavour.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from ..docs import html_to_text
from ..ecma import BASE64_ECMA, TIMESTAMP_ECMA, base64_length_bounds, pattern_forms
from ..escape import json_text, uri_component
from ..ir import Kind, Member, Operation, Service, Shape
from . import Artifact, header_lines

Role = Literal["request", "response"]
Schema = dict[str, Any]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Widths of the JSON protocols' integers, used where the model gives no bound.
INT_BOUNDS = {Kind.INTEGER: (-(2**31), 2**31 - 1), Kind.LONG: (-(2**63), 2**63 - 1)}
_TIMESTAMP_NOTE = (
    "timestamp: ISO 8601 date-time (e.g. 2024-05-01T12:00:00+00:00; zone optional, naive means "
    "UTC) or epoch seconds"
)


def emit(service: Service) -> list[Artifact]:
    artifacts = []
    for op in service.operations:
        for role in ("request", "response"):
            schema = operation_schema(service, op, role)
            text = json_text(json.dumps(schema, indent=2, ensure_ascii=False)) + "\n"
            artifacts.append(Artifact(f"schemas/{service.service_name}/{op.name}.{role}.json", text))
    return artifacts


def operation_schema(service: Service, op: Operation, role: Role) -> Schema:
    schema: Schema = {
        "$schema": DIALECT,
        "$id": f"urn:botogen:{service.service_name}:{uri_component(service.api_version)}:"
               f"{op.name}:{role}",
        "title": f"{op.name} {role}",
    }
    _describe(schema, op.doc)
    schema["$comment"] = "\n".join(header_lines(service))
    root = op.input if role == "request" else op.output
    if root is None:  # no shape: an empty object (requests) or any object (responses)
        schema["type"] = "object"
        if role == "request":
            schema["additionalProperties"] = False
        return schema
    builder = _Builder(service, role)
    schema["$ref"] = builder.ref(root)["$ref"]
    schema["$defs"] = builder.finish()
    return schema


class _Builder:
    """Builds the `$defs` of one file; recursion is safe because a def is queued, not inlined."""

    def __init__(self, service: Service, role: Role) -> None:
        self.service = service
        self.role = role
        self.defs: dict[str, Schema] = {}
        self.queue: list[str] = []
        self.queued: set[str] = set()

    def ref(self, name: str) -> Schema:
        if name not in self.queued:
            self.queued.add(name)
            self.queue.append(name)
        return {"$ref": "#/$defs/" + name.replace("~", "~0").replace("/", "~1")}

    def finish(self) -> dict[str, Schema]:
        while self.queue:
            name = self.queue.pop()
            self.defs[name] = self._definition(self.service.shape(name))
        order = self.service.shape_index  # model order, as every emitted file uses
        return {n: self.defs[n] for n in sorted(self.defs, key=order.__getitem__)}

    def _definition(self, shape: Shape) -> Schema:
        if shape.kind.is_structured:
            return self._structure(shape)
        return _string(shape, self.role, host_label=False)  # enums

    def value(self, shape: Shape, member: Member | None = None) -> Schema:
        """The schema of a value of `shape`, as referenced through `member` (if any)."""
        if member is not None and member.json_value and member.location == "header":
            schema: Schema = {"$comment": "JSON value header: any JSON value"}
        elif shape.event_stream:
            # its JSON form: the events in order (botocore hands over an EventStream, an
            # iterator of the same dicts)
            schema = {"type": "array", "items": self.ref(shape.name),
                      "$comment": "event stream: its events, in order"}
        elif shape.kind.is_structured or shape.is_enum:
            schema = self.ref(shape.name)
        else:
            schema = self._inline(shape, member is not None and member.host_label)
        doc = member.doc if member is not None and member.doc else ""
        if not doc and "$ref" not in schema:
            doc = shape.doc
        _describe(schema, doc)
        if (member is not None and member.deprecated) or shape.deprecated:
            schema["deprecated"] = True
        return schema

    def _inline(self, shape: Shape, host_label: bool) -> Schema:
        kind = shape.kind
        if kind is Kind.STRING:
            return _string(shape, self.role, host_label)
        if kind.is_integral:
            low, high = INT_BOUNDS[kind]
            return {
                "type": "integer",
                "minimum": low if shape.min is None else shape.min,
                "maximum": high if shape.max is None else shape.max,
            }
        if kind.is_floating:
            return _bounded({"type": "number"}, shape, "minimum", "maximum")
        if kind is Kind.BOOLEAN:
            return {"type": "boolean"}
        if kind is Kind.TIMESTAMP:
            return {"type": ["string", "number"], "pattern": TIMESTAMP_ECMA,
                    "$comment": _TIMESTAMP_NOTE}
        if kind is Kind.BLOB:
            return _blob(shape)
        if kind is Kind.DOCUMENT:
            return {"$comment": "document: any JSON value"}
        if kind is Kind.LIST:
            return self._list(shape)
        return self._map(shape)

    def _list(self, shape: Shape) -> Schema:
        assert shape.member is not None
        schema: Schema = {"type": "array", "items": self.value(self.service.target(shape.member))}
        return _bounded(schema, shape, "minItems", "maxItems")

    def _map(self, shape: Shape) -> Schema:
        assert shape.key is not None and shape.value is not None
        schema: Schema = {
            "type": "object",
            "propertyNames": self.value(self.service.target(shape.key)),
            "additionalProperties": self.value(self.service.target(shape.value)),
        }
        return _bounded(schema, shape, "minProperties", "maxProperties")

    def _structure(self, shape: Shape) -> Schema:
        schema: Schema = {"type": "object"}
        _describe(schema, shape.doc)
        if shape.members:
            schema["properties"] = {
                m.name: self.value(self.service.target(m), m) for m in shape.members
            }
        if shape.required_of_caller:  # botocore fills idempotency tokens in: not the caller's
            schema["required"] = list(shape.required_of_caller)
        if shape.kind is Kind.UNION:  # exactly one member set (unknown ones count too)
            schema["minProperties"] = 1
            schema["maxProperties"] = 1
        if self.role == "request":
            schema["additionalProperties"] = False
        return schema


def _string(shape: Shape, role: Role, host_label: bool) -> Schema:
    schema: Schema = {"type": "string"}
    if shape.doc and shape.is_enum:
        _describe(schema, shape.doc)
    low = 1 if host_label and shape.min is None else shape.min  # botocore: host labels >= 1
    if low:
        schema["minLength"] = int(low)
    if shape.max is not None:
        schema["maxLength"] = int(shape.max)
    comments = []
    if shape.pattern is not None:
        forms = pattern_forms(shape.pattern)
        if role == "response":
            comments.append(f"pattern (not enforced in responses): {shape.pattern}")
        elif forms.ecma is None:
            comments.append(f"pattern {forms.note}: {shape.pattern}")
        else:
            schema["pattern"] = forms.ecma
            if forms.note:
                comments.append(f"pattern {forms.note}")
    if shape.enum:
        if role == "request":
            schema["enum"] = list(shape.enum)
        else:
            schema["examples"] = list(shape.enum)
            comments.append("enum values not enforced in responses (services add values)")
    if comments:
        schema["$comment"] = "; ".join(comments)
    return schema


def _blob(shape: Shape) -> Schema:
    schema: Schema = {"type": "string", "contentEncoding": "base64", "pattern": BASE64_ECMA}
    low, high = base64_length_bounds(_int(shape.min), _int(shape.max))
    if low:
        schema["minLength"] = low
    if high is not None:
        schema["maxLength"] = high
    if shape.min or shape.max is not None:
        schema["$comment"] = (
            f"blob of {shape.min or 0}..{'' if shape.max is None else shape.max} bytes; "
            "the base64 length limits are 4*ceil(bytes/3), so a string at a limit may decode "
            "to up to 2 bytes fewer than it (validators check the decoded length exactly)"
        )
    return schema


def _bounded(schema: Schema, shape: Shape, low_key: str, high_key: str) -> Schema:
    if shape.min is not None and (shape.min or shape.kind.is_floating):
        schema[low_key] = shape.min
    if shape.max is not None:
        schema[high_key] = shape.max
    return schema


def _int(value: int | float | None) -> int | None:
    return None if value is None else int(value)


def _describe(schema: Schema, doc: str) -> None:
    text = html_to_text(doc)
    if text:
        schema["description"] = text
