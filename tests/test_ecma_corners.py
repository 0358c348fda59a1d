"""The hard corners of ECMA-262 patterns on real services: validators and strategies against
ajv, a real ECMA-262 engine (tests/ajv_oracle.py).

A few services with hard patterns are generated into a temporary directory at test time
(kinesis's StreamARN `arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+`, where `.` must not match
`\\r`; `\\s`, `\\w`, `\\d`, `$` and `\\p{..}` elsewhere). For each, a request drawn from the
emitted strategy must be valid for the emitted validator and for ajv on the emitted schema,
and the same request with one string changed by a character Python's and ECMA's regexes
disagree on (`\\r`, `\\u2028`, a newline before the end, non-ASCII digits and letters, the
`\\s` differences `\\x1c`, `\\x85`, `\\ufeff`) must get the same errors from both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ajv_oracle
import surgery
from generator import pipeline
from generator.ir import Kind, Operation, Service
from helpers import generate_into, import_generated

SERVICES = ("kinesis", "codestar-notifications", "resource-groups", "cleanroomsml")
# Where Python `re` and ECMA-262 (Unicode mode) differ: line terminators for `.` and `$`,
# \s (Python has \x1c-\x1f and \x85, lacks \ufeff), \d and \w (ASCII in ECMA), case folding.
PROBES = ("\r", "\n", "\u2028", "\u2029", "\x1c", "\x1f", "\x85", "\ufeff", "\xa0", "\t",
          "\v", " ", "\u0663", "\uff11", "\u00e9", "\u00df", "\u212a", "\u017f", "\u0130",
          "\U0001d7d8", "\U0001f600", "_", "-", "a", "Z", "0")


@dataclass
class Generated:
    service: Service
    validators: ModuleType
    strategies: ModuleType
    schemas: dict[str, int]  # file name -> ajv's compiled schema

    def check(self, op: Operation, doc: Any) -> tuple[set[str], set[str]]:
        """(validator's paths, ajv's paths) for a request document."""
        ours = {i.path for i in getattr(self.validators, f"validate_{op.snake_name}_request")(doc)}
        theirs = set()
        for e in ajv_oracle.shared().errors(self.schemas[f"{op.name}.request.json"], [doc])[0]:
            base = surgery.dotted(ajv_oracle.pointer_tokens(doc, e["path"]))
            extra = e["params"].get("missingProperty", e["params"].get("additionalProperty"))
            theirs.add(f"{base}.{extra}" if extra and base else extra or base)
        return ours, theirs


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ecma-corners")
    generate_into(out, "--jobs", "1", *SERVICES)
    return out


@cache
def _generated(root: Path, name: str) -> Generated:
    service = pipeline.load(name)
    validators = import_generated(root, f"{service.module_name}.validators")
    strategies = import_generated(root, f"{service.module_name}.strategies")
    ajv = ajv_oracle.shared()
    schemas = {p.name: ajv.compile(json.loads(p.read_text(encoding="utf-8")))
               for p in (root / "schemas" / name).glob("*.request.json")}
    return Generated(service, validators, strategies, schemas)


def _probe(text: str) -> st.SearchStrategy[str]:
    """`text` with one probe character put in, put in place of one, or appended."""
    where = st.integers(0, len(text))
    return st.tuples(st.sampled_from(PROBES), where, st.booleans()).map(
        lambda t: text[:t[1]] + t[0] + text[t[1] + (1 if t[2] else 0):])


@pytest.mark.parametrize("name", SERVICES)
def test_validators_agree_with_ajv(root: Path, name: str) -> None:
    g = _generated(root, name)
    ops = [op for op in g.service.operations if op.input is not None]
    tally = {"valid": 0, "probed": 0, "rejected": 0}

    @settings(max_examples=120)
    @given(data=st.data())
    def prop(data: st.DataObject) -> None:
        op = data.draw(st.sampled_from(ops), label="operation")
        value = data.draw(getattr(g.strategies, f"{op.snake_name}_request")(), label="value")
        doc = value.to_json()
        assert g.check(op, doc) == (set(), set()), "a strategy value is invalid"
        tally["valid"] += 1
        assert op.input is not None
        strings = [n for n in surgery.nodes(g.service, op.input, doc, value.to_dict())
                   if n.shape.kind is Kind.STRING and not n.shape.is_enum]
        if not strings:
            return
        patterned = [n for n in strings if n.shape.pattern] or strings
        node = data.draw(st.sampled_from(patterned), label="string")
        probed = surgery.replaced(doc, node.path, data.draw(_probe(node.doc), label="probe"))
        ours, theirs = g.check(op, probed)
        assert ours == theirs, f"{op.name} {surgery.dotted(node.path)}: validator {ours}, ajv {theirs}"
        tally["probed"] += 1
        tally["rejected"] += bool(ours)

    prop()
    assert tally["valid"] >= 60 and tally["probed"] >= 30 and tally["rejected"] >= 5, tally


STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/s"


@pytest.mark.parametrize(("arn", "valid"), [
    (STREAM_ARN, True),
    (STREAM_ARN.replace("aws:", "aws-cn:", 1), True),
    (STREAM_ARN.replace("aws:", "aws\r:", 1), False),  # `.` stops at \r in ECMA, not in Python
    (STREAM_ARN.replace("aws:", "aws\u2028:", 1), False),
    (STREAM_ARN.replace("aws:", "aws\n:", 1), False),
    (STREAM_ARN.replace("123456789012", "\u0661" * 12), False),  # \d is ASCII in ECMA
    (STREAM_ARN.replace("stream/s", "stream/\ufeff"), False),  # \S excludes \ufeff in ECMA
    (STREAM_ARN.replace("stream/s", "stream/\x1c"), True),  # ... and keeps \x1c, unlike Python
    (STREAM_ARN.replace("stream/s", "stream/\x85"), True),
])
def test_kinesis_stream_arn(root: Path, arn: str, valid: bool) -> None:
    g = _generated(root, "kinesis")
    op = next(o for o in g.service.operations if o.name == "DescribeStreamSummary")
    ours, theirs = g.check(op, {"StreamARN": arn})
    assert ours == theirs == (set() if valid else {"StreamARN"})


def test_missing_ajv_fails_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without tests/js/node_modules the ECMA oracle refuses to start, naming the command."""
    monkeypatch.setattr(ajv_oracle, "JS", tmp_path)
    with pytest.raises(RuntimeError, match="README's test command.*npm ci --prefix tests/js"):
        ajv_oracle.Ajv()
