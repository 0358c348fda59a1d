"""AWS-CLI-exact skeletons: what AWS CLI v2 prints for ``--generate-cli-skeleton``.

For every operation three files go to ``generated/<module>/skeletons/``:

- ``<cli-name>.input.json``: ``--generate-cli-skeleton`` / ``input``. Every member in model
  order; strings ``""``, enums their first value (v2; v1 picks one at random), integers ``0``,
  floats ``0.0``, booleans ``true``, timestamps ``"1970-01-01T00:00:00"``, blobs ``null``,
  documents ``{}``, unions with all members, lists with one element, maps ``{"KeyName": ...}``
  and ``{}`` for a structure already being expanded (the only depth limit). Printed with
  ``json.dumps(indent=4)`` (ASCII only) and one newline; no input shape gives ``{}``.
- ``<cli-name>.yaml-input.yaml``: ``yaml-input``. The same values as YAML (timestamps as YAML
  timestamps, blobs as ``!!binary ''``), as ruamel.yaml's round-trip dumper writes them (most
  by generator/emit/yaml_text.py, which knows those bytes, the rest by ruamel). Each
  structure member carries an end-of-line comment: ``[REQUIRED]``, the first sentence of its
  documentation and ``Valid values are: ...`` for enums (see :func:`_doc_overview`). ruamel
  decides quoting and the one or two spaces before ``#``, exactly as it does inside the AWS CLI.
- ``<cli-name>.output.json``: ``output``. The response the AWS CLI fakes: strings are the member
  name (a list element: the element's shape name; a map value: ``""``), everything else as for
  input. Printed like the CLI's JSON formatter (non-ASCII kept); a ``{}`` response (no output
  shape, or no members) prints nothing, so the file is empty.

Where this differs from the AWS CLI, on purpose:

- The AWS CLI validates its fake response before printing it and fails (``Parameter
  validation failed``) when the response breaks the model: a member name shorter than the
  string's ``min``, ``0`` below a number's ``min``, one list element below a list's ``min``,
  ``KeyName`` shorter than a map key's ``min``, a union with more than one member set, a
  ``null`` blob, or a recursive ``{}`` that lacks required members (or is an empty union).
  There we emit a skeleton that is valid under the model instead, and
  :func:`output_skeleton_is_aws_exact` returns False: strings padded with ``x`` to ``min`` (and
  cut to ``max``), numbers clamped into ``[min, max]``, lists and maps grown to ``min`` entries,
  map keys fitted like strings, unions with their first member only, blobs as the base64 text of
  ``min`` zero bytes (``""`` without a ``min``), and a recursive structure with required members
  (or a recursive union) filled with its required members only (first member of a union), with
  lists and maps empty where that is allowed. A cycle of required members has no finite valid
  value: it is expanded one level further and then left ``{}``, still invalid.
- datapipeline ``get-pipeline-definition``: the CLI rewrites the response into a pipeline
  definition file (``objects``) before printing it; ours is the model's response
  (:data:`CLI_RESHAPED_OUTPUT`), so not AWS-exact.
- Operations with a blob payload in their output (streaming or not) write the body to an
  ``outfile`` argument and have no ``--generate-cli-skeleton`` in the AWS CLI. We still emit both
  input skeletons (by the same rules), and as output skeleton what the CLI prints next to the
  file: the response without the payload member. Never AWS-exact.
- Operations with an event stream in their output have no ``--generate-cli-skeleton`` in the
  AWS CLI either (:func:`has_skeleton_flag`); we emit all three by the same rules.
- Operations whose command a CLI customization removes, replaces or gives an ``outfile`` (ec2
  ``import-instance``, emr ``run-job-flow``, iam ``create-virtual-mfa-device``, ...:
  :data:`~generator.emit.cli_commands.CLI_WITHOUT_SKELETON`) have no skeleton in the AWS CLI
  either; we emit all three by the same rules and call none of them AWS-exact.
"""

from __future__ import annotations

import base64
import functools
import io
import json
import math
import re
from datetime import datetime
from typing import Any
from xml.dom import minidom
from xml.dom.minidom import Node
from xml.parsers.expat import ExpatError

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..escape import has_hidden, json_text, plain_text
from ..ir import Kind, Member, Operation, Service, Shape
from . import Artifact, yaml_text
from .cli_commands import CLI_WITHOUT_SKELETON

