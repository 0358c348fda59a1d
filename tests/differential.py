"""Independent oracles for the generated validators, and the differential properties that tie
them together (used by tests/test_differential.py and tests/test_broken_validator.py).

Every oracle answers one question, "which parameter paths does this value get wrong?", in
botocore's spelling (`layerDigests[3]`; a missing or unknown member at its own path):
- the generated validator (`ValidationIssue.path`), on both value forms;
- the emitted JSON Schema under python-jsonschema (Draft202012Validator), jsonschema-rs,
  fastjsonschema (first error only: it stops there) and ajv (Node, 2020-12 mode: patterns are
  ECMA-262 `new RegExp(p, "u")`, tests/ajv_oracle.py), on the JSON form;
- botocore's ParamValidator, on the botocore form, for requests and (as botocore's Stubber
  does) responses.
Everything is derived from the IR of generator.pipeline.load(SERVICE_NAME).
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import botocore.session
import fastjsonschema
import jsonschema
import jsonschema_rs
from botocore.validate import ParamValidator
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, ValidationError

import ajv_oracle
import surgery
from conftest import ROOT
from generator import pipeline
from generator.ir import Operation, Service
from helpers import import_native

SERVICE_NAME = "ecr-public"
Validate = Callable[[object], list[Any]]
# Checks passed per (property, case), for bench/thorough.sh: written by test_differential after
# each test, and every 5,000 examples here, so a long run stopped midway still has its counts.
TALLY: Counter[tuple[str, str]] = Counter()
_FLUSH_EVERY = 5_000


def save_tally() -> None:
    where = os.environ.get("BOTOGEN_TALLY")
    if where:
        counts = [{"property": p, "case": c, "examples": n} for (p, c), n in TALLY.items()]
        path = Path(where, f"tally-{os.getpid()}.json")
        path.with_suffix(".tmp").write_text(json.dumps(counts), encoding="utf-8")
        path.with_suffix(".tmp").replace(path)  # a reader never sees half a file


def _count(key: tuple[str, str]) -> None:
    TALLY[key] += 1
    if sum(TALLY.values()) % _FLUSH_EVERY == 0:
        save_tally()


@functools.cache
def service() -> Service:
    return pipeline.load(SERVICE_NAME)


def generated(part: str) -> ModuleType:
    module = importlib.import_module(f"generated.{service().module_name}.{part}")
    assert module.__file__ is not None and module.__file__.endswith(".py"), (
        f"{module.__file__} shadows {part}.py in the checkout (`botogen compile`): delete it "
        "to test the pure module (the native properties build their own)")
    return module


@functools.cache
def _botocore_model() -> Any:
    return botocore.session.get_session().get_service_model(SERVICE_NAME,
                                                            service().api_version)


@dataclass(frozen=True)
class Case:
    """One operation's request or response."""

    operation: Operation
    role: str  # request | response
    shape: str
    native: bool = False  # the `botogen compile` build of the validators, not validators.py

    @property
    def id(self) -> str:
        return f"{self.operation.name}-{self.role}" + ("-native" if self.native else "")

    @property
    def request(self) -> bool:
        return self.role == "request"

    def strategy(self) -> st.SearchStrategy[Any]:
        return getattr(generated("strategies"), f"{self.operation.snake_name}_{self.role}")()

    def validator(self, module: ModuleType | None = None) -> Validate:
        module = module or (native_validators() if self.native else generated("validators"))
        found: Validate = getattr(module, f"validate_{self.operation.snake_name}_{self.role}")
        return found

    def model_class(self) -> Any:
        return getattr(generated("models"), service().shape(self.shape).class_name)

    def botocore_shape(self) -> Any:
        op = _botocore_model().operation_model(self.operation.name)
        return op.input_shape if self.request else op.output_shape


@functools.cache
def native_validators() -> ModuleType:
    return import_native(service())


def cases(native: bool = False) -> list[Case]:
    return [Case(op, role, shape, native) for op in service().operations
            for role, shape in (("request", op.input), ("response", op.output)) if shape]


def case(operation: str, role: str) -> Case:
    return next(c for c in cases() if c.operation.name == operation and c.role == role)


# -- python-jsonschema, made to mean what the documents mean ------------------------------------

@functools.cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    """ECMA-262's `$` (outside a class) is the end of input; Python's also matches before a final
    newline. python-jsonschema applies `pattern` with Python's meaning (docs/validation.md),
    jsonschema-rs and fastjsonschema with ECMA's, so it is given ECMA's here. Other differences
    (`\\d`, `\\w`, `\\s`, `.`) are kept out by test_oracle_patterns_need_only_dollar."""
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(ch)
    return re.compile("".join(out))


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any
                  ) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and _ecma_regex(pattern).search(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# JSON's number model: 1.0 is an integer (what every JSON Schema implementation does).
JsonSemantics = jsonschema.validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})
# The validators' documented model (docs/validation.md, as botocore): an integer is an int,
# never a float, even an integral one. Used where the generated validator is the other side.
PythonSemantics = jsonschema.validators.extend(
    JsonSemantics, type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, x: isinstance(x, int) and not isinstance(x, bool)))


