"""Benchmark: what install_validation adds to a botocore client call, against botocore's own
parameter validation, measured in the same run.

    .venv/bin/python bench/client_validation.py [--quick] [--out PATH]

On valid requests (the cost every call pays; an invalid call raises before anything is sent),
in one process:

- botocore validation: `ParamValidator().validate(params, input_shape)`, what botocore's
  serializer runs on every call (required, unknown keys, types, min; not max/pattern/enum);
- hook: the handler install_validation registers, called as the event system calls it
  (the generated request validator, plus the look-up of the operation);
- event: `client.meta.events.emit("before-parameter-build.ecr-public.<Operation>", ...)` on a
  plain and on an installed client: the difference is what a call pays for the check;
- call: a whole client call, `client.<operation>(**params)`, answered in-process by a
  `before-call` handler (no network; endpoint resolution, serialisation, signing-free
  request building and botocore's validation all run), on three clients: plain botocore,
  with install_validation, and with install_validation and `Config(parameter_validation=False)`
  (the generated check alone: it reports everything botocore's would, in its wording).

Each cell is the minimum over interleaved rounds of short timeit loops (robust on a shared
machine). Ratios: hook / botocore validation, (installed - plain) / botocore validation for the
event and for whole calls, and installed call / plain call. Written to bench/results/client_validation.md
(the committed record is bench/records/client-validation.md). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import botocore  # noqa: E402
import botocore.session  # noqa: E402
from botocore.awsrequest import AWSResponse  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ParamValidationError  # noqa: E402
from botocore.validate import ParamValidator  # noqa: E402

from generated._runtime.client import Hook  # noqa: E402
from generated.ecr_public import install_validation  # noqa: E402
from generated.ecr_public.validators import REQUEST_VALIDATORS  # noqa: E402

DIGEST = "sha256:" + "ab" * 32
# (label, operation, client method, params, canned parsed response)
CORPUS: list[tuple[str, str, str, dict[str, Any], dict[str, Any]]] = [
    ("BatchCheckLayerAvailability, 1 digest", "BatchCheckLayerAvailability",
     "batch_check_layer_availability",
     {"repositoryName": "my-repo", "layerDigests": [DIGEST]}, {"layers": [], "failures": []}),
    ("BatchCheckLayerAvailability, 10 digests", "BatchCheckLayerAvailability",
     "batch_check_layer_availability",
     {"repositoryName": "my-repo", "layerDigests": [DIGEST] * 10}, {"layers": []}),
    ("BatchCheckLayerAvailability, 100 digests", "BatchCheckLayerAvailability",
     "batch_check_layer_availability",
     {"repositoryName": "team/my-repo", "registryId": "123456789012",
      "layerDigests": [DIGEST] * 100}, {"layers": []}),
    ("PutRepositoryCatalogData, nested", "PutRepositoryCatalogData", "put_repository_catalog_data",
     {"repositoryName": "my-repo", "catalogData": {
         "description": "An image.", "architectures": ["x86-64", "ARM 64"],
         "operatingSystems": ["Linux"], "aboutText": "# About\n" * 20,
         "usageText": "docker pull ...", "logoImageBlob": b"\x89PNG" * 64}},
     {"catalogData": {}}),
    ("DescribeRepositories, no parameters", "DescribeRepositories", "describe_repositories",
     {}, {"repositories": []}),
]


def make_client(installed: bool, botocore_validation: bool = True) -> Any:
    session = botocore.session.Session()
    client = session.create_client(
        "ecr-public", region_name="us-east-1", aws_access_key_id="AKID",
        aws_secret_access_key="secret",
        config=Config(parameter_validation=botocore_validation),
    )
    canned = {op: response for _, op, _, _, response in CORPUS}

    def answer(model: Any, **kwargs: Any) -> Any:
        return AWSResponse(None, 200, {}, None), dict(canned[model.name])

    client.meta.events.register("before-call.ecr-public", answer)
    if installed:
        install_validation(client)
    return client


def best(fn: Callable[[], Any], samples: int, chunk: float) -> float:
    """Seconds per call: the minimum over `samples` timeit loops of about `chunk` seconds."""
    timer = timeit.Timer(fn)
    number = 1
    while timer.timeit(number) < chunk:
        number *= 2
    return min(timer.repeat(repeat=samples, number=number)) / number


def contenders(op: str, method: str, params: dict[str, Any],
               clients: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    model = clients["plain"].meta.service_model.operation_model(op)
    shape = model.input_shape
    validator = ParamValidator()
    hook = Hook(REQUEST_VALIDATORS, ParamValidationError)

    def botocore_validation() -> None:
        if validator.validate(params, shape).has_errors():
            raise SystemExit(f"botocore rejects the corpus request for {op}")

    def call(client: Any) -> Callable[[], Any]:
        bound = getattr(client, method)
        return lambda: bound(**params)

    def emit(client: Any) -> Callable[[], Any]:
        events, event = client.meta.events, f"before-parameter-build.ecr-public.{op}"
        return lambda: events.emit(event, params=params, model=model, context={})

    return {
        "botocore validation": botocore_validation,
        "hook": lambda: hook(params=params, model=model),
        "event, plain": emit(clients["plain"]),
        "event, installed": emit(clients["installed"]),
        "call, plain": call(clients["plain"]),
        "call, installed": call(clients["installed"]),
        "call, installed, botocore's off": call(clients["alone"]),
    }


def run(samples: int, chunk: float, rounds: int) -> dict[str, dict[str, float]]:
    clients = {"plain": make_client(False), "installed": make_client(True),
               "alone": make_client(True, botocore_validation=False)}
    table = {label: contenders(op, method, params, clients)
             for label, op, method, params, _ in CORPUS}
    for fns in table.values():  # every contender works before anything is timed
        for fn in fns.values():
            fn()
    times: dict[str, dict[str, float]] = {label: {} for label in table}
    for _ in range(rounds):
        for label, fns in table.items():
            for name, fn in fns.items():
                t = best(fn, samples, chunk)
                times[label][name] = min(times[label].get(name, t), t)
    return times


def render(times: dict[str, dict[str, float]], seconds: float, settings: str) -> str:
    names = list(next(iter(times.values())))
    lines = [
        "# install_validation: the cost per call against botocore's own validation",
        "",
        f"{dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')}, botocore "
        f"{botocore.__version__}, Python {platform.python_version()}, {platform.machine()}; "
        f"{seconds:.0f} s ({settings}), load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores. Written by `bench/client_validation.py`.",
        "",
        "µs per call (minimum over interleaved rounds). *event added*: the before-parameter-build "
        "event emitted on the installed client minus on the plain one (the hook and its "
        "dispatch: exactly what install_validation adds to a call); *call added*: the same for "
        "whole calls (noisier: a call is 10-100 times longer). Ratios against botocore's own "
        "validation of the same request, same run.",
        "",
        "| request | " + " | ".join(names) + " | hook / botocore | event added / botocore | "
        "call added / botocore | installed / plain | alone / plain |",
        "| --- |" + " --- |" * (len(names) + 5),
    ]
    for label, row in times.items():
        base = row["botocore validation"]
        added = row["call, installed"] - row["call, plain"]
        event = row["event, installed"] - row["event, plain"]
        cells = " | ".join(f"{row[n] * 1e6:,.1f}" for n in names)
        lines.append(
            f"| {label} | {cells} | {row['hook'] / base:.2f} | {event / base:.2f} | "
            f"{added / base:.2f} | "
            f"{row['call, installed'] / row['call, plain']:.3f} | "
            f"{row['call, installed, botocore' + chr(39) + 's off'] / row['call, plain']:.3f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer, shorter loops")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/client_validation.md")
    args = parser.parse_args()
    samples, chunk, rounds = (3, 0.005, 2) if args.quick else (9, 0.02, 7)
    start = timeit.default_timer()
    times = run(samples, chunk, rounds)
    text = render(times, timeit.default_timer() - start,
                  f"{rounds} rounds of {samples} loops of ~{chunk * 1000:.0f} ms")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
