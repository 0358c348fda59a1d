"""Differential property tests: the generated validators against the emitted JSON Schemas under
four independent implementations (jsonschema, fastjsonschema and jsonschema-rs, with Python's
or Rust's regexes, and ajv, an ECMA-262 engine) and against botocore's ParamValidator, for
every ecr-public operation's request and response (tests/differential.py has the oracles and properties,
tests/surgery.py the value surgery).

The Hypothesis profile decides the examples per property: "ci" (default) is quick,
`HYPOTHESIS_PROFILE=thorough` (bench/thorough.sh) runs 100,000. With BOTOGEN_TALLY=<dir>, each
process writes its examples-run counts there as JSON.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import differential as d
import surgery
from generator.ecma import pattern_forms
from generator.ir import Kind

CASES = d.cases()
IDS = [c.id for c in CASES]


@pytest.fixture(autouse=True)
def tally() -> Iterator[None]:
    """After each test, this process's counts so far (a long run stopped midway keeps them)."""
    yield
    d.save_tally()


def test_every_operation_is_covered() -> None:
    ops = d.service().operations
    assert len(ops) == 23
    assert len(CASES) == 2 * len(ops)
    assert len(NATIVE) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_valid_mutated_and_limit_values(case: d.Case) -> None:
    """Strategy values are valid everywhere; one-constraint mutations are rejected everywhere at
    their path (by botocore iff it checks the constraint); values exactly at a limit are valid
    everywhere."""
    d.value_property(case)()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_arbitrary_json_verdicts_agree(case: d.Case) -> None:
    d.arbitrary_property(case)()


# -- the same properties, run on the compiled validators (`botogen compile`) -------------------

NATIVE = d.cases(native=True)


@pytest.mark.parametrize("case", NATIVE, ids=[c.id for c in NATIVE])
def test_native_valid_mutated_and_limit_values(case: d.Case) -> None:
    d.value_property(case)()


@pytest.mark.parametrize("case", NATIVE, ids=[c.id for c in NATIVE])
def test_native_arbitrary_json_verdicts_agree(case: d.Case) -> None:
    d.arbitrary_property(case)()


# -- limits too large for every example -------------------------------------------------------

def _huge_sites() -> list[tuple[d.Case, tuple[str, ...]]]:
    """(case, member names down to it) of every limit above surgery.HUGE, found in the IR."""
    service, found = d.service(), []
    for c in CASES:
        todo: list[tuple[str, tuple[str, ...]]] = [(c.shape, ())]
        while todo:
            name, names = todo.pop()
            shape = service.shape(name)
            if shape.max is not None and shape.max > surgery.HUGE:
                found.append((c, names))
            todo += [(m.target, names + (m.name,)) for m in shape.members
                     if shape.kind.is_structured and len(names) < 4]
    return found


HUGE = _huge_sites()


def _has(doc: Any, names: tuple[str, ...]) -> bool:
    for name in names:
        if not isinstance(doc, dict) or name not in doc:
            return False
        doc = doc[name]
    return True


@pytest.mark.parametrize("case, names", HUGE, ids=[f"{c.id}-{'.'.join(n)}" for c, n in HUGE])
def test_huge_limits(case: d.Case, names: tuple[str, ...]) -> None:
    """Exactly at a limit above surgery.HUGE is accepted everywhere, one past it rejected
    everywhere: checked on one value (each costs seconds), whatever the profile."""
    assert len(HUGE) >= 4  # ImageManifest (2 cases), LayerPartBlob, LogoImageBlob (2 cases)

    @settings(max_examples=1)
    @given(value=case.strategy().filter(lambda v: _has(v.to_json(), names)))
    def prop(value: Any) -> None:
        base = value.to_json(), value.to_dict()
        node = next(n for n in surgery.nodes(d.service(), case.shape, *base) if n.path == names)
        limit = surgery.Site("max", node, node.shape.max)
        d.check_valid(case, case.validator(), *surgery.boundary(limit, base))
        m = surgery._limit_mutation(limit, base, lambda dw, checked: surgery.Mutation(
            "max", names, dw[0], dw[1], checked))
        d.check_rejected(case, case.validator(), m)

    prop()


# -- the deliberate gaps, pinned ----------------------------------------------------------------

GAP_CASE = d.case("DescribeImages", "request")  # maxResults: integer 1..1000


