"""The driver of the generated command line: AWS CLI v2's behaviour for one service.

Service independent: ``cli.py`` describes the commands, options and input shapes as data and
calls :func:`run`. The steps are the AWS CLI's: global options, the operation's options
(required ones relaxed by ``--cli-input-*`` / ``--generate-cli-skeleton``), values unpacked
in option order, ``--cli-input-*`` merged, then a skeleton is printed or the call is made.
Errors are printed in v2's enhanced format, ``\\naws: [ERROR]: An error occurred (<Code>):
<message>\\n``, with v2's exit codes (252 parameters, 253 configuration, 254 service error,
255 anything else). The program name printed is ``aws``, so that stderr is byte for byte the
AWS CLI's and tools that read it keep working.

Importing this module loads argparse and nothing heavy: printing a skeleton or rejecting bad
input never imports botocore, yaml or the generated models; a call imports botocore.
"""

from __future__ import annotations

import argparse
import os
import sys

from . import cli_params as params_
from .cli_params import CliError, ParamSyntaxError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any, NoReturn, Protocol

    class Issue(Protocol):
        @property
        def message(self) -> str: ...

    Validator = Callable[[Any], Sequence[Issue]]

PROG = "aws"
USAGE = (
    "aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n"
    "To see help text, you can run:\n\n"
    "  aws help\n"
    "  aws <command> help\n"
    "  aws <command> <subcommand> help\n"
)
SKELETON_CHOICES = ("input", "output", "yaml-input")
OUTPUT_CHOICES = ("json", "yaml")
BINARY_FORMATS = ("base64", "raw-in-base64-out")
# argparse value types of the AWS CLI: only long, float and double are converted by argparse
# (so their errors are usage errors); integers are converted later.
_ARG_TYPES: dict[str, Callable[[str], Any]] = {"long": int, "float": float, "double": float}


# -- the tables cli.py fills in --------------------------------------------------------------


class Shape:
    """An input shape, as much of it as value conversion needs."""

    __slots__ = ("kind", "members", "member", "value", "streaming")

    def __init__(
        self,
        kind: str,
        members: tuple[tuple[str, str], ...] = (),
        member: str = "",
        value: str = "",
        streaming: bool = False,
    ) -> None:
        self.kind = kind  # the model's type; "union" and "document" for those structures
        self.members = members  # (wire name, shape name), structures and unions
        self.member = member  # list element shape
        self.value = value  # map value shape
        self.streaming = streaming


class Option:
    """One operation option: ``--repository-name`` for the member ``repositoryName``."""

    __slots__ = ("name", "member", "target", "kind", "required", "json_value")

    def __init__(
        self,
        name: str,
        member: str,
        target: str,
        kind: str,
        required: bool = False,
        json_value: bool = False,
    ) -> None:
        self.name = name
        self.member = member
        self.target = target
        self.kind = kind
        self.required = required  # required by the model and not an idempotency token
        self.json_value = json_value  # a JSON-valued header: the value is parsed as JSON


class Command:
    """One operation: its CLI name, API names and options in model order."""

    __slots__ = (
        "cli_name",
        "name",
        "snake_name",
        "input_shape",
        "options",
        "outfile",
        "idempotency_tokens",
    )

    def __init__(
        self,
        cli_name: str,
        name: str,
        snake_name: str,
        input_shape: str | None,
        options: tuple[Option, ...],
        outfile: str | None = None,
        idempotency_tokens: tuple[str, ...] = (),
    ) -> None:
        self.cli_name = cli_name
        self.name = name
        self.snake_name = snake_name
        self.input_shape = input_shape
        self.options = options
        self.outfile = outfile  # the blob payload member written to an `outfile` argument
        self.idempotency_tokens = idempotency_tokens


class Service:
    __slots__ = (
        "service_name",
        "service_id",
        "package",
        "commands",
        "shapes",
        "validators",
        "help_pages",
    )

    def __init__(
        self,
        service_name: str,
        service_id: str,
        package: str,
        commands: Mapping[str, Command],
        shapes: Mapping[str, Shape],
        validators: Callable[[], Mapping[str, Validator]],
        help_pages: Callable[[], Mapping[str, str]],
    ) -> None:
        self.service_name = service_name  # botocore's name, for the client
        self.service_id = service_id  # the model's serviceId, hyphenated and lower case
        self.package = package  # the generated package's directory (skeletons live there)
        self.commands = commands
        self.shapes = shapes
        self.validators = validators  # loaded on first use: request validators by CLI name
        self.help_pages = help_pages  # loaded on first use: "" is the top-level page


# -- errors ----------------------------------------------------------------------------------


class ArgParseError(CliError):
    """argparse's own errors, followed by the usage block as v2 prints them."""

    rc = params_.PARAM_VALIDATION_RC
    code = "ParamValidation"

    def __init__(self, message: str) -> None:
        super().__init__(f"{message}\n\nusage: {USAGE}")


