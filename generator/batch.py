"""Many services per run: each generated (or checked) on its own, in parallel processes.

A service is one job and one transaction (generator/txn.py): a failing one leaves its
previous output untouched and the others go on; the caller turns failures into exit code 2.
Jobs are handed out largest model first, so that a run of the whole corpus does not end
waiting on ec2 alone.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, load, pipeline, txn, write
from .errors import GenerationError
from .escape import plain_text
from .layout import Layout


@dataclass(frozen=True)
class Job:
    """One service: an installed model by name (and API version), or a model file."""

    service: str | None = None
    model: str | None = None
    api_version: str | None = None
    service_name: str | None = None
    committed_sha: str | None = None  # check: the model the committed output came from
    committed_source: str = ""

    @property
    def label(self) -> str:
        return self.service or self.service_name or str(self.model)


@dataclass
class Outcome:
    label: str
    api_version: str = ""
    files: int = 0
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    all_files: list[str] = field(default_factory=list)
    cached: bool = False
    seconds: float = 0.0
    error: str | None = None
    report: list[str] = field(default_factory=list)  # check: what differs, one line each

    @property
    def unchanged(self) -> int:
        return self.files - len(self.written)


def generate_one(job: Job, root: Path, use_cache: bool = True,
                 layout: Layout | None = None) -> Outcome:
    """Generate one service into `root`; never raises for a bad model (the outcome says)."""
    start = time.perf_counter()
    outcome = Outcome(job.label)
    try:
        service = pipeline.load(job.service, job.model, job.api_version, job.service_name,
                                layout)
        # The API version is model text: one line, no terminal control characters.
        outcome.label = service.service_name
        outcome.api_version = plain_text(service.api_version, multiline=False)
        owned = pipeline.owned_dirs(service)
        key = cache.key(service.model_sha256, service.service_name, service.api_version,
                        service.layout.key())
        current = cache.is_current(root, service.service_name, key, owned) if use_cache else 0
        if current:
            outcome.files, outcome.cached = current, True
        else:
            files = write.render(pipeline.emit_all(service))
            with txn.Transaction(root, service.service_name) as transaction:
                result = write.compare(root, files, owned)
                write.refuse_foreign(root, result, service.layout.place("generated/__init__.py"))
                write.stage(result, transaction)
                transaction.commit()
            cache.store(root, service.service_name, key, files)
            outcome.files, outcome.all_files = len(files), sorted(files)
            outcome.written = sorted(result.changed)
            outcome.removed = result.stale + result.stale_native
    except GenerationError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # a bug must not take the other services down
        outcome.error = f"internal error: {type(exc).__name__}: {exc}"
    outcome.seconds = time.perf_counter() - start
    return outcome


def check_one(job: Job, root: Path, layout: Layout | None = None) -> Outcome:
    """Compare one service's output under `root` with what the model generates now."""
    start = time.perf_counter()
    outcome = Outcome(job.label)
    try:
        service = pipeline.load(job.service, job.model, job.api_version, job.service_name,
                                layout)
        outcome.api_version = plain_text(service.api_version, multiline=False)
        result = write.plan(root, pipeline.emit_all(service), pipeline.owned_dirs(service))
        outcome.files = len(result.files)
        outcome.report = [f"differs  {rel}" for rel in result.changed]
        outcome.report += [f"extra    {rel}" for rel in result.stale]
        outcome.report += [
            f"stale    {rel} (compiled from another validators.py: run `botogen compile "
            f"{job.label}` again, or delete it)" for rel in result.stale_native]
        sha = job.committed_sha
        if outcome.report and sha and sha != service.model_sha256:
            outcome.report.append(
                f"cause    the model differs: committed output was made from "
                f"{job.committed_source} (sha256 {sha[:12]}…), this is {service.model_source} (sha256 "
                f"{service.model_sha256[:12]}…)")
    except GenerationError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # a bug must not take the other services down
        outcome.error = f"internal error: {type(exc).__name__}: {exc}"
    outcome.seconds = time.perf_counter() - start
    return outcome


def run(jobs: list[Job], worker: Callable[[Job], Outcome], processes: int,
        on_start: Callable[[Job], None] = lambda job: None,
        on_done: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Every job's outcome, in the order of `jobs`; `processes` 1 runs them here."""
    ordered = sorted(range(len(jobs)), key=lambda i: -_size(jobs[i]))
    results: dict[int, Outcome] = {}
    for index, outcome in _outcomes(jobs, ordered, worker, processes, on_start):
        results[index] = outcome
        on_done(outcome)
    return [results[i] for i in range(len(jobs))]


def _outcomes(jobs: list[Job], ordered: list[int], worker: Callable[[Job], Outcome],
              processes: int, on_start: Callable[[Job], None]) -> Iterator[tuple[int, Outcome]]:
    if processes <= 1 or len(jobs) <= 1:
        for i in ordered:
            on_start(jobs[i])
            yield i, worker(jobs[i])
        return
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        futures: dict[Future[Outcome], int] = {}
        for i in ordered:
            futures[pool.submit(worker, jobs[i])] = i
        started = 0
        for i in ordered[:processes]:
            on_start(jobs[i])
            started += 1
        for future in as_completed(futures):
            if started < len(ordered):
                on_start(jobs[ordered[started]])
                started += 1
            yield futures[future], future.result()


def _size(job: Job) -> int:
    """The model's size on disk: a fair guess of the work."""
    try:
        path = Path(job.model) if job.model else load.locate(str(job.service), job.api_version)
        return path.stat().st_size
    except (OSError, GenerationError):
        return 0


def default_processes() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
