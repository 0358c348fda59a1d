"""The skeletons against AWS CLI v2's own output, for a sample of real services.

The references are v2's answers (tests/fixtures/awscli-v2/, written by bench/v2_skeletons.py
from v2 run at its pinned commit; v2 does not run here). Each covers only operations whose
shapes are the same in v2's bundled models and the botocore these tests run with (checked
again here through the recorded digest). `input` and `yaml-input` must be byte-identical;
`output` too wherever we call it AWS-exact, and where we do not, v2 must have refused it,
naming (as a parameter of its validation report) every path we say its fake response breaks.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

import awscli_v2 as v2
from generator.build import build_service
from generator.emit import skeletons as sk
from generator.ir import Service
from generator.load import RawModel, load_service
from generator.pipeline import botocore_version

SERVICES = v2.fixture_services()
# The issue's hard-corner sample, plus the flagship and services with odd docs and names.
REQUIRED = {"apigatewayv2", "backup", "dynamodb", "ecr-public", "glue", "kinesis", "lambda",
            "s3", "wafv2"}


@cache
def loaded(name: str) -> tuple[RawModel, Service]:
    raw = load_service(name)
    return raw, build_service(raw, botocore_version())


def test_the_sample_is_there() -> None:
    assert REQUIRED <= set(SERVICES)
    compared = sum(len(v2.read(name)["operations"]) for name in SERVICES)
    assert compared >= 800


@pytest.mark.parametrize("name", SERVICES)
def test_skeletons_equal_aws_cli_v2(name: str) -> None:
    reference = v2.read(name)
    raw, service = loaded(name)
    assert reference["api_version"] == service.api_version
    ops = {op.cli_name: op for op in service.operations}
    problems: list[str] = []
    for cli_name, entry in reference["operations"].items():
        op = ops[cli_name]
        assert v2.operation_digest(raw.data, op.name) == entry["digest"], (
            f"{name} {cli_name}: the installed botocore's shapes differ from those of the "
            "v2 reference: rerun bench/v2_skeletons.py --fixtures")
        for flavour in v2.FLAVOURS:
            problem = _problem(service, op, flavour, entry[flavour])
            if problem:
                problems.append(f"{cli_name} {flavour}: {problem}")
    assert not problems, "\n".join(problems)


def _problem(service: Service, op: Any, flavour: str, answer: dict[str, Any]) -> str:
    if not sk.has_skeleton_flag(service, op):
        return "" if answer["rc"] != 0 else "v2 printed a skeleton we say it cannot"
    if flavour == "output" and not sk.output_skeleton_is_aws_exact(service, op):
        if answer["rc"] == 0:
            return "v2 printed an output skeleton we call unprintable"
        unseen = v2.unseen_issues(sk.output_skeleton_issues(service, op), answer["stderr"])
        return f"v2 refused it, but not for {unseen}" if unseen else ""
    if answer["rc"] != 0:
        return f"v2 failed (rc {answer['rc']}): {answer['stderr'].strip()[:300]}"
    render = {"input": sk.input_skeleton, "yaml-input": sk.yaml_input_skeleton,
              "output": sk.output_skeleton}[flavour]
    ours = render(service, op)
    return "" if ours == answer["stdout"] else f"differs:\n--- v2\n{answer['stdout']}--- ours\n{ours}"


def test_timestamps_have_no_yaml_anchors() -> None:
    """ruamel dumps one datetime object used twice as an anchor and an alias (and drops the
    alias's comment); v2 makes a new one per member."""
    _, service = loaded("dynamodb")
    op = next(o for o in service.operations if o.cli_name == "list-backups")
    text = sk.yaml_input_skeleton(service, op)
    assert "&id" not in text and "*id" not in text
    assert ("TimeRangeUpperBound: 1970-01-01 00:00:00 # Only backups created before this time "
            "are listed.\n") in text
    assert text == v2.read("dynamodb")["operations"]["list-backups"]["yaml-input"]["stdout"]


def test_the_digest_sees_member_order() -> None:
    """Skeletons list members in model order, so two models whose shapes differ only in member
    order (inspector2 GetCodeSecurityIntegrationResponse, 1.43.11 against v2's) must not agree."""
    raw, _ = loaded("inspector2")
    name = "GetCodeSecurityIntegration"
    shape = raw.data["operations"][name]["output"]["shape"]
    members = raw.data["shapes"][shape]["members"]
    swapped = {**raw.data, "shapes": {**raw.data["shapes"], shape: {
        **raw.data["shapes"][shape], "members": dict(reversed(list(members.items())))}}}
    assert v2.operation_digest(swapped, name) != v2.operation_digest(raw.data, name)


def test_a_refusal_must_name_our_reasons() -> None:
    report = ("\naws: [ERROR]: An error occurred (ParamValidation): Parameter validation failed:\n"
              "Invalid length for parameter CertificateArn, value: 14, valid min length: 20\n")
    assert v2.unseen_issues(["CertificateArn: length 14 below min 20"], report) == []
    assert v2.unseen_issues(["Certificate: length 11 below min 20"], report) == [
        "Certificate: length 11 below min 20"]
    assert v2.unseen_issues([], "aws: [ERROR]: Could not connect") == ["any validation"]
