"""Model documentation (HTML) to plain text, with the standard library only."""

from __future__ import annotations

import functools
import html
import re
import textwrap
from html.parser import HTMLParser

_BLOCK = frozenset({"p", "li", "ul", "ol", "note", "important", "br", "dl", "dt", "dd", "div"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@functools.lru_cache(maxsize=1 << 16)  # every emitter converts the same docs again
def html_to_text(doc: str) -> str:
    """Paragraphs separated by one blank line, whitespace inside paragraphs folded."""
    if not doc:
        return ""
    parser = _TextExtractor()
    parser.feed(doc)
    parser.close()
    text = html.unescape("".join(parser.parts))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


@functools.lru_cache(maxsize=1 << 16)  # member docs recur in every page that shows them
def first_sentence(doc: str) -> str:
    """First sentence of the plain-text doc, for short help lines."""
    text = html_to_text(doc)
    match = _SENTENCE.match(text)
    return " ".join((match.group(1) if match else text).split())


_SENTENCE = re.compile(r"(.+?[.!?])(\s|$)", re.S)
_ASCII_SPACE = re.compile(r"[\t\n\x0b\x0c\r]|  |^ | $")


def fill(paragraph: str, width: int, indent: str = "") -> str:
    """textwrap.fill(paragraph, width, initial_indent=indent, subsequent_indent=indent,
    break_long_words=False, break_on_hyphens=False), with a fast path for what html_to_text
    gives (words joined by single spaces), which is most of the time of emitting a service."""
    words = paragraph.split(" ")
    # textwrap drops a chunk that str.strip() empties (U+2028, NBSP alone) at a line's ends
    if _ASCII_SPACE.search(paragraph) or not all(map(str.strip, words)) and paragraph:
        return textwrap.fill(paragraph, width, initial_indent=indent, subsequent_indent=indent,
                             break_long_words=False, break_on_hyphens=False)
    room = width - len(indent)
    lines: list[str] = []
    line: list[str] = []
    length = 0
    for word in words:
        if line and length + 1 + len(word) > room:
            lines.append(indent + " ".join(line))
            line, length = [word], len(word)
        else:
            length += len(word) + (1 if line else 0)
            line.append(word)
    if line and paragraph:
        lines.append(indent + " ".join(line))
    return "\n".join(lines)
