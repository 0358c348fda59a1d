"""The generated request validators inside a live botocore client (``install_validation``).

Service independent: a service package's ``install_validation(client)`` passes its service
name, API version and request validators by operation name. The hook runs on the client's
``before-parameter-build`` event, registered last, so it sees exactly the parameters that
botocore's own ParamValidator will see after it (idempotency tokens and the other handlers'
changes included), and raises botocore's ``ParamValidationError`` with every issue at once,
in the text the generated CLI prints. The same event fires for ``generate_presigned_url``, so
presigned calls are checked too.

Importing this module imports nothing beyond the standard library; ``install`` imports
botocore (the client exists, so botocore is there).
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any, Protocol

    class Issue(Protocol):
        @property
        def message(self) -> str: ...

    Validator = Callable[[Any], Sequence[Issue]]
    Convert = Callable[[Any], Any]

FAILED = "Parameter validation failed:\n"
EVENT = "before-parameter-build"
_HOOK_ID = "botogen-request-validation"


def report(issues: Sequence[Issue]) -> str:
    """The lines botocore's ParamValidationError prints after "Parameter validation failed:",
    one message per issue in the validator's order (the generated CLI prints the same)."""
    return "\n".join(issue.message for issue in issues)


def service_model(client: object, service_name: str, api_version: str, purpose: str) -> Any:
    """The client's botocore ServiceModel, once it is known to be a client of this service and
    API version; otherwise a TypeError (not a client) or ValueError saying what it is."""
    model = getattr(getattr(client, "meta", None), "service_model", None)
    if model is None or not hasattr(model, "endpoint_prefix"):
        raise TypeError(
            f"{purpose} takes a botocore client (botocore.session.Session().create_client() or "
            f"boto3.client()), not {type(client).__name__}"
        )
    name, version = model.service_name, model.api_version
    if name != service_name:
        raise ValueError(
            f"{purpose}: these bindings are for {service_name} but the client is for {name} "
            f"(endpoint prefix {model.endpoint_prefix}); use the bindings generated for {name}"
        )
    if version != api_version:
        raise ValueError(
            f"{purpose}: these bindings are for {service_name} API version {api_version} but "
            f"the client's model is API version {version}; create the client with "
            f"api_version={api_version!r} or generate the bindings for {version}"
        )
    return model


def install(
    client: Any, service_name: str, api_version: str, validators: Mapping[str, Validator]
) -> None:
    """Check every call of `client` with `validators` before botocore builds the request.
    Installing twice is the same as once (the hook has a fixed unique id per service)."""
    model = service_model(client, service_name, api_version, "install_validation")
    # imported by name, as the CLI does: botocore ships no type information
    error = importlib.import_module("botocore.exceptions").ParamValidationError
    hook = Hook(validators, error)
    unique_id = f"{_HOOK_ID}.{model.service_name}"
    client.meta.events.register_last(EVENT, hook, unique_id=unique_id)


class Hook:
    """The handler: the operation's validator on the call's parameters; issues raise."""

    def __init__(
        self, validators: Mapping[str, Validator], error: Callable[..., Exception]
    ) -> None:
        self._validators = validators
        self._error = error
        self._converts: dict[str, Convert | None] = {}  # operation -> its client-form converter

    def __call__(self, params: Any, model: Any, **kwargs: Any) -> None:
        name = model.name
        validate = self._validators.get(name)
        if validate is None:
            return  # newer than these bindings: only botocore's own validation checks it
        if name in self._converts:
            convert = self._converts[name]
        else:
            convert = self._converts[name] = client_forms(model.input_shape)
        issues = validate(params if convert is None else _converted(convert, params))
        if issues:
            raise self._error(report=report(issues))


# -- botocore's parameter forms ------------------------------------------------------------
# The validators take the JSON form too, where a str blob is base64 and a str timestamp is
# ISO 8601. In a client call a str blob is raw text (botocore sends its UTF-8 bytes) and a
# str timestamp is anything botocore's parser reads ("2024-01-31", epoch digits): such
# values are put in the form botocore will send before they are checked.


def client_forms(shape: Any) -> Convert | None:
    """A converter of the parameters of input `shape` (a botocore Shape), or None when the
    shape reaches no blob or timestamp (the common case: the parameters are checked as given).
    Built once per operation; it walks only the members that lead to a blob or timestamp and
    copies a container only where it changes something in it."""
    if shape is None or not _reaches(shape, set()):
        return None
    parse = importlib.import_module("botocore.utils").parse_to_aware_datetime

    def timestamp(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return parse(value)
        except (TypeError, ValueError, AttributeError, OverflowError):
            return value  # botocore refuses it too; the validator says so

    return _compile(shape, timestamp, {})


def _blob(value: Any) -> Any:
    # botocore encodes strictly (a lone surrogate fails there); measured all the same here
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value


def _reaches(shape: Any, seen: set[str]) -> bool:
    """Whether a blob or timestamp is in `shape` or below it."""
    if shape.type_name in ("blob", "timestamp"):
        return True
    if shape.name in seen:
        return False
    seen.add(shape.name)
    return any(_reaches(child, seen) for child in _children(shape))


def _children(shape: Any) -> list[Any]:
    kind = shape.type_name
    if kind == "structure":
        return list(shape.members.values())
    if kind == "list":
        return [shape.member]
    if kind == "map":
        return [shape.value]  # keys are strings
    return []


def _compile(shape: Any, timestamp: Convert, table: dict[str, Convert]) -> Convert | None:
    """The converter of `shape`, None when nothing below it needs one. `table` holds the
    converters of container shapes built so far: a recursive shape's inner uses look theirs
    up when called, by which time it is built."""
    kind = shape.type_name
    if kind == "blob":
        return _blob
    if kind == "timestamp":
        return timestamp
    if not _reaches(shape, set()):
        return None
    name = shape.name
    if name in table:
        return lambda value: table[name](value)
    table[name] = _unbuilt
    if kind == "list":
        table[name] = _list_of(_compile(shape.member, timestamp, table) or _same)
    elif kind == "map":
        table[name] = _map_of(_compile(shape.value, timestamp, table) or _same)
    else:
        members = [(k, _compile(m, timestamp, table)) for k, m in shape.members.items()]
        table[name] = _structure_of([(k, c) for k, c in members if c is not None])
    return table[name]


def _unbuilt(value: Any) -> Any:
    raise AssertionError("a converter was called while being built")


def _same(value: Any) -> Any:
    return value


def _structure_of(members: list[tuple[str, Convert]]) -> Convert:
    def convert(value: Any) -> Any:
        if not isinstance(value, dict):
            return value  # a wrong type stays for the validator to report
        out = None
        for key, member in members:
            if key in value:
                new = member(value[key])
                if new is not value[key]:
                    if out is None:
                        out = dict(value)
                    out[key] = new
        return value if out is None else out

    return convert


def _list_of(item: Convert) -> Convert:
    def convert(value: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            return value
        new = [item(v) for v in value]
        return value if all(a is b for a, b in zip(new, value)) else new

    return convert


def _map_of(item: Convert) -> Convert:
    def convert(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        new = {k: item(v) for k, v in value.items()}
        return value if all(new[k] is v for k, v in value.items()) else new

    return convert


def _converted(convert: Convert, params: Any) -> Any:
    try:
        return convert(params)
    except RecursionError:
        return params  # the validator reports the depth itself