def _at(doc: Any, path: Iterable[Any]) -> Any:
    for token in path:
        doc = doc[token]
    return doc


def _joined(base: str, key: object) -> str:
    return f"{base}.{key}" if base else str(key)


def _named(keyword: str, instance: Any, schema: Any) -> list[str] | None:
    """The members a `required` or `additionalProperties` error is about: botocore reports
    each at its own path, JSON Schema at the object's."""
    if keyword == "required":
        return [r for r in schema["required"] if r not in instance]
    if keyword == "additionalProperties":
        return [k for k in instance if k not in schema.get("properties", {})]
    return None


@dataclass
class SchemaOracles:
    """The emitted schema of one case under four independent implementations."""

    document: dict[str, Any]

    def __post_init__(self) -> None:
        self.json = JsonSemantics(self.document)
        self.python = PythonSemantics(self.document)
        self.rs = jsonschema_rs.validator_for(self.document)
        self.fast = fastjsonschema.compile(self.document)
        self.ajv = ajv_oracle.shared().compile(self.document)

    @staticmethod
    def jsonschema_paths(validator: Any, doc: Any) -> set[str]:
        out: set[str] = set()
        for e in validator.iter_errors(doc):
            base = surgery.dotted(tuple(e.absolute_path))
            names = _named(str(e.validator), e.instance, e.schema)
            out.update([_joined(base, n) for n in names] if names is not None else [base])
        return out

    def rs_paths(self, doc: Any) -> set[str]:
        out: set[str] = set()
        for e in self.rs.iter_errors(doc):
            base = surgery.dotted(tuple(e.instance_path))
            kind = type(e.kind).__name__
            names = ([getattr(e.kind, "property")] if kind == "Required" else
                     list(getattr(e.kind, "unexpected")) if kind == "AdditionalProperties"
                     else None)
            if kind == "FalseSchema" and list(e.schema_path)[-1:] == ["additionalProperties"]:
                # jsonschema-rs 0.x: an object schema without `properties` reports its unknown
                # keys as one FalseSchema error at the object's path; every key is unknown there
                names = list(_at(doc, e.instance_path))
            out.update([_joined(base, n) for n in names] if names is not None else [base])
        return out

    def ajv_paths(self, doc: Any) -> set[str] | None:
        """ajv's paths; None for a document JSON.parse cannot give it exactly (an integer
        past 2**53), or one V8's regex engine cannot take (it overflows its stack on the
        multi-megabyte base64 strings of test_huge_limits)."""
        if not ajv_oracle.representable(doc):
            return None
        try:
            errors = ajv_oracle.shared().errors(self.ajv, [doc])[0]
        except ajv_oracle.AjvError as exc:
            if "Maximum call stack" in str(exc) and ajv_oracle.longest_string(doc) > 10**6:
                return None
            raise
        out: set[str] = set()
        for e in errors:
            base = surgery.dotted(ajv_oracle.pointer_tokens(doc, e["path"]))
            params = e["params"]
            names = ([params["missingProperty"]] if e["keyword"] == "required" else
                     [params["additionalProperty"]] if e["keyword"] == "additionalProperties"
                     else None)
            out.update([_joined(base, n) for n in names] if names is not None else [base])
        return out

    def fast_paths(self, doc: Any) -> set[str]:
        try:
            self.fast(doc)
        except fastjsonschema.JsonSchemaValueException as e:
            base = str(e.name)[len("data"):].removeprefix(".")
            names = _named(str(e.rule), e.value, e.definition)
            return {_joined(base, n) for n in names} if names is not None else {base}
        return set()


@functools.cache
def schema_oracles(operation: str, role: str) -> SchemaOracles:
    path = ROOT / "schemas" / SERVICE_NAME / f"{operation}.{role}.json"
    return SchemaOracles(json.loads(path.read_text(encoding="utf-8")))


def botocore_paths(shape: Any, params: Any) -> set[str]:
    out = set()
    for kind, name, details in ParamValidator().validate(params, shape)._errors:
        name = name.removeprefix(".")
        if kind == "missing required field":
            out.add(_joined(name, details["required_name"]))
        elif kind == "unknown field":
            out.add(_joined(name, details["unknown_param"]))
        else:
            out.add(name)
    return out


def issue_paths(issues: Iterable[Any]) -> set[str]:
    return {i.path for i in issues}


# -- the properties -----------------------------------------------------------------------------

def _forms(value: Any) -> tuple[Any, Any]:
    doc, wire = value.to_json(), value.to_dict()
    assert json.loads(json.dumps(doc)) == doc  # the JSON form is plain JSON
    return doc, wire


