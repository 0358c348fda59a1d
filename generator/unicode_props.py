"""Unicode property escapes of ECMA-262 (`\\p{..}`, `\\P{..}`, Unicode mode) as code point sets.

ECMA-262 takes the tables of the Unicode version its engine ships; Python's `unicodedata` is
older (Python 3.11: 14.0). The tables here come from `unicodedata2`, pinned to the Unicode
version of the Node.js the tests check against (17.0; tests/test_patterns_unicode.py compares
every supported property with Node's own `\\p{..}` over all code points), so the generated
output is the same on every Python.

Supported: every General_Category value (short and long names, `gc=` / `General_Category=`
prefixes) and the binary properties `ASCII`, `Any` and `Assigned`. Other valid properties
(scripts, `Alphabetic`, `White_Space`, ...) have no table here and raise KeyError; Java names
such as `\\p{Alnum}` or `\\p{IsAlphabetic}` are not ECMA-262 at all (SyntaxError in Node).
"""

from __future__ import annotations

import functools

import unicodedata2  # type: ignore[import-not-found, unused-ignore]  # no stubs

from .regex.charset import complement, normalise

UNICODE_VERSION: str = unicodedata2.unidata_version
Intervals = tuple[tuple[int, int], ...]

_LONG = {
    "C": "Other", "Cc": "Control", "Cf": "Format", "Cn": "Unassigned", "Co": "Private_Use",
    "Cs": "Surrogate", "L": "Letter", "LC": "Cased_Letter", "Ll": "Lowercase_Letter",
    "Lm": "Modifier_Letter", "Lo": "Other_Letter", "Lt": "Titlecase_Letter",
    "Lu": "Uppercase_Letter", "M": "Mark", "Mc": "Spacing_Mark", "Me": "Enclosing_Mark",
    "Mn": "Nonspacing_Mark", "N": "Number", "Nd": "Decimal_Number", "Nl": "Letter_Number",
    "No": "Other_Number", "P": "Punctuation", "Pc": "Connector_Punctuation",
    "Pd": "Dash_Punctuation", "Pe": "Close_Punctuation", "Pf": "Final_Punctuation",
    "Pi": "Initial_Punctuation", "Po": "Other_Punctuation", "Ps": "Open_Punctuation",
    "S": "Symbol", "Sc": "Currency_Symbol", "Sk": "Modifier_Symbol", "Sm": "Math_Symbol",
    "So": "Other_Symbol", "Z": "Separator", "Zl": "Line_Separator",
    "Zp": "Paragraph_Separator", "Zs": "Space_Separator",
}
_EXTRA_ALIASES = {"Combining_Mark": "M", "digit": "Nd", "punct": "P", "cntrl": "Cc"}
GENERAL_CATEGORIES: dict[str, str] = {
    **{short: short for short in _LONG}, **{long: short for short, long in _LONG.items()},
    **_EXTRA_ALIASES,
}


@functools.cache
def _categories() -> dict[str, Intervals]:
    """Each two-letter General_Category's code points (one pass over the code space)."""
    found: dict[str, list[tuple[int, int]]] = {}
    start, current = 0, unicodedata2.category(chr(0))
    for cp in range(1, 0x110000):
        cat = unicodedata2.category(chr(cp))
        if cat != current:
            found.setdefault(current, []).append((start, cp - 1))
            start, current = cp, cat
    found.setdefault(current, []).append((start, 0x10FFFF))
    return {cat: tuple(spans) for cat, spans in found.items()}


@functools.cache
def property_set(name: str) -> Intervals:
    """The code points of `\\p{name}`; KeyError when there is no table for it here."""
    if name == "Any":
        return ((0, 0x10FFFF),)
    if name == "ASCII":
        return ((0, 0x7F),)
    if name == "Assigned":
        return complement(property_set("Cn"))
    value = name
    for prefix in ("General_Category=", "gc="):
        if name.startswith(prefix):
            value = name[len(prefix):]
    short = GENERAL_CATEGORIES.get(value)
    if short is None:
        raise KeyError(name)
    cats = _categories()
    if short == "LC":
        return normalise(p for c in ("Ll", "Lt", "Lu") for p in cats.get(c, ()))
    return normalise(p for cat, spans in cats.items() if cat.startswith(short) for p in spans)
