"""The validators' report helpers as source (generator/runtime/validation.py): botocore's
wording, the value checks, the report's end on odd input, and how the generated modules and
the compiled build take them."""

from __future__ import annotations

import base64
import dataclasses
import math
import re
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import pytest
from botocore.validate import ValidationErrors

from conftest import ROOT
from generator.ecma import BASE64_ECMA, TIMESTAMP_ECMA, fixed_python
from generator.emit import runtime
from generator.runtime import validation as v
from helpers import import_generated

ValidationIssue = v.ValidationIssue


def botocore_says(name: str, reason: str, **details: Any) -> str:
    """The message botocore's ParamValidator reports for one error."""
    errors = ValidationErrors()
    errors.report(name, reason, **details)
    return str(errors.generate_report())


def test_messages_are_botocores() -> None:
    cases: list[tuple[ValidationIssue, str]] = [
        (v._missing("", "input", "name"),
         botocore_says("", "missing required field", required_name="name")),
        (v._missing("a.", "a", "b"), botocore_says("a", "missing required field",
                                                    required_name="b")),
        (v._unknown("", "input", "x", "a, b"),
         botocore_says("", "unknown field", unknown_param="x", valid_names=["a", "b"])),
        (v._type_issue("a[0]", 3.5, "<class 'str'>"),
         botocore_says("a[0]", "invalid type", param=3.5, valid_types=["<class 'str'>"])),
        (v._type_issue("", [], "<class 'dict'>"),
         botocore_says("", "invalid type", param=[], valid_types=["<class 'dict'>"])),
        (v._length_min("n", 0, 1),
         botocore_says("n", "invalid length", param=0, min_allowed=1)),
        (v._value_min("n", -1, 0), botocore_says("n", "invalid range", param=-1, min_allowed=0)),
        (v._union_many("u", "u", "a, b"),
         botocore_says("u", "more than one input", members=["a", "b"])),
        (v._union_empty("u", "u", "a, b"), botocore_says("u", "empty input", members=["a", "b"])),
    ]
    for issue, message in cases:
        assert issue.message == message


def test_our_messages_follow_the_same_style() -> None:
    assert v._length_max("n", 9, 8).message == (
        "Invalid length for parameter n, value: 9, valid max length: 8")
    assert v._value_max("n", 9, 8).message == (
        "Invalid value for parameter n, value: 9, valid max value: 8")
    assert v._pattern_issue("n", "x", "[0-9]+").message == (
        "Invalid value for parameter n, value: x, valid pattern: [0-9]+")
    assert v._enum_issue("n", "x", "A, B").message == (
        "Invalid value for parameter n, value: x, valid values: A, B")


def test_text_never_raises() -> None:
    class Bad:
        def __str__(self) -> str:
            raise ValueError

    assert v._text(Bad()) == "<Bad object>"
    assert v._text(10**5000) == f"<int of {(10**5000).bit_length()} bits>"
    assert v._text(None) == "None"


