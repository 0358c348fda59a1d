"""Operations whose AWS CLI command offers no ``--generate-cli-skeleton``, beyond the rule.

The rule (:func:`generator.emit.skeletons.has_skeleton_flag`) follows from the model: an output
with a blob payload gets an ``outfile`` argument, an event-stream output loses its command.
The operations below lose the flag for a reason the model does not show: an AWS CLI
customization removes the command, replaces it with a custom command of its own (no skeleton
arguments), or gives it an ``outfile``. botogen still emits their skeletons by the usual rules,
but does not claim them to be what the AWS CLI prints.

The table was read off the real CLIs' command tables, not written from memory:
tests/test_cli_commands.py checks it against AWS CLI v1's (every entry is in one of those states
there, and no other operation of any botocore service is), and bench/v2_skeletons.py against
v2's on the whole corpus (``v2_only`` entries are in that state in v2 alone).
"""

from __future__ import annotations

from dataclasses import dataclass

_REMOVALS = "removed by awscli/customizations/removals.py"


@dataclass(frozen=True)
class NoSkeleton:
    """Why the AWS CLI has no skeleton flag for an operation, and in which major versions."""

    reason: str
    v2_only: bool = False


def _removed(service: str, *operations: str) -> dict[tuple[str, str], NoSkeleton]:
    return {(service, op): NoSkeleton(_REMOVALS) for op in operations}


# (botocore service name, operation name) -> why. v1 = aws-cli 1.45.11, v2 = 2.36.7.
CLI_WITHOUT_SKELETON: dict[tuple[str, str], NoSkeleton] = {
    **_removed("ec2", "ImportInstance", "ImportVolume"),
    **_removed("ses", "DeleteVerifiedEmailAddress", "ListVerifiedEmailAddresses",
               "VerifyEmailAddress"),
    **_removed("emr", "AddJobFlowSteps", "DescribeJobFlows", "ListBootstrapActions",
               "ListInstanceGroups", "RunJobFlow", "SetKeepJobFlowAliveWhenNoSteps",
               "SetTerminationProtection", "SetUnhealthyNodeReplacement",
               "SetVisibleToAllUsers", "TerminateJobFlows"),
    ("emr", "AddInstanceGroups"): NoSkeleton(
        "replaced by a custom command (awscli/customizations/emr/addinstancegroups.py)"),
    ("emr", "DescribeCluster"): NoSkeleton(
        "replaced by a custom command (awscli/customizations/emr/describecluster.py)"),
    ("rds", "ModifyOptionGroup"): NoSkeleton(
        "removed and split into add-option-to-option-group and remove-option-from-option-group "
        "(awscli/customizations/rds.py)"),
    ("iam", "CreateVirtualMFADevice"): NoSkeleton(
        "given an outfile argument for the QR code or seed (awscli/customizations/iamvirtmfa.py)"),
    ("sso", "Logout"): NoSkeleton(
        "v2 only: replaced by the custom `aws sso logout` (awscli/customizations/sso/)",
        v2_only=True),
}
