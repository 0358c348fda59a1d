"""The record of bench/v2_skeletons.py: merge shard states, count, and write .md and .json."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

AWSCLI = "aws-cli 2.36.7 (aws/aws-cli 73fb33bb1), run from source"
FLAVOURS = ("input", "yaml-input", "output")
COLUMNS = ("operations", "shapes agree", "input equal", "yaml-input equal", "output equal",
           "fake equal", "both refuse", "differ")
# Printed by v2, and not ours on purpose: the CLI rewrites the response (CLI_RESHAPED_OUTPUT).
RESHAPED = "v2 reshapes the response (CLI_RESHAPED_OUTPUT): not claimed exact"
OK = ("equal", "both refuse", RESHAPED)


def merge(states: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {"services": {}}
    for state in states:
        for key in ("flavours", "botocore"):
            if key in state and merged.setdefault(key, state[key]) != state[key]:
                raise SystemExit(f"the states differ in {key}: {merged[key]} / {state[key]}")
        merged["services"].update(state["services"])
    return merged


def differences(row: dict[str, Any]) -> list[str]:
    found = [f"`{key}`: {value}" for key, value in row["results"].items() if value not in OK]
    found += [f"command table: {problem}" for problem in row.get("table", [])]
    return found + ([row["note"]] if row.get("note", "").startswith("v2:") else [])


def counts(row: dict[str, Any]) -> dict[str, int]:
    results = row["results"]

    def equal(flavour: str) -> int:
        return sum(1 for k, v in results.items() if k.endswith(" " + flavour) and v == "equal")

    return {"operations": row["operations"], "shapes agree": row["agree"],
            **{f"{f} equal": equal(f) for f in (*FLAVOURS, "fake")},
            "both refuse": sum(1 for k, v in results.items()
                               if v == "both refuse" and not k.endswith(" fake")),
            "differ": len(differences(row))}


def clean(state: dict[str, Any]) -> bool:
    return not any(differences(row) for row in state["services"].values())


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, cwd=Path(__file__).parent, check=False)
    return done.stdout.strip() or "unknown"


def summary(state: dict[str, Any]) -> str:
    rows = [state["services"][name] for name in sorted(state["services"])]
    flavours = ", ".join(f"`{f}`" for f in state.get("flavours", FLAVOURS))
    lines = [
        "# botogen's skeletons against AWS CLI v2", "",
        (f"{AWSCLI}, against botogen (commit {_commit()}) on botocore "
        f"{state.get('botocore', '?')}; written by `bench/v2_skeletons.py`. Flavours: "
        f"{flavours}, and `fake`: the fake response v2 makes for `output` before validating it "
        "(values and member order, so refused output skeletons are compared too). Only "
        "operations whose shapes (docs included) are the same in v2's bundled models and the "
        "installed botocore's are compared. `output`: byte for byte where botogen calls its "
        "skeleton AWS-exact, else v2 must refuse too (it validates its fake response). Where "
        "botogen says the AWS CLI has no skeleton flag (outfile, event-stream output, "
        "CLI_WITHOUT_SKELETON) v2 must refuse every flavour, and v2's command table must agree "
        "on every operation of its model. `both refuse` counts command answers; `differ` "
        "counts every difference, command table included."), "",
        "| service | " + " | ".join(COLUMNS) + " |",
        "| --- |" + " ---: |" * len(COLUMNS),
    ]
    totals = dict.fromkeys(COLUMNS, 0)
    for row in rows:
        count = counts(row)
        totals = {k: totals[k] + count[k] for k in COLUMNS}
        note = f" ({row['note']})" if "note" in row else ""
        lines.append(f"| {row['service']}{note} | " + " | ".join(str(count[k]) for k in COLUMNS)
                     + " |")
    lines.append(f"| **total: {len(rows)} services** | "
                 + " | ".join(f"**{totals[k]}**" for k in COLUMNS) + " |")
    absent = [row["service"] for row in rows if "note" in row]
    listed = ", ".join(f"{r['service']} ({r['note']})" for r in rows if "note" in r)
    lines += ["", f"Services not compared ({len(absent)}): {listed or 'none'}."]
    known = [(row["service"], k) for row in rows for k, v in row["results"].items()
             if v == RESHAPED]
    if known:
        lines += ["", "Printed by v2 but not claimed exact, on purpose: "
                  + ", ".join(f"{s} `{k}` ({RESHAPED.split(' (')[0]})" for s, k in known) + "."]
    found = [(row["service"], d) for row in rows for d in differences(row)]
    lines += ["", "Differences:" if found else "No differences."]
    lines += [f"- {service} {d}" for service, d in found]
    return "\n".join(lines) + "\n"


def write(prefix: Path, state: dict[str, Any], text: str) -> None:
    """The .md as printed; the .json with each service's counts and differences (the full
    per-command verdicts stay in the --state file)."""
    prefix.with_suffix(".md").write_text(text, encoding="utf-8")
    services = {
        name: {**counts(row), "api_version": row.get("api_version"),
               "model_equal": row.get("model_equal"), "seconds": row.get("seconds"),
               **({"note": row["note"]} if "note" in row else {}),
               "differences": differences(row)}
        for name, row in sorted(state["services"].items())
    }
    document = {"awscli": AWSCLI, "botocore": state.get("botocore"), "commit": _commit(),
                "flavours": state.get("flavours"), "services": services}
    prefix.with_suffix(".json").write_text(json.dumps(document, indent=1) + "\n",
                                           encoding="utf-8")
