"""The hostile-model suite (issue 13, "No model text may ever run"): the small base model of
tests/fixtures/hostile changed one way each (tests/hostile_cases.py), with a canary command
planted in every kind of model text. Each case is either generated or refused in one line
with exit 2. A generated case is generated twice (the second run writes and removes nothing),
every module imports, `mypy --strict` passes, the emitted property tests pass, the generated
CLI prints its help and skeletons, nothing appears outside the output root, and no canary file
ever exists.

For speed all generated cases share one output root, built once per session (by whichever
pytest-xdist worker gets there first, in two parallel processes), so that one mypy run and
one pytest run cover every package.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator import cli, naming
from generator.escape import has_hidden
from hostile_cases import Case, Model, argv, generated_cases, payloads, touch, write_model

CASES = generated_cases()
TESTS = Path(__file__).resolve().parent
# PEP 263: a comment matching this on line 1 or 2 sets a Python file's encoding.
_CODING = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-_.a-zA-Z0-9]+)", re.M)
# What importing a generated package's models and validators may not load (README).
_NOT_STDLIB = ("botocore", "jinja2", "black", "yaml", "hypothesis", "generator")
_PROFILE = '''"""Few examples: the hostile suite runs every package's emitted properties."""
from hypothesis import HealthCheck, settings

