"""A writer's changes to an output root as one transaction: staged, committed, applied, cleared.

Everything lives in `<root>/.botogen/<name>/` (`name` is a service, or any other writer with a
key of its own): the staged files `0`, `1`, … and, once committed, the record `journal`, which
names each staged file's target and every file to remove. Writing the record (fsync'd, then
renamed into place) is the commit point:

- stopped before it, nothing outside `.botogen` has changed; recovery deletes the staging;
- stopped after it, recovery applies the record again: it moves the staged files still there
  onto their targets and removes what it names, which is idempotent, then clears the directory.

The directory is also the transaction's lock (`flock`, released by the kernel when its process
dies), so transactions of different names run side by side in one root, each recovered on its
own, and recovery never touches one whose process is alive.
"""

from __future__ import annotations

import ctypes
import fcntl
import functools
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import TracebackType

from .errors import GenerationError

CONTROL = ".botogen"
RECORD = "journal"
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_ATTEMPTS = 5  # a recovering process may delete a directory just made; then make it again


@dataclass(frozen=True)
class Unfinished:
    """A transaction found under a root: what `check` reports and `recover` finishes."""

    name: str
    rel: str  # the record when committed, else the staging directory (relative to the root)
    committed: bool
    live: bool  # its process holds the lock

    def report(self) -> str:
        """One line for `check`."""
        if self.live:
            return f"unfinished {self.rel}: another botogen is writing {self.name} now"
        if self.committed:
            return (f"unfinished {self.rel}: botogen was stopped while writing {self.name}, "
                    f"which may be part old, part new; `botogen generate` completes it")
        return (f"unfinished {self.rel}: staging left by a stopped botogen run for {self.name} "
                f"(its output is whole, old or new); `botogen generate` removes it")


def unfinished(root: Path) -> list[Unfinished]:
    """Every transaction under `root`, changing nothing."""
    found = []
    for txdir in _transactions(root):
        committed = (txdir / RECORD).is_file()
        rel = f"{CONTROL}/{txdir.name}" + (f"/{RECORD}" if committed else "")
        found.append(Unfinished(txdir.name, rel, committed, _is_live(txdir)))
    return found


def recover(root: Path) -> list[str]:
    """Finish every transaction under `root` whose process is gone: roll a committed one
    forward, delete one that never committed. One line per transaction recovered."""
    done = []
    for txdir in _transactions(root):
        outcome = _recover_one(root, txdir)
        if outcome == "completed":
            done.append(f"recovered {CONTROL}/{txdir.name}/{RECORD}: completed the interrupted "
                        f"writing of {txdir.name}")
        elif outcome == "rolled back":
            done.append(f"recovered {CONTROL}/{txdir.name}: removed the staging left by a "
                        f"stopped run for {txdir.name}")
    try:
        os.rmdir(root / CONTROL)  # left empty by a run stopped just before it removed it
    except OSError:
        pass  # absent, or holding another writer's transaction
    return done


class Transaction:
    """The writes of one writer under `root`, held under its lock from creation to the end.

    Used as a context manager: leaving it without `commit` (an error, a clean plan) deletes
    the staging; an error after the commit point leaves the record for recovery."""

    def __init__(self, root: Path, name: str) -> None:
        if not _NAME_RE.fullmatch(name):
            raise GenerationError(f"{name!r} cannot name a directory under {root}/{CONTROL}")
        self.root, self.name = root, name
        self.dir = root / CONTROL / name
        self._fd: int | None = _acquire(root, self.dir)
        self._writes: list[tuple[str, str]] = []  # (staged file, target relative to the root)
        self._removals: list[str] = []
        self._committed = False

    def __enter__(self) -> Transaction:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if not self._committed and self._fd is not None:
            _clear(self.root, self.dir)
        self._release()

    def write(self, rel: str, data: bytes, mode: int = 0o644) -> None:
        """Stage `data` for the file `rel` (relative to the root, forward slashes)."""
        staged, target = str(len(self._writes)), _checked(rel)
        try:
            _put(self.dir / staged, data, mode)
        except OSError as exc:
            raise GenerationError(f"cannot write output: {exc}") from None
        self._writes.append((staged, target))

    def remove(self, rel: str) -> None:
        self._removals.append(_checked(rel))

    def commit(self) -> None:
        """Make the staging durable, write the record (from here on the change happens, by this
        process or by the next run's recovery), apply it and clear the directory."""
        if not self._writes and not self._removals:
            return  # nothing to do: leaving the context deletes the empty staging
        record = json.dumps({"name": self.name, "write": self._writes,
                             "remove": self._removals}, indent=1).encode("utf-8")
        try:
            _sync_files(self.dir, [staged for staged, _ in self._writes])
            _put(self.dir / f"{RECORD}.new", record, 0o644)
            _sync(self.dir / f"{RECORD}.new")
            _sync(self.dir)  # the staged files' names, before the record that points at them
            os.replace(self.dir / f"{RECORD}.new", self.dir / RECORD)
        except OSError as exc:
            raise GenerationError(f"cannot write output: {exc}") from None
        self._committed = True
        try:
            _sync(self.dir)
            _apply(self.root, self.dir, self._writes, self._removals)
            _clear(self.root, self.dir)
        except OSError as exc:
            raise GenerationError(
                f"cannot finish writing {self.name}: {exc}; {CONTROL}/{self.name}/{RECORD} "
                f"stays, and the next `botogen generate` completes it") from None

    def _release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


