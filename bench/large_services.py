"""Large services: what importing their bindings costs, and printing a skeleton with the
generated CLI against the AWS CLI, measured in one run.

    .venv/bin/python bench/large_services.py [--root DIR] [--runs 5] [SERVICE ...]

For each service (default: ec2, sagemaker, quicksight, connect), generated into DIR (a
scratch directory by default), every measurement is a whole process started from bytecode
(one warm-up run first): `python -c pass` for scale, then importing the package's models,
validators and CLI modules, with the median wall time and the peak memory (max RSS) of each;
then `python -m generated.<service> <command> --generate-cli-skeleton` against
`aws <service> <command> --generate-cli-skeleton` (AWS CLI v1 from the test extras),
interleaved, with the ratio (goal for ec2: at most 0.15). The table goes to stdout and to
bench/records/large-services.md. A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {"ec2": "describe-instances", "sagemaker": "create-training-job",
            "quicksight": "create-analysis", "connect": "create-contact-flow"}


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(AWS_ACCESS_KEY_ID="x", AWS_SECRET_ACCESS_KEY="x", AWS_DEFAULT_REGION="us-east-1",
               AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull)
    return env


def _wall(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stderr.decode()[-1500:]}")
    return wall


def _measure(cmd: list[str], cwd: Path, runs: int) -> tuple[float, int]:
    """Median wall seconds over `runs` (after a warm-up that writes the bytecode), peak KB."""
    _wall(cmd, cwd)
    return statistics.median(_wall(cmd, cwd) for _ in range(runs)), _peak(cmd, cwd)


def _peak(cmd: list[str], cwd: Path) -> int:
    """Peak RSS (KB) of one run, read with wait4 by a tiny wrapper process."""
    code = ("import os, subprocess, sys\n"
            "p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.DEVNULL)\n"
            "_, _, usage = os.wait4(p.pid, 0)\nprint(usage.ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", code, *cmd], cwd=cwd, env=_env(),
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("services", nargs="*", default=list(COMMANDS))
    parser.add_argument("--root", type=Path, help="output root (default: a scratch directory)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    load = os.getloadavg()[0]
    root = args.root or Path(tempfile.mkdtemp(prefix="bench-large-"))
    subprocess.run([sys.executable, "-m", "generator", "generate", *args.services, "--out",
                    str(root), "--quiet"], check=True, cwd=ROOT)
    py = sys.executable
    aws = [py, str(Path(py).with_name("aws"))]
    base, base_rss = _measure([py, "-c", "pass"], root, args.runs)
    rows = []
    for service in args.services:
        module = service.replace("-", "_")
        cells = [service]
        for part in ("models", "validators", "cli"):
            wall, rss = _measure([py, "-c", f"import generated.{module}.{part}"], root, args.runs)
            cells.append(f"{(wall - base) * 1000:.0f} ms, {(rss - base_rss) / 1024:.0f} MB")
        command = COMMANDS.get(service, "help")
        ours, _ = _measure([py, "-m", f"generated.{module}", command,
                            "--generate-cli-skeleton"], root, args.runs)
        theirs, _ = _measure([*aws, service, command, "--generate-cli-skeleton"], root,
                             args.runs)
        size = sum(p.stat().st_size for p in (root / "generated" / module).rglob("*.py"))
        cells += [f"{size / 1e6:.1f} MB", f"{ours * 1000:.0f} ms", f"{theirs * 1000:.0f} ms",
                  f"**{ours / theirs:.2f}x**"]
        rows.append("| " + " | ".join(cells) + " |")
    text = "\n".join([
        "# Large services: import cost and skeleton printing",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; medians of {args.runs} runs from bytecode; "
        f"`python -c pass` takes {base * 1000:.0f} ms and {base_rss / 1024:.0f} MB, which the "
        "import columns leave out (`bench/large_services.py`); load average "
        f"{load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.",
        "",
        "| service | import models (time, memory) | import validators | import cli | Python "
        "source | skeleton, generated CLI | skeleton, `aws` (v1) | ratio |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
    ]) + "\n"
    print(text)
    (ROOT / "bench" / "records" / "large-services.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
