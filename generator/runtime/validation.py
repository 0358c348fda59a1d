"""The validators' report helpers: what every generated validators module shares.

A service's validators.py holds the checks its shapes need and imports from here the issue
type, the message builders (botocore's ParamValidator wording, verbatim: generated messages
must equal botocore's) and the value checks that do not depend on the model (numbers,
timestamps, blobs, documents, JSON values). Names keep their leading underscore: they are the
generated modules' private helpers, not an API; `ValidationIssue` is the one public name, and
each validators module re-exports it.

`botogen compile` compiles this module's code into each service's extension (generator/
native.py): mypyc calls natively only within one build, and one compiled copy in the shared
runtime would tie every service's build to a single build. The compiled build defines its own
ValidationIssue (mypyc rejects the class `__dict__` lookup below, and compiles
`object.__setattr__` four times faster than its frozen dataclass's own `__init__`) and takes
the module's code from the COMPILED mark on.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

__all__ = [
    "ValidationIssue",
    "_STR_ONLY",
    "_text",
    "_type_issue",
    "_length_min",
    "_length_max",
    "_value_min",
    "_value_max",
    "_pattern_issue",
    "_enum_issue",
    "_missing",
    "_unknown",
    "_union_empty",
    "_union_many",
    "_report",
    "_strs_ok",
    "_int_ok",
    "_num_ok",
    "_num_check",
    "_ts_ok",
    "_blob_ok",
    "_blob_check",
    "_doc_ok",
    "_doc_check",
    "_live_stream",
    "_json_ok",
    "_json_check",
]


@dataclass(frozen=True, slots=True, init=False)
class ValidationIssue:
    """One problem: where (botocore's parameter name, e.g. layerDigests[0]) and what."""

    path: str
    message: str

    def __init__(self, path: str, message: str) -> None:
        # the slots' own setters: a third faster than the frozen dataclass's object.__setattr__
        _SET_PATH(self, path)
        _SET_MESSAGE(self, message)


_SET_PATH = ValidationIssue.__dict__["path"].__set__
_SET_MESSAGE = ValidationIssue.__dict__["message"].__set__

# COMPILED: the compiled build takes the module from this line on.

_STR_ONLY = frozenset((str,))
# ISO 8601 date-time as the schemas' pattern says (generator.ecma.TIMESTAMP_ECMA in Python's
# dialect; tests/test_validation_runtime.py checks that they agree).
_TIMESTAMP = re.compile(
    "^(?!0000)(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?\\Z"
)
_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
# The padded last quantum of canonical base64 (generator.ecma.BASE64_ECMA's tail, unused bits
# zero): _base64_length checks the rest with C-level string passes.
_BASE64_LAST = re.compile("(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)\\Z")
_DOC_SCALARS = (str, int, bool, float)
_DOC_TYPES = (
    "<class 'str'>, <class 'int'>, <class 'bool'>, <class 'float'>, <class 'list'>, <class 'dict'>"
)


def _text(value: object) -> str:
    """str(value) as botocore's messages show it, but never raising (huge ints, bad __str__)."""
    try:
        return f"{value}"
    except Exception:
        if isinstance(value, int):
            return f"<int of {value.bit_length()} bits>"
        return f"<{type(value).__name__} object>"


def _type_issue(path: str, value: object, valid: str) -> ValidationIssue:
    return ValidationIssue(
        path,
        f"Invalid type for parameter {path or 'input'}, value: {_text(value)}, "
        f"type: {_text(type(value))}, valid types: {valid}",
    )


def _length_min(path: str, length: int, low: int) -> ValidationIssue:
    return ValidationIssue(
        path, f"Invalid length for parameter {path}, value: {length}, valid min length: {low}"
    )


def _length_max(path: str, length: int, high: int) -> ValidationIssue:
    return ValidationIssue(
        path, f"Invalid length for parameter {path}, value: {length}, valid max length: {high}"
    )


def _value_min(path: str, value: object, low: object) -> ValidationIssue:
    return ValidationIssue(
        path, f"Invalid value for parameter {path}, value: {_text(value)}, valid min value: {low}"
    )


def _value_max(path: str, value: object, high: object) -> ValidationIssue:
    return ValidationIssue(
        path, f"Invalid value for parameter {path}, value: {_text(value)}, valid max value: {high}"
    )


def _pattern_issue(path: str, value: str, pattern: str) -> ValidationIssue:
    return ValidationIssue(
        path, f"Invalid value for parameter {path}, value: {value}, valid pattern: {pattern}"
    )


def _enum_issue(path: str, value: str, values: str) -> ValidationIssue:
    return ValidationIssue(
        path, f"Invalid value for parameter {path}, value: {value}, valid values: {values}"
    )


def _missing(prefix: str, where: str, name: str) -> ValidationIssue:
    return ValidationIssue(prefix + name, f'Missing required parameter in {where}: "{name}"')


def _unknown(prefix: str, where: str, key: object, valid: str) -> ValidationIssue:
    return ValidationIssue(
        prefix + _text(key),
        f'Unknown parameter in {where}: "{_text(key)}", must be one of: {valid}',
    )


def _union_empty(path: str, where: str, members: str) -> ValidationIssue:
    # botocore's wording, missing space included ("unionstructure")
    return ValidationIssue(
        path, f"Must set one of the following keys for tagged unionstructure {where}: {members}."
    )


def _union_many(path: str, where: str, members: str) -> ValidationIssue:
    return ValidationIssue(
        path,
        f"Invalid number of parameters set for tagged union structure {where}. "
        f"Can only set one of the following keys: {members}.",
    )


def _report(
    check: Callable[[object, str, list[ValidationIssue]], None], data: object
) -> list[ValidationIssue]:
    """The full report; an input too deep or too odd to finish ends it with one more issue."""
    issues: list[ValidationIssue] = []
    try:
        check(data, "", issues)
    except RecursionError:
        issues.append(ValidationIssue("", "Parameter validation stopped: input nested too deeply"))
    except Exception as exc:
        issues.append(
            ValidationIssue("", f"Parameter validation stopped: {type(exc).__name__} raised")
        )
    return issues


def _strs_ok(v: list[Any] | tuple[Any, ...], low: int, high: int | None) -> bool:
    """Every item a str of low..high characters, in C-level passes (the list fast path's
    method: join raises TypeError unless all are str; a total within `high` bounds each)."""
    try:
        n = len("".join(v))
    except TypeError:
        return False
    if not v or (not low and (high is None or n <= high)):
        return True
    sizes = {*map(len, v)}
    return min(sizes) >= low and (high is None or max(sizes) <= high)


def _int_ok(x: object) -> bool:
    """An int that is not a bool (botocore accepts bools; JSON does not)."""
    return isinstance(x, int) and not isinstance(x, bool)


def _num_ok(x: object, low: float | None, high: float | None) -> bool:
    if isinstance(x, bool) or not isinstance(x, (float, int, Decimal)):
        return False
    if isinstance(x, Decimal) and x.is_nan():
        return True  # like float NaN: no comparison fails (a Decimal NaN would raise instead)
    return not ((low is not None and x < low) or (high is not None and x > high))


def _num_check(
    x: object, path: str, low: float | None, high: float | None, issues: list[ValidationIssue]
) -> None:
    if isinstance(x, bool) or not isinstance(x, (float, int, Decimal)):
        issues.append(
            _type_issue(path, x, "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>")
        )
    elif not (isinstance(x, Decimal) and x.is_nan()):
        if low is not None and x < low:
            issues.append(_value_min(path, x, low))
        if high is not None and x > high:
            issues.append(_value_max(path, x, high))


def _ts_ok(x: object) -> bool:
    """A datetime, an ISO 8601 date-time string, or finite epoch seconds (not a bool)."""
    if isinstance(x, str):
        return _TIMESTAMP.match(x) is not None
    if isinstance(x, datetime):
        return True
    if isinstance(x, float):
        return math.isfinite(x)
    return isinstance(x, int) and not isinstance(x, bool)


def _blob_length(x: object) -> int:
    """Decoded length; -1: file-like (not measured), -2: str but not canonical base64, -3: type."""
    if isinstance(x, (bytes, bytearray)):
        return len(x)
    if isinstance(x, str):
        return _base64_length(x)
    return -1 if hasattr(x, "read") else -3


def _base64_length(x: str) -> int:
    """Decoded length of canonical base64 (the schema's pattern), else -2. C-level passes over
    the text (a regex over a 20 MiB part takes seconds): deleting the alphabet must leave just
    the padding; a padded last quantum must have its unused bits zero."""
    n = len(x)
    if n % 4 or not x.isascii():
        return -2
    pad = 2 if x.endswith("==") else 1 if x.endswith("=") else 0
    if x.encode("ascii").translate(None, _BASE64_ALPHABET) != b"=" * pad:
        return -2
    if pad and _BASE64_LAST.match(x, n - 4) is None:
        return -2
    return n // 4 * 3 - pad


def _blob_ok(x: object, low: int | None, high: int | None) -> bool:
    n = _blob_length(x)
    if n < 0:
        return n == -1
    return (low is None or n >= low) and (high is None or n <= high)


def _blob_check(
    x: object, path: str, low: int | None, high: int | None, issues: list[ValidationIssue]
) -> None:
    n = _blob_length(x)
    if n == -3:
        issues.append(
            _type_issue(path, x, "<class 'bytes'>, <class 'bytearray'>, file-like object")
        )
    elif n == -2:
        issues.append(
            ValidationIssue(
                path,
                f"Invalid value for parameter {path}, value: {_text(x)}, "
                "valid value: canonical base64 string",
            )
        )
    elif n >= 0:
        if low is not None and n < low:
            issues.append(_length_min(path, n, low))
        if high is not None and n > high:
            issues.append(_length_max(path, n, high))


def _doc_ok(x: object) -> bool:
    """A document holds None, str, int, bool, float, list and dict only (botocore's rule)."""
    stack = [x]
    seen: set[int] = set()  # containers already walked (also ends cycles)
    while stack:
        item = stack.pop()
        if item is None or isinstance(item, _DOC_SCALARS):
            continue
        if not isinstance(item, (dict, list)) or id(item) in seen:
            return False
        seen.add(id(item))
        stack.extend(item.values() if isinstance(item, dict) else item)
    return True


def _doc_check(x: object, path: str, issues: list[ValidationIssue]) -> None:
    """Report in botocore's order; botocore names a dict member by its bare key, so messages do
    too, while `path` stays the full path."""
    stack: list[tuple[object, str, str, tuple[int, ...]]] = [(x, path, path, ())]
    while stack:
        item, where, name, parents = stack.pop()
        if item is None or isinstance(item, _DOC_SCALARS):
            continue
        if isinstance(item, (dict, list)) and id(item) in parents:
            issues.append(
                ValidationIssue(
                    where, f"Invalid document parameter {_bname(name)}: it contains itself"
                )
            )
            continue
        inner = parents + (id(item),)
        if isinstance(item, dict):
            children = [(v, f"{where}.{_text(k)}", _text(k), inner) for k, v in item.items()]
        elif isinstance(item, list):
            children = [(v, f"{where}[{i}]", f"{name}[{i}]", inner) for i, v in enumerate(item)]
        else:
            issues.append(
                ValidationIssue(
                    where,
                    f"Invalid type for document parameter {_bname(name)}, value: {_text(item)}, "
                    f"type: {_text(type(item))}, valid types: {_DOC_TYPES}",
                )
            )
            continue
        stack.extend(reversed(children))


def _bname(name: str) -> str:
    """botocore's display name: "input" for none, a leading dot dropped."""
    return "input" if not name else name[1:] if name.startswith(".") else name


def _live_stream(x: object) -> bool:
    """An event stream not in its JSON form (a list): botocore's EventStream, or another
    iterable of events, which only its reader consumes. It is not checked."""
    return hasattr(x, "__iter__") and not isinstance(x, (str, bytes, bytearray, dict))


def _json_ok(x: object) -> bool:
    try:
        json.dumps(x)
    except (ValueError, TypeError, RecursionError):
        return False
    return True


def _json_check(x: object, path: str, issues: list[ValidationIssue]) -> None:
    try:
        json.dumps(x)
    except (ValueError, TypeError, RecursionError) as exc:
        issues.append(
            ValidationIssue(path, f"Invalid parameter {path} must be json serializable: {exc}")
        )
