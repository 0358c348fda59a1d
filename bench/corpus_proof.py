"""Every botocore service, proven: generate, import bare, type-check, run the emitted property
tests, and compare every operation's skeletons with the installed AWS CLI v1.

    .venv/bin/python bench/corpus_proof.py [SERVICE ...] [--out DIR] [--examples N]
        [--steps generate,import,mypy,properties,skeletons] [--fresh] [--state FILE]
        [--shard K/N]
    .venv/bin/python bench/corpus_proof.py --merge SHARD_STATE ... [--state FILE]

Resumable: each finished (service, step) is kept in bench/records/corpus-proof.json and not
redone (`--fresh` forgets them); bench/records/corpus-proof.md is rewritten from it after every
service. The generated files go to --out (a scratch directory, never the repository).

- import: models, validators and the CLI module of the package in a fresh interpreter where
  importing botocore, jinja2, black, ruamel or yaml raises.
- mypy: `mypy --strict` on the package and the shared runtime (one cache for the run).
- properties: the package's emitted test_properties.py at --examples examples per property.
- skeletons: AWS CLI v1, one driver built in this process and each command run in a fork of it
  (about 20 ms a command):
  `--generate-cli-skeleton` (input) for every operation that has the flag, equal to ours once
  v1's random enum choice is pinned to ours (tests/test_skeletons.py's rule); `output`, with
  the required arguments, where ours claims to be byte-exact.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "bench" / "records"
STATE = RECORDS / "corpus-proof.json"
STEPS = ("generate", "import", "mypy", "properties", "skeletons")
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import proof  # (tests/proof.py: the steps, shared with CI's sample test)

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("services", nargs="*", help="default: every service botocore ships")
    parser.add_argument("--out", type=Path, default=Path("/tmp/botogen-proof"))
    parser.add_argument("--examples", type=int, default=5)
    parser.add_argument("--steps", default=",".join(STEPS))
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--state", type=Path, default=STATE,
                        help="the results file (the table is written beside it, as .md)")
    parser.add_argument("--shard", metavar="K/N", help="only every N-th service from the K-th "
                        "(1-based): two shards with their own --state use both cores")
    parser.add_argument("--merge", type=Path, nargs="+", metavar="STATE",
                        help="add these shards' results to --state, write its table, and stop")
    args = parser.parse_args()
    if args.merge:
        merged = json.loads(args.state.read_text(encoding="utf-8")) if args.state.is_file() \
            else {}
        for shard in args.merge:
            for name, found in json.loads(shard.read_text(encoding="utf-8")).items():
                merged.setdefault(name, {}).update(found)
        save(merged, args.state)
        return
    steps = [s for s in args.steps.split(",") if s]
    state: dict[str, dict[str, Any]] = {} if args.fresh or not args.state.is_file() else (
        json.loads(args.state.read_text(encoding="utf-8")))
    from generator import naming
    from generator.load import available_services

    services = args.services or available_services()
    if args.shard:
        k, n = (int(x) for x in args.shard.split("/"))
        services = services[k - 1::n]
    if "generate" in steps:
        started = time.monotonic()
        gen = ["generate", *(args.services or ["--all"]), "--out", str(args.out), "--quiet"]
        done = subprocess.run([sys.executable, "-m", "generator", *gen], cwd=ROOT, check=False)
        run = {"commit": _commit(), "botocore": _version("botocore"),
               "awscli": _version("awscli")}
        for s in services:
            state.setdefault(s, {})["run"] = run
            module = args.out / "generated" / naming.module_name(s)
            state[s]["generate"] = {"ok": done.returncode == 0 or module.is_dir(),
                                    **_size(module, args.out / "schemas" / s)}
        print(f"generated in {time.monotonic() - started:.0f} s", flush=True)
    for s in services:
        for step in steps:
            if step == "generate" or step in state.get(s, {}):
                continue
            started = time.monotonic()
            try:
                found = proof.STEPS[step](args.out, s, args.examples)
            except Exception as exc:  # a crash of the harness is a result too
                found = {"ok": False, "detail": f"{type(exc).__name__}: {exc}"[:300]}
            found["seconds"] = round(time.monotonic() - started, 1)
            state.setdefault(s, {})[step] = found
            print(f"{s:40} {step:11} {'ok' if found['ok'] else 'FAILED'} "
                  f"{found['seconds']:7.1f} s {found.get('detail', '')}", flush=True)
        save(state, args.state)

def _size(*folders: Path) -> dict[str, int]:
    """Files and bytes the generator wrote for a service (caches and bytecode left out)."""
    files = [p for d in folders if d.is_dir() for p in d.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}

def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    return done.stdout.strip() or "(not a git checkout)"

def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)

def save(state: dict[str, dict[str, Any]], path: Path = STATE) -> None:
    path.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    path.with_suffix(".md").write_text(render_table(state), encoding="utf-8")

def render_table(state: dict[str, dict[str, Any]]) -> str:
    """The committed record: totals, every failure with its detail, then one row a service."""
    rows, failures = [], []
    totals = {step: [0, 0] for step in STEPS}
    ops = inputs = outputs = exact = no_flag = absent = refused = 0
    for s in sorted(state):
        cells = [s]
        for step in STEPS:
            found = state[s].get(step)
            if found is None:
                cells.append("")
                continue
            totals[step][0] += bool(found["ok"])
            totals[step][1] += 1
            cells.append(_cell(step, found))
            if not found["ok"]:
                detail = found.get("detail") or "; ".join(found.get("differ", [])[:3])
                failures.append(f"- {s} {step}: {detail}")
        sk = state[s].get("skeletons", {})
        ops += sk.get("ops", 0)
        inputs += sk.get("input", 0)
        outputs += sk.get("output", 0)
        exact += sk.get("output_exact", 0)
        no_flag += sk.get("no_flag", 0)
        absent += len(sk.get("absent", []))
        refused += len(sk.get("refused", []))
        rows.append("| " + " | ".join(cells) + " |")
    summary = ", ".join(f"{step} {ok}/{n}" for step, (ok, n) in totals.items())
    files = sum(v.get("generate", {}).get("files", 0) for v in state.values())
    size = sum(v.get("generate", {}).get("bytes", 0) for v in state.values())
    runs = sorted({f"{v['run']['commit']} (botocore {v['run']['botocore']}, awscli "
                   f"{v['run']['awscli']})" for v in state.values() if "run" in v})
    lines = [
        "# The corpus, proven: bench/corpus_proof.py",
        "",
        "Written by `bench/corpus_proof.py` from corpus-proof.json (see its docstring for what",
        "each step does). Services passing each step, of those it ran on: " + summary + ".",
        "",
        "Generated by commit " + ", ".join(runs or ["(unknown)"]) + "; the output (generated/ "
        f"and schemas/, never committed): {files:,} files, {size / 1e9:.2f} GB.",
        "",
        f"AWS CLI v1 skeletons: {ops} operations; input skeleton equal on {inputs}; "
        f"{no_flag} have no `--generate-cli-skeleton` (outfile, event streams); {absent} are not "
        "v1 operation commands (a customization removed or replaced them: see the json); "
        f"output skeleton byte-equal on {outputs} of "
        f"the {exact} ours claims exact, where v1 printed one for the sample arguments "
        f"(shortest valid values of the required members, as --cli-input-json; v1 refused "
        f"{refused}: listed below).",
        "",
        "## Failures",
        "",
        *(failures or ["none"]),
        "",
        "## Output skeletons v1 refused to print for the sample (nothing to compare)",
        "",
        *([f"- {s} {r}" for s in sorted(state)
           for r in state[s].get("skeletons", {}).get("refused", [])] or ["none"]),
        "",
        "## Services",
        "",
        "| service | generate | import | mypy | properties | skeletons |",
        "| --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
    ]
    return "\n".join(lines)

def _cell(step: str, found: dict[str, Any]) -> str:
    mark = "ok" if found["ok"] else "FAILED"
    if step == "properties" and "tests" in found:
        return f"{mark} {found['tests'] - found['skipped'] - found['failed']}/{found['tests']}" \
            + (f" ({found['skipped']} skipped)" if found["skipped"] else "")
    if step == "skeletons" and "ops" in found:
        refused = len(found.get("refused", []))
        return (f"{mark} in {found['input']}/{found['ops']} out {found['output']}/"
                f"{found['output_exact'] - refused}")
    seconds = found.get("seconds")
    return f"{mark} {seconds:.0f} s" if seconds is not None and step != "generate" else mark

if __name__ == "__main__":
    main()
