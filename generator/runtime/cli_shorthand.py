"""The AWS CLI shorthand syntax (``--tags Key=k,Value=v``), parsed on its own: no model needed.

Grammar (the AWS CLI's, re-implemented here)::

    parameter     = keyval *("," keyval)
    keyval        = key ["@"] "=" [values]         ; "@=" loads file:// / fileb:// values
    key           = 1*(ALPHA / DIGIT / "-" / "_" / "." / "#" / "/" / ":")
    values        = explicit-list / hash-literal / csv-value
    csv-value     = first-value *("," second-value) ; one value is a scalar, more a list
    explicit-list = "[" [item *("," item)] "]"
    item          = explicit-list / hash-literal / first-value
    hash-literal  = "{" [key "=" item *("," key "=" item)] "}"

Values are unquoted words or '...' / "..." strings (a backslash escapes the quote and itself).
A csv value list stops where the next word is the key of the following ``key=``, so
``a=1,2,b=3`` is ``{"a": ["1", "2"], "b": "3"}``. Errors carry the AWS CLI's messages, with a
caret under the failing position.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

# Unquoted words, as the complement of what they may not contain (astral characters never):
# a word starts with anything printable but quotes, "," "=" "[" "{" and space; the rest of the
# first value of a key may also hold "=", "[", "{" and whitespace (but not "]" or "}", which
# close a literal); a later csv value may hold anything but quotes, "," and "=". A "\\,"
# is an escaped comma anywhere in a word.
_ASTRAL = "\\U00010000-\\U0010ffff"
_WORD_START = f"[^\\x00-\\x20\"',=\\[{{{_ASTRAL}]"
_FIRST_REST = f"[^\\x00-\\x08\\x0e-\\x1b\"',\\]}}{_ASTRAL}]"
_SECOND_REST = f"[^\\x00-\\x08\\x0e-\\x1b\"',={_ASTRAL}]"
_ESCAPED_COMMA = r"\\,"
_SOURCES = {
    "first": f"(?:{_ESCAPED_COMMA}|{_WORD_START})(?:{_ESCAPED_COMMA}|{_FIRST_REST})*",
    "second": f"(?:{_ESCAPED_COMMA}|{_WORD_START})(?:{_ESCAPED_COMMA}|{_SECOND_REST})*",
    "singled quoted": r"'(?:\\\\|\\'|[^'])*'",
    "double quoted": r'"(?:\\\\|\\"|[^"])*"',
}
_compiled: dict[str, re.Pattern[str]] = {}
_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.#/:")
_WHITESPACE = frozenset(" \t\n\r\x0b\x0c")


def _pattern(name: str) -> re.Pattern[str]:
    """The compiled pattern, compiled on first use (the classes take milliseconds to build,
    which a command line that uses no shorthand should not pay)."""
    pattern = _compiled.get(name)
    if pattern is None:
        pattern = _compiled[name] = re.compile(_SOURCES[name])
    return pattern


class ShorthandParseError(Exception):
    """Any shorthand error; the message is what follows "Error parsing parameter '--x': "."""


def _location(value: str, index: int) -> str:
    """The input with a caret under `index`, on the line where the index falls."""
    consumed, remaining, spaces = value, "", index
    if "\n" in value[:index]:
        spaces = index - value[:index].rindex("\n") - 1
    if "\n" in value[index:]:
        cut = index + value[index:].index("\n")
        consumed, remaining = value[:cut], value[cut:]
    return f"{consumed}\n{' ' * spaces}^{remaining}"


class ShorthandSyntaxError(ShorthandParseError):
    def __init__(self, value: str, expected: str, actual: str, index: int) -> None:
        super().__init__(
            f"Expected: '{expected}', received: '{actual}' for input:\n{_location(value, index)}"
        )


class DuplicateKeyError(ShorthandParseError):
    def __init__(self, key: str, value: str, index: int) -> None:
        super().__init__(
            f'Second instance of key "{key}" encountered for input:\n{_location(value, index)}\n'
            'This is often because there is a preceding "," instead of a space.'
        )


class _Parser:
    """One parse of one string; `resolve` loads the file:// values of "key@=" pairs."""

    def __init__(self, text: str, resolve: Callable[[str], Any] | None) -> None:
        self.text = text
        self.pos = 0
        self.resolve = resolve
        self.load_files = False  # set while the value of a "key@=" pair is read

    # -- the grammar ---------------------------------------------------------------------

    def parameter(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        key, value = self.keyval()
        result[key] = value
        end_of_last = self.pos
        while not self.at_end():
            self.expect(",", skip_space=True)
            key, value = self.keyval()
            if key in result:  # usually "a=1,a=2" where "a=1 a=2" (two list items) was meant
                raise DuplicateKeyError(key, self.text, end_of_last + 1)
            result[key] = value
            end_of_last = self.pos
        return result

    def keyval(self) -> tuple[str, Any]:
        key = self.key()
        self.key_separator()
        return key, self.values()

    def key_separator(self) -> None:
        """ "=" or "@=" (the latter loads file values); sets `load_files` accordingly."""
        self.load_files = False
        try:
            self.expect("@", skip_space=True)
            self.load_files = True
        except ShorthandSyntaxError:
            pass
        self.expect("=", skip_space=True)

    def key(self) -> str:
        start = self.pos
        while not self.at_end() and self.text[self.pos] in _KEY_CHARS:
            self.pos += 1
        return self.text[start : self.pos]

    def values(self) -> Any:
        if self.at_end():
            return ""
        if self.peek() == "[":
            return self.explicit_list()
        if self.peek() == "{":
            return self.hash_literal()
        return self.csv_value()

    def csv_value(self) -> Any:
        first = self.first_value()
        self.skip_space()
        if self.at_end() or self.text[self.pos] != ",":
            return first
        self.expect(",", skip_space=True)
        items = [first]
        while True:
            try:
                item = self.second_value()
                self.skip_space()
                if self.at_end():
                    items.append(item)
                    break
                self.expect(",", skip_space=True)
                items.append(item)
            except ShorthandSyntaxError:
                # The word was the key of the next pair ("a=1,b=2"): step back to its comma.
                if self.at_end():
                    raise
                self.back_to(",")
                break
        return first if len(items) == 1 else items

    def explicit_list(self) -> list[Any]:
        self.expect("[", skip_space=True)
        items: list[Any] = []
        while self.peek() != "]":
            items.append(self.explicit_value())
            self.skip_space()
            if self.peek() != "]":
                self.expect(",")
                self.skip_space()
        self.expect("]")
        return items

    def hash_literal(self) -> dict[str, Any]:
        self.expect("{", skip_space=True)
        result: dict[str, Any] = {}
        while self.peek() != "}":
            key = self.key()
            self.key_separator()
            value = self.explicit_value()
            self.skip_space()
            if self.peek() != "}":
                self.expect(",")
                self.skip_space()
            result[key] = value
        self.expect("}")
        return result

    def explicit_value(self) -> Any:
        if self.peek() == "[":
            return self.explicit_list()
        if self.peek() == "{":
            return self.hash_literal()
        return self.first_value()

    def first_value(self) -> Any:
        quoted = self.quoted()
        if quoted is not None:
            return quoted
        match = _pattern("first").match(self.text, self.pos)
        if match is None:
            return ""
        self.pos = match.end()
        return self.maybe_load(match.group().replace("\\,", ",").rstrip())

    def second_value(self) -> Any:
        quoted = self.quoted()
        if quoted is not None:
            return quoted
        word = self.must_match("second")
        return self.maybe_load(word.replace("\\,", ",").rstrip())

    def quoted(self) -> Any:
        """A quoted string at the cursor (escapes undone), or None if none starts here."""
        char = self.peek()
        if char not in ("'", '"'):
            return None
        raw = self.must_match("singled quoted" if char == "'" else "double quoted")[1:-1]
        return self.maybe_load(raw.replace("\\" + char, char).replace("\\\\", "\\"))

    def maybe_load(self, value: str) -> Any:
        if self.load_files and self.resolve is not None:
            loaded = self.resolve(value)
            if loaded is not None:
                return loaded
        return value

    # -- the cursor ----------------------------------------------------------------------

    def expect(self, char: str, skip_space: bool = False) -> None:
        if skip_space:
            self.skip_space()
        if self.at_end():
            raise ShorthandSyntaxError(self.text, char, "EOF", self.pos)
        actual = self.text[self.pos]
        if actual != char:
            raise ShorthandSyntaxError(self.text, char, actual, self.pos)
        self.pos += 1
        if skip_space:
            self.skip_space()

    def must_match(self, name: str) -> str:
        match = _pattern(name).match(self.text, self.pos)
        if match is None:
            raise ShorthandSyntaxError(self.text, f"<{name}>", "<none>", self.pos)
        self.pos = match.end()
        return match.group()

    def peek(self) -> str:
        """The character at the cursor, or "" at the end."""
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def back_to(self, char: str) -> None:
        while self.pos >= 0 and self.text[self.pos] != char:
            self.pos -= 1

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
            self.pos += 1


def parse(text: str, resolve: Callable[[str], Any] | None = None) -> dict[str, Any]:
    """Parse one shorthand string into a dict of str / list / dict values.

    `resolve(value)` is called for the values of ``key@=`` pairs: it returns the loaded content
    of a ``file://`` / ``fileb://`` value, or None to keep the text."""
    return _Parser(text, resolve).parameter()