def test_issue_is_a_frozen_value() -> None:
    issue = ValidationIssue("a", "b")
    assert issue == ValidationIssue("a", "b") != ValidationIssue("a", "c")
    assert hash(issue) == hash(ValidationIssue("a", "b"))
    assert repr(issue) == "ValidationIssue(path='a', message='b')"
    assert dataclasses.astuple(issue) == ("a", "b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        issue.path = "c"  # type: ignore[misc]
    assert not hasattr(issue, "__dict__")


def test_report_ends_with_one_issue_on_odd_input() -> None:
    def deep(data: object, path: str, issues: list[ValidationIssue]) -> None:
        issues.append(ValidationIssue("a", "first"))
        raise RecursionError

    def odd(data: object, path: str, issues: list[ValidationIssue]) -> None:
        raise KeyError(data)

    assert [i.message for i in v._report(deep, None)] == [
        "first", "Parameter validation stopped: input nested too deeply"]
    assert v._report(odd, 1) == [
        ValidationIssue("", "Parameter validation stopped: KeyError raised")]


def test_numbers() -> None:
    assert v._int_ok(3) and not v._int_ok(True) and not v._int_ok(3.0)
    assert v._num_ok(Decimal("NaN"), 0, 1) and v._num_ok(math.nan, 0, 1)
    assert not v._num_ok(True, None, None) and not v._num_ok(2, 0, 1)
    issues: list[ValidationIssue] = []
    v._num_check(2.5, "n", 0, 1, issues)
    v._num_check("1", "m", None, None, issues)
    v._num_check(Decimal("NaN"), "k", 0, 1, issues)
    assert [i.path for i in issues] == ["n", "m"]
    assert issues[1].message.endswith(
        "valid types: <class 'float'>, <class 'decimal.Decimal'>, <class 'int'>")


def test_timestamps() -> None:
    assert v._TIMESTAMP.pattern == fixed_python(TIMESTAMP_ECMA)
    good = ["2024-02-29T12:00:00Z", "2023-12-31T23:59:59.5+01:00",
            datetime(2024, 1, 1, tzinfo=timezone.utc), 0, 1.5]
    bad = ["2023-02-29T12:00:00Z", "0000-01-01T00:00:00Z", "2024-01-01T00:00:00Z\n", math.inf,
           math.nan, True, None]
    assert all(v._ts_ok(x) for x in good)
    assert not any(v._ts_ok(x) for x in bad)


@pytest.mark.parametrize("size", range(9))
def test_base64_length_is_the_canonical_pattern(size: int) -> None:
    canonical = re.compile(fixed_python(BASE64_ECMA))
    raw = bytes(range(200, 200 + size))
    text = base64.b64encode(raw).decode()
    assert v._base64_length(text) == size
    variants = [text + "=", text[:-1] + "A" if text else "A", text.replace("=", "A"),
                text + "\n", "é" * 4, text[:-2] + "B=" if text.endswith("==") else text + "AA=="]
    for candidate in variants:
        expected = len(base64.b64decode(candidate)) if canonical.fullmatch(candidate) else -2
        assert v._base64_length(candidate) == expected, candidate


def test_blobs() -> None:
    class File:
        def read(self) -> bytes:
            return b""

    assert v._blob_length(b"abc") == 3 and v._blob_length(File()) == -1
    assert v._blob_length("not base64!") == -2 and v._blob_length(3) == -3
    assert v._blob_ok(File(), 10, 20) and not v._blob_ok(b"", 1, None)
    issues: list[ValidationIssue] = []
    for x in (3, "@@@@", b"", b"abc"):
        v._blob_check(x, "b", 1, 2, issues)
    assert [i.message.split(",")[0] for i in issues] == [
        "Invalid type for parameter b", "Invalid value for parameter b",
        "Invalid length for parameter b", "Invalid length for parameter b"]


def test_documents_follow_botocores_order_and_end_cycles() -> None:
    loop: list[object] = []
    loop.append(loop)
    assert v._doc_ok({"a": [1, "x", None, 2.5, {"b": True}]})
    assert not v._doc_ok(loop) and not v._doc_ok({"a": {1, 2}})
    issues: list[ValidationIssue] = []
    v._doc_check({"a": [object.__new__(type("X", (), {}))], "b": loop}, "doc", issues)
    assert [i.path for i in issues] == ["doc.a[0]", "doc.b[0]"]
    assert issues[0].message.startswith("Invalid type for document parameter a[0], value: <")
    assert issues[1].message == "Invalid document parameter b[0]: it contains itself"


def test_json_values() -> None:
    assert v._json_ok({"a": [1]}) and not v._json_ok({1j})
    issues: list[ValidationIssue] = []
    v._json_check(object(), "h", issues)
    assert issues[0].message.startswith("Invalid parameter h must be json serializable: ")


def test_string_lists() -> None:
    assert v._strs_ok(["ab", "c"], 1, 2) and v._strs_ok([], 1, 2)
    assert not v._strs_ok(["ab", 1], 0, None) and not v._strs_ok(["abc"], 0, 2)
    assert not v._strs_ok(["", "a"], 1, None)


def test_generated_modules_reexport_the_issue_type() -> None:
    module = import_generated(ROOT, "ecr_public.validators")
    assert "ValidationIssue" in module.__all__
    assert module.ValidationIssue.__module__ == "generated._runtime.validation"


def test_compiled_build_takes_the_code_after_the_mark() -> None:
    imports, body = runtime.compiled_validation()
    assert all(re.fullmatch(r"(import \w+|from [\w.]+ import \w+)", line) for line in imports)
    assert "class ValidationIssue" not in body and "def _report(" in body
    assert set(runtime.VALIDATION_NAMES) - {"ValidationIssue"} <= set(
        re.findall(r"^(?:def )?(\w+)", body, re.M))