_TIMESTAMP = datetime(1970, 1, 1)
_KEY_NAME = "KeyName"
_SENTENCE_END = re.compile(r"[.:]+")
_BINARY_TAG = "tag:yaml.org,2002:binary"


# ---------------------------------------------------------------------------------------------
# Generation: one walker per skeleton flavour, each a small override of the input walker.


class _InputWalker:
    """Placeholder values of the JSON input skeleton (AWS CLI v2's ``ArgumentGenerator``)."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.stack: list[str] = []  # structures being expanded: the recursion guard

    def generate(self, shape_name: str | None, skip: str | None = None) -> Any:
        if shape_name is None:
            return self.empty_structure()
        return self.structure(self.service.shape(shape_name), skip)

    def value(self, shape: Shape, name: str, member: Member | None) -> Any:
        kind = shape.kind
        if kind.is_structured or kind is Kind.DOCUMENT:
            return self.structure(shape)
        if kind is Kind.LIST:
            return self.list_(shape)
        if kind is Kind.MAP:
            return self.map_(shape)
        if kind is Kind.STRING:
            return self.string(shape, name, member)
        if kind.is_integral or kind.is_floating:
            return self.number(shape)
        if kind is Kind.BOOLEAN:
            return True
        if kind is Kind.TIMESTAMP:
            return self.timestamp()
        return self.blob(shape)

    def structure(self, shape: Shape, skip: str | None = None) -> Any:
        if shape.name in self.stack:
            return self.recursive(shape)
        self.stack.append(shape.name)
        try:
            return self.members(shape, [m for m in self.chosen_members(shape) if m.name != skip])
        finally:
            self.stack.pop()

    def chosen_members(self, shape: Shape) -> tuple[Member, ...]:
        return shape.members  # documents have none; unions get all (the AWS CLI's choice)

    spaced_keys = False  # a key with whitespace, which ruamel may wrap (no longer YAML)

    def members(self, shape: Shape, members: list[Member]) -> Any:
        result = self.empty_structure()
        for m in members:
            self.spaced_keys = self.spaced_keys or any(ch.isspace() for ch in m.name)
            result[m.name] = self.value(self.service.target(m), m.name, m)
        return result

    def empty_structure(self) -> Any:
        return {}

    def recursive(self, shape: Shape) -> Any:
        return self.empty_structure()

    def list_(self, shape: Shape) -> Any:
        assert shape.member is not None
        return [self.value(self.service.target(shape.member), self.element_name(shape), None)]

    def element_name(self, shape: Shape) -> str:
        return ""

    def map_(self, shape: Shape) -> Any:
        assert shape.value is not None
        return {_KEY_NAME: self.value(self.service.target(shape.value), "", None)}

    def string(self, shape: Shape, name: str, member: Member | None) -> Any:
        return shape.enum[0] if shape.enum else ""

    def number(self, shape: Shape) -> Any:
        return 0 if shape.kind.is_integral else 0.0

    def timestamp(self) -> Any:
        return _TIMESTAMP.isoformat()  # what the CLI's JSON encoder makes of the datetime

    def blob(self, shape: Shape) -> Any:
        return None  # the AWS CLI's generator has no blob case


class _OutputWalker(_InputWalker):
    """The response the AWS CLI fakes for ``output``: strings carry names."""

    def element_name(self, shape: Shape) -> str:
        assert shape.member is not None
        return shape.member.target  # the element's shape name, not the list's member name

    def string(self, shape: Shape, name: str, member: Member | None) -> Any:
        return name


class _ValidOutputWalker(_OutputWalker):
    """The output skeleton adjusted to satisfy the model where the AWS CLI's would not."""

    def __init__(self, service: Service) -> None:
        super().__init__(service)
        self.minimal: list[str] = []  # structures filled with required members only

    def chosen_members(self, shape: Shape) -> tuple[Member, ...]:
        if shape.kind is Kind.UNION:
            return shape.members[:1]
        if self.minimal:
            return tuple(m for m in shape.members if m.required)
        return shape.members

    def structure(self, shape: Shape, skip: str | None = None) -> Any:
        if shape.name in self.minimal:
            return {}  # a cycle of required members: no valid value exists
        return super().structure(shape, skip)

    def recursive(self, shape: Shape) -> Any:
        if shape.kind is not Kind.UNION and not shape.required:
            return {}
        # The AWS CLI's {} would miss required members: expand once more, minimally.
        self.minimal.append(shape.name)
        try:
            return self.members(shape, list(self.chosen_members(shape)))
        finally:
            self.minimal.pop()

    def _count(self, shape: Shape) -> int:
        count = 0 if self.minimal else 1
        count = max(count, math.ceil(shape.min or 0))
        return count if shape.max is None else min(count, int(shape.max))

    def list_(self, shape: Shape) -> Any:
        count = self._count(shape)
        return super().list_(shape) * count if count else []

    def map_(self, shape: Shape) -> Any:
        assert shape.key is not None and shape.value is not None
        key_shape = self.service.target(shape.key)
        result = {}
        for i in range(self._count(shape)):
            key = _fit_length(_KEY_NAME + (str(i + 1) if i else ""), key_shape)
            result[key] = self.value(self.service.target(shape.value), "", None)
        return result

    def string(self, shape: Shape, name: str, member: Member | None) -> Any:
        return _fit_length(name, shape)

    def number(self, shape: Shape) -> Any:
        value: float = 0
        if shape.min is not None and value < shape.min:
            value = shape.min
        if shape.max is not None and value > shape.max:
            value = shape.max
        return math.ceil(value) if shape.kind.is_integral else float(value)

    def blob(self, shape: Shape) -> Any:
        return base64.b64encode(bytes(math.ceil(shape.min or 0))).decode("ascii")


