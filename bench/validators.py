"""Benchmark: the generated ecr-public validator against other Python validators, and the time
to generate ecr-public.

    .venv/bin/python bench/validators.py [--quick] [--out PATH]

On a fixed corpus of BatchCheckLayerAvailability requests (valid with 1, 10 and 100 layer
digests; invalid of each kind), in one process and one run, it times:

- generated: `validate_batch_check_layer_availability_request` (every error, botocore paths);
- compiled: the same function of the `botogen compile` build (mypyc), made under
  bench/results/compiled/ unless a current one is there (skip with --no-compiled);
- jsonschema: `list(Draft202012Validator(schema).iter_errors(doc))` (every error);
- fastjsonschema: the compiled schema (stops at the first error, raising);
- jsonschema-rs `iter_errors`: `list(validator.iter_errors(doc))` (every error), and
  jsonschema-rs `is_valid` (verdict only);
- botocore: `ParamValidator().validate(params, input_shape)` (every error it checks; it does
  not check max, pattern or enum, so it accepts those inputs);
- pydantic v2 and msgspec models with the same constraints (bench/models_*.py; pydantic
  reports every error, msgspec the first; both build an object on valid input).

Each time is the minimum over many short timeit loops (robust on a shared machine); ratios
are "times slower than the generated validator" (and than the compiled build) from the same
run. Every library's verdict is checked against the expected one first. Then it times the
in-process pipeline for all of ecr-public, with and without black. The table, with machine, versions and date, is
printed and written to bench/results/validators.md. A benchmark, not a test: nothing is
asserted about times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.metadata
import json
import os
import platform
import sys
import sysconfig
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import botocore.session  # noqa: E402
import fastjsonschema  # noqa: E402
import jsonschema  # noqa: E402
import jsonschema_rs  # noqa: E402
from botocore.validate import ParamValidator  # noqa: E402

import models_msgspec  # noqa: E402
import models_pydantic  # noqa: E402
from generated.ecr_public import validators  # noqa: E402

OPERATION = "BatchCheckLayerAvailability"
SCHEMA = ROOT / "schemas" / "ecr-public" / f"{OPERATION}.request.json"
LIBRARIES = ("jsonschema", "fastjsonschema", "jsonschema-rs", "jsonschema-rs is_valid",
             "botocore", "pydantic", "msgspec")


def digests(n: int) -> list[str]:
    return [f"sha256:{i:064x}" for i in range(n)]


def _base(n: int) -> dict[str, Any]:
    return {"registryId": "123456789012", "repositoryName": "team/app-web",
            "layerDigests": digests(n)}


# (name, request, valid?, botocore checks it?)
CORPUS: list[tuple[str, dict[str, Any], bool, bool]] = [
    ("valid, 1 digest", _base(1), True, True),
    ("valid, 10 digests", _base(10), True, True),
    ("valid, 100 digests", _base(100), True, True),
    ("missing required (10)", {k: v for k, v in _base(10).items() if k != "layerDigests"},
     False, True),
    ("unknown key (10)", {**_base(10), "layerDigest": "x"}, False, True),
    ("wrong type (10)", {**_base(10), "layerDigests": digests(9) + [7]}, False, True),
    ("below min (10)", {**_base(10), "repositoryName": "a"}, False, True),
    ("above max (101 digests)", _base(101), False, False),
    ("pattern miss (10)", {**_base(10), "repositoryName": "TEAM/APP-WEB"}, False, False),
]


def _raises_false(fn: Callable[[Any], Any], error: type[BaseException]) -> Callable[[Any], bool]:
    def call(data: Any) -> bool:
        try:
            fn(data)
        except error:
            return False
        return True
    return call


def compiled_validators(root: Path) -> tuple[ModuleType, float | None]:
    """The `botogen compile` build of ecr-public's validators, made under `root` (generated
    there first) unless a current one is there; with the seconds compiling took, if it ran."""
    from generator import cli, pipeline, write
    from generator.native import install

    assert cli.main(["generate", "ecr-public", "--quiet", "--out", str(root)]) == 0
    service = pipeline.load("ecr-public")
    package = root / "generated" / service.module_name
    builds = [p for p in package.iterdir() if write.is_native_build(p)]  # generate drops stale
    took = None
    if len(builds) != len(write.NATIVE_STEMS):
        start = time.perf_counter()
        install(service, root)
        took = time.perf_counter() - start
    saved = {m: sys.modules.pop(m) for m in list(sys.modules) if m.split(".")[0] == "generated"}
    sys.path.insert(0, str(root))
    try:
        module = importlib.import_module(f"generated.{service.module_name}.validators")
    finally:
        sys.path.remove(str(root))
        for m in [m for m in sys.modules if m.split(".")[0] == "generated"]:
            del sys.modules[m]
        sys.modules.update(saved)
    assert str(module.__file__).endswith(str(sysconfig.get_config_var("EXT_SUFFIX")))
    return module, took


def contenders(compiled: ModuleType | None
               ) -> dict[str, tuple[Callable[[Any], Any], Callable[[Any], bool]]]:
    """name -> (the call timed, a verdict function: True when valid)."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    js = jsonschema.Draft202012Validator(schema)
    fast = fastjsonschema.compile(schema)
    rs = jsonschema_rs.validator_for(schema)
    shape = (botocore.session.get_session().get_service_model("ecr-public")
             .operation_model(OPERATION).input_shape)
    boto = ParamValidator()
    if not str(validators.__file__).endswith(".py"):
        raise SystemExit(f"{validators.__file__} shadows the checkout's validators.py: delete it")
    generated = validators.validate_batch_check_layer_availability_request
    pyd = models_pydantic.BatchCheckLayerAvailabilityRequest.model_validate
    msg = models_msgspec.BatchCheckLayerAvailabilityRequest
    import msgspec
    from pydantic import ValidationError

    def convert(data: Any) -> Any:
        return msgspec.convert(data, msg)

    def report(data: Any) -> Any:
        return boto.validate(data, shape)

    native = {}
    if compiled is not None:
        fn = compiled.validate_batch_check_layer_availability_request
        native = {"compiled": (fn, lambda d: fn(d) == [])}
    return {
        "generated": (generated, lambda d: generated(d) == []),
        **native,
        "jsonschema": (lambda d: list(js.iter_errors(d)), js.is_valid),
        "fastjsonschema": (_raises_false(fast, fastjsonschema.JsonSchemaValueException),
                           _raises_false(fast, fastjsonschema.JsonSchemaValueException)),
        "jsonschema-rs": (lambda d: list(rs.iter_errors(d)), rs.is_valid),
        "jsonschema-rs is_valid": (rs.is_valid, rs.is_valid),
        "botocore": (report, lambda d: not report(d).has_errors()),
        "pydantic": (_raises_false(pyd, ValidationError), _raises_false(pyd, ValidationError)),
        "msgspec": (_raises_false(convert, msgspec.ValidationError),
                    _raises_false(convert, msgspec.ValidationError)),
    }


