"""Benchmark and record: `botogen diff` over two whole botocore corpora, against the floor.

    .venv/bin/python bench/diff_corpus.py NEW_DATA [--old OLD_DATA] [--record PATH] [--runs N]

NEW_DATA (and OLD_DATA, default: the installed botocore's data/) is a directory laid out
like botocore's data/, or an unpacked botocore wheel. In one process it times, alternately
and --runs times each (the minimum is kept: robust on a shared machine):

- floor: gzip + `json.loads` of every service's latest model (and its sdk-extras) in both
  corpora, and one walk touching every shape and member;
- diff: `botogen diff OLD NEW --format json` in a fresh process, start-up included (resolve
  both sides, compare every common service, render the JSON; no cache of an earlier run).

The issue's target is diff <= 3x floor. It prints the ratio and the summary, and with
--record writes the summary (changes by rule and severity, services affected, timings) as
Markdown, as bench/records/diff-1.43.11-1.44.5.md was written.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import botocore

from generator.diff import command, report

INSTALLED = Path(botocore.__file__).parent / "data"


def _data(root: Path) -> Path:
    return root / "botocore" / "data" if (root / "botocore" / "data").is_dir() else root


def floor(old: Path, new: Path) -> float:
    """Seconds to read both corpora and walk every shape and member once."""
    start = time.perf_counter()
    touched = 0
    for root in (_data(old), _data(new)):
        for service in sorted(p for p in root.iterdir() if p.is_dir()):
            versions = sorted((v for v in service.iterdir() if v.is_dir()), reverse=True)
            for version in versions:
                files = sorted(version.glob("service-2*.json*"))
                if not any(f.name.startswith("service-2.json") for f in files):
                    continue
                for f in files:
                    raw = f.read_bytes()
                    data = json.loads(gzip.decompress(raw) if f.suffix == ".gz" else raw)
                    touched += _walk(data)
                break
    assert touched
    return time.perf_counter() - start


def _walk(data: dict[str, Any]) -> int:
    n = 0
    for shape in data.get("shapes", {}).values():
        n += 1
        for member in shape.get("members", {}).values():
            n += len(member["shape"])
        for key in ("member", "key", "value"):
            if key in shape:
                n += len(shape[key]["shape"])
    return n


def diff(old: Path, new: Path) -> float:
    """Seconds of `botogen diff OLD NEW --format json`, start-up included, in a fresh process
    (so that no cache of an earlier run helps)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "diff", str(old), str(new), "--format",
                    "json"], stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measure(old: Path, new: Path, runs: int) -> tuple[float, float, report.Report]:
    floors, diffs = [], []
    for _ in range(runs):
        floors.append(floor(old, new))
        diffs.append(diff(old, new))
    result = command.build(command.Options(str(old), str(new), format="json"))
    return min(floors), min(diffs), result


def record(result: report.Report, floor_s: float, diff_s: float, old: str, new: str) -> str:
    s = result.summary()
    counted = result.counted()
    per_rule: dict[str, Counter[str]] = {}
    for c in counted:
        per_rule.setdefault(c.rule, Counter())[c.severity.label] += 1
    lines = [
        f"# botogen diff: botocore {old} -> {new}", "",
        f"Machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}; `bench/diff_corpus.py`.", "",
        f"- {s['services_compared']} services compared, {len(s['services_changed'])} with "
        f"changes, {len(s['services_breaking'])} breaking; {len(s['services_added'])} added, "
        f"{len(s['services_removed'])} removed.",
        f"- {s['breaking']} breaking, {s['dangerous']} dangerous, {s['safe']} safe, "
        f"{s['info']} info; {s['docs']} documentation changes.",
        f"- Time: floor {floor_s:.2f} s (gzip + json.loads of both corpora and one walk), "
        f"diff {diff_s:.2f} s: {diff_s / floor_s:.2f}x the floor (target: at most 3x).", "",
        "## Changes by rule", "", "| rule | breaking | dangerous | safe | info |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in sorted(per_rule):
        n = per_rule[rule]
        lines.append(f"| `{rule}` | {n['breaking']} | {n['dangerous']} | {n['safe']} | "
                     f"{n['info']} |")
    lines += ["", "## Services with breaking changes", "",
              ", ".join(s["services_breaking"]) or "(none)", "",
              "## Services added", "", ", ".join(s["services_added"]) or "(none)", "",
              "## Services removed", "", ", ".join(s["services_removed"]) or "(none)", ""]
    return "\n".join(lines)


def _version(root: Path) -> str:
    init = root / "botocore" / "__init__.py"
    if root == INSTALLED:
        return str(botocore.__version__)
    if init.is_file():
        for line in init.read_text(encoding="utf-8").splitlines():
            if line.startswith("__version__"):
                return line.split("=")[1].strip().strip("'\"")
    return str(root)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("new", type=Path)
    parser.add_argument("--old", type=Path, default=INSTALLED)
    parser.add_argument("--record", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    floor_s, diff_s, result = measure(args.old, args.new, args.runs)
    print(f"floor {floor_s:.2f} s, diff {diff_s:.2f} s: {diff_s / floor_s:.2f}x "
          f"(target <= 3x)")
    print(report.summary_line(result))
    if args.record:
        text = record(result, floor_s, diff_s, _version(args.old), _version(args.new))
        args.record.write_text(text, encoding="utf-8")
        print(f"written {args.record}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
