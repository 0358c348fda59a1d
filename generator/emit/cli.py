"""generated/<module>/: the AWS-CLI-compatible command line, ``python -m generated.<module>``.

Emitted files:

- ``__main__.py``: the entry point.
- ``cli.py``: this service's tables, built here as data: commands, their options (AWS CLI
  names, model order), the input shapes value conversion needs, and the request validators.
- ``cli_help.json``: the help pages, laid out by ``templates/cli_help_page.txt.j2``; read only
  for ``--help``.
The service-independent driver (argument parsing, parameter files, shorthand, ``--cli-input-*``
merging, errors, the call) is the shared runtime, ``generated/_runtime/cli*.py``, copied from
generator/runtime/ (generator/emit/runtime.py). docs/cli.md describes the behaviour and every
difference from the AWS CLI.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from ..docs import fill, first_sentence, html_to_text
from ..errors import GenerationError
from ..escape import Code, json_text
from ..ir import Kind, Member, Operation, Service, Shape
from ..render import render
from . import Artifact, python_header

_WIDTH = 79
_SCALAR_WORDS = {Kind.UNION: "tagged union structure"}
_SHORTHAND_DEPTH = 3  # the AWS CLI documents no shorthand deeper than this
# Options the generated CLI itself defines; an operation option may not take these names.
_GLOBAL_OPTIONS = frozenset({
    "--endpoint-url", "--region", "--profile", "--output", "--cli-binary-format",
    "--no-paginate", "--no-verify-ssl", "--help", "--cli-input-json", "--cli-input-yaml",
    "--generate-cli-skeleton",
})
# The AWS CLI's own renames of the operation options that clash with a global option
# (its argrename customization); any other clash stops generation.
_CLASH_RENAMES = {
    ("glue", "get-unfiltered-partition-metadata", "--region"): "--resource-region",
    ("glue", "get-unfiltered-partitions-metadata", "--region"): "--resource-region",
    ("glue", "get-unfiltered-table-metadata", "--region"): "--resource-region",
    ("kinesisanalytics", "add-application-output", "--output"): "--application-output",
    ("kinesisanalyticsv2", "add-application-output", "--output"): "--application-output",
    ("rekognition", "create-stream-processor", "--output"): "--stream-processor-output",
    ("stepfunctions", "send-task-success", "--output"): "--task-output",
}


@dataclass(frozen=True)
class ShapeRow:
    name: str
    args: str  # the Shape(...) arguments, as Python source


@dataclass(frozen=True)
class OptionRow:
    args: str  # the Option(...) arguments


@dataclass(frozen=True)
class CommandRow:
    cli_name: str
    name: str
    snake_name: str
    input_shape: str | None
    options: list[OptionRow]
    outfile: str | None
    idempotency_tokens: tuple[str, ...]
    validator: str


def emit(service: Service) -> list[Artifact]:
    header = python_header(service)
    base = f"generated/{service.module_name}"
    artifacts = [
        Artifact(f"{base}/__main__.py", render("cli_main.py.j2", header=header,
                                                service=service), python=True),
        Artifact(f"{base}/cli.py", _cli_module(service, header), python=True),
        Artifact(f"{base}/cli_help.json", _help_pages(service)),
    ]
    return artifacts


# -- cli.py: the tables ----------------------------------------------------------------------


def _cli_module(service: Service, header: str) -> str:
    commands = [_command_row(service, op) for op in service.operations]
    shapes = [_shape_row(service.shape(name)) for name in _input_closure(service)]
    service_id = str(service.metadata.get("serviceId", service.service_name))
    module_doc = (
        f"The {service.service_name} command line: the tables the service-independent "
        f"_runtime.cli reads.\n\n{service.full_name}, API version {service.api_version}. "
        f"``python -m {service.layout.package}.{service.module_name} <command> [options]`` works like ``aws "
        f"{service.service_name} <command> [options]`` (AWS CLI v2); ``--help`` lists the "
        "commands. The commands, their options (AWS CLI names, model order) and the input "
        "shapes that value conversion needs are data here; the behaviour is in the runtime "
        "modules."
    )
    return render("cli.py.j2", header=header, service=service, commands=commands, shapes=shapes,
                  service_id=service_id.lower().replace(" ", "-"), module_doc=module_doc)


def _command_row(service: Service, op: Operation) -> CommandRow:
    members = service.shape(op.input).members if op.input else ()
    return CommandRow(
        cli_name=op.cli_name,
        name=op.name,
        snake_name=op.snake_name,
        input_shape=op.input,
        options=[_option_row(service, op, m) for m in members],
        outfile=outfile_member(service, op),
        idempotency_tokens=tuple(m.name for m in members if m.idempotency_token),
        validator=f"validate_{op.snake_name}_request",
    )


def option_name(service: Service, op: Operation, member: Member) -> str:
    """The member's AWS CLI option; renamed where it would clash with a global option."""
    name = member.option_name
    if name not in _GLOBAL_OPTIONS:
        return name
    renamed = _CLASH_RENAMES.get((service.service_name, op.cli_name, name))
    if renamed is None:
        raise GenerationError(f"{service.service_name} {op.cli_name}: option {name} of member "
                              f"{member.name!r} clashes with the CLI's global {name}")
    return renamed


