"""A generation replaces a service's output as one transaction (generator/txn.py).

Killed at any instant, the tree is the old one or the new one once the next run has recovered,
with no temporary file or record left; before recovery, `check` names the unfinished run
(exit 1) without touching anything. Proven on a real `botogen generate` killed right before
each of its file-system calls in turn, from the first until a run completes, and by SIGKILLs
sent at random moments (tests/crashing.py runs them).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import random
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import cli, native, txn
from generator.errors import GenerationError
from generator.write import NATIVE_STEMS
from helpers import tree_bytes

SERVICE = "crashy"
PACKAGE = f"generated/{SERVICE}"
EXT = importlib.machinery.EXTENSION_SUFFIXES[0]
Tree = dict[str, bytes]


def _model(new: bool, service: str = SERVICE) -> dict[str, Any]:
    """Two versions of a small service. The new one tightens Ping (its validators, request
    schema and every header change; its skeletons and response schema do not), drops Drop and
    adds Lift: files changed, unchanged, removed and added."""
    def op(name: str) -> dict[str, Any]:
        return {"name": name, "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": f"{name}Request"}, "output": {"shape": f"{name}Response"}}

    ops = ["Ping", "Lift"] if new else ["Ping", "Drop"]
    shapes: dict[str, Any] = {
        "Name": {"type": "string", "min": 1, "max": 32 if new else 64},
        "Count": {"type": "integer"},
        "Text": {"type": "string"},
        "PingRequest": {"type": "structure", "required": ["Name"],
                        "members": {"Name": {"shape": "Name"}}},
        "PingResponse": {"type": "structure", "members": {"Message": {"shape": "Text"}}},
    }
    for name in ops[1:]:
        shapes[f"{name}Request"] = {"type": "structure", "members": {"Count": {"shape": "Count"}}}
        shapes[f"{name}Response"] = {"type": "structure", "members": {"Text": {"shape": "Text"}}}
    return {
        "version": "2.0",
        "metadata": {"apiVersion": "2024-01-01", "endpointPrefix": service, "protocol": "json",
                     "jsonVersion": "1.1", "serviceFullName": "Crash Test Service",
                     "serviceId": "Crashy", "signatureVersion": "v4", "targetPrefix": "Crashy",
                     "uid": "crashy-2024-01-01"},
        "operations": {name: op(name) for name in ops},
        "shapes": shapes,
    }


class Driver:
    """tests/crashing.py, serving one forked `botogen` run per request."""

    def __init__(self, models: list[Path], scratch: Path) -> None:
        self.output = scratch / "child-output"
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("crashing.py")), *map(str, models)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert json.loads(self._line()) == {"ready": True}

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the driver died"
        return line

    def run(self, *argv: str, **how: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"argv": list(argv), "output": str(self.output),
                                             **how}) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self._line())
        answer["output"] = self.output.read_text(encoding="utf-8")
        return answer

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        assert self.process.wait(timeout=30) == 0


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The old and new models, and a second service (the old model under another name)."""
    base = tmp_path_factory.mktemp("models")
    paths = []
    for version, model in (("old", _model(False)), ("new", _model(True)),
                           ("second", _model(False, "second"))):
        path = base / version / "service-2.json"
        path.parent.mkdir()
        path.write_text(json.dumps(model), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1], paths[2]


@pytest.fixture(scope="module")
def driver(models: tuple[Path, Path, Path], tmp_path_factory: pytest.TempPathFactory,
           ) -> Iterator[Driver]:
    running = Driver(list(models), tmp_path_factory.mktemp("driver"))
    yield running
    running.close()


