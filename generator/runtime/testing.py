"""Hypothesis-drawn responses queued on botocore's Stubber: the part of every service's
``testing`` module that is the same for every service.

A service's testing.py lists its operations (the response strategy of strategies.py, and the
streaming payload member if there is one) and calls :class:`Responses`. A drawn response is in
the form botocore's parsers return: ``to_dict()`` of the response dataclass (timestamps as
datetimes in dateutil's ``tzlocal()``, as botocore's parsers return them, blobs as bytes, enum
values as str), a streaming payload as a
``botocore.response.StreamingBody``, and the ``ResponseMetadata`` botocore adds. Every one is
accepted by ``Stubber.add_response``, which validates it against the client's model.

Importing this module imports Hypothesis (as strategies.py does) but not botocore.
"""

from __future__ import annotations

import copy
import importlib
import io
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from hypothesis import strategies as st

from .client import service_model

ResponseStrategy = Callable[[], st.SearchStrategy[Any]]


class Operation:
    """One operation: its name and client method name (botocore.xform_name), its response
    strategy (None: no output shape), the wire name of a streaming payload member, and whether
    the response holds an event stream."""

    __slots__ = ("name", "method", "response", "streaming", "event_stream")

    def __init__(
        self,
        name: str,
        method: str,
        response: ResponseStrategy | None,
        streaming: str | None = None,
        event_stream: bool = False,
    ) -> None:
        self.name = name
        self.method = method
        self.response = response
        self.streaming = streaming
        self.event_stream = event_stream


class Responses:
    """The responses of one service's operations."""

    def __init__(
        self, service_name: str, api_version: str, operations: Sequence[Operation]
    ) -> None:
        self.service_name = service_name
        self.api_version = api_version
        self.operations = {op.name: op for op in operations}
        self._by_method = {op.method: op for op in operations}

    def operation(self, name: str) -> Operation:
        """By the model's name (DescribeImages) or the client method's (describe_images)."""
        found = self.operations.get(name) or self._by_method.get(name)
        if found is None:
            raise ValueError(
                f"{self.service_name} has no operation {name!r}; it has "
                f"{', '.join(self.operations)}"
            )
        if found.event_stream:
            raise ValueError(
                f"{self.service_name} {found.name} responds with an event stream, which "
                "botocore's Stubber cannot stub"
            )
        return found

    def responses(self, name: str) -> st.SearchStrategy[dict[str, Any]]:
        """Valid responses of an operation as the client returns them (a streaming payload
        as its bytes: `queue` wraps it)."""
        op = self.operation(name)
        body = st.just({}) if op.response is None else op.response().map(_wire)
        return st.builds(_with_metadata, body, st.uuids().map(str))

    def queue(
        self,
        stubber: Any,
        name: str,
        data: st.DataObject,
        count: int = 1,
        expected_params: Mapping[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        """Draw `count` responses with `data` and add each to `stubber` (in that order); return
        them, deep copies of what the client will return (a streaming payload as its bytes)."""
        model = service_model(stubber.client, self.service_name, self.api_version, "testing")
        op = self.operation(name)
        drawn = []
        for i in range(count):
            label = f"{model.service_name} {op.name} response" + (f" {i + 1}" if count > 1 else "")
            response = data.draw(self.responses(op.name), label=label)
            drawn.append(copy.deepcopy(response))
            if op.streaming is not None and op.streaming in response:
                response[op.streaming] = _streaming(response[op.streaming])
            params = None if expected_params is None else dict(expected_params)
            stubber.add_response(op.method, response, params)
        return drawn


def _wire(value: Any) -> dict[str, Any]:
    result: dict[str, Any] = _local_times(value.to_dict())
    return result


def _tzlocal() -> Any:
    # imported by name: dateutil (botocore's own dependency) ships no type information
    return importlib.import_module("dateutil.tz").tzlocal()


def _local_times(value: Any) -> Any:
    """Timestamps in the zone botocore's parsers give every protocol's: dateutil's tzlocal()."""
    if isinstance(value, datetime):
        return value.astimezone(_tzlocal())
    if isinstance(value, dict):
        return {k: _local_times(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_local_times(v) for v in value]
    return value


def _with_metadata(body: dict[str, Any], request_id: str) -> dict[str, Any]:
    """The response with the ResponseMetadata a botocore client adds to every response."""
    metadata = {
        "RequestId": request_id,
        "HTTPStatusCode": 200,
        "HTTPHeaders": {"x-amzn-requestid": request_id},
        "RetryAttempts": 0,
    }
    return {**body, "ResponseMetadata": metadata}


def _streaming(payload: bytes) -> Any:
    body = importlib.import_module("botocore.response").StreamingBody
    return body(io.BytesIO(payload), len(payload))
