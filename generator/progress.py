"""What a run of many services shows while it works, and its closing summary.

On a terminal: one line, rewritten in place, with services done / total, the ones being
worked on and the time so far. Otherwise (a log, CI): one plain line per finished service.
Either way to stderr, so that stdout keeps only the summary and the per-service results.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from .batch import Job, Outcome


class Progress:
    def __init__(self, total: int, verb: str, stream: TextIO = sys.stderr) -> None:
        self.total, self.verb, self.stream = total, verb, stream
        self.tty = stream.isatty()
        self.done = 0
        self.current: list[str] = []
        self.start = time.perf_counter()

    def started(self, job: Job) -> None:
        self.current.append(job.label)
        self._draw()

    def finished(self, outcome: Outcome) -> None:
        self.done += 1
        if outcome.label in self.current:
            self.current.remove(outcome.label)
        elif self.current:
            self.current.pop(0)  # started under its name, finished under the model's own
        if outcome.error is not None:  # the one line a failure gets, as it happens
            self.stream.write(("\r\x1b[K" if self.tty else "") + error_line(outcome) + "\n")
        elif not self.tty:
            self.stream.write(f"[{self.done}/{self.total}] {describe(outcome)}\n")
        self._draw()
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def _draw(self) -> None:
        if not self.tty:
            return
        seconds = int(self.elapsed())
        now = ", ".join(self.current[:3]) + (" …" if len(self.current) > 3 else "")
        line = f"[{self.done}/{self.total}] {seconds // 60:02d}:{seconds % 60:02d} {self.verb} {now}"
        self.stream.write("\r\x1b[K" + line[:_width()])
        self.stream.flush()


def _width() -> int:
    import shutil

    return max(20, shutil.get_terminal_size((100, 20)).columns - 1)


def error_line(outcome: Outcome) -> str:
    return f"botogen: error: {outcome.label}: {outcome.error}"


def describe(outcome: Outcome) -> str:
    """One line for a service that succeeded."""
    if outcome.cached:
        return f"unchanged {outcome.label} {outcome.api_version}: {outcome.files} files (cached)"
    return (f"done      {outcome.label} {outcome.api_version}: {outcome.files} files, "
            f"{len(outcome.written)} written, {len(outcome.removed)} removed "
            f"({outcome.seconds:.1f} s)")


def summary(outcomes: list[Outcome], seconds: float) -> str:
    failed = sum(o.error is not None for o in outcomes)
    files = sum(o.files for o in outcomes)
    written = sum(len(o.written) for o in outcomes)
    return (f"{len(outcomes)} services: {files:,} files, {written:,} written, "
            f"{files - written:,} unchanged, {failed} failed, {seconds:.1f} s")