@pytest.fixture(scope="module")
def trees(driver: Driver, models: tuple[Path, Path, Path],
          tmp_path_factory: pytest.TempPathFactory) -> tuple[Tree, Tree]:
    """The tree before (the old model's output, a file of the user's and a compiled build of
    the old validators.py, which the new generation must remove) and after."""
    root = tmp_path_factory.mktemp("trees")
    assert driver.run("generate", "--quiet", "--model", str(models[0]), "--out",
                      str(root))["status"] == 0
    (root / "notes.txt").write_bytes(b"the user's own file\n")
    source = hashlib.sha256((root / PACKAGE / "validators.py").read_bytes())
    for stem in NATIVE_STEMS:  # a stand-in build: what generate reads of one is the digest
        (root / PACKAGE / f"{stem}{EXT}").write_bytes(b"build of " + source.hexdigest().encode())
    old = tree_bytes(root)
    done = driver.run("generate", "--model", str(models[1]), "--out", str(root))
    assert done["status"] == 0, done["output"]
    new = tree_bytes(root)
    for kind in ("written", "unchanged", "removed"):
        assert f"\n{kind} " in "\n" + done["output"], done["output"]  # every kind of change
    assert {k for k in old if k not in new} >= {f"{PACKAGE}/validators{EXT}",
                                                f"schemas/{SERVICE}/Drop.request.json"}
    assert {k for k in new if k not in old} >= {f"schemas/{SERVICE}/Lift.request.json"}
    return old, new


def _reset(root: Path, tree: Tree) -> None:
    """Make `root` hold exactly `tree`, touching only what differs (a few files, not all)."""
    current = _outside(tree_bytes(root)) if root.is_dir() else {}
    shutil.rmtree(root / txn.CONTROL, ignore_errors=True)  # a tree may bring its own
    for rel in current.keys() - tree.keys():
        (root / rel).unlink()
    for rel, data in tree.items():
        if current.get(rel) != data:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
    keep = {root / parent for rel in tree for parent in Path(rel).parents}
    for directory in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if directory not in keep and not any(directory.iterdir()):
            directory.rmdir()


def _outside(tree: Tree) -> Tree:
    return {k: v for k, v in tree.items() if not k.startswith(f"{txn.CONTROL}/")}


def _check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = cli.main(["check", "--out", str(root)])
    return code, capsys.readouterr().out.splitlines()


def _before_recovery(root: Path, old: Tree, new: Tree,
                     capsys: pytest.CaptureFixture[str]) -> tuple[bool, bool, str]:
    """What a killed run left, as a reader and `check` see it: (a record, staging, and the tree
    that recovery must give, 'old' or 'new')."""
    seen = tree_bytes(root)
    view = _outside(seen)
    staging = root / txn.CONTROL / SERVICE
    committed = (staging / txn.RECORD).is_file()
    control = {k for k in seen if k.startswith(f"{txn.CONTROL}/")}
    assert all(k.startswith(f"{txn.CONTROL}/{SERVICE}/") for k in control), control
    if committed:
        # A reader before recovery: each file whole, the old one or the new one, the set mixed.
        assert set(view) <= set(old) | set(new)
        assert all(data in (old.get(rel), new.get(rel)) for rel, data in view.items())
        expected = [f"unfinished {txn.CONTROL}/{SERVICE}/{txn.RECORD}: botogen was stopped "
                    f"while writing {SERVICE}, which may be part old, part new; "
                    f"`botogen generate` completes it"]
    else:
        # Before the commit point or after the record is gone: whole, plus staging aside.
        assert view in (old, new)
        expected = [f"unfinished {txn.CONTROL}/{SERVICE}: staging left by a stopped botogen "
                    f"run for {SERVICE} (its output is whole, old or new); `botogen generate` "
                    f"removes it"] if staging.is_dir() else []
    if expected:
        assert _check(root, capsys) == (1, expected)
        assert tree_bytes(root) == seen  # check changed nothing
    return committed, staging.is_dir(), "new" if committed or view == new else "old"


