"""Model patterns (ECMA-262 regular expressions, as Smithy and JSON Schema define them) turned
into Python `re` patterns with the same meaning, or None where Python cannot express one.

Differences handled: `$` (ECMA: end of input only; Python: also before a final newline) becomes
`\\Z` outside character classes; `\\d` and `\\w` are ASCII in ECMA and Unicode in Python, so they
become explicit ASCII classes; `\\s`/`\\S` become ECMA's WhiteSpace and LineTerminator set
(Python's differs: it has \\x1c-\\x1f and \\x85, lacks \\ufeff), and `.` outside a class becomes
"anything but \\n \\r \\u2028 \\u2029" (Python's `.` only excludes \\n). `\\b` and `\\B` get
Python's ASCII flag (ECMA's word characters are ASCII), and a backreference `\\N` becomes
`(?(N)\\N|)`: in ECMA a group that took no part matches "" (generator.backrefs). Unsupported constructs (`\\p{..}`, `\\u{...}`, UTF-16 surrogate
ranges) make the pattern untranslatable: see docs/validation.md for how callers treat that."""

from __future__ import annotations

import functools
import re

_SURROGATE_PAIR = re.compile(r"\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})", re.I)
_SPACE = "\\t-\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_ASCII_CLASSES = {"d": "0-9", "w": "A-Za-z0-9_", "s": _SPACE}
_NEGATED = {"D": "0-9", "W": "A-Za-z0-9_", "S": _SPACE}
_DOT = "[^\\n\\r\\u2028\\u2029]"
# \D and \W inside a class: their ECMA sets as explicit ranges (a class cannot hold a
# negated class otherwise). \S there: see _class_with_non_space.
_IN_CLASS_NEGATED = {
    "D": "\\x00-/:-\\U0010ffff",
    "W": "\\x00-/:-@\\[-\\^`{-\\U0010ffff",
}


_BACKREFERENCE = re.compile(r"\\([1-9][0-9]*)")
_TRANSLATED = re.compile(r"\\[pPAz]|\\u\{|\(\?i[):]")


