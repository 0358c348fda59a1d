"""Evaluators of a service's metadata and of one operation present in both models."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .changes import Finding
from .traits import deprecation, docs, other_traits

# What botocore reads of the metadata to address, sign or parse calls (protocolSettings,
# globalEndpoint and checksumFormat it does not read).
_WIRE_METADATA = ("endpointPrefix", "targetPrefix", "jsonVersion", "signingName",
                  "signatureVersion", "xmlNamespace", "awsQueryCompatible")
_USED_BY = {"jsonVersion": ("json",), "targetPrefix": ("json", "smithy-rpc-v2-cbor"),
            "xmlNamespace": ("rest-xml", "query", "ec2")}
_SERVICE_KEYS = frozenset(("metadata", "operations", "shapes", "documentation", "version",
                           "deprecated", "deprecatedMessage"))


def service(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Finding]:
    a, b = old.get("metadata", {}), new.get("metadata", {})
    if a.get("apiVersion") != b.get("apiVersion"):
        yield Finding("api-version-changed", f"API version {a.get('apiVersion')} -> "
                      f"{b.get('apiVersion')}", a.get("apiVersion"), b.get("apiVersion"))
    pa, pb = _protocol(a), _protocol(b)
    if pa != pb:
        yield Finding("protocol-changed", f"protocol {pa} -> {pb}", pa, pb)
    for key in ("protocol", "protocols"):
        if pa == pb and a.get(key) != b.get(key):
            yield Finding("protocols-changed", f"{key} {_show(a.get(key))} -> "
                          f"{_show(b.get(key))} (botocore still speaks {pb})",
                          a.get(key), b.get(key))
    for key in _WIRE_METADATA:
        if a.get(key) != b.get(key):
            # Some metadata addresses the requests of some protocols only.
            wire = pa == pb and pa in _USED_BY.get(key, (pa,))
            yield Finding("metadata-wire-changed" if wire else "metadata-changed",
                          f"{key} {_show(a.get(key))} -> {_show(b.get(key))}",
                          a.get(key), b.get(key))
    done = {"apiVersion", "protocol", "protocols", *_WIRE_METADATA}
    for key in sorted((a.keys() | b.keys()) - done):
        if a.get(key) != b.get(key):
            yield Finding("metadata-changed", f"{key} {_show(a.get(key))} -> {_show(b.get(key))}",
                          a.get(key), b.get(key))
    yield from deprecation(old, new)
    yield from docs(old, new)
    yield from other_traits(old, new, _SERVICE_KEYS)


_OP_KEYS = frozenset(("name", "http", "input", "output", "errors", "documentation", "deprecated",
                      "deprecatedMessage", "deprecatedSince", "endpoint", "authtype", "auth",
                      "unsignedPayload", "documentationUrl"))


def operation(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Finding]:
    """Everything of an operation but its input, output and error shapes' contents."""
    if old == new:
        return
    ha, hb = old.get("http", {}), new.get("http", {})
    for key, rule, default in (("method", "http-method-changed", "POST"),
                               ("requestUri", "http-uri-changed", "/"),
                               ("responseCode", "http-response-code-changed", 200)):
        x, y = ha.get(key, default), hb.get(key, default)
        if x != y:
            yield Finding(rule, f"HTTP {key} {x} -> {y}", x, y)
    x, y = old.get("endpoint", {}).get("hostPrefix"), new.get("endpoint", {}).get("hostPrefix")
    if x != y:
        yield Finding("endpoint-host-prefix-changed", f"hostPrefix {_show(x)} -> {_show(y)}",
                      x, y)
    for key in ("authtype", "auth", "unsignedPayload"):
        if old.get(key) != new.get(key):
            yield Finding("operation-auth-changed",
                          f"{key} {_show(old.get(key))} -> {_show(new.get(key))}",
                          old.get(key), new.get(key))
    x, y = old.get("output", {}).get("resultWrapper"), new.get("output", {}).get("resultWrapper")
    if x != y and "output" in old and "output" in new:
        yield Finding("result-wrapper-changed", f"resultWrapper {_show(x)} -> {_show(y)}", x, y)
    errors_a = [e["shape"] for e in old.get("errors", ())]
    errors_b = [e["shape"] for e in new.get("errors", ())]
    for name in errors_b:
        if name not in errors_a:
            yield Finding("operation-error-added", f"error {name} added", None, name)
    for name in errors_a:
        if name not in errors_b:
            yield Finding("operation-error-removed", f"error {name} removed", name, None)
    yield from deprecation(old, new)
    yield from docs(old, new)
    yield from other_traits(old, new, _OP_KEYS)
    yield from other_traits(ha, hb, frozenset(("method", "requestUri", "responseCode")), "http.")
    for key in ("input", "output"):
        if key in old and key in new:
            yield from other_traits(old[key], new[key],
                                    frozenset(("shape", "resultWrapper", "documentation")),
                                    f"{key}.")


# botocore.utils.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS (the same in 1.43.11 and 1.44.5).
_PRIORITY = ("json", "rest-json", "rest-xml", "smithy-rpc-v2-cbor", "query", "ec2")


def _protocol(metadata: dict[str, Any]) -> str:
    """The protocol botocore resolves: the first of its priority order that `protocols`
    lists, else `protocol` (ServiceModel.resolved_protocol)."""
    listed = metadata.get("protocols")
    if isinstance(listed, list) and listed:
        return next((p for p in _PRIORITY if p in listed), str(listed[0]))
    return str(metadata.get("protocol"))


def _show(value: Any) -> str:
    return "(none)" if value is None else repr(value) if isinstance(value, str) else str(value)