def _fit_length(text: str, shape: Shape) -> str:
    """Pad with x up to the shape's min length, then cut to its max length."""
    text = text.ljust(math.ceil(shape.min or 0), "x")
    return text if shape.max is None else text[: int(shape.max)]


class _Binary:
    """An empty blob: dumped as ``!!binary ''``, as the AWS CLI does."""


class _YamlWalker(_InputWalker):
    """The ``yaml-input`` skeleton: ruamel containers with one comment per structure member."""

    def empty_structure(self) -> Any:
        return CommentedMap()

    spaced_keys = False  # a key with whitespace, which ruamel may wrap (no longer YAML)

    def members(self, shape: Shape, members: list[Member]) -> Any:
        result = self.empty_structure()
        for m in members:
            self.spaced_keys = self.spaced_keys or any(ch.isspace() for ch in m.name)
            result[m.name] = self.value(self.service.target(m), m.name, m)
            # Added right after its key, so ruamel aligns it with the earlier comments only.
            comment = _member_comment(self.service, m)
            if comment and not comment.isspace():
                result.yaml_add_eol_comment("# " + comment, m.name)
        return result

    def map_(self, shape: Shape) -> Any:
        return dict(super().map_(shape))  # a plain dict: no comment on KeyName

    def timestamp(self) -> Any:
        # A new object per member, as the AWS CLI's generator makes: ruamel would dump a
        # shared one as an anchor and aliases (`&id001` ... `*id001`), dropping their comments.
        return datetime(1970, 1, 1)

    def blob(self, shape: Shape) -> Any:
        return _Binary()


# ---------------------------------------------------------------------------------------------
# YAML comments


def _member_comment(service: Service, member: Member) -> str:
    target = service.target(member)
    parts = ["[REQUIRED]"] if member.required else []
    parts.append(_doc_overview(member.doc or target.doc))
    if target.enum:
        parts.append(f"Valid values are: {', '.join(target.enum)}.")
    # The AWS CLI's text, with what it does not expect (other line breaks, controls) escaped:
    # a YAML comment must stay one comment line.
    return plain_text(" ".join(parts), multiline=False)


@functools.lru_cache(maxsize=4096)  # member docs repeat across operations
def _doc_overview(doc: str) -> str:
    """The first "sentence": text up to the first run of '.' or ':', on one line.

    The cut is crude on purpose (it is the AWS CLI's): "e.g. x" gives "e." and "00:00 UTC"
    gives "00."; leading whitespace is kept."""
    text = _SENTENCE_END.split(_xml_text(doc), maxsplit=1)[0]
    if text:
        text += "."
    return text.replace("\n", " ").replace("\u2028", " ")


