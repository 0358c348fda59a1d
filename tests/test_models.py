"""Dataclasses of ecr-public: wire dicts botocore takes, tolerant parsing, exact round trips."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from generated.ecr_public import models as m


def test_flagship_request_to_dict_is_botocore_parameters() -> None:
    req = m.BatchCheckLayerAvailabilityRequest(repository_name="repo", layer_digests=["sha256:ab"])
    assert req.to_dict() == {"repositoryName": "repo", "layerDigests": ["sha256:ab"]}
    req.registry_id = "123456789012"
    assert list(req.to_dict()) == ["registryId", "repositoryName", "layerDigests"]
    assert m.BatchCheckLayerAvailabilityRequest.from_dict(req.to_dict()) == req


def test_required_members_are_required_keyword_arguments() -> None:
    with pytest.raises(TypeError):
        m.BatchCheckLayerAvailabilityRequest(repository_name="repo")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        m.BatchCheckLayerAvailabilityRequest("repo", ["d"])  # type: ignore[misc]


def test_response_parsing_tolerates_unknown_keys_enums_and_missing_members() -> None:
    data = {
        "layers": [{"layerDigest": "sha256:ab", "layerAvailability": "SOMEDAY", "new": 1}],
        "failures": [{"failureCode": "MissingLayerDigest"}],
        "addedLater": True,
    }
    resp = m.BatchCheckLayerAvailabilityResponse.from_dict(data)
    assert resp.layers is not None and resp.failures is not None
    assert resp.layers[0].layer_availability == "SOMEDAY"
    assert resp.failures[0].failure_code is m.LayerFailureCode.MISSING_LAYER_DIGEST
    assert resp.to_dict() == {
        "layers": [{"layerDigest": "sha256:ab", "layerAvailability": "SOMEDAY"}],
        "failures": [{"failureCode": "MissingLayerDigest"}],
    }
    # Required on the wire model, yet parsed tolerantly: services omit members.
    assert m.DescribeRegistriesResponse.from_dict({}).registries is None


def test_timestamps_and_blobs_have_two_forms() -> None:
    pushed = datetime(2024, 5, 1, 12, 0, 0, 123000, tzinfo=timezone.utc)
    detail = m.ImageDetail(image_pushed_at=pushed, image_tags=["v1"])
    assert detail.to_dict() == {"imageTags": ["v1"], "imagePushedAt": pushed}
    assert detail.to_json() == {"imageTags": ["v1"], "imagePushedAt": "2024-05-01T12:00:00.123000+00:00"}
    for form in (detail.to_dict(), detail.to_json(), {"imageTags": ["v1"], "imagePushedAt": 1714564800.123}):
        assert m.ImageDetail.from_dict(form) == detail
    part = m.UploadLayerPartRequest(repository_name="r", upload_id="u", part_first_byte=0,
                                    part_last_byte=2, layer_part_blob=b"\x00\xff\x10")
    assert part.to_dict()["layerPartBlob"] == b"\x00\xff\x10"
    assert part.to_json()["layerPartBlob"] == "AP8Q"
    assert m.UploadLayerPartRequest.from_dict(part.to_json()) == part
    with pytest.raises(m.FromDictError, match="^layerPartBlob: expected bytes or a base64 string, "
                       "got a str that is not base64$"):
        m.UploadLayerPartRequest.from_dict({**part.to_json(), "layerPartBlob": "not base64!"})


def test_naive_timestamp_means_utc() -> None:
    detail = m.ImageDetail.from_dict({"imagePushedAt": "1970-01-01T00:00:00"})
    assert detail.image_pushed_at == datetime(1970, 1, 1, tzinfo=timezone.utc)


def test_enums_are_str_enums_in_model_order() -> None:
    assert list(m.LayerAvailability) == ["AVAILABLE", "UNAVAILABLE"]
    assert m.LayerFailureCode.INVALID_LAYER_DIGEST == "InvalidLayerDigest"


def test_docstrings_come_from_the_model() -> None:
    assert m.Layer.__doc__ is not None and "image layer" in m.Layer.__doc__
    assert m.BatchCheckLayerAvailabilityRequest.__doc__ is not None
    assert m.BatchCheckLayerAvailabilityRequest.__doc__.startswith(
        "Request of the BatchCheckLayerAvailability operation.")
