"""The rule catalogue: every change `botogen diff` reports has one of these ids.

A rule is a unit in the spirit of smithy-diff's evaluators and oasdiff's checks: a stable
kebab-case id, a severity per direction (a shape reached from a request is read by the
service, one reached from a response or an error is read by the caller, so the same edit can
break one and loosen the other) and a one-line example, which docs/diff.md shows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    INFO = 0
    SAFE = 1
    DANGEROUS = 2
    BREAKING = 3

    @property
    def label(self) -> str:
        return self.name.lower()


B, D, S, I = Severity.BREAKING, Severity.DANGEROUS, Severity.SAFE, Severity.INFO


@dataclass(frozen=True)
class Rule:
    id: str
    request: Severity  # severity where the change is reached from a request (or has no role)
    response: Severity  # ... from a response or an error
    summary: str
    example: str


def _r(rule_id: str, request: Severity, response: Severity | None, summary: str,
       example: str) -> Rule:
    return Rule(rule_id, request, request if response is None else response, summary, example)


_CATALOGUE = (
    # The corpus and the service.
    _r("service-removed", B, None, "a service present in OLD is missing from NEW",
       "service sms: removed"),
    _r("service-added", S, None, "a service is new in NEW", "service aiops: added"),
    _r("api-version-changed", I, None, "the latest API version of a service changed",
       "API version 2016-11-15 -> 2024-01-01"),
    _r("protocol-changed", B, None,
       "the protocol botocore resolves (its priority order over `protocols`, else "
       "`protocol`) changed: the wire format of every call", "protocol query -> json"),
    _r("protocols-changed", D, None,
       "the model's `protocol`/`protocols` changed but botocore resolves the same protocol: "
       "clients that take the model's first choice switch wire format",
       "protocol json -> smithy-rpc-v2-cbor (botocore still speaks json)"),
    _r("metadata-wire-changed", B, None,
       "metadata that addresses or signs every request changed (endpointPrefix, targetPrefix, "
       "jsonVersion, signingName, signatureVersion, xmlNamespace, ...)",
       "targetPrefix CodeBuild_20161006 -> CodeBuild_20240101"),
    _r("metadata-changed", I, None, "other service metadata changed (names, uid, auth)",
       "serviceFullName 'AWS CodeBuild' -> 'AWS CodeBuild Service'"),
    # Operations.
    _r("operation-removed", B, None, "an operation was removed", "DeleteThing: removed"),
    _r("operation-added", S, None, "an operation was added", "CreateThing: added"),
    _r("http-method-changed", B, None, "the HTTP method of an operation changed",
       "ListEmailIdentities: HTTP method GET -> POST"),
    _r("http-uri-changed", B, None, "the request URI of an operation changed",
       "GetThing: requestUri /things/{Id} -> /v2/things/{Id}"),
    _r("http-response-code-changed", B, None, "the success status code changed",
       "CreateThing: responseCode 200 -> 201"),
    _r("endpoint-host-prefix-changed", B, None, "the endpoint host prefix changed",
       "PutEvents: hostPrefix 'data.' -> 'events.'"),
    _r("operation-input-added", S, None,
       "an operation without input gained one (its required members are reported apart)",
       "ListThings: input ListThingsRequest added"),
    _r("operation-input-removed", B, None, "an operation's input shape with members is gone",
       "ListThings: input ListThingsRequest removed"),
    _r("operation-output-added", S, None, "an operation without output gained one",
       "DeleteThing: output DeleteThingResponse added"),
    _r("operation-output-removed", B, None, "an operation's output shape with members is gone",
       "GetThing: output GetThingResponse removed"),
    _r("operation-error-added", D, None, "an operation may now fail with another error",
       "GetThing: error ThrottlingException added"),
    _r("operation-error-removed", D, None,
       "an error is no longer listed (callers catching it by name may break)",
       "GetThing: error LegacyException removed"),
    _r("operation-auth-changed", D, None, "an operation's authtype/auth/unsignedPayload changed",
       "GetToken: authtype none -> v4"),
    _r("result-wrapper-changed", B, None, "the XML result wrapper of a query response changed",
       "DescribeThings: resultWrapper DescribeThingsResult -> DescribeThingsOutput"),
    # Members of a structure (ids prefixed by the direction that reaches them).
    _r("request-member-removed", B, None, "a request member was removed: callers passing it "
       "are rejected", "CreateThingRequest.Legacy: removed"),
    _r("response-member-removed", B, None, "a response member was removed: a documented "
       "response field is gone", "GetThingResponse.Owner: removed"),
    _r("request-member-added", S, None, "an optional request member was added",
       "CreateThingRequest.Tags: added"),
    _r("response-member-added", S, None, "a response member was added",
       "GetThingResponse.Arn: added"),
    _r("union-member-added", S, D,
       "a union or an event stream gained a member: readers may get a variant they do not "
       "know", "Statement.NotStatement: member added"),
    _r("request-member-required-added", B, None,
       "a request member became required, or a required one was added",
       "CreateThingRequest.Name: now required"),
    _r("response-member-required-added", S, None, "a response member became required",
       "GetThingResponse.Arn: now required"),
    _r("request-member-required-removed", S, None, "a request member is no longer required",
       "CreateThingRequest.Name: no longer required"),
    _r("response-member-required-removed", D, None,
       "a response member that was required became optional: readers may get nothing",
       "GetThingResponse.Arn: no longer required"),
    _r("member-location-changed", B, None,
       "where a member travels changed (uri, querystring, header, headers, statusCode, body)",
       "ListEmailIdentitiesRequest.PageSize: location querystring -> body"),
    _r("member-location-name-changed", B, None,
       "the wire name of a member changed (locationName, queryName)",
       "ListThingsRequest.MaxResults: locationName max-results -> maxResults"),
    _r("member-host-label-changed", B, None, "a member became, or stopped being, a host label",
       "PutEventsRequest.EndpointId: hostLabel added"),
    _r("wire-trait-changed", B, None,
       "another wire binding changed (xmlNamespace, xmlAttribute, flattened, jsonvalue, "
       "eventpayload, eventheader, a list member's locationName)",
       "TagList: flattened added"),
    _r("payload-changed", B, None, "the structure member bound to the HTTP payload changed",
       "GetObjectOutput: payload Body -> Content"),
    _r("streaming-changed", B, None, "a blob or event stream started or stopped streaming",
       "Body: streaming added"),
    _r("timestamp-format-changed", B, None, "a timestamp's wire format changed",
       "CreatedAt: timestampFormat iso8601 -> unixTimestamp"),
    _r("type-changed", B, None, "a shape changed type (or union/document form)",
       "Count: type integer -> string"),
    _r("numeric-type-changed", S, None,
       "integer <-> long or float <-> double: the same JSON number, the same Python type",
       "Size: type integer -> long"),
    _r("sparse-removed", B, S, "a list or map no longer accepts null entries",
       "AttributeMap: sparse removed"),
    _r("sparse-added", S, D, "a list or map now accepts null entries",
       "AttributeMap: sparse added"),
    # Constraints on the resolved target of a member.
    _r("min-tightened", B, S, "a minimum (length, size or value) rose, or appeared",
       "RoleArn: min 1 -> 20"),
    _r("min-loosened", S, D, "a minimum fell or disappeared", "RoleArn: min 20 -> 1"),
    _r("max-tightened", B, S, "a maximum fell, or appeared", "Name: max 256 -> 64"),
    _r("max-loosened", S, D, "a maximum rose or disappeared", "Name: max 64 -> 256"),
    _r("pattern-tightened", B, S,
       "a string the old pattern accepted is now rejected (decided; the witness is printed)",
       "Arn: pattern '^arn:.*$' -> '^arn:aws:.*$' rejects 'arn:'"),
    _r("pattern-loosened", S, D, "every string the old pattern accepted is still accepted",
       "ScheduleName: pattern '^[0-9a-zA-Z-_.]+$' -> '[0-9a-zA-Z-_.]+'"),
    _r("pattern-rewritten", I, None, "the pattern text changed but accepts the same strings",
       "CertificateArn: pattern 'arn:[\\w+=/,.@-]+' -> '(arn:[\\w+=/,.@-]+)'"),
    _r("pattern-undecided", D, None,
       "a pattern changed and inclusion could not be decided (a witness is printed if found)",
       "Expression: pattern '\\p{L}+' -> '[a-z]+' (undecided)"),
    _r("enum-value-removed", B, S, "an enum value was removed", "Status: enum value OLD removed"),
    _r("enum-value-added", S, D, "an enum value was added: readers may see a value they do "
       "not know", "Status: enum value ARCHIVED added"),
    _r("enum-removed", S, D, "an enum became a free string", "Engine: enum removed (any string)"),
    _r("enum-added", B, S, "a free string became an enum", "Engine: enum added (3 values)"),
    # Errors.
    _r("error-code-changed", B, None, "the error code callers match on changed",
       "ThingNotFound: error code NotFound -> ThingNotFound"),
    _r("error-status-changed", D, None, "the declared HTTP status of an error changed "
       "(declared where there was none: trait-changed)",
       "ThingNotFound: httpStatusCode 400 -> 404"),
    # Everything else, so that nothing is invisible.
    _r("sensitive-added", I, None, "a shape is now marked sensitive", "Password: sensitive added"),
    _r("sensitive-removed", D, None, "a shape is no longer sensitive (it may now be logged)",
       "Password: sensitive removed"),
    _r("deprecated-added", I, None, "an operation, shape or member was deprecated",
       "ListThings: deprecated ('use ListThingsV2')"),
    _r("deprecated-removed", I, None, "a deprecation was withdrawn", "ListThings: undeprecated"),
    _r("trait-changed", I, None,
       "any other property of a service, operation, shape or member changed",
       "ListThings: idempotent added"),
    _r("docs-changed", I, None,
       "documentation changed (counted always, listed only with --include-docs)",
       "GetThing: documentation changed"),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _CATALOGUE}
DOCS_RULE = "docs-changed"


def severity(rule_id: str, direction: str | None) -> Severity:
    rule = RULES[rule_id]
    return rule.response if direction == "response" else rule.request
