"""The differential properties have teeth: validators generated from a copy of the ecr-public IR
with one constraint removed (the flagship's `max` of 100 layer digests; the repository name's
`pattern`) must make them fail, the failure naming the constraint and the path; the real
validators pass the same properties (tests/test_differential.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import Phase, settings

import differential as d
from helpers import import_emitted_validators

FLAGSHIP = d.case("BatchCheckLayerAvailability", "request")
# Enough examples that the one broken site is drawn under any profile; the property stops at
# the first failure, unshrunk (shrinking would only cost time here).
HUNT = settings(max_examples=1000, derandomize=True, database=None, print_blob=False,
                phases=[Phase.generate])


def broken_validators(tmp_path: Path, shape: str, **removed: Any) -> ModuleType:
    """The validators module emitted for the IR with `shape` changed as given."""
    service = d.service()
    changed = dataclasses.replace(service.shapes[shape], **removed)
    broken = dataclasses.replace(service, shapes={**service.shapes, shape: changed})
    return import_emitted_validators(broken, tmp_path / f"broken_{shape}.py",
                                     f"_broken_validators_{shape}")


def counterexample(prop: Any) -> str:
    """Run a property that must fail; the failure's text."""
    with pytest.raises(AssertionError) as failed:
        HUNT(prop)()
    return str(failed.value)


@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # the 101-digest example
def test_a_missing_max_is_found(tmp_path: Path) -> None:
    module = broken_validators(tmp_path, "BatchedOperationLayerDigestList", max=None)
    broken = FLAGSHIP.validator(module)
    assert broken({"repositoryName": "ab", "layerDigests": ["d"] * 101}) == []  # it is broken
    found = counterexample(d.value_property(FLAGSHIP, broken))
    assert found.startswith("validator (JSON form) on a max mutation: reported []"), found
    assert found.endswith("expected ['layerDigests']"), found
    found = counterexample(d.arbitrary_property(FLAGSHIP, broken))
    assert found.startswith("validator against jsonschema"), found
    assert "'layerDigests'" in found, found


def test_a_missing_pattern_is_found(tmp_path: Path) -> None:
    module = broken_validators(tmp_path, "RepositoryName", pattern=None)
    broken = FLAGSHIP.validator(module)
    assert broken({"repositoryName": "!!", "layerDigests": ["d"]}) == []  # it is broken
    found = counterexample(d.value_property(FLAGSHIP, broken))
    assert found == ("validator (JSON form) on a pattern mutation: reported [], "
                     "expected ['repositoryName']"), found
