"""botogen's skeletons against AWS CLI v2 run from its source, service by service.

    .venv/bin/python bench/v2_skeletons.py --awscli-src DIR --python V2_PYTHON \
        [--all | SERVICE ...] [--flavours input,yaml-input,output] [--shard I/N] \
        [--state FILE [--resume]] [--fixtures] [--record bench/records/awscli-v2-corpus]
    .venv/bin/python bench/v2_skeletons.py --merge STATE ... --record PREFIX

DIR is a checkout of aws/aws-cli at the commit FACTS.md names (2.36.7, 73fb33bb), V2_PYTHON an
interpreter with its pinned dependencies (neither is part of this project). For each service,
the operations whose shapes are the same in v2's bundled model and the installed botocore's
(tests/awscli_v2.operation_digest) are printed by v2 and compared with botogen's text:
bench/v2_reference.py builds v2's driver once and runs every command in a fork of it, killed
after --timeout seconds. `output` is compared byte for byte where botogen calls its skeleton
AWS-exact; elsewhere v2 must fail to print one. Where botogen says the AWS CLI has no skeleton
flag (generator.emit.skeletons.has_skeleton_flag: outfile, event streams, CLI_WITHOUT_SKELETON)
v2 must refuse every flavour, and v2's command table must agree for every operation. Member
order and values of the fake response behind `output` (v2's ArgumentGenerator, before its
validation) are compared too, so refused output skeletons are covered as well ("fake").

--state keeps each service's results in a JSON as it finishes; --resume skips the services it
already holds; --shard I/N takes every N-th service; --merge joins shard states. --fixtures
writes v2's answers for services that have a fixture (or are named) to tests/fixtures/awscli-v2/
(what tests/test_skeletons_v2.py checks in CI, where v2 does not run); --record writes the
comparison as .md and .json (bench/v2_record.py). The exit code is 1 when anything differs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

import awscli_v2 as v2
import v2_record

from generator.build import build_service
from generator.emit import skeletons as sk
from generator.emit.cli_commands import CLI_WITHOUT_SKELETON
from generator.ir import Operation, Service
from generator.load import load_service
from generator.pipeline import botocore_version

RENDER = {"input": sk.input_skeleton, "yaml-input": sk.yaml_input_skeleton,
          "output": sk.output_skeleton}


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
    if not sk.has_skeleton_flag(service, op):  # outfile, event stream, CLI customization
        return "both refuse" if answer["rc"] != 0 else "v2 printed a skeleton we say it has not"
    if flavour == "output" and (service.service_name, op.name) in sk.CLI_RESHAPED_OUTPUT:
        return v2_record.RESHAPED if answer["rc"] == 0 else "v2 refused a reshaped output"
    if flavour == "output" and not sk.output_skeleton_is_aws_exact(service, op):
        if answer["rc"] == 0:
            return "v2 printed what we call unprintable"
        unseen = v2.unseen_issues(sk.output_skeleton_issues(service, op), answer["stderr"])
        return f"v2 refused, but not for {unseen}" if unseen else "both refuse"
    if answer["rc"] != 0:
        return f"v2 failed (rc {answer['rc']}): {answer['stderr'].strip()[:200]}"
    return "equal" if answer["stdout"] == RENDER[flavour](service, op) else "differs"


def fake_verdict(service: Service, op: Operation, theirs: str | None) -> str:
    """v2's fake response (values and member order) against ours, as JSON text."""
    if theirs is None or not sk.has_skeleton_flag(service, op):
        return "both refuse"  # no command to fake for; ours drops the outfile member
    ours = json.dumps(sk.aws_output_response(service, op), indent=4)
    return "equal" if ours == theirs else "differs"


def table_problems(service: Service, no_flag: dict[str, str], ops: set[str]) -> list[str]:
    """Operations where v2's command table and has_skeleton_flag disagree."""
    problems = []
    for op in service.operations:
        if op.name not in ops:
            continue  # not in v2's model
        ours, theirs = sk.has_skeleton_flag(service, op), op.name not in no_flag
        entry = CLI_WITHOUT_SKELETON.get((service.service_name, op.name))
        if ours != theirs:
            problems.append(f"{op.cli_name}: v2 {no_flag.get(op.name, 'has the flag')}, "
                            f"botogen says it {'has' if ours else 'has not'}")
        elif entry is not None and entry.v2_only and theirs:
            problems.append(f"{op.cli_name}: listed as v2-only, but v2 has the flag")
    return problems


class Reference:
    """The long-running v2 process (bench/v2_reference.py): one request line per service."""

    def __init__(self, args: argparse.Namespace) -> None:
        env = {"PYTHONPATH": str(args.awscli_src), "PATH": "/usr/bin:/bin"}  # bytecode allowed
        self.proc = subprocess.Popen(
            [str(args.python), str(ROOT / "bench" / "v2_reference.py"),
             "--timeout", str(args.timeout)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)

    def ask(self, cli: str, commands: list[list[str]]) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"service": cli, "commands": commands}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise SystemExit("bench/v2_reference.py died")
        answer: dict[str, Any] = json.loads(line)
        return answer