def _option_row(service: Service, op: Operation, member: Member) -> OptionRow:
    target = service.target(member)
    args = [repr(option_name(service, op, member)), repr(member.name), repr(member.target),
            repr(target.kind.value)]
    if member.required and not member.idempotency_token:  # botocore fills tokens in
        args.append("required=True")
    if member.json_value and member.location == "header" and target.kind is Kind.STRING:
        args.append("json_value=True")
    return OptionRow(Code(", ".join(args)))


def outfile_member(service: Service, op: Operation) -> str | None:
    """The blob payload of the output: the AWS CLI writes it to a positional `outfile`."""
    if op.output is None:
        return None
    output = service.shape(op.output)
    if output.payload is None:
        return None
    payload = output.member_named(output.payload)
    return payload.name if service.target(payload).kind is Kind.BLOB else None


def _input_closure(service: Service) -> list[str]:
    """Every shape reachable from an operation input, in model order."""
    seen: set[str] = set()
    stack = [op.input for op in service.operations if op.input]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        stack.extend(_children(service.shape(name)))
    return [name for name in service.shapes if name in seen]


def _children(shape: Shape) -> list[str]:
    refs = [m.target for m in shape.members]
    return refs + [m.target for m in (shape.member, shape.key, shape.value) if m is not None]


def _shape_row(shape: Shape) -> ShapeRow:
    args = [repr(shape.kind.value)]
    if shape.members:
        args.append(f"members={tuple((m.name, m.target) for m in shape.members)!r}")
    if shape.member is not None:
        args.append(f"member={shape.member.target!r}")
    if shape.value is not None:
        args.append(f"value={shape.value.target!r}")
    if shape.streaming:
        args.append("streaming=True")
    return ShapeRow(shape.name, Code(", ".join(args)))


# -- cli_help.json: the pages -----------------------------------------------------------------


def _help_pages(service: Service) -> str:
    """The help pages as data ("" is the top-level page), read only for --help: as Python they
    were the largest module of a large service and most of its formatting time."""
    pages = {"": _top_page(service)}
    for op in service.operations:
        pages[op.cli_name] = _command_page(service, op)
    return json_text(json.dumps(pages, indent=1, ensure_ascii=False)) + "\n"


@functools.lru_cache(maxsize=1 << 16)  # the same docs are wrapped for many pages
def _wrap(text: str, indent: int) -> str:
    """Paragraphs wrapped to the page width, blank lines between them."""
    pad = " " * indent
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(
        fill(p, _WIDTH, pad)
        for p in paragraphs
    )


def _top_page(service: Service) -> str:
    title = service.full_name
    commands = [
        (op.cli_name, _wrap(first_sentence(op.doc) or op.name, 6)) for op in service.operations
    ]
    return render("cli_help_top.txt.j2", service=service, title=title,
                  description=_wrap(html_to_text(service.doc), 2), commands=commands)


def _command_page(service: Service, op: Operation) -> str:
    members = service.shape(op.input).members if op.input else ()
    outfile = outfile_member(service, op)
    return render(
        "cli_help_page.txt.j2",
        op=op,
        description=_wrap(html_to_text(op.doc) or op.name, 2),
        synopsis=_synopsis(service, op, members, outfile),
        options=[_option_help(service, op, m) for m in members],
        outfile=outfile,
        output=_output_lines(service, op, outfile),
    )


def _synopsis(service: Service, op: Operation, members: tuple[Member, ...],
              outfile: str | None) -> list[str]:
    lines = []
    for m in members:
        name = option_name(service, op, m)
        if service.target(m).kind is Kind.BOOLEAN:
            lines.append(f"[{name} | --no-{name[2:]}]")
        elif m.required and not m.idempotency_token:
            lines.append(f"{name} <value>")
        else:
            lines.append(f"[{name} <value>]")
    if outfile is None:
        lines += ["[--cli-input-json | --cli-input-yaml]", "[--generate-cli-skeleton <value>]"]
    else:
        lines.append("<outfile>")
    return lines


def _type_word(shape: Shape) -> str:
    return _SCALAR_WORDS.get(shape.kind, shape.kind.value)


