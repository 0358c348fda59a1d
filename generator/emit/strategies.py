"""generated/<module>/strategies.py: Hypothesis strategies that respect every constraint."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import naming, regex
from ..ecma import pattern_forms
from ..escape import Code, ascii_word, literal
from ..inhabited import Draw, string_values
from ..ir import Kind, Member, Service, Shape
from ..patterns import bounded_repeats
from ..regex import charset
from ..regex.syntax import Chars
from ..render import render
from . import Artifact, python_header
from .pytypes import py_type, value_shape

# Default bounds where the model gives none: the JSON protocol's integer widths.
_INT_BOUNDS = {Kind.INTEGER: (-(2**31), 2**31 - 1), Kind.LONG: (-(2**63), 2**63 - 1)}
# Generated sizes above these add nothing but time; constraints above them are still honoured
# (the differential tests probe the exact bounds separately).
_SIZE_CAP = 64
_ITEMS_CAP = 8
# A minimum length past the regex draws' cap on a repeat (8): their lengths seldom reach it, so
# a shortest valid string joins them (a cheaper minimum is reached often enough without).
_WITNESS_LOW = 8


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


# A pattern that is one class repeated (`^[a-f0-9-]{36}$`, `[\\w:+=./-]*`): its full matches
# are exactly the strings of that class's characters with the repeat's lengths.
_CLASS_REPEAT = re.compile(r"\^?(\[(?:\\.|[^\]\\])+\])(\*|\+|\{(\d+)(,(\d*))?\})\$?")
_SURROGATES = ((0xD800, 0xDFFF),)  # no character of JSON text (generator/inhabited.py)
_LISTED = 256  # classes up to this many characters are drawn from the list of them
_RANGES = 16  # larger ones from their ranges, when they have no more than this many


def _class_text(ecma: str, lo: int, hi: int | None) -> str | None:
    """`st.text` over the class's characters, when the pattern is one class repeated: exact,
    and it reaches every length the bounds allow (a regex draw filtered by length almost never
    reaches a minimum of 36 or 600)."""
    found = _CLASS_REPEAT.fullmatch(ecma)
    alphabet = _alphabet(found.group(1)) if found else None
    if found is None or alphabet is None:
        return None
    _, op, low, comma, high = found.groups()
    if op in ("*", "+"):
        low, high = ("0" if op == "*" else "1"), ""
    elif not comma:
        high = low
    lo, his = max(lo, int(low)), [h for h in (hi, int(high) if high else None) if h is not None]
    top = min([*his, lo + _SIZE_CAP])
    return f"st.text(alphabet={alphabet}, min_size={lo}, max_size={top})" if lo <= top else None


def _alphabet(ecma_class: str) -> str | None:
    """A strategy for one character of an ECMA class (a from_regex draw per character would
    be some 30 times slower), or None when the class is too scattered for one."""
    try:
        node = regex.parse(ecma_class)
    except regex.UnsupportedPattern:
        return None
    if not isinstance(node, Chars):
        return None
    pairs = charset.complement(charset.union(charset.complement(node.set), _SURROGATES))
    if not pairs:
        return None
    if sum(b - a + 1 for a, b in pairs) <= _LISTED:
        return literal("".join(chr(c) for a, b in pairs for c in range(a, b + 1)))
    if len(pairs) > _RANGES:
        return None
    ranges = [f"st.characters(min_codepoint={a}, max_codepoint={b})" for a, b in pairs]
    return ranges[0] if len(ranges) == 1 else f"st.one_of({', '.join(ranges)})"


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
    hi = int(shape.max) if shape.max is not None else None
    if values.draw is Draw.FULL and (text := _class_text(str(forms.ecma), lo or 0, hi)):
        return text
    python = literal(bounded_repeats(forms.python, max(8, lo or 0)))
    draws = [f"st.from_regex({python}, fullmatch=True)"]
    if values.draw is not Draw.FULL:
        draws.append(f"st.from_regex({python}, fullmatch=False)")
    check = " and ".join(
        c for c in (f"len(s) >= {lo}" if lo else "", f"len(s) <= {hi}" if hi is not None else "")
        if c
    )
    if values.witness is not None and (values.draw is not Draw.FULL or (lo or 0) > _WITNESS_LOW):
        # SEARCH: the witness first, as before. FULL, EITHER: last, so that a minimum length
        # or a lookahead the pattern's draws rarely satisfy still leaves a value to keep.
        witness = f"st.just({literal(values.witness)})"
        draws.insert(0 if values.draw is Draw.SEARCH else len(draws), witness)
    expr = draws[0] if len(draws) == 1 else f"st.one_of({', '.join(draws)})"
    return expr + (f".filter(lambda s: {check})" if check else "")


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


_EVENTS_CAP = 3  # events drawn in a stream


def _set(service: Service, member: Member, drawn: str) -> str:
    """A member's draw when it must be set: a document's null is no value (botocore sends no
    member whose value is None, so the validators call it missing)."""
    if value_shape(service, member).kind is Kind.DOCUMENT:
        return f"{drawn}.filter(lambda v: v is not None)"
    return drawn


def _structure(service: Service, shape: Shape) -> str:
    def member_expr(member: Member, target: Shape) -> str:
        json_header = value_shape(service, member).kind is Kind.DOCUMENT
        drawn = "_DOCUMENTS" if json_header else _var(target)
        if target.event_stream:  # a stream of events, in its JSON form: a list
            drawn = f"st.lists({drawn}, max_size={_EVENTS_CAP})"
        if member.host_label and target.kind is Kind.STRING and not target.min:
            # A host label must not be empty, whatever its shape says (validators and schemas
            # give it a minimum length of 1, as botocore's endpoint code needs).
            drawn = f"{drawn}.filter(lambda s: len(s) >= 1)"
        if member.required_of_caller:
            return _set(service, member, drawn)
        return f"st.none() | {drawn}"

    cls = f"_m.{shape.class_name}"
    if shape.kind is Kind.UNION:
        options = [
            f"st.builds({cls}, {m.field_name}={_set(service, m, _var(service.target(m)))})"
            for m in shape.members
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
