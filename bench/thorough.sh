#!/usr/bin/env bash
# The thorough differential run: tests/test_differential.py under the Hypothesis profile
# "thorough" (100,000 examples per property), then a table of what ran.
#
#   bench/thorough.sh                      every operation
#   bench/thorough.sh BatchCheckLayerAvailability     a pytest -k expression
#   JOBS=1 bench/thorough.sh ...           pytest-xdist workers (default 2)
#   HYPOTHESIS_PROFILE=ci bench/thorough.sh  a quick smoke run of the same machinery
#   OUT=bench/results/thorough-2 bench/thorough.sh ...   another output directory
#
# Per (property, case) it counts the examples that ran to the end (each one a check that every
# oracle agreed: a disagreement or an exception fails the test, and Hypothesis then prints the
# shrunk counterexample). Output: $OUT, by default bench/results/thorough/ (tally-*.json,
# junit.xml, summary.md); `bench/thorough.sh --summary-only` re-reads it (e.g. after stopping
# a long run).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-bench/results/thorough}
status=0
if [ "${1:-}" = --summary-only ]; then
    started=$(cat "$out/started")
else
    rm -rf "$out" && mkdir -p "$out"
    started=$(date -u +%Y-%m-%dT%H:%M:%SZ) && echo "$started" > "$out/started"
    HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-thorough}" BOTOGEN_TALLY="$out" \
        .venv/bin/python -m pytest -q -n "${JOBS:-2}" --junitxml="$out/junit.xml" \
        tests/test_differential.py ${1:+-k "$1"} || status=$?
fi
.venv/bin/python - "$out" "$started" "$status" <<'EOF'
"""Sum the per-process tallies and the junit verdicts into bench/results/thorough/summary.md."""
import collections, json, sys, xml.etree.ElementTree as ET
from pathlib import Path
out, started, status = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
counts = collections.defaultdict(collections.Counter)
for path in out.glob("tally-*.json"):
    for row in json.loads(path.read_text()):
        counts[row["case"]][row["property"]] += row["examples"]
junit = list(ET.parse(out / "junit.xml").iter("testcase")) if (out / "junit.xml").exists() else []
failed = [c.get("name") for c in junit
          if c.find("failure") is not None or c.find("error") is not None]
tests = len(junit)  # 0 when the run was stopped before pytest wrote its report
def total(case, prefix):
    return sum(n for p, n in counts[case].items() if p.startswith(prefix))
lines = [f"# Thorough differential run ({started}, pytest exit {status})", "",
         f"{tests} tests, {len(failed)} failed" + (f": {', '.join(failed)}" if failed else ""), "",
         "| case | valid values | mutations rejected | at a limit "
         "| arbitrary JSON (valid/invalid) |",
         "| --- | --- | --- | --- | --- |"]
for case in sorted(counts):
    c = counts[case]
    lines.append(f"| {case} | {c['valid']:,} | {total(case, 'mutation:'):,} | "
                 f"{total(case, 'boundary:'):,} | {total(case, 'arbitrary:'):,} "
                 f"({c['arbitrary:valid']:,}/{c['arbitrary:invalid']:,}) |")
kinds = collections.Counter()
for c in counts.values():
    kinds.update({p.split(":", 1)[1]: n for p, n in c.items() if p.startswith("mutation:")})
lines += ["", "Mutations by kind: " + ", ".join(f"{k} {n:,}" for k, n in sorted(kinds.items())),
          f"Totals: {sum(c['valid'] for c in counts.values()):,} valid values, "
          f"{sum(kinds.values()):,} mutations, "
          f"{sum(total(k, 'boundary:') for k in counts):,} limit values, "
          f"{sum(total(k, 'arbitrary:') for k in counts):,} arbitrary values; "
          f"disagreements and exceptions: {len(failed)} failing tests."]
text = "\n".join(lines) + "\n"
(out / "summary.md").write_text(text)
print(text)
EOF
exit "$status"
