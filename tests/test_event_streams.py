"""Event streams: a member holding a sequence of events. botocore hands over an EventStream
(an iterator of one-event dicts, raising on an exception event); the JSON form is a list.

Real services, generated into a temporary directory: kinesis SubscribeToShard (json), s3
SelectObjectContent (rest-xml) and lexv2-runtime StartConversation (a stream each way). The
dataclasses read botocore's own EventStream, parsed by botocore from event-stream bytes made
here (the binary framing of the AWS event stream encoding: prelude, headers, CRC32s), lazily
and typed; the schema and the validators take the list form and check every event.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import botocore.session
import jsonschema
import pytest
from botocore.eventstream import EventStream
from botocore.exceptions import EventStreamError
from botocore.parsers import create_parser

from generator import naming
from helpers import generate_into, package

SERVICES = ("kinesis", "s3", "lexv2-runtime")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("streams")
    generate_into(out, "--jobs", "1", *SERVICES)
    return out


def message(headers: dict[str, str], payload: bytes) -> bytes:
    """One message of the event stream encoding, string headers only."""
    encoded = b"".join(
        bytes([len(k)]) + k.encode() + b"\x07" + struct.pack(">H", len(v)) + v.encode()
        for k, v in headers.items())
    total = 16 + len(encoded) + len(payload)
    prelude = struct.pack(">II", total, len(encoded))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + encoded + payload
    return body + struct.pack(">I", zlib.crc32(body))


def event(kind: str, payload: dict[str, Any], content_type: str = "application/json") -> bytes:
    return message({":message-type": "event", ":event-type": kind,
                    ":content-type": content_type}, json.dumps(payload).encode())


class Raw:
    """What botocore reads an event stream from (urllib3's response, as far as it looks)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def stream(self) -> Iterator[bytes]:
        for i in range(0, len(self.data), 7):  # in pieces, as a socket gives them
            yield self.data[i:i + 7]

    def close(self) -> None:
        pass


def botocore_response(service: str, operation: str, data: bytes) -> dict[str, Any]:
    """botocore's parsed response to an event-stream body: its parser makes the EventStream
    (json's first reads the initial-response event, as a client does)."""
    model = botocore.session.get_session().get_service_model(service)
    op = model.operation_model(operation)
    protocol = model.metadata["protocol"]
    if protocol == "json":
        data = event("initial-response", {}) + data
    parsed = create_parser(protocol).parse(
        {"status_code": 200, "headers": {}, "body": Raw(data),
         "context": {"operation_name": operation}}, op.output_shape)
    parsed.pop("ResponseMetadata", None)
    return dict(parsed)


SHARD_EVENT = {
    "Records": [{"SequenceNumber": "1", "ApproximateArrivalTimestamp": 1700000000.5,
                 "Data": "aGVsbG8=", "PartitionKey": "p"}],
    "ContinuationSequenceNumber": "2", "MillisBehindLatest": 0,
}


def test_the_dataclass_reads_botocore_s_event_stream_lazily_and_typed(root: Path) -> None:
    models = package(root, "kinesis", "models")
    data = event("SubscribeToShardEvent", SHARD_EVENT) * 2
    response = botocore_response("kinesis", "SubscribeToShard", data)
    assert isinstance(response["EventStream"], EventStream)
    output = models.SubscribeToShardOutput.from_dict(response)
    assert not isinstance(output.event_stream, list)  # nothing read yet: a live stream
    events = list(output.event_stream)
    assert len(events) == 2
    record = events[0].subscribe_to_shard_event.records[0]
    assert record.data == b"hello" and record.partition_key == "p"
    assert record.approximate_arrival_timestamp == datetime.fromtimestamp(1700000000.5, UTC)
    again = models.SubscribeToShardOutput.from_dict({"EventStream": [e.to_json() for e in events]})
    assert again.event_stream == events  # the JSON form: a list, equal event by event


def test_an_exception_event_raises_botocore_s_error_while_reading(root: Path) -> None:
    models = package(root, "kinesis", "models")
    data = event("SubscribeToShardEvent", SHARD_EVENT) + message(
        {":message-type": "exception", ":exception-type": "ResourceInUseException",
         ":content-type": "application/json"}, b'{"message": "in use"}')
    output = models.SubscribeToShardOutput.from_dict(
        botocore_response("kinesis", "SubscribeToShard", data))
    events = iter(output.event_stream)
    assert next(events).subscribe_to_shard_event is not None
    with pytest.raises(EventStreamError, match="in use"):
        next(events)


def test_a_bad_event_is_refused_with_its_path_when_read(root: Path) -> None:
    models = package(root, "kinesis", "models")
    bad = {"SubscribeToShardEvent": {**SHARD_EVENT, "MillisBehindLatest": "soon"}}
    output = models.SubscribeToShardOutput.from_dict({"EventStream": iter([bad])})
    with pytest.raises(models.FromDictError) as caught:
        list(output.event_stream)
    assert caught.value.path == "EventStream[0].SubscribeToShardEvent.MillisBehindLatest"
    with pytest.raises(models.FromDictError) as caught:
        models.SubscribeToShardOutput.from_dict({"EventStream": [bad]})  # a list: at once
    assert caught.value.path == "EventStream[0].SubscribeToShardEvent.MillisBehindLatest"
    for wrong in ("events", b"x", {"SubscribeToShardEvent": {}}, 3):
        with pytest.raises(models.FromDictError, match="an event stream"):
            models.SubscribeToShardOutput.from_dict({"EventStream": wrong})


def test_s3_select_records_arrive_as_bytes(root: Path) -> None:
    """rest-xml: a blob event payload (Records) and an XML one (Stats), from botocore."""
    models = package(root, "s3", "models")
    stats = (b"<Stats><BytesScanned>10</BytesScanned><BytesProcessed>10</BytesProcessed>"
             b"<BytesReturned>4</BytesReturned></Stats>")
    data = message({":message-type": "event", ":event-type": "Records",
                    ":content-type": "application/octet-stream"}, b"a,b\n") + message(
        {":message-type": "event", ":event-type": "Stats", ":content-type": "text/xml"},
        stats) + message({":message-type": "event", ":event-type": "End"}, b"")
    output = models.SelectObjectContentOutput.from_dict(
        botocore_response("s3", "SelectObjectContent", data))
    records, counted, end = list(output.payload)
    assert records.records.payload == b"a,b\n"
    assert counted.stats.details.bytes_returned == 4
    assert end.end is not None


@pytest.mark.parametrize("name, operation, role, member, events, paths", [
    ("kinesis", "SubscribeToShard", "response", "EventStream", [{}, {"Bogus": 1}],
     ["EventStream[0].SubscribeToShardEvent", "EventStream[1].SubscribeToShardEvent"]),
    ("lexv2-runtime", "StartConversation", "request", "requestEventStream", [{}, {"Bogus": 1}],
     ["requestEventStream[1].Bogus"]),
    ("lexv2-runtime", "StartConversation", "response", "responseEventStream",
     [{"Bogus": 1}, {"HeartbeatEvent": {"eventId": 5}}],
     ["responseEventStream[1].HeartbeatEvent.eventId"]),
])
def test_schema_and_validator_check_every_event_of_the_list(
        root: Path, name: str, operation: str, role: str, member: str,
        events: list[dict[str, Any]], paths: list[str]) -> None:
    """The JSON form is a list of events: the schema says so (each event is the stream's
    structure), the validator checks each event at its index (a response's unknown keys are
    no problem, as elsewhere), refuses what is no stream, and leaves a live stream (botocore's
    EventStream) to its reader."""
    validators = package(root, name, "validators")
    path = root / f"schemas/{name}/{operation}.{role}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    root_def = document["$defs"][document["$ref"].rsplit("/", 1)[1]]
    described = root_def["properties"][member]
    assert described["type"] == "array" and described["items"]["$ref"].startswith("#/$defs/")
    schema = jsonschema.Draft202012Validator(document)
    validate = getattr(validators, f"validate_{naming.snake_name(operation)}_{role}")
    base = {}
    if role == "request":
        base = {"botAliasId": "A1B2C3D4E5", "botId": "A1B2C3D4E5", "localeId": "en_US",
                "sessionId": "session-1"}
    assert validate({**base, member: []}) == []
    assert list(schema.iter_errors({**base, member: []})) == []
    assert validate({**base, member: iter([{"Bogus": 1}])}) == []  # live: its reader's
    assert [i.path for i in validate({**base, member: events})] == paths
    assert bool(list(schema.iter_errors({**base, member: events}))) == bool(paths)
    for wrong in ("x", 3, {"Bogus": 1}):
        issues = validate({**base, member: wrong})
        assert [i.path for i in issues] == [member], issues
        assert list(schema.iter_errors({**base, member: wrong}))
