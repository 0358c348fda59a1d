"""The translated patterns (docs/validation.md, "Patterns") against Node's ECMA-262 engine.

- generator.unicode_props' tables equal Node's own `\\p{..}` on every code point (the tables
  are pinned to Node's Unicode version; a different Node fails here, saying so);
- every corpus pattern with `\\p{..}`, surrogate-pair escapes, `\\A`/`\\z` or `(?i)` is
  enforced, unless Node rejects it too (Java's names, Unicode-mode syntax errors).
(Validators against ajv on such patterns: tests/test_ecma_corners.py.)
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from generator.corpus import patterns
from generator.ecma import pattern_forms
from generator.unicode_props import GENERAL_CATEGORIES, UNICODE_VERSION, property_set

_SPANS = r"""
const names = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {unicode: process.versions.unicode, sets: {}};
for (const n of names) {
  const re = new RegExp("^\\p{" + n + "}$", "u"), spans = [];
  let start = -1;
  for (let cp = 0; cp <= 0x10FFFF; cp++) {
    const m = re.test(String.fromCodePoint(cp));
    if (m && start < 0) start = cp;
    if (!m && start >= 0) { spans.push([start, cp - 1]); start = -1; }
  }
  if (start >= 0) spans.push([start, 0x10FFFF]);
  out.sets[n] = spans;
}
process.stdout.write(JSON.stringify(out));
"""
TRANSLATED = re.compile(r"\\[pP]\{|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F]|\\A|\\z|\(\?i\)")
CORPUS = sorted(p for p in patterns() if TRANSLATED.search(p))
def test_tables_equal_nodes() -> None:
    names = sorted({*GENERAL_CATEGORIES, "ASCII", "Any", "Assigned", "gc=L",
                    "General_Category=Nd"})
    done = subprocess.run(["node", "-e", _SPANS], input=json.dumps(names), capture_output=True,
                          text=True, check=True)
    node = json.loads(done.stdout)
    assert node["unicode"].split(".")[:2] == UNICODE_VERSION.split(".")[:2], (
        f"Node's Unicode is {node['unicode']}, the tables' {UNICODE_VERSION}: pin "
        "unicodedata2 to Node's version")
    wrong = [n for n in names if [tuple(s) for s in node["sets"][n]] != list(property_set(n))]
    assert not wrong


def test_translated_patterns_are_enforced() -> None:
    assert len(CORPUS) >= 120
    left = [(p, pattern_forms(p).note) for p in CORPUS if not pattern_forms(p).enforced]
    # Java's names (\p{Alnum}, \p{Print}, ...) and Unicode-mode syntax errors stay (the docs).
    assert all("no ECMA-262 property" in why or "range end" in why or "nothing to repeat" in why
               or "Python re rejects" in why for _, why in left), left