def test_deliberate_gaps() -> None:
    """Where the oracles differ by design (docs/validation.md), each side says what it says."""
    schema = d.schema_oracles("DescribeImages", "request")
    validate, shape = GAP_CASE.validator(), GAP_CASE.botocore_shape()
    base = {"repositoryName": "my-repo"}
    for value, json_ok, validator_ok, botocore_ok in (
        (10.0, True, False, False),  # JSON Schema counts 1.0 as an integer; botocore does not
        (True, False, False, True),  # botocore takes a bool as an int; JSON and we do not
    ):
        doc = {**base, "maxResults": value}
        assert (schema.jsonschema_paths(schema.json, doc) == set()) is json_ok
        assert (schema.rs_paths(doc) == set()) is json_ok
        assert (schema.fast_paths(doc) == set()) is json_ok
        assert (schema.jsonschema_paths(schema.python, doc) == set()) is validator_ok
        assert (validate(doc) == []) is validator_ok
        assert (d.botocore_paths(shape, doc) == set()) is botocore_ok
    # a timestamp as True: botocore reads it as epoch second 1; the validators and schema refuse
    response = d.case("GetAuthorizationToken", "response")
    token = {"authorizationData": {"expiresAt": True}}
    assert response.validator()(token) != []
    assert d.schema_oracles("GetAuthorizationToken", "response").rs_paths(token) != set()
    assert d.botocore_paths(response.botocore_shape(), token) == set()


def test_dollar_before_a_final_newline() -> None:
    """python-jsonschema alone lets `$` match before a final newline; the oracle adapter gives it
    ECMA's meaning, which jsonschema-rs, fastjsonschema and the validators share."""
    import jsonschema

    schema = {"type": "string", "pattern": "^a$"}
    assert jsonschema.Draft202012Validator(schema).is_valid("a\n")
    assert not d.JsonSemantics(schema).is_valid("a\n") and d.JsonSemantics(schema).is_valid("a")
    blob = {"repositoryName": "ab", "uploadId": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
            "partFirstByte": 0, "partLastByte": 1, "layerPartBlob": "AAAA\n"}
    oracle = d.schema_oracles("UploadLayerPart", "request")
    assert oracle.jsonschema_paths(oracle.json, blob) == oracle.rs_paths(blob) == {"layerPartBlob"}
    assert d.issue_paths(d.case("UploadLayerPart", "request").validator()(blob)) == {
        "layerPartBlob"}


def test_oracle_patterns_need_only_dollar() -> None:
    """The emitted schemas' patterns use no construct whose meaning differs between Python `re`
    and ECMA-262 other than `$` (\\d, \\w, \\s, \\b, `.`): were one added, the ECMA adapter in
    tests/differential.py would need to learn it."""
    patterns = set()
    for path in (d.ROOT / "schemas" / d.SERVICE_NAME).glob("*.json"):
        patterns |= set(_patterns(json.loads(path.read_text(encoding="utf-8"))))
    assert patterns
    for p in patterns:
        unescaped = p.replace("\\\\", "")
        for construct in ("\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "\\b", "\\B"):
            assert construct not in unescaped, (p, construct)
        assert "." not in unescaped.replace("\\.", "").replace("[._-]", "").replace(
            "[a-zA-Z0-9-_+.]", ""), p


def _patterns(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern":
                yield value
            elif key not in ("description", "$comment", "examples"):
                yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


def test_request_patterns_are_exercised() -> None:
    """The mutation property has pattern sites in requests (and no enum ones: ecr-public's
    requests have no enums, its responses are not checked for them)."""
    service = d.service()
    patterned = {s.name for s in service.reached() if s.name in service.input_shapes
                 and s.pattern and pattern_forms(s.pattern).enforced}
    assert patterned == {"LayerDigest", "RegistryId", "RepositoryName", "UploadId"}
    assert not [s for s in service.reached() if s.name in service.input_shapes and s.is_enum]


def test_blob_and_timestamp_forms() -> None:
    """The two forms of a leaf agree: a datetime and its ISO string, bytes and base64."""
    c = d.case("GetAuthorizationToken", "response")
    when = datetime(2024, 5, 1, 12, 0, 0, 123000, tzinfo=timezone.utc)
    value = c.model_class().from_dict({"authorizationData": {"expiresAt": when,
                                                            "authorizationToken": "dG9r"}})
    d.check_valid(c, c.validator(), value.to_json(), value.to_dict())
    blob = d.case("UploadLayerPart", "request")
    wire = {"repositoryName": "ab", "uploadId": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
            "partFirstByte": 0, "partLastByte": 1, "layerPartBlob": b"\x00\xff"}
    doc = {**wire, "layerPartBlob": base64.b64encode(b"\x00\xff").decode()}
    d.check_valid(blob, blob.validator(), doc, wire)
    assert all(s.kind is not Kind.MAP for s in d.service().reached())  # no map keys to mutate
