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
import contextlib
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "bench" / "records"
STATE = RECORDS / "corpus-proof.json"
STEPS = ("generate", "import", "mypy", "properties", "skeletons")
sys.path.insert(0, str(ROOT / "tests"))

_BARE_IMPORT = """
import importlib, importlib.abc, sys
BANNED = {"botocore", "jinja2", "black", "ruamel", "yaml"}
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BANNED:
            raise ImportError(f"imported {name}")
        return None
sys.meta_path.insert(0, Refuse())
for part in ("models", "validators", "cli"):
    importlib.import_module(f"generated.{sys.argv[1]}.{part}")
"""

_CONFTEST = """
from hypothesis import settings
settings.register_profile("proof", max_examples=int(__import__("os").environ["PROOF_EXAMPLES"]),
                          database=None, derandomize=True)
settings.load_profile("proof")
"""


def aws_environment() -> dict[str, str]:
    """Dummy credentials, no config, no instance metadata, and a dead proxy: no network."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AWS_") or k == "AWS_DATA_PATH"}
    env.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="dummy-secret",
               AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
               AWS_EC2_METADATA_DISABLED="true", AWS_PAGER="", AWS_DEFAULT_REGION="us-east-1",
               HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9", NO_PROXY="",
               # a refused sample argument that makes v1 connect fails at once, not after
               # botocore's retries and back-off
               AWS_MAX_ATTEMPTS="1", AWS_RETRY_MODE="standard")
    return env


def run(args: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None
        ) -> tuple[bool, str]:
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                              env=env, check=False)
    except subprocess.TimeoutExpired:
        return False, f"timeout after {timeout:.0f} s"
    tail = (done.stdout + done.stderr).strip().splitlines()
    return done.returncode == 0, " / ".join(tail[-3:])[:300]


# -- steps ----------------------------------------------------------------------------------


def step_import(out: Path, module: str, _: argparse.Namespace) -> dict[str, Any]:
    ok, text = run([sys.executable, "-c", _BARE_IMPORT, module], out, 300)
    return {"ok": ok, "detail": "" if ok else text}


def step_mypy(out: Path, module: str, _: argparse.Namespace) -> dict[str, Any]:
    ok, text = run([sys.executable, "-m", "mypy", "--strict", "--cache-dir",
                    str(out / ".mypy_cache"), f"generated/{module}", "generated/_runtime"],
                   out, 3600)
    return {"ok": ok, "detail": "" if ok else text}


def step_properties(out: Path, module: str, args: argparse.Namespace) -> dict[str, Any]:
    (out / "conftest.py").write_text(_CONFTEST, encoding="utf-8")
    env = {**os.environ, "PROOF_EXAMPLES": str(args.examples)}
    report = out / ".proof" / f"{module}.xml"
    report.parent.mkdir(exist_ok=True)
    ok, text = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
                    "no:xdist", f"--junitxml={report}", f"generated/{module}/test_properties.py"],
                   out, 3600, env)
    counts = _junit_counts(report)
    return {"ok": ok, "detail": "" if ok else text, **counts}


def _junit_counts(report: Path) -> dict[str, int]:
    from xml.etree import ElementTree

    if not report.is_file():
        return {}
    cases = list(ElementTree.parse(report).iter("testcase"))
    skipped = sum(tc.find("skipped") is not None for tc in cases)
    failed = sum(tc.find("failure") is not None or tc.find("error") is not None for tc in cases)
    return {"tests": len(cases), "skipped": skipped, "failed": failed}


class AwsCli:
    """AWS CLI v1, its driver built once in this process; each command runs in a fork of it.

    v1's customizations register handlers on the session while a command runs (ec2's
    run-instances, the skeleton argument itself), and in one process they pile up and act on
    later commands. A fork starts every command from the same fresh driver, for about 10 ms."""

    def __init__(self) -> None:
        from awscli.clidriver import create_clidriver  # importing awscli sets AWS_DATA_PATH

        for key in [k for k in os.environ if k.startswith("AWS_") and k != "AWS_DATA_PATH"]:
            del os.environ[key]
        os.environ.update(aws_environment())
        self.driver = create_clidriver()
        self.table = self.driver._get_command_table()
        # Service commands only: `s3` is a custom command beside `s3api` (botocore's s3).
        self.names = {cmd._service_name: name for name, cmd in self.table.items()
                      if isinstance(getattr(cmd, "_service_name", None), str)}

    def operations(self, service: str) -> set[str]:
        command = self.table[self.names[service]]
        return set(command._get_command_table())

    def call(self, args: list[str]) -> tuple[int, str]:
        """Exit code and stdout, or stderr's tail where the code is not 0."""
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, report, and leave without cleanup
            os.close(read)
            with os.fdopen(write, "w", encoding="utf-8") as pipe:
                json.dump(self._run(args), pipe)
            os._exit(0)
        os.close(write)
        with os.fdopen(read, encoding="utf-8") as pipe:
            answer = pipe.read()
        os.waitpid(pid, 0)
        code, out, err = json.loads(answer) if answer else (255, "", "the fork died")
        return code, out if code == 0 else err.strip()[-300:]

    def _run(self, args: list[str]) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = self.driver.main(args)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 255
            except BaseException as exc:  # noqa: BLE001 - reported, never raised in a fork
                code, _ = 255, err.write(f"{type(exc).__name__}: {exc}")
        return code, out.getvalue(), err.getvalue()


