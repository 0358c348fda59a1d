"""Every rule of the catalogue: a positive case that reports it (with the severity its
direction gives) and a negative case, a near miss, that does not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from diff_fixture import model
from generator.diff import RULES, Severity, compare_models
from generator.diff.snapshot import strip_docs

Model = dict[str, Any]
Edit = Callable[[Model, Model], object]
B, D, S, I = Severity.BREAKING, Severity.DANGEROUS, Severity.SAFE, Severity.INFO


def sh(m: Model, name: str) -> dict[str, Any]:
    return m["shapes"][name]  # type: ignore[no-any-return]


def op(m: Model, name: str) -> dict[str, Any]:
    return m["operations"][name]  # type: ignore[no-any-return]


def meta(m: Model) -> dict[str, Any]:
    return m["metadata"]  # type: ignore[no-any-return]


def member(m: Model, shape: str, name: str) -> dict[str, Any]:
    return sh(m, shape)["members"][name]  # type: ignore[no-any-return]


def _both(edit: Callable[[Model], object]) -> Edit:
    return lambda old, new: (edit(old), edit(new))


def _cbor(m: Model) -> None:
    meta(m).update(protocol="smithy-rpc-v2-cbor", protocols=["smithy-rpc-v2-cbor", "json"])


def _rest(m: Model) -> None:
    meta(m).update(protocol="rest-json", protocols=["rest-json"])


def _new_input(m: Model) -> None:
    op(m, "Ping")["input"] = {"shape": "PingRequest"}
    m["shapes"]["PingRequest"] = {"type": "structure", "members": {"Note": {"shape": "String"}}}


def _new_output(m: Model) -> None:
    op(m, "Ping")["output"] = {"shape": "PingResponse"}
    m["shapes"]["PingResponse"] = {"type": "structure", "members": {"Note": {"shape": "String"}}}


def _empty_input(m: Model) -> None:
    op(m, "Ping")["input"] = {"shape": "Empty"}
    m["shapes"]["Empty"] = {"type": "structure", "members": {}}


def _empty_output(m: Model) -> None:
    op(m, "Ping")["output"] = {"shape": "Empty"}
    m["shapes"]["Empty"] = {"type": "structure", "members": {}}


def _payload_added_member(m: Model) -> None:
    sh(m, "GetThingResponse")["members"]["Content"] = {"shape": "Blob"}
    sh(m, "GetThingResponse")["payload"] = "Content"


def _union(m: Model) -> None:
    sh(m, "GetThingResponse").update(union=True, required=[])


def _timestamp_moved(old: Model, new: Model) -> None:
    # iso8601 written on the member before, on its target after: the same wire format.
    member(old, "GetThingResponse", "Created")["timestampFormat"] = "iso8601"
    sh(new, "Time")["timestampFormat"] = "iso8601"


def _wrapper(value: str) -> Callable[[Model], object]:
    return lambda m: op(m, "ListThings")["output"].update(resultWrapper=value)


CASES: list[tuple[str, str | None, Severity, Edit, Edit]] = [
    ("api-version-changed", None, I,
     lambda o, n: meta(n).update(apiVersion="2025-01-01"),
     lambda o, n: meta(n).update(uid="thing-2025-01-01")),
    ("protocol-changed", None, B, lambda o, n: _rest(n), lambda o, n: _cbor(n)),
    ("protocols-changed", None, D, lambda o, n: _cbor(n), lambda o, n: _rest(n)),
    ("metadata-wire-changed", None, B,
     lambda o, n: meta(n).update(targetPrefix="Thing_2025"),
     lambda o, n: meta(n).update(xmlNamespace="http://thing/")),  # json reads no namespace
    ("metadata-changed", None, I,
     lambda o, n: meta(n).update(serviceFullName="Things"),
     lambda o, n: meta(n).update(apiVersion="2025-01-01")),
    ("operation-removed", None, B,
     lambda o, n: n["operations"].pop("Ping"),
     lambda o, n: n["operations"].update(Pong={"name": "Pong", "http": {}})),
    ("operation-added", None, S,
     lambda o, n: n["operations"].update(Pong={"name": "Pong", "http": {}}),
     lambda o, n: n["operations"].pop("Ping")),
    ("http-method-changed", None, B,
     lambda o, n: op(n, "ListThings")["http"].update(method="POST"),
     lambda o, n: op(n, "ListThings")["http"].update(requestUri="/v2/things")),
    ("http-uri-changed", None, B,
     lambda o, n: op(n, "ListThings")["http"].update(requestUri="/v2/things"),
     lambda o, n: op(n, "ListThings")["http"].update(method="POST")),
    ("http-response-code-changed", None, B,
     lambda o, n: op(n, "GetThing")["http"].update(responseCode=201),
     lambda o, n: op(n, "GetThing")["http"].update(responseCode=200)),  # the default
    ("endpoint-host-prefix-changed", None, B,
     lambda o, n: op(n, "GetThing").update(endpoint={"hostPrefix": "data."}),
     _both(lambda m: op(m, "GetThing").update(endpoint={"hostPrefix": "data."}))),
    ("operation-input-added", None, S, lambda o, n: _new_input(n), _both(_new_input)),
    ("operation-input-removed", None, B,
     lambda o, n: op(n, "ListThings").pop("input"),
     lambda o, n: _empty_input(o)),  # an empty input carried nothing
    ("operation-output-added", None, S, lambda o, n: _new_output(n), _both(_new_output)),
    ("operation-output-removed", None, B,
     lambda o, n: op(n, "ListThings").pop("output"),
     lambda o, n: _empty_output(o)),
    ("operation-error-added", None, D,
     lambda o, n: op(n, "ListThings").update(errors=[{"shape": "NotFound"}]),
     _both(lambda m: op(m, "ListThings").update(errors=[{"shape": "NotFound"}]))),
    ("operation-error-removed", None, D,
     lambda o, n: op(n, "GetThing").update(errors=[]),
     lambda o, n: op(n, "ListThings").update(errors=[{"shape": "NotFound"}])),
    ("operation-auth-changed", None, D,
     lambda o, n: op(n, "GetThing").update(authtype="none"),
     lambda o, n: op(n, "GetThing").update(readonly=True)),
    ("result-wrapper-changed", None, B,
     lambda o, n: (_wrapper("A")(o), _wrapper("B")(n)),
     _both(_wrapper("A"))),
    ("request-member-removed", "request", B,
     lambda o, n: sh(n, "GetThingRequest")["members"].pop("Mode"),
     lambda o, n: sh(n, "GetThingResponse")["members"].pop("Mode")),
    ("response-member-removed", "response", B,
     lambda o, n: sh(n, "GetThingResponse")["members"].pop("Mode"),
     lambda o, n: sh(n, "GetThingRequest")["members"].pop("Mode")),
    ("request-member-added", "request", S,
     lambda o, n: sh(n, "GetThingRequest")["members"].update(Note={"shape": "String"}),
     lambda o, n: sh(n, "GetThingResponse")["members"].update(Note={"shape": "String"})),
    ("response-member-added", "response", S,
     lambda o, n: sh(n, "GetThingResponse")["members"].update(Note={"shape": "String"}),
     lambda o, n: sh(n, "GetThingRequest")["members"].update(Note={"shape": "String"})),
    ("union-member-added", "response", D,
     lambda o, n: (_both(_union)(o, n), sh(n, "GetThingResponse")["members"].update(
         Note={"shape": "String"})),
     lambda o, n: sh(n, "GetThingResponse")["members"].update(Note={"shape": "String"})),
    ("request-member-required-added", "request", B,  # an input appears with a required member
     lambda o, n: (_new_input(n), sh(n, "PingRequest").update(required=["Note"])),
     lambda o, n: _new_input(n)),
    ("request-member-required-added", "request", B,
     lambda o, n: sh(n, "GetThingRequest")["required"].append("Mode"),
     lambda o, n: sh(n, "GetThingResponse")["required"].append("Mode")),
    ("response-member-required-added", "response", S,
     lambda o, n: sh(n, "GetThingResponse")["required"].append("Mode"),
     lambda o, n: sh(n, "GetThingRequest")["required"].append("Mode")),
    ("request-member-required-removed", "request", S,
     lambda o, n: sh(n, "GetThingRequest").update(required=[]),
     lambda o, n: sh(n, "GetThingResponse").update(required=[])),
    ("response-member-required-removed", "response", D,
     lambda o, n: sh(n, "GetThingResponse").update(required=[]),
     lambda o, n: sh(n, "GetThingRequest").update(required=[])),
    ("member-location-changed", "request", B,
     lambda o, n: member(n, "ListThingsRequest", "MaxResults").update(location="header"),
     lambda o, n: member(n, "ListThingsRequest", "MaxResults").update(locationName="max")),
    ("member-location-name-changed", "request", B,
     lambda o, n: member(n, "ListThingsRequest", "MaxResults").update(locationName="max"),
     lambda o, n: member(n, "ListThingsRequest", "MaxResults").update(location="header")),
    ("member-host-label-changed", "request", B,
     lambda o, n: member(n, "GetThingRequest", "Name").update(hostLabel=True),
     lambda o, n: member(n, "GetThingRequest", "Name").update(idempotencyToken=True)),
    ("wire-trait-changed", "request", B,
     lambda o, n: member(n, "GetThingRequest", "Token").update(jsonvalue=True),
     lambda o, n: member(n, "GetThingRequest", "Token").update(box=True)),
    ("payload-changed", "response", B,
     lambda o, n: sh(n, "GetThingResponse").update(payload="Body"),
     lambda o, n: _payload_added_member(n)),
    ("streaming-changed", "response", B,
     lambda o, n: sh(n, "Blob").update(streaming=True),
     lambda o, n: sh(n, "Blob").update(sensitive=True)),
    ("timestamp-format-changed", "response", B,
     lambda o, n: sh(n, "Time").update(timestampFormat="iso8601"), _timestamp_moved),
    ("type-changed", "request", B,
     lambda o, n: sh(n, "Limit").update(type="string"),
     lambda o, n: sh(n, "Limit").update(type="long")),
    ("numeric-type-changed", "request", S,
     lambda o, n: sh(n, "Limit").update(type="long"),
     lambda o, n: sh(n, "Limit").update(type="string")),
    ("sparse-removed", "request", B,
     lambda o, n: sh(o, "TagList").update(sparse=True),
     lambda o, n: sh(n, "TagList").update(sparse=True)),
    ("sparse-added", "request", S,
     lambda o, n: sh(n, "TagList").update(sparse=True),
     lambda o, n: sh(o, "TagList").update(sparse=True)),
    ("min-tightened", "request", B,
     lambda o, n: sh(n, "Name").update(min=2),
     lambda o, n: sh(n, "String").update(min=0)),  # a length minimum of 0 is none
    ("min-tightened", "response", S,
     lambda o, n: sh(n, "Name").update(min=2),
     lambda o, n: sh(n, "Name").update(min=0)),
    ("min-tightened", "request", B,  # a shorter string the old pattern accepts exists
     lambda o, n: (_both(lambda m: sh(m, "String").update(pattern="[a-z]+"))(o, n),
                   sh(n, "String").update(min=2)),
     lambda o, n: (_both(lambda m: sh(m, "String").update(pattern="[a-z]+"))(o, n),
                   sh(n, "String").update(min=1))),  # the pattern already needs a letter
    ("max-tightened", "request", B,
     lambda o, n: sh(n, "Mode").update(max=3),
     lambda o, n: sh(n, "Mode").update(max=4)),  # every enum value fits
    ("max-tightened", "request", B,
     lambda o, n: sh(n, "Name").update(pattern="^[a-z]{1,10}$", max=9),
     lambda o, n: (_both(lambda m: sh(m, "Name").update(pattern="^[a-z]{1,10}$"))(o, n),
                   sh(n, "Name").update(max=10))),  # the pattern allows 10 at most
    ("min-loosened", "request", S,
     lambda o, n: (sh(o, "String").update(min=2), sh(n, "String").update(min=1)),
     lambda o, n: sh(n, "Name").update(min=0)),  # `^[a-z]+$` needs a letter anyway
    ("max-tightened", "request", B,
     lambda o, n: sh(n, "Name").update(max=32),
     lambda o, n: sh(n, "Name").update(max=128)),
    ("max-loosened", "response", D,
     lambda o, n: sh(n, "Name").update(max=128),
     lambda o, n: sh(n, "Name").update(max=32)),
    ("pattern-tightened", "request", B,
     lambda o, n: sh(n, "Name").update(pattern="^[a-y]+$"),
     lambda o, n: sh(n, "String").update(pattern=".*")),  # accepts every string
    ("pattern-loosened", "request", S,
     lambda o, n: sh(n, "Name").update(pattern="[a-z]+"),
     lambda o, n: sh(n, "Name").update(pattern="(^[a-z]+$)")),
    ("pattern-loosened", "request", S,  # a pattern every string satisfies, in any spelling
     lambda o, n: sh(n, "Name").update(pattern="[\\p{L}\\p{N}_.:/=+\\-@]*"),
     lambda o, n: (sh(o, "Name").update(pattern="[\\p{L}\\p{N}]*"),
                   sh(n, "Name").update(pattern="([\\p{L}\\p{N}_]*)"))),
    ("pattern-rewritten", "request", I,
     lambda o, n: sh(n, "Name").update(pattern="(^[a-z]+$)"),
     lambda o, n: sh(n, "Name").update(pattern="[a-z]+")),
    ("pattern-undecided", "request", D,
     lambda o, n: (sh(o, "Name").update(pattern="^([a-z])\\1$"),
                   sh(n, "Name").update(pattern="^([a-z])\\1+$")),
     lambda o, n: sh(n, "Name").update(pattern="^[a-y]+$")),
    ("enum-value-removed", "request", B,
     lambda o, n: sh(n, "Mode").update(enum=["FAST"]),
     lambda o, n: sh(n, "Mode").update(enum=["FAST", "SLOW", "OFF"])),
    ("enum-value-added", "response", D,
     lambda o, n: sh(n, "Mode").update(enum=["FAST", "SLOW", "OFF"]),
     lambda o, n: sh(n, "Mode").update(enum=["SLOW", "FAST"])),
    ("enum-removed", "request", S,
     lambda o, n: sh(n, "Mode").pop("enum"),
     lambda o, n: sh(n, "Mode").update(enum=["SLOW", "FAST"])),
    ("enum-added", "request", B,
     lambda o, n: sh(n, "String").update(enum=["A"]),
     lambda o, n: sh(n, "Mode").update(enum=["SLOW", "FAST"])),
    ("error-code-changed", "response", B,
     lambda o, n: sh(n, "NotFound")["error"].update(code="ThingNotFound"),
     lambda o, n: sh(n, "NotFound")["error"].update(code="NotFound")),  # the default
    ("error-status-changed", "response", D,
     lambda o, n: sh(n, "NotFound")["error"].update(httpStatusCode=400),
     lambda o, n: (sh(o, "NotFound")["error"].pop("httpStatusCode"),
                   sh(n, "NotFound")["error"].update(httpStatusCode=400))),  # newly declared
    ("sensitive-added", "request", I,
     lambda o, n: sh(n, "Name").update(sensitive=True),
     lambda o, n: sh(n, "Name").update(deprecated=True)),
    ("sensitive-removed", "request", D,
     lambda o, n: sh(o, "Name").update(sensitive=True),
     lambda o, n: sh(n, "Name").update(sensitive=True)),
    ("deprecated-added", None, I,
     lambda o, n: op(n, "Ping").update(deprecated=True),
     lambda o, n: (op(o, "Ping").update(deprecated=True),
                   op(n, "Ping").update(deprecated=True, deprecatedMessage="use Pong"))),
    ("deprecated-removed", None, I,
     lambda o, n: op(o, "Ping").update(deprecated=True),
     lambda o, n: op(n, "Ping").update(deprecated=True)),
    ("trait-changed", None, I,
     lambda o, n: op(n, "Ping").update(idempotent=True),
     lambda o, n: op(n, "Ping").update(documentation="<p>Pings.</p>")),
    ("docs-changed", None, I,
     lambda o, n: op(n, "GetThing").update(documentation="<p>Fetches a thing.</p>"),
     lambda o, n: o.update(strip_docs(o))),  # a snapshot's digests of the same text
]
_CORPUS_RULES = {"service-added", "service-removed"}  # tests/test_diff.py, two directories


def _rules(edit: Edit) -> list[tuple[str, str | None, Severity]]:
    old, new = model(), model()
    edit(old, new)
    return [(c.rule, c.direction, c.severity) for c in compare_models("thing", old, new)]


def test_every_rule_has_a_case() -> None:
    assert set(RULES) - _CORPUS_RULES == {case[0] for case in CASES}


@pytest.mark.parametrize("rule, direction, severity, positive, negative", CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule(rule: str, direction: str | None, severity: Severity, positive: Edit,
              negative: Edit) -> None:
    found = _rules(positive)
    assert (rule, direction, severity) in found, found
    assert rule not in [r for r, _, _ in _rules(negative)]


def test_unchanged_model_has_no_changes() -> None:
    assert compare_models("thing", model(), model()) == []


def _table_row(rule_id: str) -> str:
    rule = RULES[rule_id]
    cell = (lambda text: text.replace("|", "\\|"))
    return (f"| `{rule.id}` | {rule.request.label} | {rule.response.label} | "
            f"{cell(rule.summary)} | `{cell(rule.example)}` |")


def test_docs_list_every_rule_with_its_example() -> None:
    from conftest import ROOT

    lines = (ROOT / "docs/diff.md").read_text(encoding="utf-8").splitlines()
    missing = [rule for rule in RULES if _table_row(rule) not in lines]
    assert not missing, "docs/diff.md rule table out of date: " + ", ".join(missing)
