"""The JSON Schema emitter: metaschema-valid, deterministic, strict requests, tolerant responses,
and the value forms (timestamps, canonical base64, patterns) as docs/validation.md describes."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES
from generator import pipeline
from generator.ecma import BASE64_ECMA, TIMESTAMP_ECMA, base64_length_bounds, pattern_forms
from generator.emit import header_lines, schemas
from generator.ir import Service

FIXTURE = FIXTURES / "validator-kinds" / "service-2.json"


@pytest.fixture(scope="module")
def ecr() -> Service:
    return pipeline.load("ecr-public")


@pytest.fixture(scope="module")
def kinds() -> Service:
    return pipeline.load(model=str(FIXTURE), service_name="validatorkinds")


@functools.cache
def botocore_patterns() -> list[str]:
    """Every distinct pattern of every model of the installed botocore."""
    import botocore.session

    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    patterns: set[str] = set()
    for name in session.get_available_services():
        model = loader.load_service_model(name, "service-2")
        patterns.update(s["pattern"] for s in model["shapes"].values() if "pattern" in s)
    return sorted(patterns)


def documents(service: Service) -> dict[str, dict[str, Any]]:
    return {a.path.rsplit("/", 1)[1]: json.loads(a.content) for a in schemas.emit(service)}


def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_one_request_and_one_response_file_per_operation(ecr: Service) -> None:
    artifacts = schemas.emit(ecr)
    expected = {f"schemas/ecr-public/{op.name}.{role}.json"
                for op in ecr.operations for role in ("request", "response")}
    assert {a.path for a in artifacts} == expected
    assert all(not a.python and a.content.endswith("}\n") for a in artifacts)


@pytest.mark.parametrize("which", ["ecr", "kinds"])
def test_every_schema_passes_the_2020_12_metaschema(which: str, request: pytest.FixtureRequest) -> None:
    for name, schema in documents(request.getfixturevalue(which)).items():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name


def test_output_is_deterministic_json_text(ecr: Service) -> None:
    first = [a.content for a in schemas.emit(ecr)]
    assert first == [a.content for a in schemas.emit(pipeline.load("ecr-public"))]
    for text in first:
        assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_flagship_request_schema(ecr: Service) -> None:
    schema = documents(ecr)["BatchCheckLayerAvailability.request.json"]
    assert schema["$id"] == "urn:botogen:ecr-public:2020-10-30:BatchCheckLayerAvailability:request"
    assert schema["$comment"] == "\n".join(header_lines(ecr))
    assert schema["description"].startswith("Checks the availability of one or more image layers")
    assert schema["$ref"] == "#/$defs/BatchCheckLayerAvailabilityRequest"
    root = schema["$defs"]["BatchCheckLayerAvailabilityRequest"]
    assert root["required"] == ["repositoryName", "layerDigests"]
    assert root["additionalProperties"] is False
    assert root["properties"]["registryId"]["type"] == "string"
    assert (root["properties"]["registryId"]["minLength"],
            root["properties"]["registryId"]["maxLength"]) == (2, 50)
    name = root["properties"]["repositoryName"]
    assert name["pattern"] == ecr.shape("RepositoryName").pattern  # verbatim
    digests = root["properties"]["layerDigests"]
    assert (digests["type"], digests["minItems"], digests["maxItems"]) == ("array", 1, 100)
    assert digests["items"] == {"type": "string", "maxLength": 1000}
    assert list(schema["$defs"]) == ["BatchCheckLayerAvailabilityRequest"]  # lists stay inline

    check = validator(schema)
    good = {"repositoryName": "my-repo", "layerDigests": ["sha256:" + "a" * 64]}
    assert check.is_valid(good)
    assert check.is_valid({**good, "registryId": "123456789012"})
    for bad in ({"layerDigests": ["x"]}, {**good, "layerDigests": []}, {**good, "extra": 1},
                {**good, "repositoryName": "a"}, {**good, "layerDigests": ["x" * 1001]},
                {**good, "repositoryName": "UPPER"}, {**good, "layerDigests": [1]}):
        assert not check.is_valid(bad), bad


def test_responses_allow_unknown_keys_and_values_but_keep_required(ecr: Service) -> None:
    schema = documents(ecr)["BatchCheckLayerAvailability.response.json"]
    layer = schema["$defs"]["Layer"]
    assert "additionalProperties" not in layer
    availability = schema["$defs"]["LayerAvailability"]
    assert "enum" not in availability and availability["examples"] == ["AVAILABLE", "UNAVAILABLE"]
    assert "pattern" not in layer["properties"]["layerDigest"]
    assert "[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+" in layer["properties"]["layerDigest"]["$comment"]
    check = validator(schema)
    assert check.is_valid({"layers": [{"layerAvailability": "NEW_VALUE", "future": 1,
                                       "layerDigest": "not a digest"}], "added": True})
    registries = validator(documents(ecr)["DescribeRegistries.response.json"])
    assert not registries.is_valid({})  # `registries` is required in the model
    assert not registries.is_valid({"registries": [{"registryId": "1"}]})


def test_request_enums_are_defs_and_enforced(ecr: Service) -> None:
    schema = documents(ecr)["DescribeImages.response.json"]
    assert "LayerAvailability" not in schema["$defs"]
    kinds_schema = documents(pipeline.load(model=str(FIXTURE), service_name="validatorkinds"))
    request = kinds_schema["PutItem.request.json"]
    assert request["$defs"]["Color"] == {"type": "string", "enum": ["red", "Green", "light-blue"]}
    assert request["$defs"]["PutItemRequest"]["properties"]["Color"] == {"$ref": "#/$defs/Color"}
    check = validator(request)
    assert check.is_valid({"from": "a", "Name": "b", "Color": "Green"})
    assert not check.is_valid({"from": "a", "Name": "b", "Color": "green"})


def test_operation_without_shapes(kinds: Service) -> None:
    docs = documents(kinds)
    request, response = docs["Ping.request.json"], docs["Ping.response.json"]
    assert validator(request).is_valid({}) and not validator(request).is_valid({"a": 1})
    assert validator(response).is_valid({"a": 1}) and not validator(response).is_valid([])


def test_fixture_kinds(kinds: Service) -> None:
    request = documents(kinds)["PutItem.request.json"]
    defs = request["$defs"]
    props = defs["PutItemRequest"]["properties"]
    assert set(defs) == {"PutItemRequest", "Node", "Choice", "Color"}
    assert props["from"]["description"] == "A keyword as a member name."
    assert props["return"] == {"type": "integer", "minimum": 0, "maximum": 100}
    assert props["Size"] == {"type": "integer", "minimum": -(2**63), "maximum": 2**63 - 1}
    assert props["lambda"] == {"type": "number", "minimum": 0.5, "maximum": 1.5}
    assert props["Old"]["deprecated"] is True
    assert props["Doc"] == {"$comment": "document: any JSON value"}
    assert props["Settings"]["$comment"] == "JSON value header: any JSON value"
    tags = props["Tags"]
    assert tags["propertyNames"] == {"type": "string", "minLength": 1, "maxLength": 8,
                                     "pattern": "^[a-z][a-z0-9-]*$"}
    assert tags["additionalProperties"] == {"type": "string", "maxLength": 16}
    assert (tags["minProperties"], tags["maxProperties"]) == (1, 3)
    assert props["ColorCounts"]["propertyNames"] == {"$ref": "#/$defs/Color"}
    assert props["Matrix"]["items"]["items"]["type"] == "number"
    assert defs["Choice"]["minProperties"] == defs["Choice"]["maxProperties"] == 1
    assert defs["Node"]["properties"]["Parent"] == {"$ref": "#/$defs/Node"}  # recursion
    letters = props["Letters"]
    assert letters["pattern"] == pattern_forms("^\\p{L}+$").ecma  # \\p{L} spelled out

    check = validator(request)
    base = {"from": "abc", "Name": "x"}
    assert check.is_valid(base)
    assert check.is_valid({**base, "Choice": {"Tree": {"Value": "a", "Children": [
        {"Value": "b", "Parent": {"Value": "c"}}]}}})
    for bad in ({**base, "Choice": {}}, {**base, "Choice": {"Text": "a", "Number": 1}},
                {**base, "Tags": {}}, {**base, "Tags": {"Bad": "x"}},
                {**base, "ColorCounts": {"blue": 1}}, {**base, "Matrix": [[]]},
                {**base, "return": 1.5}, {**base, "lambda": 2}, {**base, "Flag": "true"}):
        assert not check.is_valid(bad), bad
    assert check.is_valid({**base, "Letters": "Ünïcode", "Doc": {"a": [1, None]},
                           "Settings": {"json": ["value"]}})
    assert not check.is_valid({**base, "Letters": "no spaces"})


def test_host_label_members_get_min_length_one(kinds: Service) -> None:
    account = documents(kinds)["GetTree.request.json"]["$defs"]["GetTreeRequest"]["properties"]
    assert account["Account"] == {"type": "string", "minLength": 1, "maxLength": 12}


TIMESTAMPS_OK = ["2024-05-01T12:00:00+00:00", "1970-01-01T00:00:00", "2024-05-01T12:00:00Z",
                 "2024-05-01T12:00:00.123456789-07:30", "2024-02-29T00:00:00", "2000-02-29T23:59:59Z",
                 "0001-01-01T00:00:00", "9999-12-31T23:59:59.9+23:59"]
TIMESTAMPS_BAD = ["2024-05-01", "2024-05-01 12:00:00", "2023-02-29T00:00:00", "1900-02-29T00:00:00",
                  "2024-04-31T00:00:00", "2024-13-01T00:00:00", "2024-05-01T24:00:00",
                  "2024-05-01T12:00:60", "0000-01-01T00:00:00", "2024-05-01T12:00:00+0000",
                  "2024-05-01t12:00:00z", "2024-05-01T12:00:00.", "２０２４-05-01T12:00:00",
                  "2024-05-01T12:00:00Z\n", "x2024-05-01T12:00:00"]


def test_timestamps_are_iso_strings_or_epoch_numbers(kinds: Service) -> None:
    schema = documents(kinds)["PutItem.request.json"]
    when = schema["$defs"]["PutItemRequest"]["properties"]["When"]
    assert when["type"] == ["string", "number"] and when["pattern"] == TIMESTAMP_ECMA
    check = validator(when)
    for value in TIMESTAMPS_OK + [0, 1714564800, 1.5, -10]:
        assert check.is_valid(value), value
    for value in TIMESTAMPS_BAD[:-2] + [True, None, []]:  # python-jsonschema: `$` before \n
        assert not check.is_valid(value), value


def test_blobs_are_canonical_base64_with_approximate_lengths(kinds: Service) -> None:
    payload = documents(kinds)["PutItem.request.json"]["$defs"]["PutItemRequest"]["properties"][
        "Payload"]
    assert payload["contentEncoding"] == "base64" and payload["pattern"] == BASE64_ECMA
    assert (payload["minLength"], payload["maxLength"]) == base64_length_bounds(2, 5) == (4, 8)
    check = validator(payload)
    for value in ["AAE=", "AAEC", "AAECAw==", "AAECAwQ="]:  # 2..5 bytes
        assert check.is_valid(value), value
    for value in ["AAB=", "AA=", "AAECAwQFBg==", "AAE", "====", "AA-_", 5]:
        assert not check.is_valid(value), value
    # the documented approximation: 1 and 6 bytes pass the lengths (validators reject them)
    assert check.is_valid("AA==") and check.is_valid("AAECAwQF")


def test_base64_regex_accepts_exactly_the_canonical_encodings() -> None:
    import base64

    canonical = re.compile(BASE64_ECMA.replace("$", r"\Z"))
    for n in range(7):
        for data in (bytes(n), bytes(range(n)), b"\xff" * n):
            assert canonical.match(base64.b64encode(data).decode())
    # every 2- and 3-character tail: accepted exactly when it round-trips
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    for tail in [a + b + "==" for a in alphabet for b in alphabet] + [
            "A" + b + c + "=" for b in alphabet for c in alphabet]:
        round_trips = base64.b64encode(base64.b64decode(tail)).decode() == tail
        assert bool(canonical.match(tail)) == round_trips, tail


def test_dollar_does_not_match_before_a_final_newline() -> None:
    """ECMA-262 `$` is the end of input. jsonschema-rs follows that; python-jsonschema uses
    Python `re` (where `$` also matches before a final newline); docs/validation.md says so."""
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    schema = {"type": "string", "pattern": pattern_forms("^[a-z]+$").ecma}
    assert jsonschema_rs.is_valid(schema, "abc")
    assert not jsonschema_rs.is_valid(schema, "abc\n")
    assert jsonschema.Draft202012Validator(schema).is_valid("abc\n")  # the documented caveat
    assert re.search(pattern_forms("^[a-z]+$").python or "", "abc\n") is None


@pytest.mark.parametrize("source, ecma, enforced", [
    ("^[a-z]+$", "^[a-z]+$", True),
    (r"^[a-zA-Z0-9\-\_]+$", r"^[a-zA-Z0-9\-_]+$", True),  # \_ is an Annex B identity escape
    (r"^arn\:aws\-cn$", "^arn:aws-cn$", True),
    (r"(?s).{1,5}", r"[\s\S]{1,5}", True),
    (r"^\{[a-z]*}$", r"^\{[a-z]*\}$", True),
    (r"^\p{L}+$", ..., True),  # the General_Category table, spelled out (test_patterns_unicode)
    (r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF]*",
     "[\\u0020-\\uD7FF\\uE000-\\uFFFD\U00010000-\U0010ffff]*", True),  # UTF-16 pairs: astral
    (r"(?i)abc", "[aA][bB][cC]", True),
    (r"\d{1}+", None, False),
    (r"^\A$", "^^$", True),
    (r"^\p{Alnum}+$", None, False),  # Java's name, not ECMA's
    (r"[\w-_]", r"[0-9A-Z_a-z\-_]", True),  # Annex B: a class escape as a range end
    (r"^(?!a)+b", r"^(?:(?!a))+b", True),  # Annex B: a quantified lookahead
    (r"^(?<!a)+b", None, False),  # a lookbehind takes none in any mode
])
def test_pattern_forms(source: str, ecma: object, enforced: bool) -> None:
    forms = pattern_forms(source)
    assert forms.enforced is enforced
    assert ecma is ... or forms.ecma == ecma, forms.ecma
    if not enforced:
        assert forms.note.startswith("not enforced")


def test_enforced_patterns_of_every_botocore_model_are_unicode_mode_ecma(tmp_path: Path) -> None:
    """All of botocore's patterns: each ECMA spelling compiles with `new RegExp(p, "u")`."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    forms = [pattern_forms(p) for p in botocore_patterns()]
    ecma = [f.ecma for f in forms if f.ecma is not None] + [TIMESTAMP_ECMA, BASE64_ECMA]
    assert len(ecma) > 0.95 * len(forms)
    data = tmp_path / "patterns.json"
    data.write_text(json.dumps(ecma), encoding="utf-8")
    script = ("const ps = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8'));"
              "const bad = ps.filter(p => { try { new RegExp(p, 'u'); return false; }"
              " catch (e) { return true; } }); console.log(JSON.stringify(bad));")
    result = subprocess.run([node, "-e", script, str(data)], capture_output=True, text=True,
                            check=True)
    assert json.loads(result.stdout) == []


