"""Which model patterns can be enforced, in which spelling, plus the fixed regexes of value forms.

A model pattern is enforced (JSON Schema `pattern`, generated validator) only when it means the
same thing to every consumer:
- it is valid ECMA-262 in Unicode mode (the `u` flag JSON Schema 2020-12 asks for), after
  meaning-preserving normalisations: Annex B identity escapes (`\\-`, `\\_`, `\\:` outside a
  class; `\\_`, `\\:` inside one) lose their backslash, a lone `{` or `}` gains one, a
  leading `(?s)` becomes `[\\s\\S]` for each `.`, and two more Annex B forms take Annex B's
  meaning: a class escape as a range end (`[\\w-_]`: `-` escaped) and a quantified lookahead
  (wrapped in a group);
- that ECMA spelling also compiles, without warnings, with Python `re` (python-jsonschema
  checks `pattern` against the `regex` format with `re.compile`);
- `generator.patterns.to_python` has a Python spelling for it (the one the Hypothesis
  strategies generate from, so validators and strategies agree).
`\\p{..}`, surrogate-pair escapes, `\\u{..}`, `\\A`/`\\z` and `(?i)` are translated into exact
equivalents first (docs/validation.md), and backreferences that `re` might run super-linearly
are expanded into alternatives (generator.regex.expand); what is left (Java's property names,
possessive quantifiers, ...) is kept as documentation only (bench/patterns.py lists it).
"""

from __future__ import annotations

import functools
import re
import warnings
from dataclasses import dataclass, replace

from . import backrefs, unicode_props
from .patterns import to_python
from .regex import UnsupportedPattern, charset, parse
from .regex.expand import without_backreferences
from .regex.program import backreference_risk
from .regex.spell import spell

_SYNTAX = frozenset("^$\\.*+?()[]{}|/")
_CONTROL = frozenset("fnrtv")
_CLASS_ESCAPES = frozenset("dDwWsS")
_QUANTIFIER = re.compile(r"\{([0-9]+)(,([0-9]*))?\}")
_HEX2 = re.compile(r"[0-9A-Fa-f]{2}")
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")

# RFC 3339 date-time as the AWS CLI prints it, with calendar-correct days (leap years too),
# fractional seconds of any length, and an optional zone (the CLI skeleton's placeholder
# "1970-01-01T00:00:00" has none). Year 0000 does not exist in Python's datetime.
_DAY_31 = "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
_DAY_30 = "(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
_DAY_FEB = "02-(?:0[1-9]|1[0-9]|2[0-8])"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
TIMESTAMP_ECMA = (
    f"^(?!0000)(?:[0-9]{{4}}-(?:{_DAY_31}|{_DAY_30}|{_DAY_FEB})|{_LEAP_YEAR}-02-29)"
    "T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?"
    "(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?$"
)
# Canonical base64 (RFC 4648 section 3.5): padded, and the unused low bits of the last
# character are zero, so each byte string has exactly one spelling.
BASE64_ECMA = (
    "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw]==|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=)?$"
)


class _Unsupported(Exception):
    """The pattern cannot be enforced; the message says why."""


@dataclass(frozen=True)
class PatternForms:
    """A model pattern's spellings. `ecma`/`python` are None when it is not enforced."""

    source: str
    ecma: str | None  # for JSON Schema `pattern` (Unicode-mode ECMA-262)
    python: str | None  # for Python `re.search`, ECMA semantics (`$` is `\Z`)
    note: str = ""  # why it is not enforced, or how the ECMA spelling was normalised
    search: str | None = None  # `python` reduced for search; "" when every string matches

    @property
    def enforced(self) -> bool:
        return self.ecma is not None and self.python is not None


