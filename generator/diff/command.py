"""The `diff` command: resolve both sides, compare every common service, apply the ignore
file, print one format, and say by the exit code whether anything reached --fail-on."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..errors import GenerationError
from . import ignore, report, sources
from .changes import Change, Finding
from .rules import Severity
from .walk import compare_models

FORMATS = {"text": report.text, "json": report.as_json, "markdown": report.markdown}
FAIL_ON = {"breaking": Severity.BREAKING, "dangerous": Severity.DANGEROUS,
           "safe": Severity.SAFE}


@dataclass(frozen=True)
class Options:
    old: str | None  # None: the configured services (`services`)
    new: str | None = None  # None: the committed snapshot against the installed model
    format: str = "text"
    fail_on: str = "breaking"
    ignore: str | None = None
    include_docs: bool = False
    out: str = "."
    packages: str = "generated"  # the root package's directory under `out`
    services: tuple[str, ...] = ()  # old None: each of these, committed against installed


def build(options: Options) -> report.Report:
    if options.old is None:
        return _configured(options)
    return _build(options)


def _configured(options: Options) -> report.Report:
    """Every configured service's committed snapshot against its installed model, in one
    report (a corpus of their own)."""
    entries = ignore.load(options.ignore) if options.ignore else []
    result = report.Report(f"committed bindings under {Path(options.out) / options.packages}",
                           "installed botocore", [], include_docs=options.include_docs)
    for spec in options.services:
        _single(sources.committed(spec.partition("@")[0], Path(options.out) / options.packages),
                sources.resolve(spec), result)
    ignore.apply(entries, result.changes)
    return result


def _build(options: Options) -> report.Report:
    assert options.old is not None
    entries = ignore.load(options.ignore) if options.ignore else []
    if options.new is None:
        if "/" in options.old or options.old.endswith((".json", ".gz")):
            raise GenerationError("with one argument, give a service name whose bindings are "
                                  "committed under --out")
        old = sources.committed(options.old.partition("@")[0],
                                Path(options.out) / options.packages)
        new = sources.resolve(options.old)
    else:
        old, new = sources.resolve(options.old), sources.resolve(options.new)
    if old.corpus != new.corpus:
        raise GenerationError("compare a data directory with a data directory, or one model "
                              "with one model")
    result = report.Report(old.label, new.label, [], include_docs=options.include_docs)
    if old.corpus:
        _corpora(old, new, result)
    else:
        _single(old, new, result)
    ignore.apply(entries, result.changes)
    return result


def _single(old: sources.Side, new: sources.Side, result: report.Report) -> None:
    (name_a, load_a), = old.models.items()
    (name_b, load_b), = new.models.items()
    model_a, model_b = load_a(), load_b()
    name = name_b or name_a or str(model_b["metadata"].get("endpointPrefix", "service"))
    result.compared.append(name)
    result.changes.extend(compare_models(name, model_a, model_b))


def _corpora(old: sources.Side, new: sources.Side, result: report.Report) -> None:
    for name in old.names():
        if name not in new.models:
            result.removed.append(name)
            result.changes.append(Change.of(Finding("service-removed", "service removed"),
                                            name, "service"))
    for name in new.names():
        if name not in old.models:
            result.added.append(name)
            result.changes.append(Change.of(Finding("service-added", "service added"),
                                            name, "service"))
            continue
        result.compared.append(name)
        result.changes.extend(compare_models(name, old.models[name](), new.models[name]()))


def run(options: Options, out: TextIO = sys.stdout) -> int:
    if options.format not in FORMATS:
        raise GenerationError(f"unknown --format {options.format!r} (text, json, markdown)")
    if options.fail_on not in FAIL_ON:
        raise GenerationError(f"unknown --fail-on {options.fail_on!r} "
                              "(breaking, dangerous, safe)")
    result = build(options)
    out.write(FORMATS[options.format](result))
    worst = result.worst()
    return 1 if worst is not None and worst >= FAIL_ON[options.fail_on] else 0