def test_fastjsonschema_compiles_the_flagship_schema(ecr: Service) -> None:
    fastjsonschema = pytest.importorskip("fastjsonschema")
    check = fastjsonschema.compile(documents(ecr)["BatchCheckLayerAvailability.request.json"])
    good = {"repositoryName": "my-repo", "layerDigests": ["sha256:abc"]}
    assert check(good) == good
    with pytest.raises(fastjsonschema.JsonSchemaValueException):
        check({**good, "extra": 1})


@pytest.mark.parametrize("source, search", [
    ("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*", "[a-z0-9]"),
    ("[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+", "[a-zA-Z0-9-_+.]:[a-fA-F0-9]"),
    ("[a-z]{2,5}x?", "[a-z]{2}"),
    ("a{2,}", "a{2}"),
    (r"x\b[a-z]*", r"x(?a:\b)"),  # ECMA's boundary is ASCII's
    ("(?=a)b*", "(?=a)"),
    ("^[a-z]+$", r"^[a-z]+\Z"),  # anchored ends stay
    ("^a*b+", "^a*b"),
    ("a|bc*", "a|bc*"),  # top-level alternation: left alone
    (".*", ""), ("^.*", ""), ("[a-z]*", ""),  # every string matches: nothing to check
])
def test_unanchored_patterns_reduce_to_short_searches(source: str, search: str) -> None:
    assert pattern_forms(source).search == search


