"""Python type annotations and value conversions for shapes, shared by the Python emitters.

Conversions are emitted as expressions (straight-line code) in three directions:
`dict` (dataclass -> botocore parameters), `json` (dataclass -> JSON document: timestamps as
ISO 8601 strings, blobs as base64) and `parse` (either form -> dataclass)."""

from __future__ import annotations

from typing import Literal

from ..ir import Kind, Service, Shape

Mode = Literal["dict", "json", "parse"]

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


def convert(service: Service, shape: Shape, expr: str, mode: Mode, depth: int = 0) -> str:
    """An expression converting `expr` (a value of `shape`) in the given direction."""
    kind = shape.kind
    if kind.is_structured:
        if mode == "parse":
            return f"{shape.class_name}.from_dict({expr})"
        return f"{expr}.to_{mode}()"
    if shape.is_enum:
        return f"_enum({shape.class_name}, {expr})" if mode == "parse" else f"str({expr})"
    if kind is Kind.TIMESTAMP:
        return {"dict": expr, "json": f"_timestamp_json({expr})", "parse": f"_timestamp({expr})"}[
            mode
        ]
    if kind is Kind.BLOB:
        return {"dict": expr, "json": f"_blob_json({expr})", "parse": f"_blob({expr})"}[mode]
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
