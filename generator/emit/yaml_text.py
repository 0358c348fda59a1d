"""The yaml-input skeleton's text without ruamel, byte for byte what ruamel dumps, for the
skeletons most models make.

ruamel.yaml's round-trip dumper (what the AWS CLI uses) is exact but slow: it took 1.1 s of
ec2's 6 s of generation, for 765 small documents. A skeleton holds little: mappings with an
end-of-line comment per member, one-element lists, and a few scalars (`''`, an enum's first
value, `0`, `0.0`, `true`, the epoch timestamp, `!!binary ''`). `dump` writes those the way
ruamel does (block style, two-space mappings, sequences not indented inside mappings, `{}` for
an empty mapping, the comment's own leading space kept: ruamel's `yaml_add_eol_comment` gives
` # ` to a member with no commented member before it and `# ` to the others) and returns None
for anything outside that subset (a key or enum value that ruamel would quote, a key it would
not write as a simple key, another scalar): the caller then dumps with ruamel itself.
tests/test_skeletons.py holds the two to each other on every operation of several services
and the hostile models; bench/yaml_skeletons.py on every operation botocore ships.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ruamel.yaml.comments import CommentedMap

# Written plain by ruamel and read back as the same string: letters first, no YAML syntax.
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,99}")
# ...unless YAML 1.1 or 1.2 reads it as a bool or null (then ruamel quotes it).
_RESERVED = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "null"})
_EPOCH = datetime(1970, 1, 1)
_WIDTH = 70  # longest key-and-value line written here; ruamel's best_width is 80


class _Outside(Exception):
    """A value this writer does not write as ruamel would: use ruamel."""


def dump(value: Any, binary: type) -> str | None:
    """ruamel's dump of a skeleton (`binary`: the class dumped as `!!binary ''`), or None."""
    writer = _Writer(binary)
    try:
        if not isinstance(value, dict):
            raise _Outside
        if not value:
            return "{}\n"
        writer.mapping(value, 0, "")
    except _Outside:
        return None
    writer.lines.append("")
    return "\n".join(writer.lines)


def _plain(text: str) -> str:
    if _PLAIN.fullmatch(text) is None or text.lower() in _RESERVED:
        raise _Outside
    return text


def _comment(mapping: dict[str, Any], key: str) -> str:
    if not isinstance(mapping, CommentedMap):
        return ""
    entry = mapping.ca.items.get(key)
    return "" if entry is None else " " + str(entry[2].value)


class _Writer:
    def __init__(self, binary: type) -> None:
        self.binary = binary
        self.lines: list[str] = []
        # ruamel anchors an object it meets twice (`&id001` ... `*id001`, moving comments):
        # the walker's one epoch datetime can only be written once.
        self.timestamp = False

    def scalar(self, value: Any) -> str:
        if isinstance(value, str):
            return "''" if value == "" else _plain(value)
        if value is True:
            return "true"
        if type(value) is int and value == 0:
            return "0"
        if type(value) is float and value == 0.0:
            return "0.0"
        if type(value) is datetime and value == _EPOCH and not self.timestamp:
            self.timestamp = True
            return "1970-01-01 00:00:00"
        if type(value) is self.binary:
            return "!!binary ''"
        if isinstance(value, dict) and not value:
            return "{}"
        raise _Outside

    @staticmethod
    def fitted(line: str) -> str:
        """ruamel moves a scalar that would pass its width (80) to the next line."""
        if len(line) > _WIDTH:
            raise _Outside
        return line

    def mapping(self, mapping: dict[str, Any], indent: int, first: str) -> None:
        pad = " " * indent
        start = first
        for key, value in mapping.items():
            if not isinstance(key, str):
                raise _Outside
            head = start + _plain(key) + ":"
            start = pad
            comment = _comment(mapping, key)
            if isinstance(value, dict) and value:
                self.lines.append(head + comment)
                self.mapping(value, indent + 2, " " * (indent + 2))
            elif isinstance(value, list) and value:
                self.lines.append(head + comment)
                self.sequence(value, indent, pad)
            else:
                self.lines.append(self.fitted(f"{head} {self.scalar(value)}") + comment)

    def sequence(self, items: list[Any], indent: int, first: str) -> None:
        start = first
        for item in items:
            head = start + "- "
            start = " " * indent
            if isinstance(item, dict) and item:
                self.mapping(item, indent + 2, head)
            elif isinstance(item, list) and item:
                self.sequence(item, indent + 2, head)
            else:
                self.lines.append(self.fitted(head + self.scalar(item)))