def test_search_forms_find_exactly_what_the_full_patterns_find() -> None:
    """Differential over every botocore pattern: random strings over the pattern's own
    characters, plus strings generated to match it, searched with both spellings."""
    import random

    rng = random.Random(20240501)
    checked = 0
    for source in botocore_patterns():
        forms = pattern_forms(source)
        if not forms.enforced or forms.search == forms.python:
            continue
        assert forms.python is not None and forms.search is not None
        full = re.compile(forms.python)
        reduced = re.compile(forms.search) if forms.search else None
        alphabet = sorted({c for c in source if c.isprintable()} | set("aZ09-_:/ .\n"))
        for _ in range(25):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
            expected = full.search(text) is not None
            assert (reduced is None or reduced.search(text) is not None) == expected, (
                source, text)
        checked += 1
    assert checked > 1500


@functools.cache
def reduced_patterns() -> list[str]:
    return [p for p in botocore_patterns()
            if pattern_forms(p).enforced and pattern_forms(p).search != pattern_forms(p).python]


@given(data=st.data())
def test_search_forms_find_matching_strings(data: st.DataObject) -> None:
    forms = pattern_forms(data.draw(st.sampled_from(reduced_patterns())))
    assert forms.python is not None and forms.search is not None
    inner = data.draw(st.from_regex(re.compile(forms.python), fullmatch=True))
    text = data.draw(st.text(max_size=3)) + inner + data.draw(st.text(max_size=3))
    expected = re.search(forms.python, text) is not None
    assert (forms.search == "" or re.search(forms.search, text) is not None) == expected
