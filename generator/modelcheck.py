"""Refuse, in one line each, the model values no emitter can carry faithfully: names that must
be identifiers or file names, and constraints that are not numbers or contradict each other.

Model *text* (docs, member names, enum values, patterns) needs no check here: it reaches the
output only through generator/escape.py. What is checked is what the IR would otherwise turn
into wrong code or wrong paths: a shape or operation name outside Smithy's identifier grammar
(they name classes, functions, schema definitions and skeleton files), a bound that is a
string, a bool, infinite or fractional where a length is meant, `min > max`.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .errors import GenerationError

# Smithy's identifier grammar: what every botocore model's shape and operation names follow.
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LENGTH_KINDS = frozenset({"string", "list", "map", "blob"})
_INTEGRAL_KINDS = frozenset({"integer", "long"})
# Smithy's length trait bounds are Java longs in principle; a length past this cannot be
# generated, sent or stored by anyone, so it is a broken model rather than a constraint.
_MAX_LENGTH = 2**31 - 1


def check_names(model: dict[str, Any]) -> None:
    for name in model["shapes"]:
        _identifier(name, "shape")
    for name in model["operations"]:
        _identifier(name, "operation")


def _identifier(name: str, what: str) -> None:
    if not _IDENTIFIER.fullmatch(name) or len(name) > 256:
        raise GenerationError(
            f"{what} name {name!r:.80} is not an identifier (letters, digits and '_', not "
            "starting with a digit, at most 256 characters)"
        )


def check_constraints(name: str, spec: dict[str, Any]) -> None:
    """The shape's min/max/pattern/enum have the types and order the emitters rely on."""
    kind = spec.get("type")
    bounds = {key: spec[key] for key in ("min", "max") if spec.get(key) is not None}
    for key, value in bounds.items():
        _bound(name, kind, key, value)
    if len(bounds) == 2 and bounds["min"] > bounds["max"]:
        raise GenerationError(f"shape {name!r}: min {bounds['min']} is greater than max "
                              f"{bounds['max']}")
    pattern = spec.get("pattern")
    if pattern is not None and not isinstance(pattern, str):
        raise GenerationError(f"shape {name!r}: pattern is not a string")
    enum = spec.get("enum")
    if enum is not None and not (isinstance(enum, list)
                                 and all(isinstance(v, str) for v in enum)):
        raise GenerationError(f"shape {name!r}: enum is not a list of strings")


def _bound(name: str, kind: object, key: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise GenerationError(f"shape {name!r}: {key} {value!r:.40} is not a number")
    if not math.isfinite(value):
        raise GenerationError(f"shape {name!r}: {key} {value!r} is not a finite number")
    if kind in _LENGTH_KINDS or kind in _INTEGRAL_KINDS:
        if value != int(value):
            raise GenerationError(f"shape {name!r}: {key} {value!r} of a {kind} is not a "
                                  "whole number")
    if kind in _LENGTH_KINDS and not 0 <= value <= _MAX_LENGTH:
        raise GenerationError(f"shape {name!r}: {key} length {value!r} is outside 0 to "
                              f"{_MAX_LENGTH}")
