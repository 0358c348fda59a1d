#!/usr/bin/env bash
# The thorough differential run: tests/test_differential.py under the Hypothesis profile
# "thorough" (100,000 examples per property), then a table of what ran.
#
#   bench/thorough.sh                      every operation
#   bench/thorough.sh "BatchCheckLayerAvailability and not native"   a pytest -k expression
#                                          (cases named *-native run the `botogen compile` build)
#   JOBS=1 bench/thorough.sh ...           pytest-xdist workers (default 2)
#   HYPOTHESIS_PROFILE=broad bench/thorough.sh "not BatchCheckLayerAvailability"
#                                          1,000 examples per property, the other operations
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
profile=${HYPOTHESIS_PROFILE:-thorough}
status=0
if [ "${1:-}" = --summary-only ]; then
    started=$(cat "$out/started")
    profile=$(cat "$out/profile")
else
    rm -rf "$out" && mkdir -p "$out"
    started=$(date -u +%Y-%m-%dT%H:%M:%SZ) && echo "$started" > "$out/started"
    echo "$profile" > "$out/profile"
    git rev-parse --short HEAD > "$out/commit" 2>/dev/null || true
    HYPOTHESIS_PROFILE="$profile" BOTOGEN_TALLY="$out" \
        .venv/bin/python -m pytest -q -n "${JOBS:-2}" --junitxml="$out/junit.xml" \
        tests/test_differential.py ${1:+-k "$1"} || status=$?
fi
finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)
.venv/bin/python - "$out" "$started" "$status" "$profile" "$finished" <<'EOF'
"""Sum the per-process tallies and the junit verdicts into $OUT/summary.md."""
import collections, json, sys, xml.etree.ElementTree as ET
from pathlib import Path
sys.path.insert(0, "tests")
from hypothesis import settings
import conftest  # noqa: F401  (registers the profiles)
out, started, status, profile, finished = (Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]),
                                           sys.argv[4], sys.argv[5])
examples = settings.get_profile(profile).max_examples
commit = (out / "commit").read_text().strip() if (out / "commit").exists() else "?"
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
lines = [f"# Differential run: profile {profile} ({examples:,} examples per property), "
         f"commit {commit}, {started} to {finished}, pytest exit {status}", "",
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
