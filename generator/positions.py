"""JSON and YAML documents read as `--cli-input-json` / `--cli-input-yaml` read them, with the
line and column of every value, so that `botogen validate` can point into the file.

The value handed to a validator is what the generated CLI itself loads: `json.loads` (NaN and
Infinity included, a duplicate key's last value) and PyYAML's `safe_load` (YAML 1.1,
timestamps as datetimes, `!!binary` as bytes). Positions come from a second look at the same
text: for JSON a scan that follows the parsed value with json's own string and scalar scanners,
for YAML the composer's nodes (their start marks). Lines and columns count from 1, columns in
characters; a JSON line ends at `\\n` only, as json's own error positions count.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Position = tuple[int, int]  # (line, column), both from 1


class Unparsable(Exception):
    """The text is not a document of its format: message and where."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass
class Node:
    """A value's position and, for a container, its children: a mapping's by key (each with
    the key's own position) or a sequence's in order. `expand` fills them on first use."""

    position: Position
    mapping: dict[Any, tuple[Position, Node]] | None = None
    sequence: list[Node] | None = None
    expand: Callable[[Node], None] | None = None

    def children(self) -> Node:
        if self.expand is not None:
            expand, self.expand = self.expand, None
            expand(self)
        return self


@dataclass(frozen=True)
class Document:
    data: Any
    root: Node


# -- JSON ------------------------------------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
# json's own scanners (typeshed does not describe them): a string from after its quote, and
# any value from its first character.
_scanstring: Callable[[str, int], tuple[str, int]] = getattr(json.decoder, "scanstring")
_make_scanner: Callable[[json.JSONDecoder], Callable[[str, int], tuple[Any, int]]] = getattr(
    json.scanner, "make_scanner")


def load_json(text: str) -> Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unparsable(f"Invalid JSON: {exc.msg}", (exc.lineno, exc.colno)) from None
    except RecursionError:
        raise Unparsable("Invalid JSON: nested too deeply", (1, 1)) from None
    try:
        return Document(data, _JsonScan(text).document())
    except RecursionError:
        raise Unparsable("Invalid JSON: nested too deeply", (1, 1)) from None


class _JsonScan:
    """Positions of a text json.loads accepted: every step mirrors json's own grammar, so it
    cannot go wrong where json did not."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.scalar = _make_scanner(json.JSONDecoder())

    def position(self, offset: int) -> Position:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def skip(self, i: int) -> int:
        match = _WS.match(self.text, i)
        return match.end() if match else i

    def document(self) -> Node:
        node, _ = self.value(self.skip(0))
        return node

    def value(self, i: int) -> tuple[Node, int]:
        char = self.text[i]
        if char == "{":
            return self.obj(i)
        if char == "[":
            return self.array(i)
        _, end = self.scalar(self.text, i)
        return Node(self.position(i)), end

    def obj(self, start: int) -> tuple[Node, int]:
        node = Node(self.position(start), mapping={})
        assert node.mapping is not None
        i = self.skip(start + 1)
        if self.text[i] == "}":
            return node, i + 1
        while True:
            where = self.position(i)  # the key's opening quote
            key, i = _scanstring(self.text, i + 1)
            i = self.skip(i)
            i = self.skip(i + 1)  # the colon
            child, i = self.value(i)
            node.mapping[key] = (where, child)
            i = self.skip(i)
            if self.text[i] == "}":
                return node, i + 1
            i = self.skip(i + 1)  # the comma

    def array(self, start: int) -> tuple[Node, int]:
        node = Node(self.position(start), sequence=[])
        assert node.sequence is not None
        i = self.skip(start + 1)
        if self.text[i] == "]":
            return node, i + 1
        while True:
            child, i = self.value(i)
            node.sequence.append(child)
            i = self.skip(i)
            if self.text[i] == "]":
                return node, i + 1
            i = self.skip(i + 1)


# -- YAML ------------------------------------------------------------------------------------


def load_yaml(text: str) -> Document:
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        raise Unparsable(f"Invalid YAML: {exc.problem or exc.context}", where) from None
    except yaml.YAMLError as exc:
        raise Unparsable(f"Invalid YAML: {exc}", (1, 1)) from None
    except RecursionError:
        raise Unparsable("Invalid YAML: nested too deeply", (1, 1)) from None
    root = _yaml_node(loader, node) if node is not None else Node((1, 1))
    return Document(data, root)


def _yaml_node(loader: Any, node: Any) -> Node:
    """The node's position; its children are made when a path first goes through it (an
    alias may make the graph recursive)."""
    import yaml

    mark = node.start_mark
    result = Node((mark.line + 1, mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        result.expand = lambda n: _yaml_mapping(loader, node, n)
    elif isinstance(node, yaml.SequenceNode):
        result.expand = lambda n: setattr(n, "sequence", [_yaml_node(loader, v)
                                                          for v in node.value])
    return result


def _yaml_mapping(loader: Any, node: Any, into: Node) -> None:
    # Construction flattened merge keys into node.value already; a later duplicate wins, as
    # in the constructed dict.
    mapping: dict[Any, tuple[Position, Node]] = {}
    for key_node, value_node in node.value:
        try:
            key = loader.construct_object(key_node, deep=True)
            hash(key)
        except Exception:  # an unhashable key (safe_load refused it already); a key's alias
            continue
        mark = key_node.start_mark
        mapping[key] = ((mark.line + 1, mark.column + 1), _yaml_node(loader, value_node))
    into.mapping = mapping


# -- from a validator's path to a position ---------------------------------------------------

_INDEX = re.compile(r"\[(\d+)\]")
_MAP_KEY = " (key: "


@dataclass(frozen=True)
class Found:
    value: Position  # the value at the path, or the deepest one on it that exists
    key: Position | None  # the key of the last mapping step, when the path was found whole
    whole: bool


def locate(root: Node, path: str) -> Found:
    """Follow a botocore parameter path (`a.b[0]`, `tags.k`, `tags (key: k)`) through the
    document; keys may hold dots, so each step takes the longest key that fits."""
    node, rest, key, first = root, path, None, True
    while rest:
        node.children()
        index = _INDEX.match(rest)
        if index is not None:
            i = int(index[1])
            if node.sequence is None or i >= len(node.sequence):
                break
            node, rest, key = node.sequence[i], rest[index.end():], None
        elif rest.startswith(_MAP_KEY) and rest.endswith(")") and node.mapping is not None \
                and rest[len(_MAP_KEY):-1] in node.mapping:
            return Found(node.mapping[rest[len(_MAP_KEY):-1]][0], None, True)
        else:
            body = rest if first else rest[1:] if rest.startswith(".") else None
            step = _longest_key(node, body) if body is not None else None
            if step is None or body is None:
                break
            key, node = node.mapping[step] if node.mapping is not None else (None, node)
            rest = body[len(step):]
        first = False
    return Found(node.position, key if not rest else None, not rest)


def _longest_key(node: Node, body: str) -> str | None:
    if node.mapping is None:
        return None
    best = None
    for key in node.mapping:
        if isinstance(key, str) and body.startswith(key) and (
                len(body) == len(key) or body[len(key)] in ".[" or
                body.startswith(_MAP_KEY, len(key))):
            if best is None or len(key) > len(best):
                best = key
    return best
