"""yaml-input skeletons: generator/emit/yaml_text.py's writer against ruamel.yaml on every
operation of the given services (default: every service botocore ships).

    .venv/bin/python bench/yaml_skeletons.py [--record] [SERVICE ...]

For each operation the skeleton is made twice, with the fast writer (`fast=True`, what
`generate` does) and with ruamel only (`fast=False`, the reference), and the bytes compared.
It prints how many operations the fast writer took (the rest fall back to ruamel), every
mismatch (there must be none), and the CPU seconds of both; `--record` writes the summary to
bench/records/yaml-skeletons.md. Exit code 1 on any mismatch.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import botocore.session  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.emit import skeletons, yaml_text  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("services", nargs="*")
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    services = args.services or botocore.session.get_session().get_available_services()
    ops = taken = 0
    fast_s = slow_s = 0.0
    mismatches: list[str] = []
    for name in services:
        service = pipeline.load(name)
        for op in service.operations:
            ops += 1
            start = time.process_time()
            fast = skeletons.yaml_input_skeleton(service, op)
            middle = time.process_time()
            slow = skeletons.yaml_input_skeleton(service, op, fast=False)
            fast_s += middle - start
            slow_s += time.process_time() - middle
            walker = skeletons._YamlWalker(service)
            if yaml_text.dump(walker.generate(op.input), skeletons._Binary) is not None:
                taken += 1
            if fast != slow:
                mismatches.append(f"{name} {op.cli_name}")
    lines = [
        "# yaml-input skeletons: the fast writer against ruamel.yaml",
        "",
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, botocore "
        f"{pipeline.botocore_version()}, {len(services)} services (`bench/yaml_skeletons.py`).",
        "",
        f"- operations: {ops}; written by the fast writer: {taken}; by ruamel (outside its "
        f"subset): {ops - taken}",
        f"- byte mismatches against ruamel: {len(mismatches)}",
        f"- CPU: {fast_s:.1f} s as generated, {slow_s:.1f} s with ruamel only",
        *(f"  - mismatch: {m}" for m in mismatches[:50]),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.record:
        (ROOT / "bench" / "records" / "yaml-skeletons.md").write_text(text, encoding="utf-8")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