_CLI: AwsCli | None = None


def step_skeletons(out: Path, module: str, args: argparse.Namespace) -> dict[str, Any]:
    global _CLI
    import test_skeletons as ts
    from generator.emit import skeletons as sk
    from generator.pipeline import load

    _CLI = _CLI or AwsCli()
    service = load(args.service_of[module])
    available = _CLI.operations(service.service_name)
    name = _CLI.names[service.service_name]
    base = out / "generated" / module / "skeletons"
    result: dict[str, Any] = {"ops": len(service.operations), "input": 0, "output": 0,
                              "output_exact": 0, "no_flag": 0, "absent": [], "differ": [],
                              "refused": []}
    for op in service.operations:
        if op.cli_name not in available:
            result["absent"].append(op.cli_name)  # a v1 customization removed or renamed it
            continue
        if not sk.has_skeleton_flag(service, op):
            result["no_flag"] += 1  # outfile and event-stream operations have no such flag
            continue
        code, text = _CLI.call([name, op.cli_name, "--generate-cli-skeleton"])
        try:
            assert code == 0, text
            ts.assert_input_matches(service, op, text.encode("utf-8"))
            assert text == (base / f"{op.cli_name}.input.json").read_text(encoding="utf-8") \
                or op.input is not None
            result["input"] += 1
        except AssertionError as exc:
            result["differ"].append(f"{op.cli_name} input: {str(exc)[:200]}")
        if not sk.output_skeleton_is_aws_exact(service, op):
            continue
        result["output_exact"] += 1
        code, text = _CLI.call([name, op.cli_name, "--generate-cli-skeleton", "output",
                                *ts.required_args(service, op)])
        ours = (base / f"{op.cli_name}.output.json").read_text(encoding="utf-8")
        if code == 0 and text.startswith("aws-cli/"):  # a member named --version: v1's wins
            result["refused"].append(f"{op.cli_name}: v1 printed its version")
        elif code != 0:  # v1 refused the sample arguments: nothing printed to compare
            result["refused"].append(f"{op.cli_name}: {_last_line(text)}")
        elif text == ours:
            result["output"] += 1
        else:
            result["differ"].append(f"{op.cli_name} output: {text[:200]}")
    result["ok"] = not result["differ"]
    return result


def _last_line(text: str) -> str:
    """v1's error, without its usage lines."""
    lines = [line for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if "rror" in line or "required" in line or "nvalid" in line]
    return (errors or lines or ["(nothing)"])[-1][:160]


# -- driver ---------------------------------------------------------------------------------

STEP_FUNCTIONS = {"import": step_import, "mypy": step_mypy, "properties": step_properties,
                  "skeletons": step_skeletons}


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
    args.service_of = {naming.module_name(s): s for s in services}
    if "generate" in steps:
        started = time.monotonic()
        gen = ["generate", *(args.services or ["--all"]), "--out", str(args.out), "--quiet"]
        done = subprocess.run([sys.executable, "-m", "generator", *gen], cwd=ROOT, check=False)
        run = {"commit": _commit(), "botocore": _version("botocore"),
               "awscli": _version("awscli")}
        for s in services:
            state.setdefault(s, {})["run"] = run
            state[s]["generate"] = {"ok": done.returncode == 0 or
                                                   (args.out / "generated" /
                                                    naming.module_name(s)).is_dir()}
        print(f"generated in {time.monotonic() - started:.0f} s", flush=True)
    for s in services:
        module = naming.module_name(s)
        for step in steps:
            if step == "generate" or step in state.get(s, {}):
                continue
            started = time.monotonic()
            try:
                found = STEP_FUNCTIONS[step](args.out, module, args)
            except Exception as exc:  # a crash of the harness is a result too
                found = {"ok": False, "detail": f"{type(exc).__name__}: {exc}"[:300]}
            found["seconds"] = round(time.monotonic() - started, 1)
            state.setdefault(s, {})[step] = found
            print(f"{s:40} {step:11} {'ok' if found['ok'] else 'FAILED'} "
                  f"{found['seconds']:7.1f} s {found.get('detail', '')}", flush=True)
        save(state, args.state)


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
    runs = sorted({f"{v['run']['commit']} (botocore {v['run']['botocore']}, awscli "
                   f"{v['run']['awscli']})" for v in state.values() if "run" in v})
    lines = [
        "# The corpus, proven: bench/corpus_proof.py",
        "",
        "Written by `bench/corpus_proof.py` from corpus-proof.json (see its docstring for what",
        "each step does). Services passing each step, of those it ran on: " + summary + ".",
        "",
        "Generated by commit " + ", ".join(runs or ["(unknown)"]) + ".",
        "",
        f"AWS CLI v1 skeletons: {ops} operations; input skeleton equal on {inputs}; "
        f"{no_flag} have no `--generate-cli-skeleton` (outfile, event streams); {absent} are not "
        f"in v1's command table (customizations); output skeleton byte-equal on {outputs} of "
        f"the {exact} ours claims exact, where v1 printed one for the sample arguments "
        f"(shortest valid values of the required members; v1 refused {refused}: see the json).",
        "",
        "## Failures",
        "",
        *(failures or ["none"]),
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
