"""Python type annotations and value conversions for shapes, shared by the Python emitters.

Conversions are emitted as expressions (straight-line code) in three directions:
`dict` (dataclass -> botocore parameters), `json` (dataclass -> JSON document: timestamps as
ISO 8601 strings, blobs as base64) and `parse` (either form -> dataclass, through the checking
converters of generator/runtime/convert.py, imported into models.py as `_<name>`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from ..ir import Kind, Member, Service, Shape

Mode = Literal["dict", "json"]

_SCALAR_TYPES = {
    Kind.STRING: "str",
    Kind.INTEGER: "int",
    Kind.LONG: "int",
    Kind.FLOAT: "float",
    Kind.DOUBLE: "float",
    Kind.BOOLEAN: "bool",
    Kind.TIMESTAMP: "_datetime",
    Kind.BLOB: "bytes",
    Kind.DOCUMENT: "_Any",
}


def value_shape(service: Service, member: Member) -> Shape:
    """The shape of the values a member holds: its target, except that a JSON-value header
    (`jsonvalue` on a string header) holds any JSON value, as a document does; botocore
    serializes it as JSON and parses it back into Python values (lex-runtime's `slots`)."""
    target = service.target(member)
    if member.json_value and member.location == "header" and target.kind is Kind.STRING:
        return replace(target, kind=Kind.DOCUMENT, enum=(), pattern=None, min=None, max=None)
    return target


def py_type(service: Service, shape: Shape, prefix: str = "") -> str:
    """The annotation of a value of `shape`; `prefix` qualifies model classes (e.g. "_m.")."""
    if shape.kind.is_structured:
        return prefix + shape.class_name
    if shape.is_enum:
        # responses may carry values added after generation
        return f"{prefix}{shape.class_name} | str"
    if shape.kind is Kind.LIST:
        assert shape.member is not None
        return f"list[{py_type(service, service.target(shape.member), prefix)}]"
    if shape.kind is Kind.MAP:
        assert shape.key is not None and shape.value is not None
        key = py_type(service, service.target(shape.key), prefix)
        return f"dict[{key}, {py_type(service, service.target(shape.value), prefix)}]"
    return _SCALAR_TYPES[shape.kind]


def member_type(service: Service, shape: Shape, prefix: str = "") -> str:
    """The annotation of a member holding `shape`: an event stream holds its events, a list
    (from JSON) or an iterator (from botocore's EventStream), not one of them."""
    if shape.event_stream:
        return f"_Iterable[{py_type(service, shape, prefix)}]"
    return py_type(service, shape, prefix)


def convert(service: Service, shape: Shape, expr: str, mode: Mode, depth: int = 0) -> str:
    """An expression converting `expr` (a value of `shape`) in the given direction; an event
    stream's events, each converted, make a list (reading a live stream to its end)."""
    kind = shape.kind
    if shape.event_stream:
        return f"[x{depth}.to_{mode}() for x{depth} in {expr}]"
    if kind.is_structured:
        return f"{expr}.to_{mode}()"
    if shape.is_enum:
        return f"str({expr})"
    if kind is Kind.TIMESTAMP:
        return f"_timestamp_json({expr})" if mode == "json" else expr
    if kind is Kind.BLOB:
        return f"_blob_json({expr})" if mode == "json" else expr
    if kind is Kind.LIST:
        assert shape.member is not None
        item = f"x{depth}"
        inner = convert(service, service.target(shape.member), item, mode, depth + 1)
        return f"list({expr})" if inner == item else f"[{inner} for {item} in {expr}]"
    if kind is Kind.MAP:
        assert shape.key is not None and shape.value is not None
        k, v = f"k{depth}", f"v{depth}"
        key = convert(service, service.target(shape.key), k, mode, depth + 1)
        value = convert(service, service.target(shape.value), v, mode, depth + 1)
        if key == k and value == v:
            return f"dict({expr})"
        return f"{{{key}: {value} for {k}, {v} in {expr}.items()}}"
    return expr


# The runtime converter of each scalar kind.
_SCALAR_PARSERS = {
    Kind.STRING: "string",
    Kind.INTEGER: "integer",
    Kind.LONG: "integer",
    Kind.FLOAT: "number",
    Kind.DOUBLE: "number",
    Kind.BOOLEAN: "boolean",
    Kind.TIMESTAMP: "timestamp",
    Kind.BLOB: "blob",
    Kind.DOCUMENT: "document",
}
# What from_dict says it expected, for a required member missing: the runtime converters' words
# (tests/test_from_dict.py holds them to it).
_EXPECTED = {
    Kind.STRUCTURE: "a mapping",
    Kind.UNION: "a mapping",
    Kind.MAP: "a mapping",
    Kind.LIST: "a list",
    Kind.STRING: "a string",
    Kind.INTEGER: "an integer",
    Kind.LONG: "an integer",
    Kind.FLOAT: "a number (int or float)",
    Kind.DOUBLE: "a number (int or float)",
    Kind.BOOLEAN: "a boolean",
    Kind.TIMESTAMP: "a timestamp (a datetime, an ISO 8601 string or epoch seconds)",
    Kind.BLOB: "bytes or a base64 string",
    Kind.DOCUMENT: "a document value (None, str, int, float, bool, list or dict)",
}


# A check that lets through what the converter of the kind returns unchanged (a subset of it).
_INLINE = {
    Kind.STRING: "isinstance({0}, str)",
    Kind.INTEGER: "type({0}) is int",
    Kind.LONG: "type({0}) is int",
    Kind.FLOAT: "type({0}) is float",
    Kind.DOUBLE: "type({0}) is float",
    Kind.BOOLEAN: "isinstance({0}, bool)",
}


def expected(shape: Shape) -> str:
    """What from_dict's FromDictError says a value of `shape` must be."""
    if shape.event_stream:
        return "an event stream (a list of events, or botocore's EventStream)"
    return _EXPECTED[shape.kind]


def parse(service: Service, shape: Shape, expr: str, uses: set[str], depth: int = 0) -> str:
    """An expression giving `expr` (either form of a value of `shape`) in the dataclass's
    form, or raising FromDictError; adds the runtime converters it calls to `uses`."""
    kind = shape.kind
    if kind.is_structured:
        return f"{shape.class_name}.from_dict({expr})"
    if shape.is_enum:
        uses.add("enum")
        return f"_enum({shape.class_name}, {expr})"
    if kind is Kind.LIST:
        assert shape.member is not None
        item = service.target(shape.member)
        if item.kind is Kind.STRING and not item.is_enum:
            uses.add("strings")
            return f"_strings({expr})"
        uses.add("list_of")
        return f"_list_of({parser(service, item, uses, depth)}, {expr})"
    if kind is Kind.MAP:
        assert shape.key is not None and shape.value is not None
        key = parser(service, service.target(shape.key), uses, depth)
        uses.add("map_of")
        return f"_map_of({key}, {parser(service, service.target(shape.value), uses, depth)}, {expr})"
    uses.add(_SCALAR_PARSERS[kind])
    call = f"_{_SCALAR_PARSERS[kind]}({expr})"
    if kind in _INLINE and expr.isidentifier():
        # the common case checked in line, the converter (which raises) for the rest: a call
        # per member would cost more than the check
        return f"{expr} if {_INLINE[kind].format(expr)} else {call}"
    return call


def parser(service: Service, shape: Shape, uses: set[str], depth: int) -> str:
    """A callable of one value doing what parse() does: a name where one exists, else a lambda."""
    if shape.kind.is_structured:
        return f"{shape.class_name}.from_dict"
    if shape.kind in _SCALAR_PARSERS and not shape.is_enum:
        uses.add(_SCALAR_PARSERS[shape.kind])
        return f"_{_SCALAR_PARSERS[shape.kind]}"
    x = f"x{depth}"
    return f"lambda {x}: {parse(service, shape, x, uses, depth + 1)}"