def check_valid(c: Case, validate: Validate, doc: Any, wire: Any) -> None:
    """Accepted by every oracle. (python-jsonschema runs with JSON's semantics only: the values
    here have no integral floats, so the validators' integer semantics cannot differ.)"""
    schema = schema_oracles(c.operation.name, c.role)
    _same("validator (JSON form)", issue_paths(validate(doc)), set())
    _same("validator (botocore form)", issue_paths(validate(wire)), set())
    _same("jsonschema", schema.jsonschema_paths(schema.json, doc), set())
    _same("jsonschema-rs", schema.rs_paths(doc), set())
    _same("fastjsonschema", schema.fast_paths(doc), set())
    _same_ajv(schema.ajv_paths(doc), set())
    _same("botocore", botocore_paths(c.botocore_shape(), wire), set())


def _same(who: str, got: set[str], want: set[str], what: str = "") -> None:
    """An assertion whose message says who disagreed and where (this module is not rewritten
    by pytest, and the failure text is what test_broken_validator reads)."""
    assert got == want, f"{who} {what}: reported {sorted(got)}, expected {sorted(want)}"


def _same_ajv(got: set[str] | None, want: set[str], what: str = "") -> None:
    if got is not None:  # None: a value JavaScript numbers cannot hold
        _same("ajv", got, want, what)


def check_rejected(c: Case, validate: Validate, m: surgery.Mutation) -> None:
    """Rejected by every oracle at the mutation's path alone; by botocore iff it checks it."""
    schema = schema_oracles(c.operation.name, c.role)
    want, what = {m.where}, f"on a {m.kind} mutation"
    _same("validator (JSON form)", issue_paths(validate(m.doc)), want, what)
    _same("validator (botocore form)", issue_paths(validate(m.wire)), want, what)
    _same("jsonschema", schema.jsonschema_paths(schema.json, m.doc), want, what)
    _same("jsonschema-rs", schema.rs_paths(m.doc), want, what)
    _same("fastjsonschema", schema.fast_paths(m.doc), want, what)
    _same_ajv(schema.ajv_paths(m.doc), want, what)
    expected = want if m.botocore_checks else set()
    _same("botocore", botocore_paths(c.botocore_shape(), m.wire), expected, what)


def _kind_then_site(sites: list[surgery.Site]) -> st.SearchStrategy[surgery.Site]:
    """A kind of site first, then a site of that kind: type sites (one per node) would
    otherwise crowd out the rarer kinds (one pattern, a few required members)."""
    kinds = sorted({s.kind for s in sites})
    return st.sampled_from(kinds).flatmap(
        lambda kind: st.sampled_from([s for s in sites if s.kind == kind]))


def value_property(c: Case, validate: Validate | None = None) -> Callable[[], None]:
    """A value from the generated strategy is valid everywhere; the same value with one
    constraint broken is rejected everywhere at that path; moved exactly onto a limit, it is
    valid everywhere. One draw of the (costly) strategy serves all three checks."""
    check = validate or c.validator()

    @given(data=st.data())
    def prop(data: st.DataObject) -> None:
        base = _forms(data.draw(c.strategy(), label="valid value"))
        check_valid(c, check, *base)
        _count(("valid", c.id))
        sites = surgery.mutation_sites(service(), c.shape, *base, request=c.request)
        site = data.draw(_kind_then_site(sites), label="mutation site")
        m = data.draw(surgery.mutation(site, base, c.request), label="mutation")
        check_rejected(c, check, m)
        _count((f"mutation:{m.kind}", c.id))
        limits = surgery.boundary_sites(service(), c.shape, *base)
        if limits:  # none when this draw left every limited member out
            limit = data.draw(_kind_then_site(limits), label="limit")
            check_valid(c, check, *surgery.boundary(limit, base))
            _count((f"boundary:{limit.kind}", c.id))

    return prop


def arbitrary_property(c: Case, validate: Validate | None = None) -> Callable[[], None]:
    """Any JSON value: the validator never raises and finds exactly the paths jsonschema finds
    (with the validators' integer semantics); jsonschema-rs, ajv and fastjsonschema agree with
    jsonschema under JSON's."""
    check = validate or c.validator()
    values = surgery.near_json(service(), c.shape) | surgery.json_values()

    @given(doc=values)
    def prop(doc: Any) -> None:
        schema = schema_oracles(c.operation.name, c.role)
        issues = check(doc)
        assert isinstance(issues, list)
        ours = issue_paths(issues)
        _same("validator", ours, schema.jsonschema_paths(schema.python, doc),
              "against jsonschema (integer semantics)")
        expected = schema.jsonschema_paths(schema.json, doc)
        _same("jsonschema-rs", schema.rs_paths(doc), expected, "against jsonschema")
        _same_ajv(schema.ajv_paths(doc), expected, "against jsonschema")
        fast = schema.fast_paths(doc)  # its first error only
        assert bool(fast) == bool(expected) and fast <= expected, (
            f"fastjsonschema against jsonschema: reported {sorted(fast)}, "
            f"expected one of {sorted(expected)}")
        _count((f"arbitrary:{'invalid' if ours else 'valid'}", c.id))

    return prop