settings.register_profile("hostile", max_examples=5, deadline=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
settings.load_profile("hostile")
'''


@dataclass(frozen=True)
class Shared:
    base: Path
    root: Path
    canaries: Path
    results: dict[str, dict[str, Any]]
    outside_before: dict[str, bytes]
    outside_after: dict[str, bytes]


def _tree(path: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file and directory under `path`, with the bytes of the files."""
    found = {}
    for p in sorted(path.rglob("*")):
        rel = p.relative_to(path).as_posix()
        if rel.split("/")[0] in skip:
            continue
        found[rel + ("/" if p.is_dir() else "")] = b"" if p.is_dir() else p.read_bytes()
    return found


def _own_dirs(case: Case) -> list[str]:
    return [f"generated/{naming.module_name(case.id)}", f"schemas/{case.id}"]


def _build(base: Path) -> None:
    """Write every case's model, generate them all twice into one root (two processes), and
    record what changed outside the root."""
    root, canaries = base / "root", base / "canary"
    for d in (root, canaries, base / "sentinel", base / "models"):
        d.mkdir(parents=True, exist_ok=True)
    (base / "sentinel" / "keep.txt").write_bytes(b"keep")
    (root / "conftest.py").write_text(_PROFILE, encoding="utf-8")
    jobs = []
    for case in CASES:
        model = write_model(case, base / "models" / case.id, str(canaries / case.id))
        jobs.append({"id": case.id, "argv": argv(case, model, root), "out": str(root),
                     "own": _own_dirs(case)})
    skip = ("root", "lock", "results.json", "jobs0.json", "jobs1.json", "out0.json",
            "out1.json")
    before = _tree(base, skip)
    procs = []
    for n in (0, 1):
        (base / f"jobs{n}.json").write_text(json.dumps(jobs[n::2]), encoding="utf-8")
        procs.append(subprocess.Popen(
            [sys.executable, str(TESTS / "hostile_cases.py"), str(base / f"jobs{n}.json"),
             str(base / f"out{n}.json")], cwd=base))
    assert [p.wait() for p in procs] == [0, 0]
    results = {r["id"]: r for n in (0, 1)
               for r in json.loads((base / f"out{n}.json").read_text(encoding="utf-8"))}
    after = _tree(base, skip)
    (base / "results.json").write_text(json.dumps({
        "results": results,
        "before": {k: v.decode("latin-1") for k, v in before.items()},
        "after": {k: v.decode("latin-1") for k, v in after.items()},
    }), encoding="utf-8")


@pytest.fixture(scope="session")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Shared:
    """The shared output root, built once for all pytest-xdist workers (under a lock)."""
    top = tmp_path_factory.getbasetemp()
    base = (top.parent if os.environ.get("PYTEST_XDIST_WORKER") else top) / "hostile"
    base.mkdir(exist_ok=True)
    with open(base / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (base / "results.json").exists():
            _build(base)
    data = json.loads((base / "results.json").read_text(encoding="utf-8"))
    return Shared(base=base, root=base / "root", canaries=base / "canary",
                  results=data["results"],
                  outside_before={k: v.encode("latin-1") for k, v in data["before"].items()},
                  outside_after={k: v.encode("latin-1") for k, v in data["after"].items()})


def _no_canary(shared: Shared) -> None:
    assert sorted(p.name for p in shared.canaries.iterdir()) == [], "model text ran"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A clean AWS environment for the generated CLIs (nothing is sent)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "BOTO"))}
    clean.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="secret",
                 AWS_CONFIG_FILE=str(tmp_path / "none"), AWS_DEFAULT_REGION="us-east-1",
                 AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
                 AWS_EC2_METADATA_DISABLED="true", PYTHONDONTWRITEBYTECODE="1",
                 PYTHONUTF8="1")
    return clean


def _python(root: Path, env: dict[str, str] | None, *args: str,
            ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, *args], cwd=root, env=env, capture_output=True,
                          check=False, timeout=120)


# -- generated cases -------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_generates_and_a_second_run_changes_nothing(shared: Shared, case: Case) -> None:
    result = shared.results[case.id]
    first, second = result["first"], result["second"]
    assert (first["rc"], first["stderr"]) == (0, ""), first["stderr"]
    assert (second["rc"], second["stderr"]) == (0, ""), second["stderr"]
    lines = second["stdout"].splitlines()
    assert all(line.startswith("unchanged ") for line in lines[:-1]) and lines[:-1]
    assert lines[-1].endswith(f": {len(lines) - 1} files, 0 written, 0 removed")
    assert result["unchanged"], "the second run rewrote files (bytes, mtime or inode differ)"
    assert result["files"], "nothing generated"
    _no_canary(shared)


def test_nothing_outside_the_root(shared: Shared) -> None:
    """No case wrote, changed or removed a file beside the root (sentinel/, the models, the
    canaries), and the root holds exactly the cases' packages and schema directories."""
    assert shared.outside_after == shared.outside_before
    # (.hypothesis: the database of the emitted tests' own pytest run in the root, if it ran first)
    assert sorted(p.name for p in shared.root.iterdir() if p.name != ".hypothesis") == [
        "conftest.py", "generated", "schemas"]
    packages = {p.name for p in (shared.root / "generated").iterdir()} - {"__pycache__"}
    assert packages == {"__init__.py", "_runtime"} | {naming.module_name(c.id) for c in CASES}
    assert {p.name for p in (shared.root / "schemas").iterdir()} == {c.id for c in CASES}
    _no_canary(shared)


def _case_files(shared: Shared, case: Case) -> Iterator[Path]:
    for d in _own_dirs(case):
        yield from (p for p in sorted((shared.root / d).rglob("*"))
                    if p.is_file() and "__pycache__" not in p.parts)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_emitted_files_hold_no_raw_hostile_text(shared: Shared, case: Case) -> None:
    """Python files: UTF-8, no encoding declaration (PEP 263), no control, separator,
    surrogate or bidi character, valid syntax; YAML skeletons load safely to the JSON
    skeleton; JSON schemas are valid JSON Schema."""
    for path in _case_files(shared, case):
        text = path.read_text(encoding="utf-8")
        if path.suffix in (".py", ".yaml"):
            assert not has_hidden(text), (path.name, [c for c in text if has_hidden(c)])
        if path.suffix == ".py":
            assert not _CODING.search("\n".join(text.split("\n")[:2])), path.name
            compile(text, str(path), "exec")  # compiling runs nothing
        elif path.name.endswith(".yaml-input.yaml"):
            as_json = path.with_name(path.name.replace(".yaml-input.yaml", ".input.json"))
            assert yaml.safe_load(text) == json.loads(as_json.read_text(encoding="utf-8"))
        elif path.suffix == ".json":
            document = json.loads(text)
            if path.parent.parent.name == "schemas":
                jsonschema.Draft202012Validator.check_schema(document)
    _no_canary(shared)


def _modules(shared: Shared, case: Case) -> list[str]:
    package = naming.module_name(case.id)
    names = sorted(p.stem for p in (shared.root / "generated" / package).glob("*.py")
                   if p.stem not in ("__init__", "__main__"))
    return [f"generated.{package}"] + [f"generated.{package}.{n}" for n in names]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_module_imports(shared: Shared, case: Case) -> None:
    """One subprocess: the package, its models and validators with the standard library
    only, then every other module."""
    package = f"generated.{naming.module_name(case.id)}"
    script = (
        f"import sys, {package}, {package}.models, {package}.validators\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {_NOT_STDLIB!r})\n"
        "assert not loaded, loaded\n"
        + "".join(f"import {m}\n" for m in _modules(shared, case))
    )
    done = _python(shared.root, None, "-c", script)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    _no_canary(shared)


def _commands(shared: Shared, case: Case) -> list[str]:
    skeletons = shared.root / "generated" / naming.module_name(case.id) / "skeletons"
    return sorted({p.name.split(".")[0] for p in skeletons.iterdir()})


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_the_cli_prints_help_and_skeletons(shared: Shared, case: Case,
                                           env: dict[str, str]) -> None:
    package = f"generated.{naming.module_name(case.id)}"
    skeletons = shared.root / "generated" / naming.module_name(case.id) / "skeletons"
    top = _python(shared.root, env, "-m", package, "--help")
    assert top.returncode == 0 and top.stdout, top.stderr
    _no_canary(shared)
    for command in _commands(shared, case):
        assert command.encode() in top.stdout
        page = _python(shared.root, env, "-m", package, command, "--help")
        assert page.returncode == 0 and command.encode() in page.stdout, page.stderr
        for choice, suffix in (("input", "input.json"), ("yaml-input", "yaml-input.yaml"),
                               ("output", "output.json")):
            required = case.required if choice == "output" else ()
            printed = _python(shared.root, env, "-m", package, command, *required,
                              "--generate-cli-skeleton", choice)
            if required and not case.required_valid:
                # No valid value exists, so no call can be made, not even a stubbed one.
                assert printed.returncode == 252 and b"valid pattern" in printed.stderr, printed
                continue
            assert printed.returncode == 0, printed.stderr
            assert printed.stdout == (skeletons / f"{command}.{suffix}").read_bytes()
        _no_canary(shared)


def test_every_package_passes_mypy_strict(shared: Shared, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "--cache-dir", str(tmp_path / "mypy"), "generated"],
                          cwd=shared.root, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    _no_canary(shared)


def test_every_packages_emitted_property_tests_pass(shared: Shared, tmp_path: Path) -> None:
    report = tmp_path / "report.xml"
    done = _emitted_tests(shared, f"--junitxml={report}", "-rs", "generated")
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
    cases = list(ElementTree.parse(report).iter("testcase"))
    modules = {tc.get("classname", "") for tc in cases}
    assert modules == {f"generated.{naming.module_name(c.id)}.test_properties" for c in CASES}
    skipped = {(tc.get("classname", ""), tc.get("name", "")): tc.find("skipped")
               for tc in cases if tc.find("skipped") is not None}
    # hx28's request has a required member no string satisfies: only its test is skipped,
    # and it says why.
    assert list(skipped) == [("generated.hx28.test_properties",
                              "test_values_round_trip_and_are_valid_everywhere[PutThing-request]")]
    (reason,) = skipped.values()
    assert reason is not None
    assert "PutThingRequest: required member 'Never' (NoValue) has no value" in str(
        reason.get("message")), reason.attrib
    _no_canary(shared)


def _emitted_tests(shared: Shared, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "no:xdist", *args], cwd=shared.root, capture_output=True,
                          text=True, check=False)


# -- refused cases ---------------------------------------------------------------------------


def _shape_named(name_of: Callable[[str], str]) -> Callable[[Model, str], None]:
    def mutate(model: Model, canary: str) -> None:
        name = name_of(canary)
        model["shapes"][name] = {"type": "string"}
        model["shapes"]["PutThingRequest"]["members"]["Extra"] = {"shape": name}
    return mutate


def _operation_named(name_of: Callable[[str], str]) -> Callable[[Model, str], None]:
    def mutate(model: Model, canary: str) -> None:
        name = name_of(canary)
        model["operations"][name] = {"name": name, "http": {"method": "POST",
                                                            "requestUri": "/"}}
    return mutate


def _members(*names: str) -> Callable[[Model, str], None]:
    def mutate(model: Model, canary: str) -> None:
        for name in names:
            model["shapes"]["PutThingRequest"]["members"][name] = {"shape": "Message"}
    return mutate


def _shape(name: str, **spec: Any) -> Callable[[Model, str], None]:
    def mutate(model: Model, canary: str) -> None:
        model["shapes"][name] = {**model["shapes"].get(name, {}), **spec}
        model["shapes"]["PutThingRequest"]["members"]["Extra"] = {"shape": name}
    return mutate


def _prefix(value_of: Callable[[str], str]) -> Callable[[Model, str], None]:
    def mutate(model: Model, canary: str) -> None:
        model["metadata"]["endpointPrefix"] = value_of(canary)
    return mutate


def _keep(model: Model, canary: str) -> None:
    pass


PAYLOAD_KEYS = list(payloads("/c"))
REFUSED = (
    [Case(f"shape-{k}", _shape_named(lambda c, k=k: "Bad" + payloads(c)[k]), refused=True)
     for k in PAYLOAD_KEYS]
    + [Case(f"operation-{k}", _operation_named(lambda c, k=k: "Bad" + payloads(c)[k]),
            refused=True) for k in PAYLOAD_KEYS]
    + [Case(f"prefix-{k}", _prefix(lambda c, k=k: payloads(c)[k]), refused=True,
            service_name=None) for k in PAYLOAD_KEYS]
    + [
        Case("operation-help", _operation_named(lambda c: "Help"), refused=True),
        Case("shape-nfkc", _shape_named(lambda c: "ﬁle"), refused=True),
        Case("shape-too-long", _shape_named(lambda c: "S" * 257), refused=True),
        Case("shape-digit", _shape_named(lambda c: "1x"), refused=True),
        Case("members-nfkc", _members("ﬁle", "file"), refused=True),
        Case("members-case", _members("Foo", "foo"), refused=True),
        Case("members-punct", _members("a-b", "a_b"), refused=True),
        Case("min-over-max-length", _shape("Message", min=5, max=4), refused=True),
        Case("min-over-max-integer", _shape("Count", min=101, max=100), refused=True),
        Case("min-over-max-double", _shape("Ratio", min=1.5, max=0.5), refused=True),
        Case("min-string", _shape("Message", min="1"), refused=True),
        Case("max-string", _shape("Count", max="100"), refused=True),
        Case("min-bool", _shape("Message", min=True), refused=True),
        Case("max-bool", _shape("Count", max=False), refused=True),
        Case("max-infinity", _shape("Ratio", max=float("inf")), refused=True),
        Case("min-minus-infinity", _shape("Ratio", min=float("-inf")), refused=True),
        Case("max-nan", _shape("Count", max=float("nan")), refused=True),
        Case("length-1e30", _shape("Message", max=10**30), refused=True),
        Case("length-negative", _shape("TagList", min=-1), refused=True),
        Case("length-fraction", _shape("Message", max=1.5), refused=True),
        Case("integer-fraction", _shape("Count", min=0.5), refused=True),
        Case("bound-list", _shape("Count", max=[1]), refused=True),
        Case("pattern-number", _shape("Message", pattern=5), refused=True),
        Case("enum-numbers", _shape("Color", enum=[1, 2]), refused=True),
        Case("enum-string", _shape("Color", enum="red"), refused=True),
        Case("prefix-victim", _prefix(lambda c: "../../victim"), refused=True,
             service_name=None),
        Case("prefix-dotdot", _prefix(lambda c: ".."), refused=True, service_name=None),
        Case("prefix-slash", _prefix(lambda c: "a/b"), refused=True, service_name=None),
        Case("prefix-absolute", _prefix(lambda c: c), refused=True, service_name=None),
        Case("prefix-hidden", _prefix(lambda c: ".x"), refused=True, service_name=None),
        Case("prefix-device", _prefix(lambda c: "con"), refused=True, service_name=None),
        Case("prefix-empty", _prefix(lambda c: ""), refused=True, service_name=None),
        Case("name-dotdot", _keep, refused=True, service_name=".."),
        Case("name-parent", _keep, refused=True, service_name="../x"),
        Case("name-newline", _keep, refused=True, service_name="x\ny"),
        Case("name-quote", _keep, refused=True, service_name='x"""'),
        Case("name-device", _keep, refused=True, service_name="NUL"),
        Case("layout-space", _keep, refused=True, service_name=None, layout="a b/2024-01-01"),
        Case("layout-dash", _keep, refused=True, service_name=None, layout="-x/2024-01-01"),
        Case("layout-newline", _keep, refused=True, service_name=None,
             layout="x\n%RUN%/2024-01-01"),
    ]
)


def _refusal_tree(tmp: Path) -> Path:
    """An output root that already holds files, with files beside it that must survive."""
    out = tmp / "work" / "out"
    for rel in ("generated/__init__.py", "generated/keep/models.py", "schemas/keep/a.json",
                "schemas/hx/b.json"):
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(b"kept")
    for rel in ("work/victim/precious.txt", "victim/precious.txt", "work/precious.txt"):
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / rel).write_bytes(b"precious")
    return out


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.id)
def test_refused_in_one_line_touching_nothing(case: Case, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = _refusal_tree(tmp_path)
    canary = tmp_path / "canary"
    model = write_model(case, tmp_path / "model", str(canary))
    before = _tree(tmp_path)
    assert cli.main(argv(case, model, out)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("botogen: error: ") and captured.err.count("\n") == 1, \
        captured.err
    assert _tree(tmp_path) == before
    assert not canary.exists()


def test_the_issues_victim_prefix_is_refused_by_the_real_command_twice(tmp_path: Path) -> None:
    """Issue 13: endpointPrefix '../../victim' wrote 46 files outside --out and a second run
    deleted one that was there. Now both runs refuse, and everything beside the root stays."""
    out = _refusal_tree(tmp_path)
    case = next(c for c in REFUSED if c.id == "prefix-victim")
    model = write_model(case, tmp_path / "model", str(tmp_path / "canary"))
    before = _tree(tmp_path)
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "generator", *argv(case, model, out)],
                              capture_output=True, text=True, check=False, cwd=tmp_path)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.startswith("botogen: error: service name '../../victim' ")
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert _tree(tmp_path) == before


def test_a_refusal_leaves_a_generated_package_as_it_was(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        ) -> None:
    """A refused model for a service already generated keeps the old package byte for byte."""
    good = write_model(Case("hx99", _keep), tmp_path / "good", str(tmp_path / "canary"))
    out = tmp_path / "out"
    assert cli.main(["generate", "--quiet", "--model", str(good), "--out", str(out),
                     "--service-name", "hx99"]) == 0
    bad = write_model(Case("hx99", _shape("Count", min=3, max=2)), tmp_path / "bad",
                      str(tmp_path / "canary"))
    before = _tree(tmp_path)
    assert cli.main(["generate", "--model", str(bad), "--out", str(out),
                     "--service-name", "hx99"]) == 2
    assert capsys.readouterr().err == ("botogen: error: shape 'Count': min 3 is greater than "
                                       "max 2\n")
    assert _tree(tmp_path) == before


def test_the_canary_payload_really_runs_when_pasted_raw(tmp_path: Path) -> None:
    """The suite's own check: the planted Python does create the canary when executed, so a
    canary that never appears means the text never ran."""
    canary = tmp_path / "canary"
    exec(touch(str(canary)))  # noqa: S102 - our own payload, proving it would fire
    assert canary.exists()