def _transactions(root: Path) -> list[Path]:
    try:
        return sorted(p for p in (root / CONTROL).iterdir()
                      if p.is_dir() and _NAME_RE.fullmatch(p.name))
    except (FileNotFoundError, NotADirectoryError):
        return []


def _acquire(root: Path, txdir: Path) -> int:
    """Create and lock the transaction directory; its fd holds the lock."""
    for _ in range(_ATTEMPTS):
        try:
            txdir.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError as exc:
            # mkdir found it, and before it looked again a finishing writer removed it (empty);
            # only a file in its place is an error
            if txdir.parent.exists() and not txdir.parent.is_dir():
                raise GenerationError(f"cannot write output: {exc}") from None
            continue
        except OSError as exc:
            raise GenerationError(f"cannot write output: {exc}") from None
        try:
            os.mkdir(txdir)
        except FileExistsError:
            if _recover_one(root, txdir) == "live":
                raise GenerationError(f"another botogen is writing {txdir.name} under {root} "
                                      f"now ({CONTROL}/{txdir.name} is locked)") from None
            continue
        except FileNotFoundError:
            continue  # a finishing writer removed an empty .botogen between the two mkdirs
        except OSError as exc:
            raise GenerationError(f"cannot write output: {exc}") from None
        try:
            fd = os.open(txdir, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            continue  # another run's recovery took it for abandoned staging at once
        fcntl.flock(fd, fcntl.LOCK_EX)  # a recovering process holds it only for a moment
        if _is_same(fd, txdir):
            return fd
        os.close(fd)  # that process deleted it as abandoned staging: make it again
    raise GenerationError(f"cannot start writing under {root}: {CONTROL}/{txdir.name} keeps "
                          f"disappearing")


def _recover_one(root: Path, txdir: Path) -> str:
    """'live', 'gone', 'completed' or 'rolled back'."""
    try:
        fd = os.open(txdir, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return "gone"
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return "live"
        if not _is_same(fd, txdir):
            return "gone"
        record = txdir / RECORD
        committed = record.is_file()
        if committed:
            writes, removals = _read_record(root, record)
            _apply(root, txdir, writes, removals)
        _clear(root, txdir)
        return "completed" if committed else "rolled back"
    except OSError as exc:
        raise GenerationError(f"cannot recover {txdir}: {exc}") from None
    finally:
        os.close(fd)


def _apply(root: Path, txdir: Path, writes: list[tuple[str, str]], removals: list[str]) -> None:
    """Removals first (a stale compiled build goes before the validators.py it no longer
    matches arrives), then each staged file onto its target; a staged file already gone was
    moved by an earlier attempt. Then the directories, so that all of it outlives a crash."""
    for rel in removals:
        (root / rel).unlink(missing_ok=True)
    for staged, rel in writes:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(txdir / staged, target)
        except FileNotFoundError:
            if (txdir / staged).exists():
                raise
    for directory in _parents(root, [rel for _, rel in writes] + removals):
        _sync(directory)


def _clear(root: Path, txdir: Path) -> None:
    """Record first: once it is gone, whatever remains is staging that recovery deletes."""
    (txdir / RECORD).unlink(missing_ok=True)
    shutil.rmtree(txdir, ignore_errors=True)
    try:
        os.rmdir(txdir.parent)
    except OSError:
        pass  # another writer's transaction is there, or it is already gone


def _read_record(root: Path, record: Path) -> tuple[list[tuple[str, str]], list[str]]:
    try:
        data = json.loads(record.read_bytes())
        writes = [(str(staged), _checked(rel)) for staged, rel in data["write"]]
        removals = [_checked(rel) for rel in data["remove"]]
        if not all(staged.isdigit() for staged, _ in writes):
            raise ValueError("a staged file is not named by a number")
    except (ValueError, KeyError, TypeError, GenerationError) as exc:
        raise GenerationError(f"cannot recover {record}: the record is damaged ({exc}); "
                              f"delete {record.parent} and generate again") from None
    return writes, removals


def _checked(rel: str) -> str:
    """A path the transaction may touch: relative, normalized, outside the control directory."""
    parts = PurePosixPath(rel).parts
    if (not parts or PurePosixPath(rel).is_absolute() or any(p in ("", ".", "..") for p in parts)
            or parts[0] == CONTROL or "\\" in rel or str(PurePosixPath(rel)) != rel):
        raise GenerationError(f"refusing to write {rel!r}: not a plain path inside the root")
    return rel


def _parents(root: Path, rels: list[str]) -> list[Path]:
    """The existing directories from `root` down to each file's own directory."""
    dirs = {root}
    for rel in rels:
        for parent in PurePosixPath(rel).parents:
            dirs.add(root / parent)
    return sorted(d for d in dirs if d.is_dir())


def _put(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, mode)  # the file's own mode, whatever the umask
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _sync_files(directory: Path, names: list[str]) -> None:
    """Make the staged files durable: one syncfs(2) of their file system where Linux has it
    (ec2 stages 3,841 files, and an fsync each cost more than generating them), else an fsync
    of each."""
    if names and _syncfs(directory):
        return
    for name in names:
        _sync(directory / name)


@functools.cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _syncfs(path: Path) -> bool:
    libc = _libc()
    if libc is None or not hasattr(libc, "syncfs"):
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        return bool(libc.syncfs(fd) == 0)
    finally:
        os.close(fd)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _is_same(fd: int, path: Path) -> bool:
    try:
        here = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)


def _is_live(txdir: Path) -> bool:
    try:
        fd = os.open(txdir, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