def _option_help(service: Service, op: Operation, member: Member) -> dict[str, str]:
    target = service.target(member)
    name = option_name(service, op, member)
    if target.kind is Kind.BOOLEAN:
        name = f"{name} | --no-{name[2:]}"
    doc = html_to_text(member.doc or target.doc)
    if target.is_enum:
        doc += "\n\nPossible values: " + ", ".join(target.enum)
    syntax = _syntax(service, target)
    return {"title": f"{name} ({_type_word(target)})", "doc": _wrap(doc, 4), "syntax": syntax}


def _syntax(service: Service, shape: Shape) -> str:
    """The AWS CLI's syntax hint: words for lists of scalars, else shorthand if it applies."""
    if shape.kind is Kind.LIST:
        element = service.target(shape.member) if shape.member else shape
        if not (element.kind.is_structured or element.kind in (Kind.LIST, Kind.MAP)):
            word = f'"{element.kind.value}"'
            return f"Syntax:\n\n      {word} {word} ..."
    if _holds_documents(service, shape) or not (
        shape.kind.is_structured or shape.kind in (Kind.LIST, Kind.MAP)
    ):
        return ""
    try:
        if shape.kind is Kind.LIST and shape.member is not None:
            text = _shorthand(service, service.target(shape.member), []) + " ..."
        else:
            text = _shorthand(service, shape, [])
    except RecursionError:  # deeper than _SHORTHAND_DEPTH: the AWS CLI shows no hint either
        return ""
    return f"Shorthand Syntax:\n\n      {text}"


def _holds_documents(service: Service, shape: Shape) -> bool:
    if shape.kind is Kind.DOCUMENT:
        return True
    child = shape.member if shape.kind is Kind.LIST else shape.value
    if shape.kind in (Kind.LIST, Kind.MAP) and child is not None:
        return _holds_documents(service, service.target(child))
    return False


def _shorthand(service: Service, shape: Shape, stack: list[str]) -> str:
    if len(stack) > _SHORTHAND_DEPTH:
        raise RecursionError
    if shape.kind.is_structured:
        parts = []
        for m in shape.members:
            target = service.target(m)
            if _holds_documents(service, target):
                continue
            if target.name in stack:
                parts.append(f"{m.name}=( ... recursive ... )")
                continue
            stack.append(target.name)
            parts.append(f"{m.name}={_shorthand(service, target, stack)}")
            stack.pop()
        inner = ",".join(parts)
        return f"{{{inner}}}" if stack else inner
    if shape.kind is Kind.LIST and shape.member is not None:
        element = service.target(shape.member)
        stack.append(element.name)
        docs = _shorthand(service, element, stack)
        stack.pop()
        nested = element.kind.is_structured or element.kind in (Kind.LIST, Kind.MAP)
        return f"[{docs},{docs}]" if nested or len(stack) > 1 else f"{docs},{docs}"
    if shape.kind is Kind.MAP and shape.value is not None:
        value = service.target(shape.value)
        stack.append(value.name)
        docs = _shorthand(service, value, stack)
        stack.pop()
        text = f"KeyName1={docs},KeyName2={docs}"
        return f"{{{text}}}" if stack else text
    return shape.kind.value


def _output_lines(service: Service, op: Operation, outfile: str | None) -> list[str]:
    """The members of the response, nested, each with the first sentence of its doc."""
    if op.output is None:
        return []
    lines: list[str] = []
    shape = service.shape(op.output)
    for m in shape.members:
        if m.name != outfile:
            _output_member(service, m, 2, [shape.name], lines)
    return lines


def _output_member(service: Service, member: Member, indent: int, stack: list[str],
                   lines: list[str]) -> None:
    target = service.target(member)
    lines.append(f"{' ' * indent}{member.name} -> ({_type_word(target)})")
    doc = first_sentence(member.doc or target.doc)
    if doc:
        lines.append(_wrap(doc, indent + 4))
    _output_children(service, target, indent + 4, stack, lines)


def _output_children(service: Service, shape: Shape, indent: int, stack: list[str],
                     lines: list[str]) -> None:
    if shape.name in stack:
        return  # recursive: described where it first appears
    if shape.kind.is_structured:
        for m in shape.members:
            _output_member(service, m, indent, stack + [shape.name], lines)
    elif shape.kind is Kind.LIST and shape.member is not None:
        element = service.target(shape.member)
        if element.kind.is_structured:
            lines.append(f"{' ' * indent}({_type_word(element)})")
            _output_children(service, element, indent + 2, stack + [shape.name], lines)
    elif shape.kind is Kind.MAP and shape.value is not None:
        value = service.target(shape.value)
        lines.append(f"{' ' * indent}key -> (string)")
        lines.append(f"{' ' * indent}value -> ({_type_word(value)})")
        _output_children(service, value, indent + 4, stack + [shape.name], lines)
