"""Runs the real `botogen` command in forked children that die at a chosen moment.

Started as `python crashing.py MODEL...`: it renders each model once, so that the children reuse
black's output instead of formatting again (a fork costs milliseconds, a fresh run seconds).
Then it reads one JSON request a line from stdin and answers each with one JSON line on stdout:

    {"argv": [...], "output": PATH, "limit": N, "pause": S, "kill_after": T}
    -> {"status": exit code, or minus the signal, "seconds": time from the first counted call}

The child runs `generator.cli.main(argv)`, its stdout and stderr in PATH, with the calls of
CALLS counted: at the Nth (N >= 1) it ends with os._exit(137), as if killed right before that
call; with a pause it sleeps S seconds after each; with kill_after the driver sends it SIGKILL
T seconds after its first counted call (the driver reaps it only afterwards, so the pid it
signals is always its own child). With "fsync": false the fsync calls are counted but not made:
what a killed process leaves does not depend on them (they matter when the machine stops), and
the runs that kill at every call in turn spend most of their time in them otherwise.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from typing import Any

import black

from generator import cli, pipeline, write

# Every call of the write path (generator/txn.py, and the pathlib and shutil calls it makes)
# that changes the file system, or takes the lock that decides who may.
CALLS = [(os, "open"), (os, "write"), (os, "fchmod"), (os, "chmod"), (os, "fsync"),
         (os, "replace"), (os, "rename"), (os, "unlink"), (os, "rmdir"), (os, "mkdir"),
         (fcntl, "flock")]
KILLED = 137
_WRITE = os.write  # the driver's own messages are not counted


def _memoize_black() -> None:
    real = black.format_str
    memo: dict[str, str] = {}

    def format_str(text: str, *, mode: black.Mode) -> str:
        if text not in memo:
            memo[text] = real(text, mode=mode)
        return memo[text]

    black.format_str = format_str  # type: ignore[assignment]


def _arm(limit: int, pause: float, fsync: bool, started: int) -> None:
    count = 0

    def wrap(real: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            nonlocal count
            count += 1
            if count == 1:
                _WRITE(started, b"s")
            if count == limit:
                os._exit(KILLED)
            result = real(*args, **kwargs)
            if pause:
                time.sleep(pause)
            return result

        return counted

    for module, name in CALLS:
        real = getattr(module, name) if fsync or name != "fsync" else (lambda fd: None)
        setattr(module, name, wrap(real))


def _child(request: dict[str, Any], started: int) -> int:
    out = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(out, 1)
    os.dup2(out, 2)
    sys.stdout = os.fdopen(1, "w", closefd=False)
    sys.stderr = os.fdopen(2, "w", closefd=False)
    _arm(request.get("limit", 0), request.get("pause", 0.0), request.get("fsync", True), started)
    code = cli.main(request["argv"])
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def _serve(request: dict[str, Any]) -> dict[str, Any]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 255
        try:
            os.close(read_end)
            code = _child(request, write_end)
        finally:
            os._exit(code)
    os.close(write_end)
    os.read(read_end, 1)  # the first counted call, or the child's end
    first = time.monotonic()
    if request.get("kill_after") is not None:
        time.sleep(request["kill_after"])
        os.kill(pid, signal.SIGKILL)  # not reaped yet: still this driver's child, or a zombie
    _, status = os.waitpid(pid, 0)
    os.close(read_end)
    return {"status": os.waitstatus_to_exitcode(status), "seconds": time.monotonic() - first}


def main(models: list[str]) -> None:
    _memoize_black()
    for model in models:
        write.render(pipeline.emit_all(pipeline.load(model=model)))
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        print(json.dumps(_serve(json.loads(line))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
