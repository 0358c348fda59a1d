"""botogen's skeletons against AWS CLI v2 run from its source, service by service.

    .venv/bin/python bench/v2_skeletons.py --awscli-src DIR --python V2_PYTHON \
        [--fixtures] [--record bench/records/awscli-v2-skeletons] SERVICE ...

DIR is a checkout of aws/aws-cli at the commit FACTS.md names (2.36.7, 73fb33bb), V2_PYTHON an
interpreter with its pinned dependencies (neither is part of this project). For each service,
the operations whose shapes are the same in v2's bundled model and the installed botocore's
(tests/awscli_v2.operation_digest) are printed by v2 (`input`, `yaml-input`, `output`, all in
one v2 process: bench/v2_reference.py) and compared with botogen's text. `output` is compared
byte for byte where botogen calls its skeleton AWS-exact; elsewhere v2 must fail to print one.
Operations with a streaming or event-stream output have no skeleton flag in the AWS CLI
(generator.emit.skeletons.has_skeleton_flag): v2 must refuse it.
--fixtures writes v2's answers to tests/fixtures/awscli-v2/ (what tests/test_skeletons_v2.py
checks in CI, where v2 does not run); --record writes the comparison as .md and .json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import awscli_v2 as v2  # noqa: E402
from generator.build import build_service  # noqa: E402
from generator.emit import skeletons as sk  # noqa: E402
from generator.ir import Operation, Service  # noqa: E402
from generator.load import load_service  # noqa: E402
from generator.pipeline import botocore_version  # noqa: E402


def v2_model(src: Path, service: str, api_version: str) -> dict[str, Any] | None:
    base = src / "awscli" / "botocore" / "data" / service / api_version
    for name in ("service-2.json", "service-2.json.gz"):
        if (base / name).exists():
            raw = (base / name).read_bytes()
            loaded: dict[str, Any] = json.loads(gzip.decompress(raw) if name.endswith(".gz")
                                                else raw)
            return loaded
    return None


def verdict(service: Service, op: Operation, flavour: str, answer: dict[str, Any]) -> str:
    """"equal", "both refuse", or what differs."""
    if not sk.has_skeleton_flag(service, op):  # streaming or event-stream output
        return "both refuse" if answer["rc"] != 0 else "v2 printed a skeleton we say it has not"
    if flavour == "output" and not sk.output_skeleton_is_aws_exact(service, op):
        return "both refuse" if answer["rc"] != 0 else "v2 printed what we call unprintable"
    ours = {"input": sk.input_skeleton, "yaml-input": sk.yaml_input_skeleton,
            "output": sk.output_skeleton}[flavour](service, op)
    if answer["rc"] != 0:
        return f"v2 failed (rc {answer['rc']}): {answer['stderr'].strip()[:200]}"
    return "equal" if answer["stdout"] == ours else "differs"


def compare(args: argparse.Namespace, name: str) -> dict[str, Any]:
    raw = load_service(name)
    service = build_service(raw, botocore_version())
    theirs = v2_model(args.awscli_src, name, service.api_version)
    row: dict[str, Any] = {"service": name, "api_version": service.api_version,
                           "operations": len(service.operations), "agree": 0,
                           "model_equal": theirs == raw.data, "results": {}}
    if theirs is None:
        row["note"] = "not in v2's bundled models"
        return row
    cli = v2.cli_service_name(name)
    ops = [op for op in service.operations if op.name in theirs["operations"]
           and v2.operation_digest(theirs, op.name) == v2.operation_digest(raw.data, op.name)]
    row["agree"] = len(ops)
    commands = [v2.command(cli, service, op, f) for op in ops for f in v2.FLAVOURS]
    done = subprocess.run([str(args.python), str(ROOT / "bench" / "v2_reference.py")],
                          input=json.dumps(commands), capture_output=True, text=True,
                          env={"PYTHONPATH": str(args.awscli_src), "PATH": "/usr/bin:/bin"},
                          check=True)
    answers = iter(json.loads(done.stdout))
    fixture: dict[str, Any] = {}
    for op in ops:
        entry: dict[str, Any] = {"digest": v2.operation_digest(theirs, op.name)}
        for flavour in v2.FLAVOURS:
            answer = next(answers)
            entry[flavour] = answer
            row["results"][f"{op.cli_name} {flavour}"] = verdict(service, op, flavour, answer)
        fixture[op.cli_name] = entry
    if args.fixtures:
        v2.write(name, {"awscli": AWSCLI, "service": name, "api_version": service.api_version,
                        "operations": fixture})
    return row


AWSCLI = "aws-cli 2.36.7 (aws/aws-cli 73fb33bb1), run from source"


def summary(rows: list[dict[str, Any]]) -> str:
    lines = [
        "# botogen's skeletons against AWS CLI v2", "",
        f"{AWSCLI}, against botogen on botocore {botocore_version()}; written by "
        "`bench/v2_skeletons.py`. Only operations whose shapes (docs included) are the same in "
        "v2's bundled models and the installed botocore's are compared. `output`: byte for "
        "byte where botogen calls its skeleton AWS-exact, else v2 must refuse too (it "
        "validates its fake response); operations with a streaming or event-stream output: "
        "v2 has no skeleton flag and must refuse every flavour.", "",
        "| service | operations | shapes agree | input equal | yaml-input equal | output equal "
        "| both refuse | differ |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        res = r["results"]
        count = {f: sum(1 for k, v in res.items() if k.endswith(" " + f) and v == "equal")
                 for f in v2.FLAVOURS}
        refuse = sum(1 for v in res.values() if v == "both refuse")
        bad = sum(1 for v in res.values() if v not in ("equal", "both refuse"))
        lines.append(f"| {r['service']} | {r['operations']} | {r['agree']} | {count['input']} "
                     f"| {count['yaml-input']} | {count['output']} | {refuse} | {bad} |")
    bad_rows = [(r["service"], k, v) for r in rows for k, v in r["results"].items()
                if v not in ("equal", "both refuse")]
    lines += ["", "Differences:" if bad_rows else "No differences."]
    lines += [f"- {s} `{k}`: {v}" for s, k, v in bad_rows]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--awscli-src", type=Path, required=True)
    parser.add_argument("--python", type=Path, required=True)
    parser.add_argument("--fixtures", action="store_true")
    parser.add_argument("--record", type=Path)
    parser.add_argument("services", nargs="+")
    args = parser.parse_args()
    rows = []
    for name in args.services:
        start = time.monotonic()
        rows.append(compare(args, name))
        print(f"{name}: {rows[-1]['agree']}/{rows[-1]['operations']} operations compared "
              f"in {time.monotonic() - start:.0f} s", file=sys.stderr)
    text = summary(rows)
    print(text)
    if args.record:
        args.record.with_suffix(".md").write_text(text, encoding="utf-8")
        args.record.with_suffix(".json").write_text(json.dumps(rows, indent=1) + "\n",
                                                    encoding="utf-8")
    return 0 if "No differences." in text else 1


if __name__ == "__main__":
    sys.exit(main())