def _xml_text(doc: str) -> str:
    """The text nodes of the doc read as XML; the doc unchanged if it is not XML (``&nbsp;``).

    Only text nodes count: CDATA sections and comments vanish. A lone surrogate cannot reach
    the parser (it cannot be encoded), so such a doc is not XML either."""
    try:
        root = minidom.parseString(f"<doc>{doc}</doc>")
    except (ExpatError, UnicodeEncodeError):
        return doc
    parts: list[str] = []
    pending: list[Node] = [root]
    while pending:
        node = pending.pop()
        if node.nodeType == Node.TEXT_NODE:
            parts.append(node.data)  # type: ignore[attr-defined]
        else:
            pending.extend(reversed(node.childNodes))
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# Which fake responses the AWS CLI rejects: botocore's checks, as its Stubber applies them.


def _issues(service: Service, value: Any, shape: Shape, member: Member | None,
            path: str) -> list[str]:
    kind = shape.kind
    if kind is Kind.DOCUMENT:
        return []
    if kind.is_structured:
        return _structure_issues(service, value, shape, path)
    if kind is Kind.LIST:
        assert shape.member is not None
        issues = _below_min(path, "length", len(value), shape, member)
        element = service.target(shape.member)
        for i, item in enumerate(value):
            issues += _issues(service, item, element, None, f"{path}[{i}]")
        return issues
    if kind is Kind.MAP:
        assert shape.key is not None and shape.value is not None
        issues = []
        for key, item in value.items():
            key_shape = service.target(shape.key)
            issues += _below_min(f"{path} (key: {key})", "length", len(key), key_shape, None)
            issues += _issues(service, item, service.target(shape.value), None, f"{path}.{key}")
        return issues
    if kind is Kind.BLOB:
        return [] if isinstance(value, (str, bytes)) else [f"{path}: blob is {value!r}"]
    if kind is Kind.STRING:
        if member is not None and member.json_value and member.location == "header":
            return []  # botocore only checks that a JSON header value serialises
        return _below_min(path, "length", len(value), shape, member)
    if kind.is_integral or kind.is_floating:
        return _below_min(path, "value", value, shape, member)
    return []


def _structure_issues(service: Service, value: Any, shape: Shape, path: str) -> list[str]:
    issues = []
    if shape.kind is Kind.UNION and len(value) != 1:
        issues.append(f"{path or 'response'}: union with {len(value)} members set")
    for m in shape.members:
        if m.required and m.name not in value:
            issues.append(f"{path or 'response'}: required member {m.name} missing")
        if m.name in value:
            prefix = f"{path}." if path else ""
            issues += _issues(service, value[m.name], service.target(m), m, prefix + m.name)
    return issues


def _below_min(path: str, what: str, amount: float, shape: Shape,
               member: Member | None) -> list[str]:
    minimum = shape.min
    if minimum is None and member is not None and member.host_label:
        minimum = 1  # botocore's implicit min for members bound to the host name
    if minimum is None or amount >= minimum:
        return []
    return [f"{path or 'response'}: {what} {amount} below min {minimum}"]


# ---------------------------------------------------------------------------------------------
# Public API


def streaming_output_member(service: Service, op: Operation) -> str | None:
    """The output's blob payload member, written to ``outfile`` by the AWS CLI; else None."""
    if op.output is None:
        return None
    output = service.shape(op.output)
    if output.payload is None:
        return None
    if service.target(output.member_named(output.payload)).kind is not Kind.BLOB:
        return None
    return output.payload


def input_skeleton(service: Service, op: Operation) -> str:
    """``aws <service> <op> --generate-cli-skeleton`` (AWS CLI v2; v1 differs only in enums)."""
    value = _InputWalker(service).generate(op.input)
    return json.dumps(value, indent=4) + "\n"


