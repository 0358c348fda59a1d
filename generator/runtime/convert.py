"""Value conversions of the generated dataclasses, and `FromDictError`, the one exception
`from_dict()` raises on a value that does not fit its shape (docs/design.md, "from_dict").

Service independent: models.py calls these for every member. A converter takes one value and
returns it in the dataclass's form, or raises FromDictError whose path is relative to that
value; containers (`list_of`, `map_of`, each class's from_dict) put their own segment in front
as the error leaves them, so valid input pays for nothing but the type checks. Nothing is
coerced: a value of the wrong type is refused, never converted.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timezone
from enum import StrEnum
from typing import Any, TypeVar

T = TypeVar("T")
K = TypeVar("K")
E = TypeVar("E", bound=StrEnum)

TIMESTAMP = "a timestamp (a datetime, an ISO 8601 string or epoch seconds)"
BLOB = "bytes or a base64 string"
DOCUMENT = "a document value (None, str, int, float, bool, list or dict)"
EVENTS = "an event stream (a list of events, or botocore's EventStream)"


class FromDictError(ValueError):
    """A value given to from_dict() does not fit its shape.

    `path` is where, in the validators' syntax (`failures[3].layerDigest`, `tags.key` for a map
    value, `tags (key: k)` for a map key), relative to the value given to from_dict(): `""` is
    that value itself. `expected` says what fits there and `got` what was found (a type name,
    or what is wrong with a value of the right type). The message is
    `<path>: expected <expected>, got <got>` (without `<path>: ` when the path is empty).
    """

    def __init__(self, expected: str, got: str, path: str = "") -> None:
        super().__init__()
        self.expected = expected
        self.got = got
        self._inner = path  # the part below the innermost container that reported it
        self._outer: list[str | int | tuple[str]] = []  # segments added on the way out, reversed

    def within(self, segment: str | int) -> None:
        """Put a member name or map key (str) or a list index (int) in front of the path."""
        self._outer.append(segment)

    def within_key(self, key: object) -> None:
        """Say that the map key `key` itself is at fault: `tags (key: k)`."""
        self._outer.append((text(key),))

    @property
    def path(self) -> str:
        out = ""
        for segment in reversed(self._outer):
            if isinstance(segment, int):
                out += f"[{segment}]"
            elif isinstance(segment, tuple):
                out += f" (key: {segment[0]})"
            else:
                out += f".{segment}" if out else segment
        inner = self._inner
        if out and inner and inner[0] not in "[ ":
            out += "."
        return out + inner

    def __str__(self) -> str:
        path = self.path
        return f"{path + ': ' if path else ''}expected {self.expected}, got {self.got}"

    def __repr__(self) -> str:
        return f"FromDictError({self.expected!r}, {self.got!r}, {self.path!r})"

    def __reduce__(self) -> tuple[type[FromDictError], tuple[str, str, str]]:
        return type(self), (self.expected, self.got, self.path)


def fields_repr(obj: object, names: tuple[str, ...]) -> str:
    """`Class(a=1, b=None)`, as a dataclass's own __repr__ prints it (the models define their
    dataclass methods in their source: a dataclass made at import costs ~1 ms a class, and
    ec2 has 2,382)."""
    shown = ", ".join(f"{name}={getattr(obj, name)!r}" for name in names)
    return f"{type(obj).__qualname__}({shown})"


def kind(value: object) -> str:
    """What was found, for messages: `None` or the type's name, never the value (it may be
    secret or huge)."""
    return "None" if value is None else type(value).__name__


def text(value: object) -> str:
    """str(value) for a path, never raising (a huge int, a broken __str__)."""
    try:
        return f"{value}"
    except Exception:
        return f"<{kind(value)} object>"


def wrong(expected: str, value: object) -> FromDictError:
    return FromDictError(expected, kind(value))


def missing(expected: str, present: bool) -> FromDictError:
    """A required member (input shapes only) that is absent, or given as None."""
    return FromDictError(f"{expected} (a required member)", "None" if present else "nothing")


def too_deep(segment: str | int) -> FromDictError:
    """Nesting past Python's recursion limit, met while converting `segment`: the path names
    the segments as far down as the stack left room to report."""
    error = FromDictError("a value nested less deeply", "nesting past Python's recursion limit")
    error.within(segment)
    return error


def union_many(data: Mapping[Any, Any], members: tuple[str, ...]) -> FromDictError:
    found = [m for m in members if data.get(m) is not None]
    return FromDictError("at most one member set (a union)", f"{len(found)}: {', '.join(found)}")


def string(value: object) -> str:
    if isinstance(value, str):
        return value
    raise wrong("a string", value)


def integer(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise wrong("an integer", value)


def number(value: object) -> float:
    """A float or an int, kept as given; NaN and infinities pass, as botocore parses them."""
    if isinstance(value, (float, int)) and not isinstance(value, bool):
        return value
    raise wrong("a number (int or float)", value)


def boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise wrong("a boolean", value)


_MEMBERS: dict[type[StrEnum], dict[str, Any]] = {}  # value -> member, per enum class


def enum(cls: type[E], value: object) -> E | str:
    """The enum member, or the string itself when the service sent a value we do not know."""
    if not isinstance(value, str):
        raise wrong("a string", value)
    members = _MEMBERS.get(cls)
    if members is None:  # looked up here, not by cls(value): that costs ten times as much
        members = _MEMBERS[cls] = {m.value: m for m in cls}
    found: E | str = members.get(value, value)
    return found


def timestamp(value: object) -> datetime:
    """A datetime from a datetime, an ISO 8601 string or epoch seconds (naive means UTC)."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise FromDictError(TIMESTAMP, "a str that is not ISO 8601") from None
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, timezone.utc)
        except (OverflowError, OSError, ValueError):  # NaN, infinite, outside years 1-9999
            got = "NaN" if value != value else f"{kind(value)} epoch seconds out of range"
            raise FromDictError(TIMESTAMP, got) from None
    else:
        raise wrong(TIMESTAMP, value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def timestamp_json(value: datetime) -> str:
    return value.isoformat()


def blob(value: object) -> bytes:
    """Bytes as botocore returns them, or a base64 string as in JSON documents."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except ValueError:  # binascii.Error, or a str that is not ASCII
            raise FromDictError(BLOB, "a str that is not base64") from None
    raise wrong(BLOB, value)


def blob_json(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


_DOC_SCALARS = (str, int, float)  # bool is an int


def document(value: object) -> Any:
    """A document as given, once every value in it is JSON's as Python holds it: None, str,
    int, float, bool, list, or dict with str keys (botocore's types; tuples and sets are not)."""
    if value is None or isinstance(value, _DOC_SCALARS):
        return value
    if not isinstance(value, (list, dict)):
        raise wrong(DOCUMENT, value)
    _walk_document(value)
    return value


def _entries(container: list[Any] | dict[Any, Any]) -> Iterator[tuple[Any, Any]]:
    return iter(container.items()) if isinstance(container, dict) else enumerate(container)


def _walk_document(root: list[Any] | dict[Any, Any]) -> None:
    """Depth first with a stack of its own, so any depth works. `path` holds the segments down
    to the container being read; a container met again while open is a cycle, one met after
    it was closed is a value shared by two members and is not read twice."""
    path: list[str | int] = []
    stack = [(root, _entries(root))]
    open_ids = {id(root)}
    closed: set[int] = set()
    while stack:
        container, entries = stack[-1]
        for segment, item in entries:
            if isinstance(container, dict) and not isinstance(segment, str):
                error = FromDictError("a string", kind(segment))
                error.within_key(segment)
                raise _under(error, path)
            if item is None or isinstance(item, _DOC_SCALARS):
                continue
            if not isinstance(item, (list, dict)):
                raise _under(wrong(DOCUMENT, item), [*path, segment])
            if id(item) in open_ids:
                error = FromDictError(
                    "a value that does not contain itself", "a container that does"
                )
                raise _under(error, [*path, segment])
            if id(item) not in closed:
                path.append(segment)
                open_ids.add(id(item))
                stack.append((item, _entries(item)))
                break
        else:
            stack.pop()
            open_ids.discard(id(container))
            closed.add(id(container))
            if path:
                path.pop()


def _under(error: FromDictError, path: list[str | int]) -> FromDictError:
    for segment in reversed(path):
        error.within(segment)
    return error


def list_of(item: Callable[[Any], T], value: object) -> list[T]:
    """A new list of item(x) for each x of a list or tuple."""
    if not isinstance(value, (list, tuple)):
        raise wrong("a list", value)
    out: list[T] = []
    append = out.append
    try:
        for x in value:  # a loop, not a comprehension: len(out) is the failing index
            append(item(x))
    except FromDictError as exc:
        exc.within(len(out))
        raise
    except RecursionError:
        raise too_deep(len(out)) from None
    return out


def events_of(item: Callable[[Any], T], value: object, name: str) -> list[T] | Iterator[T]:
    """An event stream, member `name` of its structure: from a list or tuple (its JSON form) a
    list of item(x); from any other iterable (botocore's EventStream, read as the service
    sends it) an iterator doing the same as it goes, whose FromDictError's path is the
    member's and the event's index (from_dict has returned by then)."""
    if isinstance(value, (list, tuple)):
        return list_of(item, value)
    if isinstance(value, (str, bytes, bytearray, Mapping)) or not hasattr(value, "__iter__"):
        raise wrong(EVENTS, value)
    return _events(item, value, name)


def _events(item: Callable[[Any], T], value: Any, name: str) -> Iterator[T]:
    for n, x in enumerate(value):
        try:
            yield item(x)
        except FromDictError as exc:
            exc.within(n)
            exc.within(name)
            raise


def strings(value: object) -> list[str]:
    """list_of(string, value), the common case at C speed: join fails unless all are str."""
    if isinstance(value, (list, tuple)):
        try:
            "".join(value)
        except TypeError:
            pass
        else:
            return list(value)
    return list_of(string, value)  # says which item, or that it is no list


def map_of(key: Callable[[Any], K], item: Callable[[Any], T], value: object) -> dict[K, T]:
    """A new dict of key(k): item(v) for each entry of a mapping."""
    if not isinstance(value, dict) and not isinstance(value, Mapping):
        raise wrong("a mapping", value)
    out: dict[K, T] = {}
    for k, v in value.items():
        try:
            converted = key(k)
        except FromDictError as exc:
            exc.within_key(k)
            raise
        try:
            out[converted] = item(v)
        except FromDictError as exc:
            exc.within(k)  # a str: key(k) took it
            raise
        except RecursionError:
            raise too_deep(k) from None
    return out