def check_verdicts(libs: dict[str, tuple[Callable[[Any], Any], Callable[[Any], bool]]]) -> None:
    for name, data, valid, botocore_checks in CORPUS:
        for lib, (_, verdict) in libs.items():
            expected = valid or (lib == "botocore" and not botocore_checks)
            if verdict(data) != expected:
                raise SystemExit(f"{lib} says {'valid' if not expected else 'invalid'} "
                                 f"for {name!r}: the comparison would be unfair")


def best(fn: Callable[[], Any], samples: int, chunk: float) -> float:
    """Seconds per call: the minimum over `samples` timeit loops of about `chunk` seconds each.
    Many short loops, not a few long ones: on a shared machine the fastest short loop is the
    one nothing interrupted, which is the number wanted."""
    timer = timeit.Timer(fn)
    number = 1
    while timer.timeit(number) < chunk:
        number *= 2
    return min(timer.repeat(repeat=samples, number=number)) / number


def time_corpus(libs: dict[str, tuple[Callable[[Any], Any], Callable[[Any], bool]]],
                samples: int, chunk: float, rounds: int) -> dict[str, dict[str, float]]:
    """The minimum per (request, library) over `rounds` interleaved passes over the table, so
    that a burst of load elsewhere hits every cell alike rather than one row."""
    times: dict[str, dict[str, float]] = {name: {} for name, *_ in CORPUS}
    for _ in range(rounds):
        for name, data, _, _ in CORPUS:
            for lib, (call, _) in libs.items():
                # jsonschema takes milliseconds a call: fewer samples keep the run short
                n = max(4, samples // 5) if lib == "jsonschema" else samples
                t = best(lambda call=call, data=data: call(data), n, chunk)
                times[name][lib] = min(t, times[name].get(lib, t))
    return times


def time_generation(repeat: int) -> tuple[float, float, int]:
    """(seconds without black, seconds with black, artifacts) for all of ecr-public."""
    from generator import pipeline
    from generator.write import format_artifact

    def emit() -> list[Any]:
        return pipeline.emit_all(pipeline.load("ecr-public"))

    def emit_black() -> list[bytes]:
        return [format_artifact(a) for a in emit()]

    count = len(emit())
    plain = min(timeit.repeat(emit, number=1, repeat=repeat))
    formatted = min(timeit.repeat(emit_black, number=1, repeat=max(2, repeat // 2)))
    return plain, formatted, count


def _micro(seconds: float) -> str:
    us = seconds * 1e6
    return f"{us:,.2f}" if us < 100 else f"{us:,.0f}"


def table(times: dict[str, dict[str, float]]) -> list[str]:
    """One row per request; a peer's cell gives its time over the generated validator's, and
    over the compiled build's when there is one: "2.90 (3.7× / 7.4×)"."""
    compiled = "compiled" in next(iter(times.values()))
    head = ["request", "generated µs"] + (["compiled µs"] if compiled else [])
    head += [f"{lib} µs (×{' / ×' if compiled else ''})" for lib in LIBRARIES]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for name, row in times.items():
        ours = [row[k] for k in ("generated", "compiled") if k in row]
        cells = [name, *map(_micro, ours)]
        cells += [f"{_micro(row[lib])} ({' / '.join(f'{row[lib] / t:,.1f}×' for t in ours)})"
                  for lib in LIBRARIES]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def targets(times: dict[str, dict[str, float]], ours: str) -> list[str]:
    def ratio(row: str, lib: str) -> float:
        return times[row][lib] / times[row][ours]

    invalid = [name for name, _, valid, _ in CORPUS if not valid]
    worst_fast = min(ratio(n, "fastjsonschema") for n, *_ in CORPUS)
    checks = [
        ("≥ 20× jsonschema, 1 digest", ratio("valid, 1 digest", "jsonschema"), 20),
        ("≥ 100× jsonschema, 100 digests", ratio("valid, 100 digests", "jsonschema"), 100),
        ("≥ 1.5× fastjsonschema, every row (worst)", worst_fast, 1.5),
        ("≥ 1× msgspec, 1 digest", ratio("valid, 1 digest", "msgspec"), 1),
        ("≥ 1× msgspec, 10 digests", ratio("valid, 10 digests", "msgspec"), 1),
    ]
    lines = [f"- {ours}, {label}: {value:,.1f}× — {'met' if value >= goal else 'NOT met'}"
             for label, value, goal in checks]
    lines.append(f"- {ours}, invalid rows vs fastjsonschema: " + ", ".join(
        f"{n} {ratio(n, 'fastjsonschema'):.1f}×" for n in invalid))
    return lines


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in (
        "botocore", "jsonschema", "fastjsonschema", "jsonschema-rs", "pydantic", "pydantic-core",
        "msgspec", "black"))
    return [
        f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M UTC}",
        f"- CPU: {cpu} ({os.cpu_count()} logical CPUs), load average "
        f"{os.getloadavg()[0]:.2f} at start",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"- {versions}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short loops (noisier)")
    parser.add_argument("--no-generation", action="store_true",
                        help="skip timing the generator (it takes a minute with black)")
    parser.add_argument("--no-compiled", action="store_true",
                        help="skip the `botogen compile` build (it needs a C compiler)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "validators.md")
    args = parser.parse_args()
    samples, chunk, rounds = (20, 0.001, 2) if args.quick else (40, 0.002, 5)
    info = machine()
    compiled, compile_time = (None, None) if args.no_compiled else compiled_validators(
        ROOT / "bench" / "results" / "compiled")
    libs = contenders(compiled)
    check_verdicts(libs)
    times = time_corpus(libs, samples, chunk, rounds)
    generation = [] if args.no_generation else time_generation(3 if args.quick else 5)
    lines = [f"# Validator benchmark: {OPERATION} request", "", *info, "",
             f"µs per call: the minimum over {rounds} interleaved rounds of {samples} timeit "
             f"loops of ~{chunk * 1000:g} ms each; (×) is that library's time over the "
             "generated validator's, same run.", "",
             *table(times), "", "Targets:", *targets(times, "generated"),
             *(targets(times, "compiled") if compiled else [])]
    if compile_time is not None:
        lines += ["", f"`botogen compile ecr-public` (mypyc, then the C compiler) took "
                  f"{compile_time:,.0f} s."]
    if generation:
        plain, formatted, count = generation
        lines += ["", f"Generating all of ecr-public in process ({count} artifacts: load, IR, "
                  f"every emitter): {plain * 1000:,.0f} ms without black, "
                  f"{formatted * 1000:,.0f} ms with black (min of repeats)."]
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
