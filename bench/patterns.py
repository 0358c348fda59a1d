"""Which of the installed botocore's model patterns are enforced, and why the rest are not.

    .venv/bin/python bench/patterns.py          # writes bench/records/patterns.json

Every distinct pattern of every service (generator/corpus.py) goes through
generator.ecma.pattern_forms; the record lists each pattern left unenforced with its reason
and where it is used, and counts them by reason. The reasons are those docs/validation.md
lists: the pattern is not Unicode-mode ECMA-262 (Node's `new RegExp(p, "u")` rejects it:
Java-only property names, possessive quantifiers, quantified `$`, `\\x{..}`, octal escapes),
or it is valid ECMA-262 with a backreference that neither Python's backtracking `re` provably
runs in linear time (a hostile model's pattern must not hang a validator:
generator.regex.program.backreference_risk) nor generator.regex.expand can expand away.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import botocore  # noqa: E402

from generator.corpus import patterns  # noqa: E402
from generator.ecma import pattern_forms  # noqa: E402
from generator.unicode_props import UNICODE_VERSION  # noqa: E402


def reason_kind(note: str) -> str:
    """The reason without the pattern-specific detail (position, property name)."""
    text = note.removeprefix("not enforced: ")
    if " is no ECMA-262 property" in text:
        return "a property name that is not ECMA-262 (Java's)"
    if text.startswith("nothing to repeat"):
        return "a quantifier on nothing (possessive quantifier, or after an assertion)"
    if text.startswith("backreference or octal escape \\0"):
        return "an octal escape (not allowed in Unicode mode)"
    if text.startswith("a backreference (no automaton"):
        return "a backreference neither linear in re nor expandable (valid ECMA-262)"
    if text.startswith("backreference"):
        return "a backreference ECMA and Python read differently (valid ECMA-262)"
    return text.split(" (")[0]


def main() -> int:
    corpus = patterns()
    left = []
    for source, uses in corpus.items():
        forms = pattern_forms(source)
        if not forms.enforced:
            left.append({"pattern": source, "reason": forms.note.removeprefix("not enforced: "),
                         "kind": reason_kind(forms.note), "uses": len(uses),
                         "services": sorted({u.service for u in uses})})
    record = {
        "botocore": botocore.__version__, "unicode": UNICODE_VERSION,
        "patterns": len(corpus), "enforced": len(corpus) - len(left),
        "not_enforced": len(left),
        "by_reason": dict(Counter(e["kind"] for e in left).most_common()),
        "left": left,
    }
    out = ROOT / "bench" / "records" / "patterns.json"
    out.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{record['enforced']} of {record['patterns']} patterns enforced; "
          f"{record['not_enforced']} not: {json.dumps(record['by_reason'], indent=1)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
