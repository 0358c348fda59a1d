"""Command-line values to API parameters, as the AWS CLI v2 turns them (service independent).

Order of work for one option value: ``file://`` / ``fileb://`` loading, then the shorthand
syntax (structures, maps and lists of them) or JSON, then scalar conversion by the model.
Then ``--cli-input-json`` / ``--cli-input-yaml`` are read and merged under the explicit options,
and, before a call, string blobs are base64-decoded (v2's default ``--cli-binary-format``).
Every error class carries the exit code and report code of the AWS CLI v2 error handler that
would print it. Only the standard library is imported; ``json``, ``yaml`` and ``locale`` load
when a value needs them.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from .cli import Command, Option, Shape

PARAM_VALIDATION_RC = 252
CONFIGURATION_RC = 253
CLIENT_ERROR_RC = 254
GENERAL_RC = 255

_SCALARS = frozenset(
    {"string", "integer", "long", "float", "double", "boolean", "timestamp", "blob"}
)
_STRUCTURES = frozenset({"structure", "union", "document"})
# Argument lists of structures with one member that some services accept as plain words
# (`--instances id-1 id-2`); the AWS CLI keeps these for backwards compatibility. Keyed by
# the hyphenated service id, the command and the option.
_LIST_OF_WORDS_CASES = frozenset(
    {
        ("firehose", "put-record-batch", "--records"),
        ("workspaces", "reboot-workspaces", "--reboot-workspace-requests"),
        ("workspaces", "rebuild-workspaces", "--rebuild-workspace-requests"),
        ("workspaces", "terminate-workspaces", "--terminate-workspace-requests"),
        ("elastic-load-balancing", "remove-tags", "--tags"),
        ("elastic-load-balancing", "describe-instance-health", "--instances"),
        ("elastic-load-balancing", "deregister-instances-from-load-balancer", "--instances"),
        ("elastic-load-balancing", "register-instances-with-load-balancer", "--instances"),
    }
)


class CliError(Exception):
    """An error reported in AWS CLI v2's format; `code` None means no "An error occurred"."""

    rc = GENERAL_RC
    code: str | None = None


class ParamError(CliError):
    """A value that cannot be read (bad JSON, shorthand, missing file), as "--name" says."""

    rc = PARAM_VALIDATION_RC
    code = "ParamValidation"

    def __init__(self, cli_name: str, message: str) -> None:
        super().__init__(f"Error parsing parameter '{cli_name}': {message}")


class ParamSyntaxError(CliError):
    rc = PARAM_VALIDATION_RC
    code = "ParamValidation"


class ParamFileError(Exception):
    """A file:// or fileb:// value that cannot be read; the caller names the option."""


# -- file:// and fileb:// --------------------------------------------------------------------


def load_paramfile(value: object) -> str | bytes | None:
    """The content a file:// (text) or fileb:// (bytes) value names, or None for other values.

    `~` and `$VARS` in the path are expanded; text is read in the locale's encoding."""
    if not isinstance(value, str):
        return None
    for prefix, binary in (("file://", False), ("fileb://", True)):
        if value.startswith(prefix):
            return _read_file(value, prefix, binary)
    return None


def _read_file(value: str, prefix: str, binary: bool) -> str | bytes:
    path = os.path.expandvars(os.path.expanduser(value[len(prefix) :]))
    try:
        if binary:
            with open(path, "rb") as fb:
                return fb.read()
        import locale

        with open(path, encoding=locale.getpreferredencoding()) as ft:
            return ft.read()
    except UnicodeDecodeError:
        raise ParamFileError(
            f"Unable to load paramfile ({path}), text contents could not be decoded.  If this "
            "is a binary file, please use the fileb:// prefix instead of the file:// prefix."
        ) from None
    except OSError as exc:
        raise ParamFileError(f"Unable to load paramfile {value}: {exc}") from None


def paramfile_for(cli_name: str, value: Any) -> Any:
    """An option's value with a file:// / fileb:// reference replaced by the file's content.

    A list of one element is checked too, and is then replaced by the content itself."""
    check = value[0] if isinstance(value, list) and len(value) == 1 else value
    try:
        loaded = load_paramfile(check)
    except ParamFileError as exc:
        raise ParamError(cli_name, str(exc)) from None
    return value if loaded is None else loaded


# -- one option ------------------------------------------------------------------------------


def unpack(
    service_id: str, command: Command, option: Option, value: Any, shapes: Mapping[str, Shape]
) -> Any:
    """The API value of one option's command-line value (after argparse)."""
    value = paramfile_for(option.name, value)
    shape = shapes[option.target]
    if _takes_shorthand(shape, shapes, value):
        return _parse_shorthand(service_id, command, option, shape, shapes, value)
    return _unpack_value(option.json_value, shape, shapes, value, option.name)