def _after_a_kill(root: Path, old: Tree, new: Tree,
                  capsys: pytest.CaptureFixture[str]) -> str:
    """Checks a killed run's tree before recovery and after it (the function the next
    generate or compile runs first); 'old' or 'new'."""
    outcome = _before_recovery(root, old, new, capsys)[2]
    txn.recover(root)
    assert tree_bytes(root) == (new if outcome == "new" else old)  # .botogen gone, no stray file
    assert not (root / txn.CONTROL).exists()
    return outcome


def test_killed_before_each_call_the_tree_is_old_or_new(
        driver: Driver, models: tuple[Path, Path, Path], trees: tuple[Tree, Tree], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """At every other kill point recovery runs alone, so that its result can be compared; at
    the others the next real `generate` recovers and then writes the new tree."""
    old, new = trees
    root = tmp_path / "root"
    argv = ["generate", "--model", str(models[1]), "--out", str(root)]
    outcomes = []
    for limit in range(1, 10_000):
        _reset(root, old)
        done = driver.run(*argv, "--quiet", limit=limit, fsync=False)
        if done["status"] == 0:
            assert tree_bytes(root) == new
            break
        assert done["status"] == 137, done["output"]
        if limit % 2:
            outcomes.append(_after_a_kill(root, old, new, capsys))
            continue
        committed, staged, outcome = _before_recovery(root, old, new, capsys)
        outcomes.append(outcome)
        again = driver.run(*argv, fsync=False)
        assert again["status"] == 0 and tree_bytes(root) == new, again["output"]
        recovered = [line for line in again["output"].splitlines() if "recovered" in line]
        assert recovered == ([f"recovered {txn.CONTROL}/{SERVICE}/{txn.RECORD}: completed the "
                              f"interrupted writing of {SERVICE}"] if committed else
                             [f"recovered {txn.CONTROL}/{SERVICE}: removed the staging left by "
                              f"a stopped run for {SERVICE}"] if staged else [])
    # One commit point: every kill before it leaves the old tree, every kill after, the new;
    # before it at least an open and a write per written file, after it a replace each.
    switch = outcomes.index("new")
    assert outcomes == ["old"] * switch + ["new"] * (len(outcomes) - switch), outcomes
    written = [rel for rel in new if old.get(rel) != new[rel]]
    assert switch > 2 * len(written) and len(outcomes) - switch > len(written), outcomes


def test_sigkill_at_random_moments(driver: Driver, models: tuple[Path, Path, Path],
                                   trees: tuple[Tree, Tree], tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Real signals, not at a call boundary: each call is slowed (a slow disk) and SIGKILL
    comes at a random moment of the writing, one in each eighth of it."""
    old, new = trees
    root = tmp_path / "root"
    argv = ["generate", "--quiet", "--model", str(models[1]), "--out", str(root)]
    _reset(root, old)
    whole = driver.run(*argv, pause=0.002)["seconds"]
    rng = random.Random(13)
    outcomes = []
    for eighth in range(8):
        _reset(root, old)
        done = driver.run(*argv, pause=0.002, kill_after=whole * (eighth + rng.random()) / 8)
        assert done["status"] in (-9, 0), done["output"]
        outcomes.append(_after_a_kill(root, old, new, capsys) if done["status"] else "new")
    assert outcomes[0] == "old", outcomes  # the staging takes far more than an eighth


def test_a_live_transaction_is_left_alone_and_its_service_refused(
        driver: Driver, models: tuple[Path, Path, Path], trees: tuple[Tree, Tree], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Services are written side by side in one root: another run's recovery never touches a
    transaction whose process is alive, and a second writer of the same service stops."""
    old, new = trees
    root = tmp_path / "root"
    _reset(root, old)
    with txn.Transaction(root, "other") as held:
        held.write("generated/__init__.py", b"staged, not committed\n")
        staged = tree_bytes(root / txn.CONTROL)
        done = driver.run("generate", "--model", str(models[1]), "--out", str(root))
        assert done["status"] == 0, done["output"]
        assert tree_bytes(root / txn.CONTROL) == staged
        assert _outside(tree_bytes(root)) == new
        assert _check(root, capsys) == (1, [f"unfinished {txn.CONTROL}/other: another botogen "
                                            f"is writing other now"])
    assert not (root / txn.CONTROL).exists()
    with txn.Transaction(root, SERVICE):
        done = driver.run("generate", "--model", str(models[0]), "--out", str(root))
        assert done["status"] == 2
        assert done["output"] == (f"botogen: error: another botogen is writing {SERVICE} under "
                                  f"{root} now ({txn.CONTROL}/{SERVICE} is locked)\n")
    assert tree_bytes(root) == new


def _first_kill_after_the_commit(driver: Driver, root: Path, old: Tree, new: Tree,
                                 argv: list[str]) -> int:
    """The smallest limit at which the run, started from `old`, dies with its record written
    (found by bisection: kills before it leave the old tree, kills after it a record or the
    new tree). It leaves `root` in that state."""
    record = root / txn.CONTROL / SERVICE / txn.RECORD

    def after(limit: int) -> bool:
        _reset(root, old)
        return driver.run(*argv, limit=limit, fsync=False)["status"] == 0 or record.is_file() \
            or _outside(tree_bytes(root)) == new

    low, high = 1, 2
    while not after(high):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if after(middle) else (middle, high)
    assert after(high) and record.is_file()
    return high


def test_recovery_killed_at_each_call_still_completes(
        driver: Driver, models: tuple[Path, Path, Path], trees: tuple[Tree, Tree], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Rolling forward is idempotent: the next run, killed anywhere in its recovery of the
    fullest record (written a call before), leaves that record for the run after it."""
    old, new = trees
    root = tmp_path / "root"
    argv = ["generate", "--quiet", "--model", str(models[1]), "--out", str(root)]
    _first_kill_after_the_commit(driver, root, old, new, argv)
    committed = tree_bytes(root)
    for limit in range(1, 10_000):
        _reset(root, committed)
        done = driver.run(*argv, limit=limit, fsync=False)
        if done["status"] == 0:
            assert tree_bytes(root) == new
            break
        assert done["status"] == 137, done["output"]
        assert _after_a_kill(root, old, new, capsys) == "new"
    assert limit > 10


def test_one_services_record_is_completed_by_anothers_run(
        driver: Driver, models: tuple[Path, Path, Path], trees: tuple[Tree, Tree],
        tmp_path: Path) -> None:
    old, new = trees
    root = tmp_path / "root"
    argv = ["generate", "--quiet", "--model", str(models[1]), "--out", str(root)]
    _first_kill_after_the_commit(driver, root, old, new, argv)
    done = driver.run("generate", "--model", str(models[2]), "--out", str(root))
    assert done["status"] == 0, done["output"]
    lines = done["output"].splitlines()
    assert lines[0] == (f"recovered {txn.CONTROL}/{SERVICE}/{txn.RECORD}: completed the "
                        f"interrupted writing of {SERVICE}")
    assert "unchanged generated/__init__.py" in lines  # shared, and the same for each service
    assert {k: v for k, v in tree_bytes(root).items() if not k.startswith(
        ("generated/second/", "schemas/second/"))} == new


def test_a_failing_disk_leaves_the_old_tree_and_no_staging(
        trees: tuple[Tree, Tree], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, _ = trees
    root = tmp_path / "root"
    _reset(root, old)
    real, calls = txn._put, []

    def failing(path: Path, data: bytes, mode: int) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, data, mode)

    monkeypatch.setattr(txn, "_put", failing)
    with pytest.raises(GenerationError, match="cannot write output: .*No space left"):
        with txn.Transaction(root, SERVICE) as transaction:
            for rel in sorted(old):
                transaction.write(rel, b"new bytes")
            transaction.commit()
    assert tree_bytes(root) == old and not (root / txn.CONTROL).exists()


def test_compile_places_the_build_pair_in_one_transaction(
        trees: tuple[Tree, Tree], models: tuple[Path, Path, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The pair arrives with the mode of a built extension, staged under .botogen like a
    generation's files, and the staging is gone afterwards (mypyc itself: tests/test_native)."""
    from generator import pipeline

    _, new = trees
    root = tmp_path / "root"
    _reset(root, {k: v for k, v in new.items()})
    service = pipeline.load(model=str(models[1]))
    seen: list[bool] = []

    def fake_build(service: Any, workdir: Path, texts: Any = None) -> list[Path]:
        seen.append((root / txn.CONTROL / SERVICE).is_dir())  # held while mypyc runs
        paths = [workdir / f"{stem}{EXT}" for stem in NATIVE_STEMS]
        for path in paths:
            path.write_bytes(b"compiled")
        return paths

    monkeypatch.setattr(native, "build", fake_build)
    monkeypatch.setattr(native, "sources", lambda s: ((root / PACKAGE / "validators.py")
                                                      .read_bytes(), b""))
    monkeypatch.setattr(native, "require_mypyc", lambda: None)
    assert native.install(service, root) == [f"{PACKAGE}/{stem}{EXT}" for stem in NATIVE_STEMS]
    assert seen == [True] and not (root / txn.CONTROL).exists()
    for stem in NATIVE_STEMS:
        built = root / PACKAGE / f"{stem}{EXT}"
        assert built.read_bytes() == b"compiled" and built.stat().st_mode & 0o777 == 0o755


def test_a_damaged_record_is_refused_with_one_line(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    staging = tmp_path / txn.CONTROL / SERVICE
    staging.mkdir(parents=True)
    (staging / txn.RECORD).write_text('{"write": [["0", "../outside"]], "remove": []}')
    with pytest.raises(GenerationError, match=r"the record is damaged \(refusing to write "
                                              r"'\.\./outside'"):
        txn.recover(tmp_path)
    assert (staging / txn.RECORD).is_file()


def test_writers_and_recoveries_side_by_side_in_one_root(tmp_path: Path) -> None:
    """Transactions of several names and recoveries racing in one root (threads: flock locks
    conflict between open files, in one process too): no live transaction is ever taken for
    abandoned, a shared file is always whole, and nothing is left."""
    import threading

    errors: list[BaseException] = []
    shared = b"the same bytes from every writer\n" * 100

    def writer(name: str) -> None:
        try:
            for round_ in range(20):
                txn.recover(tmp_path)
                with txn.Transaction(tmp_path, name) as transaction:
                    transaction.write(f"out/{name}/file", f"{name} {round_}\n".encode())
                    transaction.write("out/shared", shared)
                    transaction.commit()
                assert (tmp_path / "out" / "shared").read_bytes() == shared
        except BaseException as exc:  # reported below, with its traceback
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(f"s{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    assert tree_bytes(tmp_path) == {"out/shared": shared, **{
        f"out/s{i}/file": f"s{i} 19\n".encode() for i in range(4)}}


def test_a_control_directory_removed_while_mkdir_looks_is_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another writer finishing removes the empty `.botogen` between mkdir's EEXIST and its
    look at what is there: Path.mkdir(exist_ok=True) then raises FileExistsError for a
    directory that is gone (seen in two processes generating into one root). That interleaving,
    forced: the writer makes it again."""
    real = Path.mkdir
    raced: list[Path] = []

    def mkdir(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.name == txn.CONTROL and not raced:
            raced.append(self)
            raise FileExistsError(17, "File exists", str(self))
        real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    with txn.Transaction(tmp_path, SERVICE) as transaction:
        transaction.write("out/file", b"x")
        transaction.commit()
    assert raced and (tmp_path / "out" / "file").read_bytes() == b"x"


def test_a_file_where_the_control_directory_goes_is_refused(tmp_path: Path) -> None:
    (tmp_path / txn.CONTROL).write_bytes(b"not a directory")
    with pytest.raises(GenerationError, match="cannot write output: .*File exists"):
        txn.Transaction(tmp_path, SERVICE)
