"""The generated dataclasses on the wire, through botocore's own serializer and parser, without a
network: for every ecr-public operation,

- a request's to_dict(), serialized by botocore for the model's protocol, gives the JSON body
  the service expects: to_json()'s member names and values, with timestamps as epoch numbers
  and blobs as base64 (derived from the IR, shape by shape);
- a response body encoded as the service sends it (built from to_dict(): epoch-number
  timestamps, base64 blobs), parsed by botocore, is to_dict() again, and from_dict() of it is
  the value we started from.
"""

from __future__ import annotations

import base64
import calendar
import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import pytest
from botocore.parsers import create_parser
from botocore.serialize import create_serializer
from hypothesis import given

import differential as d
from generator.ir import Kind

SERVICE = d.service()
PROTOCOL = str(SERVICE.metadata["protocol"])
REQUESTS = [c for c in d.cases() if c.request]
RESPONSES = [c for c in d.cases() if not c.request]


def converted(shape_name: str, value: Any, leaf: Callable[[Kind, Any, str | None], Any]) -> Any:
    """`value` (a to_json() or to_dict() tree) with timestamp and blob leaves put through
    `leaf(kind, value, timestampFormat)`; everything else as it is."""
    shape = SERVICE.shape(shape_name)
    kind = shape.kind
    if kind.is_structured:
        return {m.name: converted(m.target, value[m.name], leaf)
                for m in shape.members if m.name in value}
    if kind is Kind.LIST:
        assert shape.member is not None
        return [converted(shape.member.target, v, leaf) for v in value]
    if kind is Kind.MAP:
        assert shape.value is not None
        return {k: converted(shape.value.target, v, leaf) for k, v in value.items()}
    if kind in (Kind.TIMESTAMP, Kind.BLOB):
        return leaf(kind, value, shape.timestamp_format)
    return value


def _epoch(when: datetime) -> int:
    return calendar.timegm(when.utctimetuple())


def request_leaf(kind: Kind, value: Any, timestamp_format: str | None) -> Any:
    """What botocore's JSON serializer writes for a to_json() leaf: blobs are base64 already;
    timestamps become whole epoch seconds (its default precision), or ISO 8601 if modelled."""
    if kind is Kind.BLOB:
        return value
    when = datetime.fromisoformat(value)
    if timestamp_format in (None, "unixTimestamp"):
        return _epoch(when)
    assert timestamp_format == "iso8601", timestamp_format  # no other format in JSON bodies
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S" + (
        ".%fZ" if when.microsecond else "Z"))


def response_leaf(kind: Kind, value: Any, timestamp_format: str | None) -> Any:
    """What the service sends for a to_dict() leaf: base64 blobs, epoch-number timestamps with
    milliseconds (ECR's `1.714564800123E9`), or ISO 8601 strings where modelled so."""
    if kind is Kind.BLOB:
        return base64.b64encode(value).decode("ascii")
    if timestamp_format in (None, "unixTimestamp"):
        return _epoch(value) + value.microsecond / 1e6
    return value.isoformat()


@pytest.mark.parametrize("case", REQUESTS, ids=[c.id for c in REQUESTS])
def test_request_serializes_to_the_expected_body(case: d.Case) -> None:
    serializer = create_serializer(PROTOCOL)  # validates the parameters first, as botocore does
    operation = d._botocore_model().operation_model(case.operation.name)
    target = f"{SERVICE.metadata['targetPrefix']}.{case.operation.name}"

    @given(value=case.strategy())
    def prop(value: Any) -> None:
        request = serializer.serialize_to_request(value.to_dict(), operation)
        assert request["method"] == case.operation.http_method
        assert request["url_path"] == case.operation.http_uri
        assert request["headers"]["X-Amz-Target"] == target
        assert request["headers"]["Content-Type"] == (
            f"application/x-amz-json-{SERVICE.metadata['jsonVersion']}")
        body = json.loads(request["body"])
        assert body == converted(case.shape, value.to_json(), request_leaf)

    prop()


@pytest.mark.parametrize("case", RESPONSES, ids=[c.id for c in RESPONSES])
def test_response_parses_back_to_the_value(case: d.Case) -> None:
    parser = create_parser(PROTOCOL)
    shape = case.botocore_shape()
    cls = case.model_class()

    @given(value=case.strategy())
    def prop(value: Any) -> None:
        wire = value.to_dict()
        body = json.dumps(converted(case.shape, wire, response_leaf)).encode()
        parsed = parser.parse({"status_code": 200, "headers": {}, "body": body}, shape)
        parsed.pop("ResponseMetadata", None)
        assert parsed == wire
        assert cls.from_dict(parsed) == value

    prop()


def test_each_leaf_kind_on_the_wire() -> None:
    """A blob in a request and a millisecond timestamp in a response, spelled out: the
    properties above reach them only when a strategy draws those optional members."""
    upload = d.case("UploadLayerPart", "request")
    value = upload.model_class().from_dict({
        "repositoryName": "my-repo", "uploadId": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
        "partFirstByte": 0, "partLastByte": 2, "layerPartBlob": b"\x00\xff\x10"})
    operation = d._botocore_model().operation_model("UploadLayerPart")
    request = create_serializer(PROTOCOL).serialize_to_request(value.to_dict(), operation)
    assert json.loads(request["body"])["layerPartBlob"] == "AP8Q" == converted(
        upload.shape, value.to_json(), request_leaf)["layerPartBlob"]

    token = d.case("GetAuthorizationToken", "response")
    when = datetime(2199, 12, 31, 23, 59, 59, 999000, tzinfo=timezone.utc)
    value = token.model_class().from_dict({"authorizationData": {"expiresAt": when}})
    body = json.dumps(converted(token.shape, value.to_dict(), response_leaf)).encode()
    assert b"7258118399.999" in body
    parsed = create_parser(PROTOCOL).parse({"status_code": 200, "headers": {}, "body": body},
                                           token.botocore_shape())
    assert token.model_class().from_dict(parsed) == value


def test_timestamp_leaves_match_botocore() -> None:
    """The request timestamp rule, against botocore's serializer directly (ecr-public's requests
    carry no timestamp, so the property above cannot reach it)."""
    serializer = create_serializer(PROTOCOL, include_validation=False)
    when = datetime(2024, 5, 1, 12, 0, 0, 123000, tzinfo=timezone.utc)
    assert serializer._convert_timestamp_to_str(when) == request_leaf(
        Kind.TIMESTAMP, when.isoformat(), None) == 1714564800
    assert serializer._convert_timestamp_to_str(when, "iso8601") == request_leaf(
        Kind.TIMESTAMP, when.isoformat(), "iso8601")
