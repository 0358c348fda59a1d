"""The corpus proof's steps, one service at a time: bare import, `mypy --strict`, the emitted
property tests, and every operation's skeletons against AWS CLI v1.

bench/corpus_proof.py runs them on every service botocore ships; tests/test_corpus_sample.py
on the issue's fixed sample in CI. Each step takes the output directory (`generate --out`),
the botocore service name and an example count, and returns a JSON-able result with "ok".
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock
from xml.etree import ElementTree

from generator import naming
from generator.emit import skeletons as sk
from generator.pipeline import load

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


def step_import(out: Path, service: str, examples: int) -> dict[str, Any]:
    module = naming.module_name(service)
    ok, text = run([sys.executable, "-c", _BARE_IMPORT, module], out, 300)
    return {"ok": ok, "detail": "" if ok else text}


def step_mypy(out: Path, service: str, examples: int) -> dict[str, Any]:
    module = naming.module_name(service)
    ok, text = run([sys.executable, "-m", "mypy", "--strict", "--cache-dir",
                    str(out / ".mypy_cache"), f"generated/{module}", "generated/_runtime"],
                   out, 3600)
    return {"ok": ok, "detail": "" if ok else text}


def step_properties(out: Path, service: str, examples: int) -> dict[str, Any]:
    module = naming.module_name(service)
    (out / "conftest.py").write_text(_CONFTEST, encoding="utf-8")
    env = {**os.environ, "PROOF_EXAMPLES": str(examples)}
    report = out / ".proof" / f"{module}.xml"
    report.parent.mkdir(exist_ok=True)
    ok, text = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
                    "no:xdist", f"--junitxml={report}", f"generated/{module}/test_properties.py"],
                   out, 3600, env)
    counts = _junit_counts(report)
    return {"ok": ok, "detail": "" if ok else text, **counts}


def _junit_counts(report: Path) -> dict[str, int]:
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
        from awscli.clidriver import (
            create_clidriver,  # importing awscli sets AWS_DATA_PATH
        )

        from awscli.customizations.preview import PREVIEW_SERVICES

        # v1 hides its preview services (sdb) behind a notice unless the config enables them.
        self._config = tempfile.NamedTemporaryFile("w", suffix=".config")  # noqa: SIM115
        self._config.write("[preview]\n" + "".join(f"{s} = true\n" for s in PREVIEW_SERVICES))
        self._config.flush()
        self.env = {**aws_environment(), "AWS_CONFIG_FILE": self._config.name}
        with mock.patch.dict(os.environ, self.env, clear=True):  # the caller's stays its own
            self.driver = create_clidriver()
            self.table = self.driver._get_command_table()
        # Service commands only: `s3` is a custom command beside `s3api` (botocore's s3).
        self.names = {cmd._service_name: name for name, cmd in self.table.items()
                      if isinstance(getattr(cmd, "_service_name", None), str)}

    def operations(self, service: str) -> set[str]:
        """The service's operation commands: not those a customization replaced by a custom
        command of the same name (emr's add-instance-groups, describe-cluster, ...), which has
        no skeleton flag."""
        from awscli.clidriver import ServiceOperation

        command = self.table[self.names[service]]
        return {name for name, cmd in command._get_command_table().items()
                if isinstance(cmd, ServiceOperation)}

    def call(self, args: list[str]) -> tuple[int, str]:
        """Exit code and stdout, or stderr's tail where the code is not 0."""
        gc.freeze()  # what exists now is the children's to share, never to collect
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, report, and leave without cleanup
            gc.disable()  # a collection would touch, and so copy, every page of the parent's
            os.close(read)
            signal.alarm(300)  # a child stuck on a lock inherited mid-use dies instead
            os.environ.clear()
            os.environ.update(self.env)
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


def step_skeletons(out: Path, name: str, examples: int) -> dict[str, Any]:
    global _CLI
    import awscli_v2 as v2
    import test_skeletons as ts

    _CLI = _CLI or AwsCli()
    service = load(name)
    module = service.module_name
    available = _CLI.operations(service.service_name)
    name = _CLI.names[service.service_name]
    base = out / "generated" / module / "skeletons"
    result: dict[str, Any] = {"ops": len(service.operations), "input": 0, "output": 0,
                              "output_exact": 0, "no_flag": 0, "absent": [], "differ": [],
                              "refused": []}
    for op in service.operations:
        if op.cli_name not in available:
            result["absent"].append(op.cli_name)  # a v1 customization removed, renamed or replaced it
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
        # The required input as --cli-input-json, which needs no option names: v1 renames
        # some (lex-models' `--version`, ec2's `--count`) and reads others as files or URLs.
        # (v2's sampler where an endpoint rule parses an ARN that ts.sample cannot know)
        sampler = v2.sample if service.service_name in v2.ARNS else ts.sample
        value = sampler(service, service.shape(op.input)) if op.input else {}
        code, text = _CLI.call([name, op.cli_name, "--generate-cli-skeleton", "output",
                                "--cli-input-json", json.dumps(value),
                                *v2.HOISTED.get((service.service_name, op.name), [])])
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


STEPS = {"import": step_import, "mypy": step_mypy, "properties": step_properties,
         "skeletons": step_skeletons}
