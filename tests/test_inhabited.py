"""generator/inhabited.py: how strategies draw strings an enforced pattern accepts within its
bounds, and which shapes have no valid value. Witnesses are checked by Node's RegExp."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ecma_oracle import NODE, EcmaOracle

from generator import pipeline
from generator.ecma import pattern_forms
from generator.inhabited import Draw, string_values, without_values
from generator.ir import Kind, Shape


def _string(pattern: str, lo: int | None = None, hi: int | None = None) -> Shape:
    return Shape("S", Kind.STRING, pattern=pattern, min=lo, max=hi)


@pytest.mark.parametrize("pattern, lo, hi, draw", [
    ("^[a-z]+$", None, None, Draw.FULL),
    ("[a-z]+", 3, 5, Draw.FULL),
    ("(?<=a)b", None, None, Draw.EITHER),  # lookarounds: undecided here
    ("^(?!x)[a-z]+$", None, None, Draw.EITHER),
    ("\\Ba", None, None, Draw.SEARCH),  # no full match: `a` alone is at a boundary
    ("^a{5}", 7, 9, Draw.SEARCH),  # the full match is too short, searched ones fit
    ("x$y", None, None, Draw.EMPTY),
    (".*/^[\\d]{12}$/.*", None, None, Draw.EMPTY),  # dataexchange's AwsAccountId
    ("[0-9a-f]{8}-[0-9a-f]{4}", 5, 5, Draw.EMPTY),  # every match is longer than the bound
    ("^a{5}", 0, 4, Draw.EMPTY),
    ("\\p{L}", None, None, Draw.FULL),  # not enforced: any text is valid
])
def test_how_strings_are_drawn(pattern: str, lo: int | None, hi: int | None,
                               draw: Draw) -> None:
    assert string_values(_string(pattern, lo, hi)).draw is draw


@pytest.mark.skipif(NODE is None, reason="needs Node.js, the ECMA-262 oracle")
@pytest.mark.parametrize("pattern, lo, hi", [("\\Ba", None, None), ("^a{5}", 7, 9),
                                             ("\\b\\d\\B", 4, None), ("\\B\\d", None, 3)])
def test_witnesses_are_accepted_by_an_ecma_engine(pattern: str, lo: int | None,
                                                  hi: int | None) -> None:
    values = string_values(_string(pattern, lo, hi))
    assert values.draw is Draw.SEARCH and values.witness is not None
    assert (lo or 0) <= len(values.witness) <= (hi if hi is not None else 10**9)
    with EcmaOracle() as node:
        assert node.test(str(pattern_forms(pattern).ecma), [values.witness]) == [True]


def _service(tmp_path: Path, shapes: dict[str, Any], request_members: dict[str, Any],
             required: list[str]) -> Any:
    model = {
        "version": "2.0",
        "metadata": {"apiVersion": "2024-01-01", "endpointPrefix": "inh", "protocol": "json",
                     "serviceFullName": "Inhabited", "serviceId": "inh", "signatureVersion":
                     "v4", "targetPrefix": "Inh", "jsonVersion": "1.1", "uid": "inh"},
        "operations": {"Put": {"name": "Put", "http": {"method": "POST", "requestUri": "/"},
                               "input": {"shape": "PutRequest"}}},
        "shapes": {"PutRequest": {"type": "structure", "required": required,
                                  "members": request_members}, **shapes},
    }
    path = tmp_path / "service-2.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    return pipeline.load(model=str(path), service_name="inh")


def test_no_value_propagates_through_required_members_and_non_empty_lists(
        tmp_path: Path) -> None:
    shapes = {
        "Never": {"type": "string", "pattern": "a^"},
        "Items": {"type": "list", "member": {"shape": "Never"}, "min": 1},
        "MaybeItems": {"type": "list", "member": {"shape": "Never"}},
        "Holder": {"type": "structure", "required": ["Items"],
                   "members": {"Items": {"shape": "Items"}}},
        "Loop": {"type": "structure", "required": ["Next"], "members": {"Next": {"shape":
                                                                                  "Loop"}}},
        "Tree": {"type": "structure", "members": {"Child": {"shape": "Tree"}}},
        "Either": {"type": "structure", "union": True,
                   "members": {"A": {"shape": "Never"}, "B": {"shape": "MaybeItems"}}},
    }
    members = {name: {"shape": name} for name in ("Holder", "Loop", "Tree", "Either",
                                                  "MaybeItems")}
    reasons = without_values(_service(tmp_path, shapes, members, []))
    assert reasons == {
        "Never": "no string matches pattern 'a^'",
        "Items": "at least 1 items are required and an item has no value",
        "Holder": "required member 'Items' (Items) has no value",
        "Loop": "required member 'Next' (Loop) has no value",  # only infinite values
    }
    required = without_values(_service(tmp_path, shapes, members, ["Loop"]))
    assert required["PutRequest"] == "required member 'Loop' (Loop) has no value"


def test_the_corpus_shapes_without_values() -> None:
    """botocore ships a few patterns no string satisfies; ec2 generates anyway, and its
    emitted tests skip the operations that need such a value, saying why."""
    ec2 = without_values(pipeline.load("ec2"))
    assert ec2["PlacementGroupArn"].startswith("no string matches pattern '^arn:aws")
    apprunner = without_values(pipeline.load("apprunner"))
    assert apprunner["ServiceId"].startswith("no string of 32 to 32 characters matches")