def _takes_shorthand(shape: Shape, shapes: Mapping[str, Shape], value: Any) -> bool:
    check = value[0] if value and isinstance(value, list) else value
    if isinstance(check, str) and check.strip().startswith(("[", "{")):
        return False  # looks like JSON
    if _holds_documents(shape, shapes):
        return False
    if shape.kind == "list":
        return shapes[shape.member].kind in _STRUCTURES | {"list", "map"}
    return shape.kind in _STRUCTURES | {"map"}


def _holds_documents(shape: Shape, shapes: Mapping[str, Shape]) -> bool:
    if shape.kind == "document":
        return True
    if shape.kind == "list":
        return _holds_documents(shapes[shape.member], shapes)
    if shape.kind == "map":
        return _holds_documents(shapes[shape.value], shapes)
    return False


def _parse_shorthand(
    service_id: str,
    command: Command,
    option: Option,
    shape: Shape,
    shapes: Mapping[str, Shape],
    value: Any,
) -> Any:
    from . import cli_shorthand as shorthand

    special = _special_shorthand(service_id, command, option, shape, shapes, value)
    if special is not None:
        return special
    try:
        if isinstance(value, list):
            parsed: Any = [shorthand.parse(v, _shorthand_file) for v in value]
        else:
            parsed = shorthand.parse(value, _shorthand_file)
        _BackCompat(shapes).visit(parsed, shape)
    except shorthand.ShorthandParseError as exc:
        raise ParamError(option.name, str(exc)) from None
    return parsed


def _shorthand_file(value: str) -> Any:
    try:
        return load_paramfile(value)
    except ParamFileError as exc:  # not an option-level error in the AWS CLI: reported bare
        raise RuntimeError(str(exc)) from None


def _special_shorthand(
    service_id: str,
    command: Command,
    option: Option,
    shape: Shape,
    shapes: Mapping[str, Shape],
    value: Any,
) -> Any:
    """The AWS CLI's two older forms: plain words for a few lists of one-member structures,
    and a bare word for a structure whose only member is a string named Value."""
    if shape.kind == "list":
        element = shapes[shape.member]
        if (
            element.kind == "structure"
            and len(element.members) == 1
            and (service_id, command.cli_name, option.name) in _LIST_OF_WORDS_CASES
        ):
            return [{element.members[0][0]: v} for v in value]
    if (
        shape.kind == "structure"
        and len(shape.members) == 1
        and shape.members[0][0] == "Value"
        and shapes[shape.members[0][1]].kind == "string"
        and "=" not in value
    ):
        return {"Value": value}
    return None


class _BackCompat:
    """Adjust parsed shorthand to the model: a single value where a list belongs becomes a
    one-element list, numbers and booleans are converted, document members are refused."""

    def __init__(self, shapes: Mapping[str, Shape]) -> None:
        self.shapes = shapes

    def visit(self, value: Any, shape: Shape) -> None:
        self._visit({}, shape, "", value)

    def _visit(self, parent: Any, shape: Shape, name: Any, value: Any) -> None:
        if shape.kind in _STRUCTURES:
            self._structure(shape, value)
        elif shape.kind == "list":
            self._list(parent, shape, name, value)
        elif shape.kind == "map":
            if isinstance(value, dict):
                for key, item in value.items():
                    self._visit(value, self.shapes[shape.value], key, item)
        else:
            self._scalar(parent, shape, name, value)

    def _structure(self, shape: Shape, value: Any) -> None:
        if value is not None and shape.kind == "document":
            raise _DocumentFound()
        if not isinstance(value, dict):
            return
        for member, target in shape.members:
            try:
                self._visit(value, self.shapes[target], member, value.get(member))
            except _DocumentFound:
                from .cli_shorthand import ShorthandParseError

                raise ShorthandParseError(
                    "Shorthand syntax does not support document types. Use JSON input for "
                    f"top-level argument to specify nested parameter: {member}"
                ) from None

    def _list(self, parent: Any, shape: Shape, name: Any, value: Any) -> None:
        if not isinstance(value, list):
            if value is not None:
                parent[name] = [value]
            return
        for index, item in enumerate(value):
            self._visit(value, self.shapes[shape.member], index, item)

    @staticmethod
    def _scalar(parent: Any, shape: Shape, name: Any, value: Any) -> None:
        if value is None:
            return
        if shape.kind in ("integer", "long"):
            parent[name] = int(value)
        elif shape.kind in ("float", "double"):
            parent[name] = float(value)
        elif shape.kind == "boolean":
            if value.lower() == "true":  # anything else stays as typed (and fails validation)
                parent[name] = True
            elif value.lower() == "false":
                parent[name] = False


