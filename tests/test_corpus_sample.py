"""The corpus proof (bench/corpus_proof.py) on the issue's fixed sample of hard corners, in CI.

Each service is generated into a temporary directory and must then import without botocore,
jinja2, black or yaml; pass `mypy --strict`; pass its emitted property tests (at 2 examples
each: the draws are what the whole suite's time allows, the checks are the real ones); and
print, through AWS CLI v1, the same input skeleton on every operation and the same output
skeleton wherever ours claims to be the CLI's bytes. The steps are tests/proof.py's, the ones
the corpus run uses.

The sample: recursion (dynamodb's AttributeValue, glue, wafv2's statements), unions and
documents (wafv2, backup), event streams and streaming blobs (kinesis, lambda, s3), header,
querystring and uri members (apigatewayv2, lambda, s3), `\\p{..}` and other translated
patterns (glue, backup).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import proof
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ("apigatewayv2", "backup", "dynamodb", "glue", "kinesis", "lambda", "s3", "wafv2")
EXAMPLES = 2


def failures(step: str, found: dict[str, Any]) -> list[str]:
    if found["ok"]:
        return []
    detail = found.get("detail") or "; ".join(found.get("differ", [])[:5])
    return [f"{step}: {detail}"]


@pytest.mark.parametrize("service", SAMPLE)
def test_sample_service_is_proven(service: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "generator", "generate", service, "--out",
                           str(tmp_path), "--quiet"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    problems: list[str] = []
    results = {}
    for step, run in proof.STEPS.items():
        results[step] = run(tmp_path, service, EXAMPLES)
        problems += failures(step, results[step])
    assert problems == []
    properties, skeletons = results["properties"], results["skeletons"]
    assert properties["tests"] > 0 and properties["failed"] == 0
    # every operation was compared, or is accounted for (no flag, not in v1's command table)
    assert skeletons["input"] + skeletons["no_flag"] + len(skeletons["absent"]) \
        == skeletons["ops"]
    assert skeletons["output"] + len(skeletons["refused"]) == skeletons["output_exact"]
    assert skeletons["output"] > 0
