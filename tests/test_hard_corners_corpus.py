"""The hard corners on real services, and the corpus counts the issue quotes.

The counts are checked against the installed botocore (constraints.txt pins it): if a new
botocore changes them, this says so, and docs/hard-corners.md is to be updated with it. Real
services are generated once into a temporary directory; the corners fixture's tests are in
tests/test_hard_corners.py.
"""

from __future__ import annotations

import base64
import functools
import json
import keyword
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import botocore.loaders
import botocore.session
import jsonschema
import pytest
from botocore.parsers import create_parser
from botocore.validate import ParamValidator
from hypothesis import given, settings

from generator import naming, pipeline
from generator.docs import html_to_text
from generator.emit import models as models_emitter
from generator.emit import schemas
from generator.ir import Service
from helpers import generate_into, package

SERVICES = ["dynamodb", "bedrock-agent-runtime", "lex-runtime", "servicecatalog", "apigatewayv2",
            "storagegateway", "lambda", "kinesis", "lexv2-runtime"]


# -- the counts ----------------------------------------------------------------------------------


def _refs(spec: dict[str, Any]) -> list[str]:
    if spec["type"] == "structure":
        return [m["shape"] for m in spec.get("members", {}).values()]
    if spec["type"] == "list":
        return [spec["member"]["shape"]]
    if spec["type"] == "map":
        return [spec["key"]["shape"], spec["value"]["shape"]]
    return []