class _DocumentFound(Exception):
    pass


def _unpack_value(
    json_value: bool, shape: Shape, shapes: Mapping[str, Shape], value: Any, cli_name: str
) -> Any:
    if json_value or shape.kind == "document":
        return _json_value(value, cli_name)
    if shape.kind in _SCALARS:
        return _scalar(shape, value, cli_name)
    if shape.kind in ("structure", "union", "map"):
        if value.lstrip()[0] == "{":
            return _json_value(value, cli_name)
        raise ParamError(cli_name, f"Invalid JSON:\n{value}")
    if shape.kind == "list":
        return _list_value(shape, shapes, value, cli_name)
    return str(value)


def _list_value(shape: Shape, shapes: Mapping[str, Shape], value: Any, cli_name: str) -> Any:
    if isinstance(value, str):
        if value.lstrip()[0] == "[":
            return _json_value(value, cli_name)
    elif isinstance(value, list) and len(value) == 1:
        single = value[0].strip()
        if single and single[0] == "[":
            return _json_value(value[0], cli_name)
    element = shapes[shape.member]
    try:
        # Words (`--ids a b`) or one JSON document per element (`--tags '{...}' '{...}'`).
        return [_unpack_value(False, element, shapes, v, cli_name) for v in value]
    except (ValueError, TypeError):
        raise ParamError(cli_name, value[0]) from None


def _scalar(shape: Shape, value: Any, cli_name: str) -> Any:
    if shape.kind in ("integer", "long"):
        return int(value)
    if shape.kind in ("float", "double"):
        return float(value)
    if shape.kind == "blob" and shape.streaming:
        path = os.path.expanduser(os.path.expandvars(value))
        if not os.path.isfile(path):
            raise ParamError(cli_name, "Blob values must be a path to a file.")
        with open(path, "rb") as stream:
            return stream.read()
    if shape.kind == "boolean":
        if isinstance(value, str) and value.lower() == "false":
            return False
        return bool(value)
    return value


def _json_value(value: Any, cli_name: str) -> Any:
    import json

    try:
        return json.loads(value)
    except ValueError as exc:
        raise ParamError(cli_name, f"Invalid JSON: {exc}\nJSON received: {value}") from None


# -- --cli-input-json / --cli-input-yaml -----------------------------------------------------


def load_cli_input(flavour: str, text: str | bytes) -> dict[str, Any]:
    """The top-level object of a --cli-input-json / --cli-input-yaml document."""
    name = f"cli-input-{flavour}"
    data: Any
    if flavour == "json":
        import json

        try:
            data = json.loads(text)
        except ValueError:
            raise ParamError(name, "Invalid JSON received.") from None
    else:
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            raise ParamError(name, "Invalid YAML received.") from None
    if not isinstance(data, dict):
        raise ParamError(f"--{name}", f"Invalid type: expecting map, received {type(data)}")
    return data


def merge_cli_input(params: dict[str, Any], data: Mapping[str, Any]) -> None:
    """Top-level keys of the document, except those an explicit option already set (whole)."""
    for key, value in data.items():
        if key not in params:
            params[key] = value


# -- before a call ---------------------------------------------------------------------------


def decode_blobs(params: Any, shape: Shape, shapes: Mapping[str, Shape]) -> None:
    """Base64-decode every string blob in place (v2's ``--cli-binary-format base64``)."""
    if shape.kind in _STRUCTURES:
        if isinstance(params, dict):
            for member, target in shape.members:
                if member in params:
                    params[member] = _decoded(params[member], shapes[target], shapes)
    elif shape.kind == "list":
        if isinstance(params, list):
            for index, item in enumerate(params):
                params[index] = _decoded(item, shapes[shape.member], shapes)
    elif shape.kind == "map" and isinstance(params, dict):
        for key, item in params.items():
            params[key] = _decoded(item, shapes[shape.value], shapes)


def _decoded(value: Any, shape: Shape, shapes: Mapping[str, Shape]) -> Any:
    if shape.kind == "blob":
        if not isinstance(value, str):
            return value
        import base64
        import binascii

        try:
            return base64.b64decode(value)
        except (binascii.Error, TypeError):
            raise CliError(f'Invalid base64: "{value}"') from None
    decode_blobs(value, shape, shapes)
    return value


def fill_idempotency_tokens(params: dict[str, Any], command: Command) -> None:
    """A fresh UUID for every idempotency token left out, as botocore adds before validating."""
    for member in command.idempotency_tokens:
        if member not in params:
            import uuid

            params[member] = str(uuid.uuid4())
