"""Generation time: botogen against mypy-boto3-builder 8.12.0 on the same services, one run.

Each round runs both generators as whole processes, one after the other, on one service into
fresh scratch directories, and reads their CPU time (user + system, children included) from
the OS; wall time is reported too. The table gives botogen's time over the peer's: the goal
is at most 0.5 for ecr-public, dynamodb and ec2. A second botogen run over its own output
("unchanged") shows the cache (goal: under 1 s).

The peer needs Python 3.12 (pyenv has it here):
    PYENV_VERSION=3.12.1 python3.12 -m venv /tmp/mbb && /tmp/mbb/bin/pip install mypy-boto3-builder==8.12.0
    .venv/bin/python bench/generation.py --peer /tmp/mbb/bin/python [--rounds 3] [SERVICE ...]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOAD = os.getloadavg()


@dataclass
class Timing:
    cpu: float
    wall: float


def _timed(cmd: list[str], cwd: Path) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(cpu, wall)


def _botogen(service: str, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "generate", service, "--out", str(out), "--quiet"]


def _peer(python: str, service: str, out: Path) -> list[str]:
    return [python, "-m", "mypy_boto3_builder", str(out), "--product", "boto3-services", "-s",
            service, "--no-smart-version", "--output-type", "package"]


def measure(service: str, peer: str, rounds: int) -> dict[str, list[Timing]]:
    found: dict[str, list[Timing]] = {"botogen": [], "unchanged": [], "peer": []}
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="bench-gen-") as tmp:
            ours, theirs = Path(tmp) / "botogen", Path(tmp) / "peer"
            found["botogen"].append(_timed(_botogen(service, ours), ROOT))
            found["unchanged"].append(_timed(_botogen(service, ours), ROOT))
            found["peer"].append(_timed(_peer(peer, service, theirs), Path(tmp)))
            shutil.rmtree(ours, ignore_errors=True)
    return found


def _median(ts: list[Timing], attr: str) -> float:
    return statistics.median(getattr(t, attr) for t in ts)


def report(results: dict[str, dict[str, list[Timing]]], rounds: int) -> str:
    lines = [
        f"# Generation: botogen against mypy-boto3-builder 8.12.0",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; median of {rounds} "
        "rounds, both tools run alternately in the same run (`bench/generation.py`); load average "
        f"{LOAD[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (a load above the core "
        "count means other jobs shared the machine).",
        "",
        "| service | botogen CPU s | peer CPU s | ratio (CPU) | botogen wall s | peer wall s "
        "| ratio (wall) | unchanged, botogen CPU s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for service, found in results.items():
        ours, peer = _median(found["botogen"], "cpu"), _median(found["peer"], "cpu")
        ours_w, peer_w = _median(found["botogen"], "wall"), _median(found["peer"], "wall")
        lines.append(
            f"| {service} | {ours:.2f} | {peer:.2f} | **{ours / peer:.2f}x** | {ours_w:.2f} | "
            f"{peer_w:.2f} | {ours_w / peer_w:.2f}x | {_median(found['unchanged'], 'cpu'):.2f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("services", nargs="*", default=["ecr-public", "dynamodb", "ec2"])
    parser.add_argument("--peer", default="/tmp/mbb/bin/python",
                        help="the Python that has mypy-boto3-builder 8.12.0")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--record", type=Path, default=ROOT / "bench" / "records" / "generation.md")
    args = parser.parse_args()
    results = {s: measure(s, args.peer, args.rounds) for s in args.services}
    text = report(results, args.rounds)
    print(text)
    args.record.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