class UnknownArgumentError(CliError):
    rc = params_.PARAM_VALIDATION_RC  # printed after the usage block, without a code


class ValidationFailed(CliError):
    rc = params_.PARAM_VALIDATION_RC
    code = "ParamValidation"


class ConfigurationError(CliError):
    rc = params_.CONFIGURATION_RC

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class ServiceError(CliError):
    """A service's error response: botocore's ClientError text plus v2's extra fields."""

    rc = params_.CLIENT_ERROR_RC

    def __init__(self, message: str, details: Mapping[str, Any]) -> None:
        super().__init__(message)
        self.details = details


def write_error(message: str) -> None:
    sys.stderr.write(f"\n{PROG}: [ERROR]: {message.strip()}\n")


def report(exc: CliError) -> int:
    """Print an error as AWS CLI v2 (enhanced error format) does; return its exit code."""
    if isinstance(exc, UnknownArgumentError):
        sys.stderr.write(f"\nusage: {USAGE}\n")
    if isinstance(exc, ServiceError):
        write_error(str(exc))
        _write_details(exc.details)
    elif exc.code is not None:
        write_error(f"An error occurred ({exc.code}): {exc}")
    else:
        write_error(str(exc))
    return exc.rc


def _write_details(details: Mapping[str, Any]) -> None:
    if not details:
        return
    sys.stderr.write("\nAdditional error details:\n")
    for key, value in details.items():
        if _is_simple(value):
            sys.stderr.write(f"{key}: {value}\n")
        elif isinstance(value, list) and len(value) < 5 and all(map(_is_simple, value)):
            sys.stderr.write(f"{key}: [{', '.join(str(v) for v in value)}]\n")
        elif isinstance(value, dict) and len(value) < 5 and all(map(_is_simple, value.values())):
            items = ", ".join(f"{k}: {v}" for k, v in value.items())
            sys.stderr.write(f"{key}: {{{items}}}\n")
        else:
            sys.stderr.write(
                f"{key}: <complex value> (Use --cli-error-format with json or "
                "yaml to see full details)\n"
            )


