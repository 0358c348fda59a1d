"""The one way out for model text: every string from a model reaches an emitted file only
through one of these functions, each escaping for its context and total over all of Unicode
(newlines, NUL, lone surrogates, quotes, backslashes, template syntax).

Contexts: a Python comment line, a Python docstring, a Python string literal, a Python
identifier, a file name, and plain text shown to people (help pages, YAML skeleton comments).
`Code` marks text that is already Python source (or escaped for the file it goes into); the
template environment (generator/render.py) refuses to interpolate any plain `str`, so a
template cannot paste raw model text by accident.
"""

from __future__ import annotations

import functools
import keyword
import math
import re
import unicodedata
import urllib.parse

from .docs import fill
from .errors import GenerationError


class Code(str):
    """Text that is safe to emit as it is: Python source built by an emitter from escaped
    parts, or text already escaped for the file it is written to."""

    __slots__ = ()


def _escape_char(ch: str) -> str:
    """The backslash escape of one character, as Python spells it in a string literal."""
    n = ord(ch)
    if n < 0x100:
        return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(ch, f"\\x{n:02x}")
    return f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


# Characters no emitted file shows raw: controls (C0, DEL, C1), lone surrogates (unencodable),
# line and paragraph separators (line breaks to YAML 1.1, str.splitlines and some editors),
# the byte order mark, and the bidirectional controls of "Trojan Source" (CVE-2021-42574).
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufeff"
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_QUOTE_RUNS = re.compile(r'"{3,}|\A"+|"+\Z')
# PEP 263: a comment on line 1 or 2 matching this sets the source encoding.
_CODING = re.compile(r"(coding)([:=])", re.I)


def has_hidden(text: str) -> bool:
    """Does `text` hold a character that no emitted file shows raw (newlines aside)?"""
    return _HIDDEN.search(text) is not None


def plain_text(text: str, multiline: bool = True) -> str:
    """Text for people (help pages, YAML comments): hidden characters become visible escapes,
    and with `multiline=False` so does every line break."""
    out = _HIDDEN.sub(lambda m: _escape_char(m.group()), text)
    if not multiline:
        out = out.replace("\n", "\\n")
    return out


_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(text: str) -> str:
    """JSON text from json.dumps(ensure_ascii=False) made encodable: a lone surrogate (only
    possible inside a JSON string) becomes its \\uXXXX escape, which JSON allows."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def uri_component(text: str) -> str:
    """`text` as one component of a URI (a schema's `$id`): percent-encoded UTF-8, every
    character but unreserved ones encoded; a lone surrogate as its escape text first."""
    return urllib.parse.quote(_SURROGATE.sub(lambda m: _escape_char(m.group()), text), safe="")


def _python_visible(text: str, keep_newlines: bool) -> str:
    """Escape every character a Python source line should not hold raw."""
    if text.isprintable() or keep_newlines and all(map(str.isprintable, text.split("\n"))):
        return text
    return "".join(ch if ch.isprintable() or (keep_newlines and ch == "\n") else _escape_char(ch)
                   for ch in text)


def comment(text: str) -> Code:
    """The text of one `#` comment line: no line break, nothing unprintable, and no PEP 263
    encoding declaration (`coding: utf-7` in a model's API version must not change how Python
    decodes the file)."""
    out = _python_visible(text, keep_newlines=False)
    out = _CODING.sub(lambda m: m.group(1) + _escape_char(m.group(2)), out)
    return Code(out.rstrip())


def string(text: str) -> Code:
    """A Python string literal holding exactly `text` (repr is total over str: it escapes
    quotes, backslashes, controls, surrogates and every non-printable character)."""
    return Code(repr(str(text)))


def literal(value: object) -> Code:
    """A Python literal of a str, number, bool, None, or a tuple/list of them (repr of these
    types is exact and total); anything else is refused rather than guessed at."""
    if not _literal_safe(value):
        raise GenerationError(f"internal: no literal for {type(value).__name__}")
    return Code(repr(value))


def _literal_safe(value: object) -> bool:
    if value is None or type(value) in (str, int, bool):
        return True
    if type(value) is float:
        return math.isfinite(value)
    if type(value) in (tuple, list):
        return all(_literal_safe(v) for v in value)  # type: ignore[attr-defined]
    return False


@functools.lru_cache(maxsize=1 << 16)  # docs repeat across classes, fields and operations
def docstring(text: str, indent: str = "") -> Code:
    """A triple-quoted literal holding `text`, wrapped to the line length: backslashes doubled,
    quotes that could end the literal escaped, unprintable characters as escapes."""
    width = max(40, 96 - len(indent))
    text = "\n\n".join(fill(p, width) for p in str(text).split("\n\n"))
    # A class's docstring is stored as UTF-8 too (type.__doc__), so a lone surrogate would make
    # the class statement fail: surrogates are shown as their escape text instead.
    text = _SURROGATE.sub(lambda m: _escape_char(m.group()), text)
    body = _python_visible(text.replace("\\", "\\\\"), keep_newlines=True)
    body = "\n".join(line.rstrip() for line in body.split("\n"))
    # Quotes that could close the literal: runs of three or more, and any run at either end.
    body = _QUOTE_RUNS.sub(lambda m: '\\"' * len(m.group()), body)
    lines = body.split("\n")
    body = ("\n" + indent).join(lines).replace("\n" + indent + "\n", "\n\n")
    if len(lines) > 1:
        return Code(f'"""{body}\n{indent}"""')
    return Code(f'"""{body}"""')


def ascii_word(name: str) -> str:
    """`name` NFKC-normalised (as Python normalises identifiers, so `ﬁle` and `file` are one
    name), every character but ASCII letters, digits and `_` replaced by `_`."""
    return re.sub(r"[^A-Za-z0-9_]", "_", unicodedata.normalize("NFKC", name))


def ascii_identifier(name: str) -> str:
    """An ASCII Python identifier for a model name: NFKC-normalised first (Python compares
    identifiers that way, so `ﬁle` and `file` are one name), every other character `_`, no
    leading digit, no leading double underscore (name mangling, dunders)."""
    ident = ascii_word(name)
    if not ident or ident[0].isdigit():
        ident = "_" + ident
    if ident.startswith("__"):
        ident = "_" + ident.lstrip("_") if ident.strip("_") else "_"
    return ident


@functools.lru_cache(maxsize=1 << 16)  # field and function names recur all over a module
def identifier(name: str) -> Code:
    """`name` checked to be a safe ASCII identifier (derived names only, never raw text)."""
    if not (name.isascii() and name.isidentifier()) or keyword.iskeyword(name):
        raise GenerationError(f"internal: {name!r} is not a safe identifier")
    return Code(name)


_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def path_segment(name: str, what: str) -> str:
    """`name` as one file or directory name, or GenerationError: letters, digits, `.`, `_`,
    `-`, starting with a letter or digit, so no `/`, `..`, hidden file or device name."""
    if not _SEGMENT.fullmatch(name) or name.upper().split(".")[0] in _WINDOWS_DEVICES:
        raise GenerationError(
            f"{what} {name!r} cannot be a file name: use letters, digits, '.', '_' and '-' "
            f"only, starting with a letter or digit, at most 100 characters"
        )
    return name


# Names Windows reserves in every directory; a checkout there could not hold such a file.
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)
