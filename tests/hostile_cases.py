"""The hostile-model suite's cases: the base model (tests/fixtures/hostile) changed in one way
each, with a canary command planted in the model text that must never run.

A case is a mutation of the base model plus how it is generated (its own `--service-name`
hxNN, or none where the service name itself is the subject) and the outcome expected:
generated, or refused in one line. `run_batch` generates a list of cases twice each, in one
process; tests/test_hostile.py runs two batches in parallel into one shared output root.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import FIXTURES

BASE_MODEL = FIXTURES / "hostile" / "service-2.json"
Model = dict[str, Any]


def touch(canary: str) -> str:
    """Python that creates the canary file, spelled without a '/' (file names cannot hold
    one)."""
    return f"__import__('pathlib').Path(bytes.fromhex('{canary.encode().hex()}').decode()).touch()"


def payloads(canary: str) -> dict[str, str]:
    """Every class of hostile text, each planting the canary where it could run."""
    run = touch(canary)
    return {
        "dq": f'X"""\n{run}\n"""',
        "sq": f"X'''\n{run}\n'''",
        "nl": f"x\n{run}\n#",
        "cr": f"x\r{run}\r#",
        "ls": f"x\u2028{run}\u2029#",
        "nel": f"x\u0085{run}\u0085#",
        "ff": f"x\x0c{run}\x0b#",
        "backslash": "ends with a backslash \\",
        "nul": "a\x00b",
        "surrogate": "a\ud800b\udfff",
        "jinja": "{{ cycler.__init__.__globals__.os.system('touch " + canary + "') }} "
                 "{% for x in () %}{% endfor %}{# x #}",
        "fstring": "{__import__('os').system('touch " + canary + "')} %(x)s %s {0}",
        "bidi": f"\u202e{run}\u202c\u2066x\u2069",
        "coding": f"coding: utf-7 +AAo-{run}+AAo-#",
        "coding2": f"# -*- coding: utf-7 -*-\n+AAo-{run}",
        "shell": f"$(touch {canary}) `touch {canary}` ';touch {canary};' \";touch {canary};\"",
        "yaml": f'"\n- !!python/object/apply:os.system ["touch {canary}"]\n',
        "yaml2": f"'\n!!python/object/apply:os.system ['touch {canary}']: x",
        "json": '"}, "x": {"$ref": "#", "y": "',
        "html": "<script>alert(1)</script>&amp;<p>",
    }


def joined(canary: str) -> str:
    """All payloads in one text, ending with a backslash (the end of a docstring or literal
    is where a backslash escapes the closing quote)."""
    return " | ".join(payloads(canary).values()) + " \\"


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Callable[[Model, str], None]  # (model, canary path)
    refused: bool = False
    service_name: str | None = ""  # "" = the case's id as --service-name; None = no option
    file_name: str = "service-2.json"
    layout: str = ""  # directories between the case's model dir and the file
    # (%RUN% in file_name or layout stands for the canary's Python)
    extra: tuple[str, ...] = field(default=())  # more `generate` arguments
    # The required arguments of its commands (the AWS CLI asks for them before it prints an
    # output skeleton) and whether they are valid (else the output skeleton is refused).
    required: tuple[str, ...] = field(default=())
    required_valid: bool = True


def base_model() -> Model:
    data: Model = json.loads(BASE_MODEL.read_text(encoding="utf-8"))
    return data


def write_model(case: Case, directory: Path, canary: str) -> Path:
    """The case's model file under `directory` (JSON-encoded: a lone surrogate becomes its
    `\\ud800` escape, as a model file would hold it)."""
    model = base_model()
    case.mutate(model, canary)
    rel = f"{case.layout}/{case.file_name}".lstrip("/")
    path = directory / rel.replace("%RUN%", touch(canary))  # touch() has no '/'
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=1), encoding="utf-8")
    return path


def argv(case: Case, model: Path, out: Path) -> list[str]:
    args = ["generate", "--model", str(model), "--out", str(out), *case.extra]
    if case.service_name is not None:
        args += ["--service-name", case.service_name or case.id]
    return args


# -- mutations -------------------------------------------------------------------------------


def _meta(key: str, value: Callable[[str], str]) -> Callable[[Model, str], None]:
    def mutate(model: Model, canary: str) -> None:
        model["metadata"][key] = value(canary)
    return mutate


def _request(model: Model) -> dict[str, Any]:
    shape: dict[str, Any] = model["shapes"]["PutThingRequest"]
    return shape


def _add_members(model: Model, names: list[str], shape: str = "PutThingRequest",
                 target: str = "Message") -> None:
    members = model["shapes"][shape]["members"]
    for name in names:
        members[name] = {"shape": target}


def _docs(model: Model, canary: str) -> None:
    """Each payload alone as the documentation of a member and of its shape; all of them
    together in the service's, the operation's and the structures' documentation."""
    model["documentation"] = joined(canary)
    model["operations"]["PutThing"]["documentation"] = joined(canary)
    for name in ("PutThingRequest", "PutThingResponse", "ThingFault"):
        model["shapes"][name]["documentation"] = joined(canary)
    for i, text in enumerate(payloads(canary).values()):
        model["shapes"][f"Doc{i:02}"] = {"type": "string", "documentation": text}
        _request(model)["members"][f"Doc{i:02}"] = {"shape": f"Doc{i:02}", "documentation": text}
        model["shapes"]["PutThingResponse"]["members"][f"Doc{i:02}"] = {
            "shape": f"Doc{i:02}", "documentation": text}
    model["shapes"]["Message"]["documentation"] = '"""'  # docs ending in """ (issue 13)