def _cyclic(shapes: dict[str, Any]) -> set[str]:
    """The shapes on a cycle (Tarjan's strongly connected components, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: set[str] = set()
    for start in shapes:
        if start in index:
            continue
        work = [(start, iter(_refs(shapes[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(_refs(shapes[child]))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1 or node in _refs(shapes[node]):
                    found.update(component)
    return found


@functools.cache
def corpus() -> dict[str, Any]:
    """What the issue counts, from every service botocore ships (latest API version)."""
    loader = botocore.loaders.Loader()
    recursive, keywords, spaced, docs = [], [], [], []
    for name in loader.list_available_services("service-2"):
        model = loader.load_service_model(name, "service-2")
        shapes = model["shapes"]
        if _cyclic(shapes):
            recursive.append(name)
        for shape_name, spec in shapes.items():
            for value in spec.get("enum", []):
                if keyword.iskeyword(value):
                    keywords.append((name, shape_name, value))
                if value != value.strip():
                    spaced.append((name, shape_name, value))
            docs.append((len(spec.get("documentation", "").encode()), name, shape_name, ""))
            for member, ref in spec.get("members", {}).items():
                docs.append((len(ref.get("documentation", "").encode()), name, shape_name, member))
        docs.extend((len(op.get("documentation", "").encode()), name, op_name, "")
                    for op_name, op in model["operations"].items())
    return {"recursive": recursive, "keywords": keywords, "spaced": spaced, "longest": max(docs)}


def test_the_issue_s_counts_hold_for_the_installed_botocore() -> None:
    found = corpus()
    assert len(found["recursive"]) == 46
    assert {"dynamodb", "glue", "wafv2", "lexv2-runtime"} <= set(found["recursive"])
    assert len(found["keywords"]) == 60
    assert Counter(v for _, _, v in found["keywords"]) == {
        "None": 39, "True": 5, "False": 5, "lambda": 5, "async": 2, "in": 2, "global": 1, "is": 1}
    assert found["spaced"] == [("storagegateway", "ErrorCode", "LunAlreadyAllocated ")]
    assert found["longest"] == (65328, "connect", "GetMetricDataV2Request", "Metrics")


# -- recursion: every recursive service --------------------------------------------------------


def _refs_in(node: Any) -> set[str]:
    if isinstance(node, dict):
        out = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        for value in node.values():
            out |= _refs_in(value)
        return out
    if isinstance(node, list):
        return set().union(*(_refs_in(v) for v in node)) if node else set()
    return set()


def _closure(service: Service, root: str) -> set[str]:
    """The shapes a schema describes from `root` (an event stream's events too)."""
    seen, todo = set(), [root]
    while todo:
        shape = service.shape(todo.pop())
        if shape.name in seen:
            continue
        seen.add(shape.name)
        todo += [m.target for m in (*shape.members, shape.member, shape.key, shape.value) if m]
    return seen


@pytest.mark.parametrize("name", corpus()["recursive"])
def test_schemas_cut_every_cycle_with_a_ref(name: str) -> None:
    """Every structure on a cycle that an operation reaches is one `$defs` entry, referenced
    by `$ref` (never inlined, so the document is finite), and every `$ref` resolves."""
    service = pipeline.load(name)
    cyclic = _cyclic(service.raw_model["shapes"])
    documents = {a.path: json.loads(a.content) for a in schemas.emit(service)}
    cut = 0
    for op in service.operations:
        for role, root in op.roles():
            if root is None:
                continue
            document = documents[f"schemas/{name}/{op.name}.{role}.json"]
            defs = document.get("$defs", {})
            refs = _refs_in(document)
            assert refs <= {f"#/$defs/{d}" for d in defs}, (op.name, role)
            for shape in _closure(service, root) & cyclic:
                if service.shape(shape).kind.is_structured:
                    assert shape in defs and f"#/$defs/{shape}" in refs, (op.name, role, shape)
                    cut += 1
    assert cut > 0


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("real")
    generate_into(root, "--jobs", "1", *SERVICES)
    return root


def _depth(value: Any) -> int:
    """How deeply dataclass values nest inside `value`."""
    if hasattr(value, "__dataclass_fields__"):
        return 1 + max((_depth(getattr(value, f)) for f in value.__dataclass_fields__), default=0)
    if isinstance(value, (list, tuple)):
        return max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return max((_depth(v) for v in value.values()), default=0)
    return 0


def _instances(value: Any, cls: type) -> list[Any]:
    found = [value] if isinstance(value, cls) else []
    if hasattr(value, "__dataclass_fields__"):
        for f in value.__dataclass_fields__:
            found += _instances(getattr(value, f), cls)
    elif isinstance(value, (list, tuple)):
        for v in value:
            found += _instances(v, cls)
    elif isinstance(value, dict):
        for v in value.values():
            found += _instances(v, cls)
    return found


def test_dynamodb_validators_and_strategies_stay_bounded(real: Path) -> None:
    """dynamodb's recursive AttributeValue (M and L hold more of them): a 100,000-deep value
    is one issue, not a crash; drawn values nest (the recursion is reached), finish quickly
    and are valid."""
    validators = package(real, "dynamodb", "validators")
    strategies = package(real, "dynamodb", "strategies")
    deep: dict[str, Any] = {"S": "leaf"}
    for _ in range(100_000):
        deep = {"M": {"k": deep}}
    issues = validators.validate_put_item_request({"TableName": "tbl", "Item": {"a": deep}})
    assert [i.message for i in issues] == ["Parameter validation stopped: input nested too deeply"]
    depths: list[int] = []
    started = time.monotonic()

    @settings(max_examples=60)
    @given(strategies.put_item_request())
    def draw(value: Any) -> None:
        assert validators.validate_put_item_request(value.to_dict()) == []
        depths.append(_depth(value))

    draw()
    assert time.monotonic() - started < 60
    assert max(depths) >= 3


def test_a_recursive_union_is_one_member_everywhere(real: Path) -> None:
    """bedrock-agent-runtime's RetrievalFilter: a union (13 members, `in` among them) that
    holds lists of itself (andAll, orAll)."""
    strategies = package(real, "bedrock-agent-runtime", "strategies")
    models = strategies._m
    validators = package(real, "bedrock-agent-runtime", "validators")
    equals = {"key": "k", "value": "v"}
    assert models.RetrievalFilter.from_dict({"in": equals}).in_ is not None
    with pytest.raises(models.FromDictError, match="at most one member set"):
        models.RetrievalFilter.from_dict({"equals": equals, "notEquals": equals})
    attribute = models.FilterAttribute(key="k", value="v")
    with pytest.raises(TypeError, match="RetrievalFilter: at most one member may be set"):
        models.RetrievalFilter(equals=attribute, not_equals=attribute)
    assert models.RetrievalFilter().to_dict() == {}  # none set: the validators' business

    def request(flt: Any) -> dict[str, Any]:
        return {"knowledgeBaseId": "kb1", "retrievalQuery": {"text": "q"},
                "retrievalConfiguration": {"vectorSearchConfiguration": {"filter": flt}}}

    shape = botocore.session.get_session().get_service_model(
        "bedrock-agent-runtime").operation_model("Retrieve").input_shape
    for bad in ({}, {"equals": equals, "notEquals": equals},
                {"andAll": [{"equals": equals}, {}]}):
        ours = [i.message for i in validators.validate_retrieve_request(request(bad))]
        report = ParamValidator().validate(request(bad), shape)
        assert ours and ours == report.generate_report().split("\n"), ours
    document = json.loads((real / "schemas/bedrock-agent-runtime/Retrieve.request.json").read_text())
    union = document["$defs"]["RetrievalFilter"]
    assert (union["minProperties"], union["maxProperties"]) == (1, 1)
    check = jsonschema.Draft202012Validator(document)
    nested = {"orAll": [{"equals": equals}, {"andAll": [{"in": equals}, {"startsWith": equals}]}]}
    assert check.is_valid(request(nested))
    for bad in ({}, {"equals": equals, "notEquals": equals}, {"orAll": [{"equals": equals}, {}]}):
        assert not check.is_valid(request(bad)), bad
    depths: list[int] = []

    @settings(max_examples=60)
    @given(strategies._s_RetrievalFilter)
    def draw(value: Any) -> None:
        for item in _instances(value, models.RetrievalFilter):  # exactly one member, at depth
            assert sum(getattr(item, f) is not None for f in item.__dataclass_fields__) == 1
        assert validators.validate_retrieve_request(request(value.to_dict())) == []
        assert check.is_valid(request(value.to_json()))
        depths.append(len(_instances(value, models.RetrievalFilter)))

    draw()
    assert max(depths) >= 3


# -- tokens, JSON-value headers, None, keyword enum values, locations: real services -----------


def _client(name: str) -> Any:
    client = botocore.session.Session().create_client(
        name, region_name="us-east-1", aws_access_key_id="AKID", aws_secret_access_key="secret",
        endpoint_url="https://127.0.0.1:9")

    def stop(request: Any, **_: Any) -> None:
        raise _Sent(request)

    client.meta.events.register("before-send", stop)
    return client


class _Sent(Exception):
    def __init__(self, request: Any) -> None:
        self.request = request


def _send(name: str, operation: str, params: dict[str, Any]) -> Any:
    with pytest.raises(_Sent) as caught:
        getattr(_client(name), operation)(**params)
    return caught.value.request


def test_every_required_token_of_an_input_is_filled_not_demanded() -> None:
    """In the corpus, 198 idempotency tokens are required members; the 196 of operation
    inputs are botocore's to fill, so not required of the caller (medialive's two are in
    shapes no operation takes as input)."""
    filled = kept = 0
    loader = botocore.loaders.Loader()
    for name in loader.list_available_services("service-2"):
        shapes = loader.load_service_model(name, "service-2")["shapes"]
        if not any(ref.get("idempotencyToken") for spec in shapes.values()
                   for ref in spec.get("members", {}).values()):
            continue
        service = pipeline.load(name)
        for shape in service.shapes.values():
            for member in shape.members:
                if member.idempotency_token and member.required:
                    assert member.filled == (shape.name in {o.input for o in service.operations})
                    filled += member.filled
                    kept += not member.filled
                    assert member.required_of_caller == (not member.filled)
    assert (filled, kept) == (196, 2)


def test_servicecatalog_copy_product_without_its_token(real: Path) -> None:
    strategies = package(real, "servicecatalog", "strategies")
    validators = package(real, "servicecatalog", "validators")
    arn = "arn:aws:catalog:us-east-1:123456789012:product/prod-abcdefgh"
    value = strategies._m.CopyProductInput(source_product_arn=arn)
    assert value.to_dict() == {"SourceProductArn": arn}
    assert validators.validate_copy_product_request(value.to_dict()) == []
    document = json.loads((real / "schemas/servicecatalog/CopyProduct.request.json").read_text())
    assert document["$defs"]["CopyProductInput"]["required"] == ["SourceProductArn"]
    body = json.loads(_send("servicecatalog", "copy_product", value.to_dict()).body)
    assert body["SourceProductArn"] == arn and len(body["IdempotencyToken"]) == 36


def test_lex_runtime_json_value_headers_parse_into_the_dataclass(real: Path) -> None:
    models = package(real, "lex-runtime", "strategies")._m
    validators = package(real, "lex-runtime", "validators")
    op = botocore.session.get_session().get_service_model("lex-runtime").operation_model(
        "PutSession")
    slots = {"size": "large", "n": [1, None]}
    header = base64.b64encode(json.dumps(slots).encode()).decode()
    parsed = create_parser("rest-json").parse(
        {"status_code": 200, "headers": {"x-amz-lex-slots": header}, "body": b""},
        op.output_shape)
    parsed.pop("ResponseMetadata")
    assert parsed["slots"] == slots  # botocore decodes a JSON-value header into values
    value = models.PutSessionResponse.from_dict(parsed)
    assert value.slots == slots and value.to_dict()["slots"] == slots
    assert validators.validate_put_session_response(parsed) == []
    request = _send("lex-runtime", "post_content", {
        "botName": "b", "botAlias": "a", "userId": "user1", "inputStream": b"hi",
        "contentType": "text/plain; charset=utf-8", "sessionAttributes": {"k": "v"}})
    assert json.loads(base64.b64decode(
        request.headers["x-amz-lex-session-attributes"])) == {"k": "v"}


def test_apigatewayv2_shape_and_member_named_none(real: Path) -> None:
    """apigatewayv2 has a shape `None` and members `None` (wire name `none`)."""
    models = package(real, "apigatewayv2", "strategies")._m
    validators = package(real, "apigatewayv2", "validators")
    auth = models.Authorization(none=models.None_())
    assert auth.to_dict() == {"None": {}}
    assert models.Authorization.from_dict({"None": {}}) == auth
    params = {"PortalId": "p1", "Authorization": auth.to_dict(),
              "EndpointConfiguration": {"None": {}}}
    assert validators.validate_update_portal_request(params) == []
    body = json.loads(_send("apigatewayv2", "update_portal", params).body)
    assert body["authorization"] == {"none": {}} and body["endpointConfiguration"] == {"none": {}}


def test_lambda_invoke_header_query_uri_and_a_keyword_enum_value(real: Path) -> None:
    """lambda Invoke: a uri label, a querystring member, header members (LogType takes the
    enum value `None`) and a blob payload, from the dataclass through botocore's client."""
    models = package(real, "lambda", "strategies")._m
    validators = package(real, "lambda", "validators")
    assert models.LogType.NONE.value == "None"
    value = models.InvocationRequest(function_name="fn", qualifier="7", payload=b'{"a": 1}',
                                     log_type=models.LogType.NONE,
                                     invocation_type=models.InvocationType.EVENT)
    assert validators.validate_invoke_request(value.to_dict()) == []
    request = _send("lambda", "invoke", value.to_dict())
    url = urlsplit(request.url)
    assert url.path == "/2015-03-31/functions/fn/invocations"
    assert parse_qs(url.query) == {"Qualifier": ["7"]}
    headers = {k: v.decode() if isinstance(v, bytes) else v for k, v in request.headers.items()}
    assert (headers["X-Amz-Log-Type"], headers["X-Amz-Invocation-Type"]) == ("None", "Event")
    assert request.body == b'{"a": 1}'


def test_storagegateway_trailing_space_enum_value(real: Path) -> None:
    models = package(real, "storagegateway", "strategies")._m
    assert models.ErrorCode("LunAlreadyAllocated ") is models.ErrorCode.LUNALREADYALLOCATED
    assert models.ErrorCode.LUNALREADYALLOCATED.value == "LunAlreadyAllocated "
    error = models.StorageGatewayError.from_dict({"errorCode": "LunAlreadyAllocated "})
    assert error.error_code is models.ErrorCode.LUNALREADYALLOCATED


def test_every_keyword_enum_value_gets_a_usable_member_name() -> None:
    """All 60: each enum class of a keyword value names its members with identifiers that are
    not keywords, one per value, and looks each value up as itself."""
    from enum import StrEnum

    by_shape: dict[tuple[str, str], list[str]] = {}
    loader = botocore.loaders.Loader()
    for service, shape, _ in corpus()["keywords"]:
        if (service, shape) not in by_shape:
            spec = loader.load_service_model(service, "service-2")["shapes"][shape]
            by_shape[service, shape] = spec["enum"]
    for (service, shape), values in by_shape.items():
        names = naming.enum_member_names(tuple(values))
        assert len(set(names)) == len(values), (service, shape)
        assert all(n.isidentifier() and not keyword.iskeyword(n) for n in names), names
        enum = StrEnum(shape, list(zip(names, values)))  # type: ignore[misc]
        assert [enum(v).value for v in values] == values


# -- docs up to 65 KB ----------------------------------------------------------------------------


def test_the_longest_doc_reaches_the_dataclass_and_the_schema() -> None:
    service = pipeline.load("connect")
    member = service.shape("GetMetricDataV2Request").member_named("Metrics")
    assert len(member.doc.encode()) == 65328
    text = html_to_text(member.doc)
    assert len(text) > 30_000
    (source,) = models_emitter.emit(service)
    compile(source.content, "models.py", "exec")  # the 65 KB docstring is valid Python
    body = source.content.split("class GetMetricDataV2Request:", 1)[1].split("\nclass ", 1)[0]
    assert text.splitlines()[-1].strip() in body  # the field's docstring, to its end
    request = next(a for a in schemas.emit(service)
                   if a.path.endswith("/GetMetricDataV2.request.json"))
    described = json.loads(request.content)["$defs"]["GetMetricDataV2Request"]["properties"][
        "Metrics"]["description"]
    assert described == text
