"""generated/<module>/strategies.py: Hypothesis strategies that respect every constraint."""

from __future__ import annotations

from dataclasses import dataclass

from .. import naming
from ..ecma import pattern_forms
from ..escape import Code, ascii_word, literal
from ..inhabited import Draw, string_values
from ..ir import Kind, Member, Service, Shape
from ..patterns import bounded_repeats
from ..render import render
from . import Artifact, python_header
from .pytypes import py_type, value_shape

# Default bounds where the model gives none: the JSON protocol's integer widths.
_INT_BOUNDS = {Kind.INTEGER: (-(2**31), 2**31 - 1), Kind.LONG: (-(2**63), 2**63 - 1)}
# Generated sizes above these add nothing but time; constraints above them are still honoured
# (the differential tests probe the exact bounds separately).
_SIZE_CAP = 64
_ITEMS_CAP = 8


@dataclass(frozen=True)
class StrategyView:
    var: str
    annotation: str
    expr: str
    shape: str


@dataclass(frozen=True)
class OperationView:
    function: str
    var: str
    annotation: str


def _var(shape: Shape) -> str:
    return "_s_" + ascii_word(shape.name)


def _bounds(shape: Shape, cap: int = _SIZE_CAP) -> str:
    lo = int(shape.min) if shape.min is not None else 0
    parts = [f"min_size={lo}"]
    hi = int(shape.max) if shape.max is not None else None
    hi = min(hi, lo + cap) if hi is not None else lo + cap
    if hi is not None:
        parts.append(f"max_size={hi}")
    return ", ".join(parts)


def _string(shape: Shape) -> str:
    if shape.is_enum:
        return f"st.sampled_from(list(_m.{shape.class_name}))"
    forms = pattern_forms(shape.pattern) if shape.pattern is not None else None
    if forms is None or not forms.enforced or forms.python is None:
        # No pattern, or one that is not enforced (docs/validation.md): the validators and
        # schemas do not check it, so any text within bounds is valid.
        return f"st.text({_bounds(shape)})"
    values = string_values(shape)
    if values.draw is Draw.EMPTY:
        return "st.nothing()"  # no string satisfies the model: see generator/inhabited.py
    lo = int(shape.min) if shape.min is not None else None
    python = literal(bounded_repeats(forms.python, max(8, lo or 0)))
    draws = [f"st.from_regex({python}, fullmatch=True)"]
    if values.draw is not Draw.FULL:
        draws.append(f"st.from_regex({python}, fullmatch=False)")
    if values.witness is not None:
        draws.insert(0, f"st.just({literal(values.witness)})")
    expr = draws[0] if len(draws) == 1 else f"st.one_of({', '.join(draws)})"
    hi = int(shape.max) if shape.max is not None else None
    if lo is not None or hi is not None:
        check = " and ".join(
            c for c in (f"len(s) >= {lo}" if lo else "", f"len(s) <= {hi}" if hi is not None else "")
            if c
        )
        if check:
            expr += f".filter(lambda s: {check})"
    return expr


def _number(shape: Shape) -> str:
    if shape.kind.is_integral:
        lo, hi = _INT_BOUNDS[shape.kind]
        lo = int(shape.min) if shape.min is not None else lo
        hi = int(shape.max) if shape.max is not None else hi
        return f"st.integers(min_value={lo}, max_value={hi})"
    bounds = "".join(
        f", {k}_value={v!r}" for k, v in (("min", shape.min), ("max", shape.max)) if v is not None
    )
    return f"st.floats(allow_nan=False, allow_infinity=False{bounds})"


def _structure(service: Service, shape: Shape) -> str:
    def member_expr(member: Member, target: Shape) -> str:
        json_header = value_shape(service, member).kind is Kind.DOCUMENT
        drawn = "_DOCUMENTS" if json_header else _var(target)
        if member.host_label and target.kind is Kind.STRING and not target.min:
            # A host label must not be empty, whatever its shape says (validators and schemas
            # give it a minimum length of 1, as botocore's endpoint code needs).
            drawn = f"{drawn}.filter(lambda s: len(s) >= 1)"
        return drawn if member.required_of_caller else f"st.none() | {drawn}"

    cls = f"_m.{shape.class_name}"
    if shape.kind is Kind.UNION:
        options = [
            f"st.builds({cls}, {m.field_name}={_var(service.target(m))})" for m in shape.members
        ]
        return f"st.one_of({', '.join(options)})" if options else f"st.builds({cls})"
    args = ", ".join(
        f"{m.field_name}={member_expr(m, service.target(m))}"
        for m in shape.members
    )
    return f"st.builds({cls}{', ' if args else ''}{args})"


def strategy_expr(service: Service, shape: Shape) -> str:
    kind = shape.kind
    if kind.is_structured:
        return _structure(service, shape)
    if kind is Kind.LIST:
        assert shape.member is not None
        return f"st.lists({_var(service.target(shape.member))}, {_bounds(shape, _ITEMS_CAP)})"
    if kind is Kind.MAP:
        assert shape.key is not None and shape.value is not None
        key, value = _var(service.target(shape.key)), _var(service.target(shape.value))
        return f"st.dictionaries({key}, {value}, {_bounds(shape, _ITEMS_CAP)})"
    if kind is Kind.STRING:
        return _string(shape)
    if kind in (Kind.INTEGER, Kind.LONG, Kind.FLOAT, Kind.DOUBLE):
        return _number(shape)
    if kind is Kind.BOOLEAN:
        return "st.booleans()"
    if kind is Kind.TIMESTAMP:
        return "_TIMESTAMPS"
    if kind is Kind.BLOB:
        return f"st.binary({_bounds(shape)})"
    return "_DOCUMENTS"


def emit(service: Service) -> list[Artifact]:
    reached = service.reached()
    naming.check_unique("strategy", "the service", [(s.name, _var(s)) for s in reached])
    strategies = [
        StrategyView(_var(s), Code(py_type(service, s, "_m.")), Code(strategy_expr(service, s)),
                     s.name)
        for s in reached
    ]
    operations = []
    for op in service.operations:
        for role, shape_name in op.roles():
            if shape_name is not None:
                shape = service.shape(shape_name)
                operations.append(
                    OperationView(f"{op.snake_name}_{role}", _var(shape),
                                  Code(py_type(service, shape, "_m.")))
                )
    text = render(
        "strategies.py.j2",
        header=python_header(service),
        service=service,
        strategies=strategies,
        operations=operations,
        uses_timestamps=any(s.kind is Kind.TIMESTAMP for s in reached),
        uses_documents=any(s.kind is Kind.DOCUMENT for s in reached) or any(
            value_shape(service, m).kind is Kind.DOCUMENT for s in reached for m in s.members),
    )
    return [Artifact(f"generated/{service.module_name}/strategies.py", text, python=True)]