def yaml_input_skeleton(service: Service, op: Operation, fast: bool = True) -> str:
    """``aws <service> <op> --generate-cli-skeleton yaml-input`` (AWS CLI v2). `fast=False`
    dumps with ruamel even where generator/emit/yaml_text.py knows its bytes (the tests'
    and the bench's reference)."""
    walker = _YamlWalker(service)
    value = walker.generate(op.input)
    if fast and not walker.spaced_keys:
        text = yaml_text.dump(value, _Binary)  # ruamel's bytes, fast, where it knows them
        if text is not None and not has_hidden(text):
            return text
    yaml = YAML()
    yaml.representer.add_representer(
        _Binary, lambda dumper, _: dumper.represent_scalar(_BINARY_TAG, "")
    )
    out = io.StringIO()
    yaml.dump(value, out)
    if walker.spaced_keys or has_hidden(out.getvalue()):
        # ruamel writes printable Unicode raw, bidi controls and separators included (the
        # comments are already escaped), and wraps a long key with spaces across lines, which
        # no longer parses. Such a skeleton is dumped again as ASCII-only YAML, unwrapped: the
        # same values, escaped. Skeletons of models without such names stay AWS-CLI exact.
        yaml.allow_unicode = False
        yaml.width = 2**31 - 1
        out = io.StringIO()
        yaml.dump(value, out)
    return out.getvalue()


def aws_output_response(service: Service, op: Operation) -> Any:
    """The fake response the AWS CLI builds for ``output`` (blobs as None), without the
    streaming payload member if there is one."""
    return _OutputWalker(service).generate(op.output, skip=streaming_output_member(service, op))


def event_stream_output(service: Service, op: Operation) -> bool:
    """Whether the output carries an event stream. The AWS CLI (v1 and v2) offers no skeleton
    for such an operation: it removes the command (kinesis subscribe-to-shard, lambda
    invoke-with-response-stream, ...) or gives it an ``outfile`` (s3api select-object-content)
    or its own command (logs start-live-tail)."""
    if op.output is None:
        return False
    return any(service.target(m).event_stream for m in service.shape(op.output).members)


def has_skeleton_flag(service: Service, op: Operation) -> bool:
    """Whether the AWS CLI offers ``--generate-cli-skeleton`` for the operation at all (we emit
    all three skeletons anyway, by the same rules): not for an ``outfile`` or event-stream
    output, nor where a CLI customization removes or replaces the command
    (:data:`~generator.emit.cli_commands.CLI_WITHOUT_SKELETON`)."""
    return (
        streaming_output_member(service, op) is None
        and not event_stream_output(service, op)
        and (service.service_name, op.name) not in CLI_WITHOUT_SKELETON
    )


def output_skeleton_issues(service: Service, op: Operation) -> list[str]:
    """Why the AWS CLI's fake response fails its own validation; empty when it passes."""
    if op.output is None:
        return []
    response = aws_output_response(service, op)
    return _issues(service, response, service.shape(op.output), None, "")


# Operations whose response the AWS CLI (v1 and v2) rewrites after the call, fake response
# included, before printing it: datapipeline's `after-call` handler turns the model's
# `pipelineObjects` into the `objects` of a pipeline definition file. Our output skeleton is
# the model's response there, so it is not the CLI's.
CLI_RESHAPED_OUTPUT = frozenset({("datapipeline", "GetPipelineDefinition")})


def output_skeleton_is_aws_exact(service: Service, op: Operation) -> bool:
    """Whether :func:`output_skeleton` is byte for byte what the AWS CLI prints."""
    return (
        has_skeleton_flag(service, op)
        and (service.service_name, op.name) not in CLI_RESHAPED_OUTPUT
        and not output_skeleton_issues(service, op)
    )


def output_skeleton(service: Service, op: Operation) -> str:
    """``aws <service> <op> --generate-cli-skeleton output``, or a valid stand-in where the
    AWS CLI cannot print one (see the module docstring)."""
    if output_skeleton_issues(service, op):
        walker: _InputWalker = _ValidOutputWalker(service)
    else:
        walker = _OutputWalker(service)
    response = walker.generate(op.output, skip=streaming_output_member(service, op))
    if response == {}:
        return ""  # the CLI's JSON formatter prints nothing for an empty response
    return json_text(json.dumps(response, indent=4, ensure_ascii=False)) + "\n"


def emit(service: Service) -> list[Artifact]:
    base = f"generated/{service.module_name}/skeletons"
    artifacts = []
    for op in service.operations:
        artifacts += [
            Artifact(f"{base}/{op.cli_name}.input.json", input_skeleton(service, op)),
            Artifact(f"{base}/{op.cli_name}.yaml-input.yaml", yaml_input_skeleton(service, op)),
            Artifact(f"{base}/{op.cli_name}.output.json", output_skeleton(service, op)),
        ]
    return artifacts