def compare(args: argparse.Namespace, ref: Reference, name: str) -> dict[str, Any]:
    raw = load_service(name)
    service = build_service(raw, botocore_version())
    theirs = v2_model(args.awscli_src, name, service.api_version)
    row: dict[str, Any] = {"service": name, "api_version": service.api_version,
                           "operations": len(service.operations), "agree": 0,
                           "model_equal": theirs == raw.data, "results": {}, "table": []}
    if theirs is None:
        row["note"] = "not in v2's bundled models"
        return row
    cli = v2.cli_service_name(name)
    ops = [op for op in service.operations if op.name in theirs["operations"]
           and v2.operation_digest(theirs, op.name) == v2.operation_digest(raw.data, op.name)]
    row["agree"] = len(ops)
    commands = [v2.command(cli, service, op, f) for op in ops for f in args.flavours]
    reply = ref.ask(cli, commands)
    if "error" in reply:
        row["note"] = f"v2: {reply['error']}"
        return row
    answers = iter(reply["answers"])
    row["table"] = table_problems(service, reply["no_flag"], set(theirs["operations"]))
    fixture: dict[str, Any] = {}
    for op in ops:
        entry: dict[str, Any] = {"digest": v2.operation_digest(theirs, op.name)}
        for flavour in args.flavours:
            answer = next(answers)
            entry[flavour] = answer
            row["results"][f"{op.cli_name} {flavour}"] = verdict(service, op, flavour, answer)
        row["results"][f"{op.cli_name} fake"] = fake_verdict(service, op,
                                                            reply["fakes"].get(op.name))
        fixture[op.cli_name] = entry
    if args.fixtures and (name in args.services or name in v2.fixture_services()):
        assert tuple(args.flavours) == v2.FLAVOURS, "fixtures hold all three flavours"
        v2.write(name, {"awscli": v2_record.AWSCLI, "service": name,
                        "api_version": service.api_version, "operations": fixture})
    return row


def load_state(path: Path | None) -> dict[str, Any]:
    if path is None or not path.exists():
        return {"services": {}}
    state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return state


def save_state(path: Path | None, state: dict[str, Any]) -> None:
    if path is None:
        return
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)  # a killed run leaves the last whole state


def all_services() -> list[str]:
    import botocore.session

    return sorted(botocore.session.get_session().get_available_services())


def run(args: argparse.Namespace) -> dict[str, Any]:
    names = all_services() if args.all else args.services
    index, count = args.shard
    names = names[index - 1::count]
    state = load_state(args.state) if args.resume else {"services": {}}
    state.update(flavours=list(args.flavours), botocore=botocore_version())
    ref = Reference(args)
    for name in names:
        if name in state["services"]:
            continue
        start = time.monotonic()
        row = compare(args, ref, name)
        row["seconds"] = round(time.monotonic() - start, 1)
        state["services"][name] = row
        save_state(args.state, state)
        print(f"{name}: {row['agree']}/{row['operations']} operations compared in "
              f"{row['seconds']:.0f} s", file=sys.stderr, flush=True)
    return state


def shard(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise argparse.ArgumentTypeError("expected I/N with 1 <= I <= N")
    return int(index), int(count)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--awscli-src", type=Path)
    parser.add_argument("--python", type=Path)
    parser.add_argument("--all", action="store_true", help="every botocore service")
    parser.add_argument("--flavours", default=",".join(v2.FLAVOURS),
                        type=lambda text: [f for f in text.split(",") if f])
    parser.add_argument("--shard", type=shard, default=(1, 1), help="I/N")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per command")
    parser.add_argument("--state", type=Path)
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--merge", type=Path, nargs="+", metavar="STATE")
    parser.add_argument("--fixtures", action="store_true")
    parser.add_argument("--record", type=Path)
    parser.add_argument("services", nargs="*")
    args = parser.parse_args()
    if not args.merge and not (args.awscli_src and args.python and (args.all or args.services)):
        parser.error("--awscli-src, --python and services (or --all) are needed, or --merge")
    if bad := set(args.flavours) - set(v2.FLAVOURS):
        parser.error(f"unknown flavours: {sorted(bad)}")
    return args


def main() -> int:
    args = parse()
    if args.merge:
        state = v2_record.merge([load_state(path) for path in args.merge])
    else:
        state = run(args)
    text = v2_record.summary(state)
    print(text)
    if args.record:
        v2_record.write(args.record, state, text)
    return 0 if v2_record.clean(state) else 1


if __name__ == "__main__":
    sys.exit(main())