@functools.cache
def pattern_forms(source: str) -> PatternForms:
    try:
        ecma, reduced, translated, references = _normalise(source)
    except _Unsupported as exc:
        return PatternForms(source, None, None, f"not enforced: {exc}")
    risk = backreference_risk(ecma) if references else ""
    if risk:  # only `re` runs backreferences, and it must run them in linear time
        return _expanded(source, ecma, risk)
    problem = _python_problem(ecma)
    if problem:
        return PatternForms(source, None, None, f"not enforced: Python re {problem}")
    # A pattern the normalisation translated (property classes, surrogate pairs, \A \z,
    # (?i)) takes its Python spelling from the ECMA one; the others keep the model's text's.
    python = to_python(ecma if translated else source)
    if python is None or _python_problem(python):
        return PatternForms(source, None, None, "not enforced: no Python spelling")
    note = "" if ecma == source else f"normalised from the model's {source}"
    search = python
    if reduced is not None:
        reduced_python = to_python(reduced) if reduced else ""
        if reduced_python is not None and not _python_problem(reduced_python):
            search = reduced_python
    return PatternForms(source, ecma, python, note, search)


def _expanded(source: str, ecma: str, risk: str) -> PatternForms:
    """A pattern whose backreferences `re` may run super-linearly, with them expanded into
    alternatives (generator.regex.expand): a regular pattern, which an automaton runs."""
    try:
        regular = spell(without_backreferences(parse(ecma)))
    except UnsupportedPattern as exc:
        return PatternForms(source, None, None, "not enforced: a backreference (no automaton "
                            f"runs it) where Python re may backtrack super-linearly ({risk}), "
                            f"and no expansion: {exc.reason}")
    forms = pattern_forms(regular)
    if not forms.enforced:
        return PatternForms(source, None, None, f"{forms.note} (backreferences expanded)")
    return replace(forms, source=source,
                   note=f"backreferences expanded into alternatives from the model's {source}")


def fixed_python(ecma: str) -> str:
    """Python spelling of one of this module's fixed ECMA regexes."""
    python = to_python(ecma)
    assert python is not None, ecma
    return python


