"""How fast the generated models' from_dict() is on typical valid ecr-public responses.

    .venv/bin/python bench/from_dict.py                      # generated/ecr_public/models.py
    .venv/bin/python bench/from_dict.py --against OLD_DIR    # and a package built before, e.g.
        # git show REV:generated/ecr_public/models.py > OLD_DIR/models.py (plus its _convert.py)

For a response as botocore returns it (`dict`: datetimes) and as the AWS CLI prints it (`json`:
ISO 8601 strings), µs per from_dict() call: the minimum over interleaved rounds of timeit
(about 0.1 s each, the builds taking turns), so that a shared machine's noise is the same for
both; with --against, the ratio current / other. Printed, never asserted (bench/README.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import timeit
from datetime import datetime, timezone
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PUSHED = datetime(2024, 5, 1, 12, 0, 0, 123000, tzinfo=timezone.utc)


def _load(package: Path, name: str) -> ModuleType:
    """`package`/models.py imported as `name`.models (its relative imports resolved there)."""
    spec = importlib.util.spec_from_file_location(name, package / "__init__.py",
                                                  submodule_search_locations=[str(package)])
    assert spec is not None and spec.loader is not None
    sys.modules[name] = importlib.util.module_from_spec(spec)
    if (package / "__init__.py").is_file():
        spec.loader.exec_module(sys.modules[name])
    return importlib.import_module(f"{name}.models")


def corpus() -> dict[str, tuple[str, dict[str, Any]]]:
    """name -> (response class, botocore's parsed response)."""
    digest = "sha256:" + "ab" * 32
    layers = [{"layerDigest": digest, "layerAvailability": "AVAILABLE", "layerSize": 1234,
               "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip"} for _ in range(10)]
    image = {"registryId": "123456789012", "repositoryName": "my-repo", "imageDigest": digest,
             "imageTags": ["latest", "v1.2.3"], "imageSizeInBytes": 31_000_000,
             "imagePushedAt": PUSHED,
             "imageManifestMediaType": "application/vnd.oci.image.manifest.v1+json"}
    repository = {"repositoryArn": "arn:aws:ecr-public::123456789012:repository/my-repo",
                  "registryId": "123456789012", "repositoryName": "my-repo",
                  "repositoryUri": "public.ecr.aws/a1b2c3d4/my-repo", "createdAt": PUSHED}
    return {
        "BatchCheckLayerAvailability, 10 layers, 1 failure": (
            "BatchCheckLayerAvailabilityResponse",
            {"layers": layers, "failures": [{"layerDigest": digest, "failureCode": "MissingLayerDigest",
                                             "failureReason": "not found"}]}),
        "DescribeImages, 5 images": ("DescribeImagesResponse",
                                     {"imageDetails": [image] * 5, "nextToken": "t" * 40}),
        "DescribeRepositories, 5 repositories": ("DescribeRepositoriesResponse",
                                                 {"repositories": [repository] * 5}),
        "GetAuthorizationToken": ("GetAuthorizationTokenResponse", {
            "authorizationData": {"authorizationToken": "QVdTOnNlY3JldA==", "expiresAt": PUSHED}}),
    }


def best(calls: list[Any], rounds: int) -> list[float]:
    """µs per call of each, the minimum over `rounds` rounds in which they take turns."""
    timers = [timeit.Timer(call) for call in calls]
    number = max(1, timers[0].autorange()[0] // 2)
    times = [float("inf")] * len(calls)
    for _ in range(rounds):
        for i, timer in enumerate(timers):
            times[i] = min(times[i], timer.timeit(number) / number * 1e6)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, help="a directory holding another models.py")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    builds = [_load(ROOT / "generated" / "ecr_public", "bench_current")]
    if args.against:
        builds.append(_load(args.against, "bench_other"))
    head = f"{'response':<52} {'form':<5} {'µs':>7}"
    print(head + (f" {'other µs':>9} {'ratio':>6}" if args.against else ""))
    for name, (cls_name, wire) in corpus().items():
        for form in ("dict", "json"):
            calls = []
            for models in builds:
                cls = getattr(models, cls_name)
                value = cls.from_dict(wire)
                data = wire if form == "dict" else value.to_json()
                assert cls.from_dict(data) == value and value.to_dict() == wire, name
                calls.append(lambda cls=cls, data=data: cls.from_dict(data))
            times = best(calls, args.rounds)
            line = f"{name:<52} {form:<5} {times[0]:7.2f}"
            if args.against:
                line += f" {times[1]:9.2f} {times[0] / times[1]:6.2f}"
            print(line)


if __name__ == "__main__":
    main()