@functools.cache
def to_python(pattern: str) -> str | None:
    if _TRANSLATED.search(pattern.replace("\\\\", "")):
        # \p{..}, \A \z, \u{..}, (?i): generator.ecma translates them (its ECMA spelling
        # has none), and the Python spelling is made from that
        from .ecma import pattern_forms

        return pattern_forms(pattern).python
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt in "pPc" or pattern.startswith("\\u{", i):
                return None  # Unicode properties, code point escapes, control escapes
            pair = _SURROGATE_PAIR.match(pattern, i)
            if pair:  # Java/UTF-16 spelling of one astral character
                high, low = int(pair.group(1), 16), int(pair.group(2), 16)
                out.append(f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}")
                i = pair.end()
                continue
            ref = _BACKREFERENCE.match(pattern, i) if not in_class else None
            if ref:  # ECMA: a group that took no part matches ""; Python's \N would fail
                out.append(f"(?({ref.group(1)})\\{ref.group(1)}|)")
                i = ref.end()
                continue
            if nxt in "bB" and not in_class:  # ECMA's word boundary is ASCII's
                out.append(f"(?a:\\{nxt})")
            elif nxt in _ASCII_CLASSES:
                body = _ASCII_CLASSES[nxt]
                out.append(body if in_class else f"[{body}]")
            elif nxt in _NEGATED:
                out.append(_IN_CLASS_NEGATED[nxt] if in_class else f"[^{_NEGATED[nxt]}]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        end = _class_end(pattern, i) if ch == "[" and not in_class else None
        if end is not None and _escapes(pattern[i + 1 : end], "S"):
            spelled = _class_with_non_space(pattern[i : end + 1])
            if spelled is None:
                return None
            out.append(spelled)
            i = end + 1
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            if pattern[i + 1 : i + 2] == "^":
                out.append("^")
                i += 1
            if pattern[i + 1 : i + 2] == "]":  # ECMA: `[]` is an empty class; Python differs
                return None
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        elif ch == "$" and not in_class:
            out.append(r"\Z")
        elif ch == "." and not in_class and not pattern.startswith("(?s)"):
            out.append(_DOT)  # under (?s), Python's `.` is ECMA's [\s\S] already
        else:
            out.append(ch)
        i += 1
    translated = "".join(out)
    try:
        re.compile(translated)
    except re.error:
        return None
    return translated


def _class_end(pattern: str, start: int) -> int | None:
    """The index of the `]` closing the class opened at `start`."""
    i = start + 1 + pattern.startswith("^", start + 1)
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i
        i += 1
    return None


def _escapes(body: str, letter: str) -> bool:
    return letter in re.findall(r"\\(.)", body)


def _class_without(body: str, letter: str) -> str:
    """A class body without its `\\<letter>` escapes."""
    return re.sub(r"\\.", lambda m: "" if m.group(0) == "\\" + letter else m.group(0), body)


def _class_with_non_space(cls: str) -> str | None:
    """A class holding `\\S`. Python's `\\S` (within a class it cannot be an explicit set
    that Hypothesis draws from quickly) is ECMA's plus U+FEFF, minus \\x1c-\\x1f and \\x85:
    add those, and take U+FEFF out (a lookahead) or back (an alternative) unless the class's
    other members hold it anyway."""
    negated = cls.startswith("[^")
    rest = _class_without(cls[2 if negated else 1 : -1], "S")
    if _escapes(rest, "s"):
        return "[^\\s\\S]" if negated else "[\\s\\S]"  # Python's \s ∪ \S: everything, too
    if rest.startswith("^"):
        rest = "\\" + rest
    inner = to_python(f"[{rest}]") if rest else "[]"
    if inner is None:
        return None
    inner = inner[1:-1]
    spelled = f"[{'^' if negated else ''}{inner}\\S\\x1c-\\x1f\\x85]"
    if inner and re.fullmatch(f"[{inner}]", "\ufeff"):
        return spelled
    return f"(?:\\ufeff|{spelled})" if negated else f"(?:(?!\\ufeff){spelled})"


def bounded_repeats(pattern: str, limit: int) -> str:
    """The same pattern with every unbounded or wide repeat (`*`, `+`, `{m,}`, `{m,n}`) capped at
    `limit` more repetitions. It matches a subset of the original language; Hypothesis draws
    from it several times faster, as nested unbounded repeats make its regex strategy slow.
    Repeats inside a lookaround stay: in a negative one a cap widens the language, and
    Hypothesis draws a positive one's text as if consumed, so a cap there (`(?=^.{8,64}$)` as
    `.{8,16}`) leaves almost no draw that the capped pattern itself accepts (ds' Password)."""
    out: list[str] = []
    in_class = False
    groups: list[bool] = []  # per open group: is it a lookaround?
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
            out.append(ch)
        elif ch == "[":
            in_class = True
            if pattern.startswith("[^", i):
                out.append("[^")
                i += 1
            else:
                out.append("[")
            if pattern.startswith("]", i + 1):  # a leading ] is a literal member
                out.append("]")
                i += 1
        elif ch == "(":
            groups.append(pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i))
            out.append(ch)
        elif ch == ")":
            if groups:
                groups.pop()
            out.append(ch)
        elif any(groups):
            out.append(ch)
        elif ch == "*" or ch == "+":
            out.append(f"{{{0 if ch == '*' else 1},{limit}}}")
        elif ch == "{" and (m := re.match(r"\{(\d+),(\d*)\}", pattern[i:])):
            # `{m,}`, and `{m,n}` past m + limit (`.{0,1024}` would mostly overshoot the
            # shape's own maximum length, and every draw past it is thrown away).
            low, high = int(m.group(1)), m.group(2)
            out.append(f"{{{low},{min(int(high), low + limit) if high else low + limit}}}")
            i += m.end() - 1
        else:
            out.append(ch)
        i += 1
    return "".join(out)