def _docs_1mb(model: Model, canary: str) -> None:
    text = (joined(canary) + " <p>word</p> ") * (1_000_000 // len(joined(canary)) + 1)
    model["documentation"] = text[:1_000_000]
    _request(model)["members"]["Name"]["documentation"] = text[:1_000_000]


def _member_payloads(model: Model, canary: str) -> None:
    """Payloads as member names (wire keys, options, skeleton and schema keys), request and
    response; a distinct prefix each, so that no two normalise to one field."""
    names = [f"M{i:02}{text}" for i, text in enumerate(payloads(canary).values())]
    _add_members(model, names)
    _add_members(model, names, shape="PutThingResponse")


PYTHON_MEMBER_NAMES = ["class", "self", "__init__", "to_dict", "from_dict", "to_json",
                       "from_json", "field", "None", "True", "False", "__x", "_field", "cls",
                       "data", "kwargs", "out", "file", "__class__", "__dict__", "__slots__",
                       "_", "x__", "_m", "_s", "_v", "_Any", "Any", "dataclass", "json",
                       "return", "lambda", "type", "print", "import", "yield", "match",
                       "case", "WIRE", "ValidationIssue", "issues", "path", "value", "st",
                       "draw", "mro", "Enum", "__post_init__", "__annotations__"]


def _member_names(model: Model, canary: str) -> None:
    _add_members(model, PYTHON_MEMBER_NAMES)
    _add_members(model, PYTHON_MEMBER_NAMES, shape="PutThingResponse")


def _enum_values(model: Model, canary: str) -> None:
    values = ["class", "None", "True", "False", "", " ", "a-b", "a_b", "A B", "a.b", "a",
              "a", "ﬁle", "file", "name", "value", "mro", "_missing_", "__init__", "1x",
              *payloads(canary).values()]
    model["shapes"]["Color"]["enum"] = values


SHAPE_NAMES_A = ["os", "sys", "json", "re", "dataclass", "field", "Any", "ValidationIssue",
                 "FromDictError", "st", "_m", "_s", "_v", "class", "self", "None", "True",
                 "to_dict", "from_dict", "datetime", "base64", "Mapping", "ClassVar",
                 "StrEnum", "Enum", "WIRE", "annotations", "pytest", "given", "settings",
                 "Path", "functools", "Callable", "CASES", "SCHEMA_DIR", "SERVICE_NAME",
                 "COMMANDS", "main", "typing", "builtins", "object", "str", "int", "list"]
SHAPE_NAMES_B = ["_field", "_Any", "_StrEnum", "_", "__x", "__init__", "_datetime"]


def _shape_names(names: list[str]) -> Callable[[Model, str], None]:
    """Structures (even positions) and enums (odd) of these names, each reached from the
    request and the response."""
    def mutate(model: Model, canary: str) -> None:
        for i, name in enumerate(names):
            model["shapes"][name] = (
                {"type": "structure", "members": {"Value": {"shape": "Message"}}} if i % 2 == 0
                else {"type": "string", "enum": ["x", name]})
            _request(model)["members"][f"S{i:02}"] = {"shape": name}
            model["shapes"]["PutThingResponse"]["members"][f"S{i:02}"] = {"shape": name}
    return mutate


def _field_named_like_its_class(model: Model, canary: str) -> None:
    """Shape names of SHAPE_NAMES_B, and a member whose field name is its shape's class name
    (`Color` -> field `color` of class `color`: the annotation must still mean the class)."""
    _shape_names(SHAPE_NAMES_B)(model, canary)
    model["shapes"]["color"] = {"type": "string", "enum": ["x"]}
    model["shapes"]["holder"] = {"type": "structure", "members": {
        "Color": {"shape": "color"}, "Holder": {"shape": "holder"}}}
    _request(model)["members"]["Holder"] = {"shape": "holder"}
    model["shapes"]["PutThingResponse"]["members"]["Holder"] = {"shape": "holder"}


OPERATION_NAMES = ["Class", "None", "True", "Self", "ToDict", "FromDict", "Field", "os", "sys",
                   "St", "_m", "__init__", "__x", "Main", "Import", "Exec",
                   "ValidationIssue", "Any", "_"]


def _operation_names(model: Model, canary: str) -> None:
    for name in OPERATION_NAMES:
        model["operations"][name] = {
            "name": name, "http": {"method": "POST", "requestUri": "/"},
            "input": {"shape": "PutThingRequest"}, "output": {"shape": "PutThingResponse"},
            "documentation": f"<p>{name}</p>"}


def _codes_and_location_names(model: Model, canary: str) -> None:
    texts = list(payloads(canary).values())
    model["shapes"]["ThingFault"]["error"]["code"] = joined(canary)
    model["shapes"]["TagList"]["member"]["locationName"] = joined(canary)
    for i, text in enumerate(texts):
        model["shapes"][f"Fault{i:02}"] = {
            "type": "structure", "members": {"message": {"shape": "Message"}},
            "error": {"code": text, "httpStatusCode": 400}, "exception": True}
        model["operations"]["PutThing"]["errors"].append({"shape": f"Fault{i:02}"})
        model["shapes"][f"List{i:02}"] = {"type": "list", "member": {"shape": "Message",
                                                                     "locationName": text}}
        _request(model)["members"][f"L{i:02}"] = {"shape": f"List{i:02}", "locationName": text}


CATASTROPHIC = ["(a+)+$", "^(a|a)*$", "(x+x+)+y", "^(\\w+\\s?)*$", "(a|aa)+b", "(.*a){12}"]
INVALID = ["[", "(?P<x>a)", "\\p{L}+", "a{2,1}", "\\", "(", "*a", "[z-a]", "\\k<n>",
           "(?i)a", "\\Z", "\\1(a)", "a^"]
# Patterns hard to draw from (generator/inhabited.py): a leading lookbehind (no full match,
# only searched ones), surrogates (a class of lone ones matches no JSON string; literal ones
# are not enforced), a `$` before more text (no string matches),
# `\\B` at the start (searched matches only, which Hypothesis cannot draw: the witness), and a
# full match shorter than the lower bound (searched matches of 7 to 9 characters).
UNSATISFIED = ["(?<=a)b", "[\\ud800-\\udbff][\\udc00-\\udfff]", "a\ud800b\udfff",
               "$(touch x)", '"}, "x": {"$ref": "#"', "\\Ba"]


def _no_value(model: Model, canary: str) -> None:
    """A required request member no string satisfies (its request test is skipped, with the
    reason), a bounded pattern whose matches are too long, one whose full matches are too
    short."""
    shapes = model["shapes"]
    shapes["NoValue"] = {"type": "string", "pattern": f"x$y{canary}"}
    shapes["TooLong"] = {"type": "string", "pattern": "[0-9a-f]{8}-[0-9a-f]{4}", "min": 5,
                         "max": 5}
    shapes["TooShort"] = {"type": "string", "pattern": "^a{5}", "min": 7, "max": 9}
    _request(model)["members"]["Never"] = {"shape": "NoValue"}
    _request(model).setdefault("required", []).append("Never")
    for shape in ("PutThingRequest", "PutThingResponse"):
        shapes[shape]["members"]["Long"] = {"shape": "TooLong"}
        shapes[shape]["members"]["Short"] = {"shape": "TooShort"}


def _patterns(extra: Callable[[str], list[str]]) -> Callable[[Model, str], None]:
    def mutate(model: Model, canary: str) -> None:
        for i, pattern in enumerate(extra(canary)):
            model["shapes"][f"Pat{i:02}"] = {"type": "string", "pattern": pattern}
            _request(model)["members"][f"P{i:02}"] = {"shape": f"Pat{i:02}"}
            model["shapes"]["PutThingResponse"]["members"][f"P{i:02}"] = {"shape": f"Pat{i:02}"}
    return mutate


def _bounds(model: Model, canary: str) -> None:
    shapes = model["shapes"]
    shapes["Huge"] = {"type": "long", "min": -10**30, "max": 10**30}
    shapes["HugeInt"] = {"type": "integer", "min": 10**30 - 1, "max": 10**30}
    shapes["Tiny"] = {"type": "double", "min": 5e-324, "max": 1e308}
    shapes["Wide"] = {"type": "float", "min": -1.7976931348623157e308, "max": 0.1}
    shapes["WholeFloat"] = {"type": "integer", "min": 5.0, "max": 7.0}
    shapes["Exact"] = {"type": "string", "min": 3, "max": 3}
    shapes["Empty"] = {"type": "string", "min": 0, "max": 0}
    shapes["LongList"] = {"type": "list", "member": {"shape": "Message"}, "max": 2**31 - 1}
    shapes["NegZero"] = {"type": "double", "min": -0.0, "max": 0.0}
    for name in ("Huge", "HugeInt", "Tiny", "Wide", "WholeFloat", "Exact", "Empty", "LongList",
                 "NegZero"):
        _request(model)["members"][name] = {"shape": name}
        model["shapes"]["PutThingResponse"]["members"][name] = {"shape": name}


def _issue_full_name(model: Model, canary: str) -> None:
    """Issue 13's first planted model, verbatim but for the canary's path."""
    model["metadata"]["serviceFullName"] = f"X\"\"\"\n__import__('os').system('touch {canary}')\n\"\"\""


def _issue_api_version(model: Model, canary: str) -> None:
    """Issue 13's second: a newline in apiVersion (the provenance header comment)."""
    model["metadata"]["apiVersion"] = f"2024-01-01\n__import__('os').system('touch {canary}')"


def _endpoint_prefix(value: str) -> Callable[[Model, str], None]:
    def mutate(model: Model, canary: str) -> None:
        model["metadata"]["endpointPrefix"] = value
    return mutate


def _nothing(model: Model, canary: str) -> None:
    pass


META_FIELDS = ["serviceFullName", "serviceId", "apiVersion", "endpointPrefix", "signingName",
               "targetPrefix", "uid", "protocol"]


def generated_cases() -> list[Case]:
    """Cases whose models botogen must generate safely."""
    cases = [
        Case("hx01", _issue_full_name),
        Case("hx02", _issue_api_version),
        Case("hx03", _docs),
        Case("hx04", _docs_1mb),
        Case("hx05", _member_payloads),
        Case("hx06", _member_names),
        Case("hx07", _enum_values),
        Case("hx08", _shape_names(SHAPE_NAMES_A)),
        Case("hx09", _field_named_like_its_class),
        Case("hx10", _operation_names),
        Case("hx11", _codes_and_location_names),
        Case("hx12", _patterns(lambda canary: CATASTROPHIC)),
        Case("hx13", _patterns(lambda canary: INVALID)),
        Case("hx14", _patterns(lambda canary: [p for k, p in payloads(canary).items()
                                               if k not in ("surrogate", "shell", "json")])),
        Case("hx15", _bounds),
    ]
    for i, key in enumerate(META_FIELDS):
        cases.append(Case(f"hx{16 + i}", _meta(key, joined)))
    # The service name from the model (its endpointPrefix, or botocore's directory layout),
    # and a model file name holding payloads; no --service-name.
    cases += [
        Case("hx24", _endpoint_prefix("hx24"), service_name=None,
             file_name='X"""\n%RUN%\n""" \\'),
        Case("hx25", _endpoint_prefix("hx25"), service_name=None,
             file_name="coding: utf-7 +AAo-$(touch x)`touch x`';touch x;'\u202e\r\x0c.json"),
        Case("hx26", _endpoint_prefix("elsewhere"), service_name=None,
             layout="hx26/2024-01-01"),
        Case("hx27", _patterns(lambda canary: UNSATISFIED)),
        Case("hx28", _no_value, required=("--never", "x"), required_valid=False),
        Case("class", _nothing),
        Case("None", _nothing),
        Case("os", _nothing),
    ]
    return cases


# -- running a batch -------------------------------------------------------------------------


def _snapshot(root: Path, dirs: list[str]) -> dict[str, tuple[bytes, int, int]]:
    found = {}
    for d in dirs:
        for path in sorted((root / d).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                st = path.stat()
                found[path.relative_to(root).as_posix()] = (path.read_bytes(), st.st_mtime_ns,
                                                            st.st_ino)
    return found


def _run(args: list[str]) -> dict[str, Any]:
    from generator import cli

    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc: object = cli.main(args)
    except BaseException:  # a traceback is a finding: report it, do not stop the batch
        rc, err = "traceback", io.StringIO(err.getvalue() + traceback.format_exc())
    return {"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()}


def run_batch(jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Generate each job twice into its root; the second run (regenerating, not skipped as
    current) must change nothing."""
    results = []
    for job in jobs:
        root = Path(job["out"])
        first = _run(job["argv"])
        before = _snapshot(root, job["own"])
        second = _run([*job["argv"], "--no-cache"])
        after = _snapshot(root, job["own"])
        results.append({"id": job["id"], "first": first, "second": second,
                        "files": sorted(after), "unchanged": before == after})
    return results


if __name__ == "__main__":
    jobs_file, results_file = sys.argv[1:3]
    batch = run_batch(json.loads(Path(jobs_file).read_text(encoding="utf-8")))
    Path(results_file).write_text(json.dumps(batch), encoding="utf-8")
    os._exit(0)