def base64_length_bounds(min_bytes: int | None, max_bytes: int | None) -> tuple[int, int | None]:
    """String length bounds of canonical base64 for a byte-length range: 4 * ceil(n / 3).

    An approximation: a string of the bound length decodes to up to two bytes fewer than the
    bound (padding), so the schema accepts slightly more than the byte limits allow; the
    generated validators check the decoded length exactly."""
    lo = 4 * -(-int(min_bytes) // 3) if min_bytes else 0
    hi = 4 * -(-int(max_bytes) // 3) if max_bytes is not None else None
    return lo, hi


def _python_problem(pattern: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            re.compile(pattern)
        except (re.error, FutureWarning, DeprecationWarning) as exc:
            return f"rejects it ({exc})"
    return ""


def _normalise(source: str) -> tuple[str, str | None, bool, bool]:
    """The Unicode-mode ECMA-262 spelling of `source`, its reduced search form (None: not
    reducible, "": matches every string), whether constructs were translated (not only
    re-escaped) and whether it has backreferences; or _Unsupported."""
    if any(0xD800 <= ord(c) <= 0xDFFF for c in source):
        raise _Unsupported("lone UTF-16 surrogates")
    dotall = source.startswith("(?s)")
    parser = _Parser(source[4:] if dotall else source, dotall)
    return parser.run(), parser.reduced(), parser.translated, bool(parser.captures.refs)


class _Item:
    """A top-level item of a pattern: out[start:end] is its text, quantifier from `quant`."""

    def __init__(self, start: int, assertion: bool) -> None:
        self.start = start
        self.quant: int | None = None  # index in out of its quantifier, if any
        self.low = 1
        self.high: int | None = 1  # None: unbounded
        self.assertion = assertion


def _reduce(items: list[_Item], out: list[str]) -> str | None:
    """A pattern that a search finds exactly when it finds the whole unanchored pattern.

    At an unanchored end, an item that may repeat zero times is dropped and X{m,n} becomes
    X{m}: every match of the whole contains a match of the rest, and a match of the rest
    extends to one of the whole (zero repetitions, or exactly m). E.g. the ecr-public
    repository name `(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*` is found
    exactly where `[a-z0-9]` is."""
    ends = [i.start for i in items[1:]] + [len(out)]
    parts = [(item, "".join(out[item.start:item.quant if item.quant is not None else end]))
             for item, end in zip(items, ends)]
    spelled = ["".join(out[item.start:end]) for item, end in zip(items, ends)]
    keep = list(range(len(parts)))
    lows: dict[int, int] = {}
    for side in (0, -1):
        while keep:
            item = parts[keep[side]][0]
            if item.assertion:
                break
            if item.low == 0:
                keep.pop(side)
                continue
            if item.high != item.low:
                lows[keep[side]] = item.low
            break
    if not keep or (len(keep) == 1 and parts[keep[0]][1] == "^"):
        return ""  # nothing left (or a lone `^`): every string matches
    text = []
    for k in keep:
        if k in lows:
            base = parts[k][1]
            text.append(base if lows[k] == 1 else f"{base}{{{lows[k]}}}")
        else:
            text.append(spelled[k])
    return "".join(text)


class _Parser:
    """A single pass over the pattern that checks the Unicode-mode grammar and re-spells it."""

    def __init__(self, src: str, dotall: bool) -> None:
        self.src = src
        self.dotall = dotall
        self.i = 0
        self.out: list[str] = []
        self.groups: list[bool] = []  # per open group: is it a lookaround?
        self.quantifiable = False  # may the previous item take a quantifier?
        self.items: list[_Item] = []  # top-level items, for the search form
        self.alternation = False  # a top-level `|` (no search form then)
        self.translated = False  # \p{..}, surrogate pairs, \A \z, \u{..} or (?i) re-spelled
        self.icase: int | None = None  # (?i) holds while this many groups stay open
        self.captures = backrefs.Captures(backrefs.count_captures(src))
        self.opened: list[int] = []  # per open group: the index of its opening in out
        self.lookahead: tuple[int, int] | None = None  # the lookahead just closed: out indices

    def reduced(self) -> str | None:
        if self.alternation or not self.items or self.captures.refs:
            return None  # dropping a group would renumber the references after it
        return _reduce(self.items, self.out)

    def _top(self, assertion: bool) -> None:
        """A new top-level item starts at the next output part."""
        if not self.groups:
            self.items.append(_Item(len(self.out), assertion))

    def _quantify(self, low: int, high: int | None) -> None:
        if not self.groups and self.items:
            item = self.items[-1]
            item.quant, item.low, item.high = len(self.out), low, high

    def run(self) -> str:
        while self.i < len(self.src):
            self._item()
        if self.groups:
            raise _Unsupported("unbalanced parenthesis")
        try:
            self.captures.finish()
        except backrefs.Refused as exc:
            raise _Unsupported(str(exc)) from None
        return "".join(self.out)

    def _item(self) -> None:
        c = self.src[self.i]
        if c not in "*+?{)":
            self.captures.other()  # the item before a quantifier is a group only after `)`
        if c == "\\":
            self._escape()
        elif c == "[":
            self._top(assertion=False)
            self._class()
        elif c == "(":
            self._open()
        elif c == ")":
            if not self.groups:
                raise _Unsupported("unbalanced parenthesis")
            lookaround = self.groups.pop()
            opened = self.opened.pop()
            self.captures.close()
            if self.icase is not None and len(self.groups) < self.icase:
                self.icase = None  # an inline flag lasts to the end of its group
            self._emit(")", quantifiable=not lookaround)
            ahead = self.out[opened] in ("(?=", "(?!")
            self.lookahead = (opened, len(self.out) - 1) if ahead else None
        elif c in "*+?":
            self._quantifier(c)
        elif c == "{":
            match = _QUANTIFIER.match(self.src, self.i)
            if match:
                self._bounded(match)
            elif self.src.startswith("{,", self.i):
                raise _Unsupported("`{,n}` is a quantifier in Python but a literal in ECMA")
            else:
                self.captures.other()
                self._top(assertion=False)
                self._emit("\\{", quantifiable=True)
        elif c in "}]":
            self._top(assertion=False)
            self._emit("\\" + c, quantifiable=True)
        elif c in "^$":
            self._top(assertion=True)
            self._emit(c, quantifiable=False)
        elif c == "|":
            self.alternation = self.alternation or not self.groups
            self._emit(c, quantifiable=False)
        elif c == ".":
            self._top(assertion=False)
            self._emit("[\\s\\S]" if self.dotall else _DOT, quantifiable=True)
        else:
            self._top(assertion=False)
            self._emit(_folded(c) if self.icase is not None else c, quantifiable=True)

    def _emit(self, text: str, quantifiable: bool, width: int = 1) -> None:
        self.out.append(text)
        self.i += width
        self.quantifiable = quantifiable

    def _open(self) -> None:
        rest = self.src[self.i:]
        self._top(assertion=rest.startswith(_LOOKAROUND))
        for prefix in _LOOKAROUND:
            if rest.startswith(prefix):
                self.opened.append(len(self.out))
                self.groups.append(True)
                self.captures.open(capturing=False, lookaround=prefix)
                self._emit(prefix, quantifiable=False, width=len(prefix))
                return
        if rest.startswith("(?:"):
            self.opened.append(len(self.out))
            self.groups.append(False)
            self.captures.open(capturing=False)
            self._emit("(?:", quantifiable=False, width=3)
        elif rest.startswith("(?i)"):  # Java's inline flag: case-insensitive to the group's end
            self.items.pop() if not self.groups else None
            self.translated = True
            self.icase = len(self.groups) if self.icase is None else self.icase
            self.i += 4
        elif rest.startswith("(?i:"):  # ES2025's modifier group
            self.opened.append(len(self.out))
            self.groups.append(False)
            self.captures.open(capturing=False)
            self.translated = True
            self.icase = len(self.groups) if self.icase is None else self.icase
            self._emit("(?:", quantifiable=False, width=4)
        elif rest.startswith("(?"):
            raise _Unsupported(f"group syntax {rest[:4]!r} is not ECMA-262")
        else:
            self.opened.append(len(self.out))
            self.groups.append(False)
            self.captures.open(capturing=True)
            self._emit("(", quantifiable=False)

    def _quantifiable(self) -> None:
        """Unless the previous item takes a quantifier, _Unsupported. Annex B (B.1.2) lets a
        lookahead take one, as a group holding it would: it is wrapped in one, the form
        Unicode mode accepts."""
        if self.quantifiable:
            return
        if self.lookahead is None or self.out[-1] != ")" or len(self.out) - 1 != self.lookahead[1]:
            raise _Unsupported(f"nothing to repeat at {self.i}")
        opened, closed = self.lookahead
        self.out[opened] = "(?:" + self.out[opened]
        self.out[closed] = "))"
        self.translated = True

    def _quantifier(self, c: str) -> None:
        self._quantifiable()
        self._quantify(0 if c in "*?" else 1, 1 if c == "?" else None)
        self.captures.quantified(1 if c == "?" else None)
        width = 2 if self.src.startswith("?", self.i + 1) else 1
        self._emit(self.src[self.i:self.i + width], quantifiable=False, width=width)

    def _bounded(self, match: re.Match[str]) -> None:
        self._quantifiable()
        low, comma, high = match.group(1), match.group(2), match.group(3)
        if comma and high and int(high) < int(low):
            raise _Unsupported("quantifier range out of order")
        self._quantify(int(low), None if comma and not high else int(high or low))
        self.captures.quantified(None if comma and not high else int(high or low))
        end = match.end() + (1 if self.src.startswith("?", match.end()) else 0)
        self._emit(self.src[self.i:end], quantifiable=False, width=end - self.i)

    def _escape(self) -> None:
        self._top(assertion=self.src[self.i + 1:self.i + 2] in ("b", "B", "A", "z"))
        text, kind = self._escape_text(in_class=False)
        self._emit(text, quantifiable=kind != "assertion", width=0)

    def _escape_text(self, in_class: bool) -> tuple[str, str]:
        """Consume one escape; return its ECMA spelling and kind (char, class, assertion)."""
        src, i = self.src, self.i
        if i + 1 >= len(src):
            raise _Unsupported("trailing backslash")
        c = src[i + 1]
        self.i = i + 2
        if c in _CLASS_ESCAPES:
            if self.icase is not None and c in "wW":
                raise _Unsupported(f"\\{c} under (?i) (ECMA folds it to more letters)")
            return _class_escape(c, in_class), "class"
        if c in "Az" and not in_class:  # Java's input boundaries: ECMA's `^` and `$`
            self.translated = True
            return ("^" if c == "A" else "$"), "assertion"
        if c in "bB":
            if self.icase is not None and not in_class:
                raise _Unsupported(f"\\{c} under (?i) (ECMA folds its word characters)")
            return ("\\b", "char") if in_class else ("\\" + c, "assertion")
        if c in _CONTROL or c in _SYNTAX:
            return "\\" + c, "char"
        if c == "-":
            return ("\\-", "char") if in_class else ("-", "char")
        if c == "0" and not src[i + 2:i + 3].isdigit():
            return "\\0", "char"
        if c == "x" and _HEX2.fullmatch(src, i + 2, i + 4):
            self.i = i + 4
            return src[i:i + 4], "char"
        if c == "u" and _HEX4.fullmatch(src, i + 2, i + 6):
            self.i = i + 6
            unit = int(src[i + 2:i + 6], 16)
            if 0xD800 <= unit <= 0xDBFF and src.startswith("\\u", i + 6) and _HEX4.fullmatch(
                    src, i + 8, i + 12) and 0xDC00 <= int(src[i + 8:i + 12], 16) <= 0xDFFF:
                # Unicode mode reads a lead and a trail surrogate escape as one code point
                self.i = i + 12
                self.translated = True
                low = int(src[i + 8:i + 12], 16)
                return chr(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)), "char"
            return src[i:i + 6], "char"  # a lone surrogate is a code point of its own
        if c == "u" and src.startswith("{", i + 2):
            end = src.find("}", i + 3)
            digits = src[i + 3:end] if end > 0 else ""
            if not digits or not all(d in "0123456789abcdefABCDEF" for d in digits) or int(
                    digits, 16) > 0x10FFFF:
                raise _Unsupported("invalid \\u{...} escape")
            self.i = end + 1
            self.translated = True
            return _code_point(int(digits, 16)), "char"
        if c in "pP":
            return self._property(c, in_class), "class"
        if c.isdigit() and c != "0" and not in_class:
            return self._backreference(i + 1), "char"
        if c.isdigit():
            raise _Unsupported(f"backreference or octal escape \\{c}")
        if c.isascii() and c.isalpha():
            raise _Unsupported(f"escape \\{c} means different things in ECMA-262 and Python")
        return c, "char"  # Annex B identity escape: the character itself

    def _backreference(self, start: int) -> str:
        """`\\N`, kept as it is: generator.patterns gives Python ECMA's reading of it."""
        end = start
        while end < len(self.src) and self.src[end].isascii() and self.src[end].isdigit():
            end += 1
        if self.icase is not None:
            raise _Unsupported("a backreference under (?i) (ECMA and Python fold differently)")
        try:
            self.captures.reference(int(self.src[start:end]))
        except backrefs.Refused as exc:
            raise _Unsupported(str(exc)) from None
        self.i = end
        self.translated = True
        return self.src[start - 1:end]

    def _property(self, c: str, in_class: bool) -> str:
        """`\\p{..}` / `\\P{..}` as an explicit class (unicode_props' tables)."""
        end = self.src.find("}", self.i)
        if not self.src.startswith("{", self.i) or end < 0:
            raise _Unsupported(f"\\{c} without {{name}}")
        name = self.src[self.i + 1:end]
        try:
            spans = unicode_props.property_set(name)
        except KeyError:
            raise _Unsupported(f"\\{c}{{{name}}} is no ECMA-262 property (Node: SyntaxError)"
                               ) from None
        if self.icase is not None:
            raise _Unsupported(f"\\{c}{{{name}}} under (?i)")
        self.i = end + 1
        self.translated = True
        body = _ranges(charset.complement(spans) if c == "P" else spans)
        return body if in_class else f"[{body}]"

    def _class(self) -> None:
        src = self.src
        start = self.i
        self.i += 1
        parts = ["["]
        escapes: set[str] = set()  # class escapes (d, S, ...) in this class
        if src.startswith("^", self.i):
            parts.append("^")
            self.i += 1
        if src.startswith("]", self.i):
            raise _Unsupported("empty class `[]` (ECMA) is `]` literal in Python")
        while True:
            if self.i >= len(src):
                raise _Unsupported(f"unterminated class at {start}")
            if src[self.i] == "]":
                break
            escape = src[self.i + 1:self.i + 2] if src[self.i] == "\\" else ""
            low, low_kind = self._class_atom()
            parts.append(low)
            if low_kind == "class":
                escapes.add(escape)
            if src.startswith("-", self.i) and not src.startswith("-]", self.i):
                self.i += 1
                high, high_kind = self._class_atom()
                if "class" in (low_kind, high_kind):
                    # Annex B (B.1.2): `[\\s-_]` is \\s, `-` and `_`; the `-` escaped, as
                    # Unicode mode wants it
                    self.translated = True  # Python refuses the range: spell it from this
                    if high_kind == "class":
                        escapes.add(src[self.i - 1])
                    parts.append("\\-" + high)
                    continue
                parts.append("-" + high)
        if any(e.swapcase() in escapes for e in escapes):  # `[\s\S]`: every engine's "any"
            parts[parts.index("[") + 1 + (parts[1:2] == ["^"]):] = ["\\s\\S"]
        parts.append("]")
        self.i += 1
        self.out.append("".join(parts))
        self.quantifiable = True

    def _class_atom(self) -> tuple[str, str]:
        c = self.src[self.i]
        if c == "\\":
            text, kind = self._escape_text(in_class=True)
            if kind == "char" and len(text) == 1 and text in "[]^\\":
                text = "\\" + text
            return text, kind
        self.i += 1
        if self.icase is not None and (c.lower() != c or c.upper() != c):
            raise _Unsupported("a character class with letters under (?i)")
        if c == "[":
            return "\\[", "char"  # literal in ECMA; a nested-set warning in Python
        if c in "|&~" and c in (self.src[self.i - 2:self.i - 1], self.src[self.i:self.i + 1]):
            # `||`, `&&`, `~~` are literals in ECMA's Unicode mode, set operations to come
            # (a FutureWarning) in Python: one of each pair escaped, in a spelling both read
            self.translated = True
            return ("\\|" if c == "|" else f"\\x{ord(c):02X}"), "char"
        return c, "char"


# ECMA-262's class escapes and `.`, spelled as explicit sets. Python re (python-jsonschema,
# fastjsonschema) reads `\\d`, `\\w`, `\\s`, `\\b`'s word characters and `.` with other sets
# (Unicode digits and letters; no \\ufeff in \\s; \\r in `.`), so a schema that spells them
# out means the same to every engine.
_ECMA_SETS = {"d": charset.DIGIT, "w": charset.WORD, "s": charset.SPACE}
_DOT = "[^\\n\\r\\u2028\\u2029]"


def _class_escape(c: str, in_class: bool) -> str:
    """`\\d \\D \\w \\W \\s \\S` as their ECMA sets: a class, or inside one its ranges."""
    spans = _ECMA_SETS[c.lower()]
    if in_class:  # a class cannot hold a negated class: spell the complement out
        return _ranges(charset.complement(spans) if c.isupper() else spans)
    return f"[{'^' if c.isupper() else ''}{_ranges(spans)}]"


def _code_point(cp: int) -> str:
    """One code point in a class or pattern, read alike by Unicode-mode ECMA-262 and Python
    re: BMP code points (lone surrogates too) as `\\uXXXX`, ASCII letters and digits as
    themselves, astral ones as the character (`\\u{..}` is not Python, `\\U` not ECMA)."""
    if cp < 0x80 and (chr(cp).isalnum() or chr(cp) == "_"):
        return chr(cp)
    return f"\\u{cp:04X}" if cp <= 0xFFFF else chr(cp)


def _ranges(spans: tuple[tuple[int, int], ...]) -> str:
    out = []
    for lo, hi in spans:
        out.append(_code_point(lo) if lo == hi else f"{_code_point(lo)}-{_code_point(hi)}")
    return "".join(out)


_FOLDS = {"k": "\\u212A", "s": "\\u017F"}  # simple case folding beyond ASCII (Kelvin, long s)


def _folded(c: str) -> str:
    """A literal under (?i), as ECMA-262's `iu` matches it: every character of its simple
    case folding class. Only ASCII letters (and characters without case) are handled."""
    if not c.isascii():
        if c.lower() != c or c.upper() != c:
            raise _Unsupported(f"non-ASCII letter {c!r} under (?i)")
        return c
    if not c.isalpha():
        return c
    return f"[{c.lower()}{c.upper()}{_FOLDS.get(c.lower(), '')}]"
