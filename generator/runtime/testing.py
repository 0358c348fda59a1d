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
    strategy (None: no output shape), the wire name of a streaming payload member, whether
    the response holds an event stream, and why no valid response exists, if none does."""

    __slots__ = ("name", "method", "response", "streaming", "event_stream", "no_value")

    def __init__(
        self,
        name: str,
        method: str,
        response: ResponseStrategy | None,
        streaming: str | None = None,
        event_stream: bool = False,
        no_value: str = "",
    ) -> None:
        self.name = name
        self.method = method
        self.response = response
        self.streaming = streaming
        self.event_stream = event_stream
        self.no_value = no_value


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
            names = list(self.operations)
            more = f" and {len(names) - 12} more" if len(names) > 12 else ""
            raise ValueError(
                f"{self.service_name} has no operation {name!r}; it has "
                f"{', '.join(names[:12])}{more}"
            )
        if found.no_value:
            raise ValueError(
                f"{self.service_name} {found.name} has no valid response to draw: "
                f"{found.no_value}"
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
            drawn.append(_add(stubber, op, response, expected_params))
        return drawn

    def queue_pages(
        self,
        stubber: Any,
        name: str,
        data: st.DataObject,
        pages: int,
    ) -> list[dict[str, Any]]:
        """Draw the `pages` responses of one pagination and add them to `stubber`: every page
        but the last with a next token (all distinct) and the more-results flag set, the last
        with neither, so that a botocore paginator, or code that follows the token, makes
        exactly `pages` calls. Returns them as `queue` does."""
        if pages < 1:
            raise ValueError(f"pages must be at least 1, not {pages}")
        model = service_model(stubber.client, self.service_name, self.api_version, "testing")
        op = self.operation(name)
        view = paginator(model.service_name, model.api_version, op.name)
        seen: list[Any] = []

        def fresh(response: dict[str, Any]) -> bool:
            token = view.next_token(response)
            return token is not None and token not in seen

        def final(response: dict[str, Any]) -> bool:
            return view.next_token(response) is None

        drawn = []
        for i in range(pages):
            label = f"{model.service_name} {op.name} page {i + 1} of {pages}"
            if i == pages - 1:
                strategy = self.responses(op.name).map(view.last).filter(final)
            else:
                strategy = self.responses(op.name).map(view.middle).filter(fresh)
            response = data.draw(strategy, label=label)
            seen.append(view.next_token(response))
            drawn.append(_add(stubber, op, response, None))
        return drawn


class Pages:
    """A paginator's view of responses (botocore's paginators-1.json entry): the output token
    expressions and the more-results expression, read with jmespath as botocore reads them."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        jmespath = importlib.import_module("jmespath")  # botocore's own dependency
        tokens = config["output_token"]
        self.tokens = [tokens] if isinstance(tokens, str) else list(tokens)
        self._search = [jmespath.compile(t) for t in self.tokens]
        more = config.get("more_results")
        self.more = more
        self._more = None if more is None else jmespath.compile(more)

    def next_token(self, response: Mapping[str, Any]) -> list[Any] | None:
        """What botocore's paginator reads as the next token; None: this page is the last."""
        if self._more is not None and not self._more.search(response):
            return None
        found = [t.search(response) or None for t in self._search]  # "" counts as none
        return None if all(t is None for t in found) else found

    def middle(self, response: dict[str, Any]) -> dict[str, Any]:
        """A page that has more after it: the more-results flag set, where it is a member."""
        if self.more is not None and self.more.isidentifier():
            response[self.more] = True
        return response

    def last(self, response: dict[str, Any]) -> dict[str, Any]:
        """The last page: token members removed (those that are plain member paths), the
        more-results flag cleared."""
        for token in self.tokens:
            for path in (p.strip() for p in token.split("||")):
                _remove(response, path.split("."))
        if self.more is not None and self.more.isidentifier():
            response[self.more] = False
        return response


def _add(
    stubber: Any, op: Operation, response: dict[str, Any], expected: Mapping[str, Any] | None
) -> dict[str, Any]:
    """Queue `response` (a streaming payload wrapped); return a copy of what it was."""
    copied = copy.deepcopy(response)
    if op.streaming is not None and op.streaming in response:
        response[op.streaming] = _streaming(response[op.streaming])
    stubber.add_response(op.method, response, None if expected is None else dict(expected))
    return copied


def _remove(value: Any, path: list[str]) -> None:
    if not isinstance(value, dict) or not all(p.isidentifier() for p in path):
        return
    if len(path) == 1:
        value.pop(path[0], None)
    else:
        _remove(value.get(path[0]), path[1:])


def paginator(service_name: str, api_version: str, operation: str) -> Pages:
    """The operation's pagination, from the paginator model botocore ships for the service."""
    session = importlib.import_module("botocore.session").get_session()
    missing = importlib.import_module("botocore.exceptions").DataNotFoundError
    try:
        model = session.get_paginator_model(service_name, api_version)
        return Pages(model.get_paginator(operation))
    except (ValueError, missing):  # not in the paginator model / the service has none
        raise ValueError(
            f"{service_name} {operation} is not paginated (botocore has no paginator "
            "for it): use add_responses"
        ) from None


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
