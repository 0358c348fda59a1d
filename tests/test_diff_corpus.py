"""The real corpus: installed botocore (1.43.11) against a second botocore's data directory
named by BOTOGEN_DIFF_NEW_DATA (an unpacked 1.44.5 wheel, for example:
`pip download --no-deps botocore==1.44.5 -d /tmp/bc && unzip -q /tmp/bc/*.whl -d /tmp/bc/u`,
then BOTOGEN_DIFF_NEW_DATA=/tmp/bc/u). Skipped without it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from generator.diff import Report

NEW = os.environ.get("BOTOGEN_DIFF_NEW_DATA", "")
pytestmark = pytest.mark.skipif(not NEW, reason="set BOTOGEN_DIFF_NEW_DATA to a second "
                                "botocore's data directory (an unpacked wheel) to run it")

sys.path.insert(0, str(ROOT / "bench"))
import diff_corpus  # noqa: E402


@pytest.fixture(scope="module")
def measured() -> tuple[float, float, Report]:
    return diff_corpus.measure(diff_corpus.INSTALLED, Path(NEW), runs=2)


def _severities(result: Report, service: str) -> set[str]:
    return {c.severity.label for c in result.counted() if c.service == service}


def test_acceptance_verdicts(measured: tuple[float, float, Report]) -> None:
    result = measured[2]
    breaking = set(result.summary()["services_breaking"])
    assert {"sesv2", "network-firewall", "drs"} <= breaking
    assert not {"scheduler", "polly", "acm"} & breaking
    codebuild = [c for c in result.changes if c.service == "codebuild"
                 and c.rule in ("protocol-changed", "protocols-changed")]
    assert codebuild and all("smithy-rpc-v2-cbor" in c.message for c in codebuild)
    sns = [c for c in result.changes if c.service == "sns"]
    assert sns and all(c.is_docs for c in sns)  # documentation only
    assert not _severities(result, "sns")


def test_sesv2_wire_changes(measured: tuple[float, float, Report]) -> None:
    found = {(c.rule, c.path) for c in measured[2].changes if c.service == "sesv2"}
    assert ("http-method-changed", "ListEmailIdentities") in found
    assert ("member-location-changed", "ListEmailIdentitiesRequest.PageSize") in found
    assert ("member-location-changed", "ListEmailIdentitiesRequest.NextToken") in found


def test_within_three_times_the_floor(measured: tuple[float, float, Report]) -> None:
    floor_s, diff_s, _ = measured
    assert diff_s <= 3 * floor_s, f"diff {diff_s:.2f} s, floor {floor_s:.2f} s"
