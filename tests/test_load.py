"""Loading installed models as botocore does (latest version, sdk-extras merged)."""

from __future__ import annotations

from generator.pipeline import load


def test_latest_api_version_is_the_default() -> None:
    assert load("rds").api_version == "2014-10-31"
    assert load("rds", api_version="2014-09-01").api_version == "2014-09-01"


def test_sdk_extras_are_merged_like_botocore() -> None:
    import botocore.session

    service = load("rds")
    ours = [m.name for m in service.shape("CopyDBSnapshotMessage").members]
    theirs = list(botocore.session.get_session().get_service_model("rds")
                  .shape_for("CopyDBSnapshotMessage").members)
    assert ours == theirs and "SourceRegion" in ours
    assert service.model_source.endswith(" + service-2.sdk-extras.json")


def test_ecr_public_identity() -> None:
    service = load("ecr-public")
    assert (service.service_name, service.module_name, service.api_version, service.protocol) == (
        "ecr-public", "ecr_public", "2020-10-30", "json")
    assert len(service.operations) == 23
    assert service.operations[0].cli_name == "batch-check-layer-availability"
