"""Startup benchmark: printing the flagship input skeleton, generated CLI vs the AWS CLI.

    python bench/skeleton_startup.py [-n RUNS]

Runs, in the same process and interleaved (so both see the same machine load),
``python -m generated.ecr_public batch-check-layer-availability --generate-cli-skeleton`` and
``aws ecr-public batch-check-layer-availability --generate-cli-skeleton`` RUNS times each after
one warm-up run, checks that both print the same bytes, and prints the median and minimum wall
time of each, the interpreter's bare startup (``python -c pass``) for scale, and the ratio. The
AWS CLI is the one installed beside this Python (awscli v1 from the test extras), else the
first ``aws`` on PATH. It is a benchmark, not a test: nothing is asserted about the times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGSHIP = "batch-check-layer-availability"


def _aws() -> list[str]:
    beside = Path(sys.executable).with_name("aws")
    if beside.exists():
        return [sys.executable, str(beside)]
    found = shutil.which("aws")
    if found is None:
        sys.exit("no AWS CLI found: install the test extras (awscli) or put aws on PATH")
    return [found]


def _env(home: str) -> dict[str, str]:
    """No user configuration may change either side's work, and both run from bytecode: the
    warm-up run writes the generated modules' .pyc files, as installing awscli wrote its own."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AWS_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(AWS_CONFIG_FILE=os.path.join(home, "config"),
               AWS_SHARED_CREDENTIALS_FILE=os.path.join(home, "credentials"))
    return env


def _once(command: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
    return time.perf_counter() - start, result.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=20, help="runs per command (20)")
    args = parser.parse_args()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "generated CLI": [sys.executable, "-m", "generated.ecr_public", FLAGSHIP,
                          "--generate-cli-skeleton"],
        "aws": [*_aws(), "ecr-public", FLAGSHIP, "--generate-cli-skeleton"],
    }
    with tempfile.TemporaryDirectory() as home:
        env = _env(home)
        outputs = {name: _once(cmd, env)[1] for name, cmd in commands.items()}  # warm-up
        if outputs["generated CLI"] != outputs["aws"]:
            sys.exit("the two skeletons differ: fix that before timing them")
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(_once(cmd, env)[0])
    print(f"{'command':<16} {'runs':>5} {'median ms':>10} {'min ms':>8}")
    for name, samples in times.items():
        print(f"{name:<16} {len(samples):>5} {statistics.median(samples) * 1000:>10.1f} "
              f"{min(samples) * 1000:>8.1f}")
    ratio = statistics.median(times["aws"]) / statistics.median(times["generated CLI"])
    print(f"\naws / generated CLI (medians): {ratio:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