def _is_simple(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


# -- argument parsing ------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse with the AWS CLI's error texts and no exits."""

    def __init__(self) -> None:
        super().__init__(prog=PROG, usage=USAGE, add_help=False, conflict_handler="resolve")

    def error(self, message: str) -> NoReturn:
        raise ArgParseError(message)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            from difflib import get_close_matches

            lines = [f"Found invalid choice '{value}'\n"]
            close = get_close_matches(value, list(action.choices), cutoff=0.8)
            if close:
                lines.append("Maybe you meant:\n")
                lines += [f"  * {word}" for word in close]
            raise argparse.ArgumentError(action, "\n".join(lines))


def _global_parser(service: Service) -> _Parser:
    parser = _Parser()
    parser.add_argument("--endpoint-url", dest="endpoint_url")
    parser.add_argument("--region", dest="region")
    parser.add_argument("--profile", dest="profile")
    parser.add_argument("--output", dest="output", choices=OUTPUT_CHOICES)
    parser.add_argument("--cli-binary-format", dest="binary_format", choices=BINARY_FORMATS)
    parser.add_argument("--no-paginate", dest="paginate", action="store_false", default=True)
    parser.add_argument("--no-verify-ssl", dest="verify_ssl", action="store_false", default=True)
    parser.add_argument("--help", dest="help", action="store_true")
    parser.add_argument("operation", nargs="?", choices=[*service.commands, "help"])
    return parser


def _relaxes_required(command: Command, args: Sequence[str]) -> bool:
    """The AWS CLI's raw-token test: required options stop being required when the exact
    token --cli-input-json / --cli-input-yaml is present, or --generate-cli-skeleton not
    followed by `output` (so `--generate-cli-skeleton=input` still enforces them)."""
    if command.outfile is not None:
        return False
    if "--generate-cli-skeleton" in args:
        after = args.index("--generate-cli-skeleton") + 1
        if after >= len(args) or args[after] != "output":
            return True
    return "--cli-input-json" in args or "--cli-input-yaml" in args


def _operation_parser(command: Command, relaxed: bool) -> _Parser:
    parser = _Parser()
    for index, option in enumerate(command.options):
        dest = f"option_{index}"
        if option.kind == "boolean":  # --force / --no-force; never enforced as required
            parser.add_argument(option.name, dest=dest, action="store_true", default=None)
            parser.add_argument(
                f"--no-{option.name[2:]}", dest=dest, action="store_false", default=None
            )
            continue
        required = option.required and not relaxed
        if option.kind == "list":
            parser.add_argument(option.name, dest=dest, nargs="*", required=required)
        else:
            parser.add_argument(
                option.name, dest=dest, required=required, type=_ARG_TYPES.get(option.kind, str)
            )
    if command.outfile is not None:
        parser.add_argument("outfile")
    else:
        parser.add_argument("--cli-input-json", dest="cli_input_json")
        parser.add_argument("--cli-input-yaml", dest="cli_input_yaml")
        parser.add_argument(
            "--generate-cli-skeleton",
            dest="generate_cli_skeleton",
            nargs="?",
            const="input",
            choices=SKELETON_CHOICES,
        )
    parser.add_argument("help", nargs="?")
    return parser


# -- the run ---------------------------------------------------------------------------------


def load_help_pages(package: str) -> Mapping[str, str]:
    """The service's help pages, `cli_help.json` beside its cli.py ("" is the top-level page):
    data, read only for --help."""
    import json

    with open(os.path.join(package, "cli_help.json"), encoding="utf-8") as fh:
        pages: dict[str, str] = json.load(fh)
    return pages


def run(service: Service, argv: Sequence[str] | None = None) -> int:
    """Run one command line; the return value is the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(service, args)
    except KeyboardInterrupt:
        sys.stdout.write("\n")
        return 130
    except CliError as exc:
        return report(exc)
    except Exception as exc:  # the AWS CLI's general handler: the message alone, rc 255
        write_error(str(exc))
        return params_.GENERAL_RC


def _run(service: Service, args: list[str]) -> int:
    options, rest = _global_parser(service).parse_known_args(args)
    _check_endpoint(options.endpoint_url)
    if options.operation in (None, "help"):
        if options.help or options.operation == "help":
            return _print_help(service, "")
        raise ArgParseError("the following arguments are required: operation")
    command = service.commands[options.operation]
    if options.help or rest == ["help"]:
        return _print_help(service, command.cli_name)
    parser = _operation_parser(command, _relaxes_required(command, rest))
    parsed, remaining = parser.parse_known_args(rest)
    if parsed.help == "help":
        return _print_help(service, command.cli_name)
    if parsed.help:
        remaining.append(parsed.help)
    if remaining:
        raise UnknownArgumentError(f"Unknown options: {', '.join(remaining)}")
    call_params, inputs = _build_params(service, command, parsed)
    _merge_inputs(call_params, inputs)
    skeleton = getattr(parsed, "generate_cli_skeleton", None)
    if skeleton is not None:
        return _print_skeleton(service, command, skeleton, call_params, options)
    from .cli_call import call

    return call(service, command, call_params, options, getattr(parsed, "outfile", None))


def _check_endpoint(url: str | None) -> None:
    """v2 refuses an endpoint URL without a scheme before anything else happens."""
    if url is None:
        return
    from urllib.parse import urlsplit

    if not urlsplit(url).scheme:
        raise ParamSyntaxError(
            f'Bad value for --endpoint-url "{url}": scheme is missing.  Must be of the form '
            "http://<hostname>/ or https://<hostname>/"
        )


def _build_params(
    service: Service, command: Command, parsed: argparse.Namespace
) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """Option values unpacked in option order, then the --cli-input-* files loaded (in that
    order, so a missing file:// in an option is reported first)."""
    result: dict[str, Any] = {}
    for index, option in enumerate(command.options):
        value = getattr(parsed, f"option_{index}")
        if value is not None:
            result[option.member] = params_.unpack(
                service.service_id, command, option, value, service.shapes
            )
    inputs: list[tuple[str, Any]] = []
    for flavour in ("json", "yaml"):
        value = getattr(parsed, f"cli_input_{flavour}", None)
        if value is not None:
            inputs.append((flavour, params_.paramfile_for(f"--cli-input-{flavour}", value)))
    return result, inputs


def _merge_inputs(call_params: dict[str, Any], inputs: list[tuple[str, Any]]) -> None:
    if len(inputs) > 1:
        raise ParamSyntaxError("Only one --cli-input- parameter may be specified.")
    for flavour, text in inputs:
        params_.merge_cli_input(call_params, params_.load_cli_input(flavour, text))


# -- skeletons -------------------------------------------------------------------------------


def _print_skeleton(
    service: Service,
    command: Command,
    choice: str,
    call_params: dict[str, Any],
    options: argparse.Namespace,
) -> int:
    """Input skeletons are printed as emitted; `output` validates the input first, needs a
    region (as the AWS CLI does) and is printed in the --output format."""
    if choice != "output":
        suffix = "input.json" if choice == "input" else "yaml-input.yaml"
        _write_bytes(_skeleton_bytes(service, command, suffix))
        return 0
    from .cli_call import prepare, print_response, resolve_region

    resolve_region(options.profile, options.region)
    prepare(service, command, call_params, options)
    data = _skeleton_bytes(service, command, "output.json")
    if (options.output or "json") == "json":
        _write_bytes(data)
    elif data:
        import json

        print_response(json.loads(data), "yaml")
    return 0


def _skeleton_bytes(service: Service, command: Command, suffix: str) -> bytes:
    path = os.path.join(service.package, "skeletons", f"{command.cli_name}.{suffix}")
    with open(path, "rb") as stream:
        return stream.read()


def _write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


# -- help ------------------------------------------------------------------------------------


def _print_help(service: Service, page: str) -> int:
    sys.stdout.write(service.help_pages()[page])
    return 0
