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


def test_member_reference_traits_resolve_like_botocore() -> None:
    """apigatewayv2 writes `enum` on two member references of the plain `__string`: each member
    gets a shape of its own with the enum, as botocore resolves it; `__string` stays plain."""
    import botocore.session

    service = load("apigatewayv2")
    request = service.shape("ExportApiRequest")
    theirs = botocore.session.get_session().get_service_model("apigatewayv2") \
        .shape_for("ExportApiRequest")
    for member in request.members:
        target = service.shape(member.target)
        assert list(target.enum) == list(getattr(theirs.members[member.name], "enum", [])), \
            member.name
    by_name = {m.name: service.shape(m.target) for m in request.members}
    assert by_name["OutputType"].name == "ExportApiRequestOutputType"
    assert by_name["OutputType"].enum == ("YAML", "JSON")
    assert by_name["Specification"].enum == ("OAS30",)
    assert by_name["OutputType"].class_name == "ExportApiRequestOutputType"
    assert service.shape("__string").enum == ()
    member = next(m for m in request.members if m.name == "OutputType")
    assert (member.location, member.location_name) == ("querystring", "outputType")
