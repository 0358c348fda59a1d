"""`botogen` command line: generate, compile, check, diff, validate.

generate, check, diff and validate read `[tool.botogen]` from pyproject.toml (generator/
config.py); their options override it."""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

# Only what every command needs is imported here: `diff` must load no emitter, template
# engine or formatter; generate and check reach them through batch, compile through native.
from . import __version__, config, load, txn
from .errors import GenerationError
from .ir import Service
from .layout import DEFAULT_PACKAGE, committed_headers

TYPE_CHECKING = False
if TYPE_CHECKING:
    from . import batch

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="botogen", description=__doc__)
    parser.add_argument("--version", action="version", version=f"botogen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="generate the bindings of services")
    gen.add_argument("services", nargs="*", metavar="service",
                     help="botocore service names with an optional @api-version, e.g. "
                     "ecr-public dynamodb@2012-08-10 (default: [tool.botogen] services)")
    gen.add_argument("--all", action="store_true",
                     help="every service botocore ships (latest API versions)")
    _add_model_options(gen)
    _add_layout_options(gen)
    gen.add_argument("--jobs", "-j", type=int,
                     help="services generated in parallel (default: the machine's cores)")
    gen.add_argument("--no-cache", action="store_true",
                     help="regenerate even services whose output is current")
    gen.add_argument("--quiet", action="store_true", help="print nothing on success")

    comp = sub.add_parser("compile", help="build a generated package's validators with mypyc")
    _add_model_args(comp)
    _add_layout_options(comp, schemas=False)
    comp.add_argument("--quiet", action="store_true", help="print nothing on success")

    chk = sub.add_parser("check", help="exit 1 if committed output differs from what is emitted")
    chk.add_argument("services", nargs="*",
                     help="services to check (default: [tool.botogen] services, else every "
                     "package under the root package)")
    chk.add_argument("--model", help="model file to check against (one service only)")
    _add_layout_options(chk)
    chk.add_argument("--jobs", "-j", type=int,
                     help="services checked in parallel (default: the machine's cores)")

    diff = sub.add_parser(
        "diff", help="changes between two models or corpora, by rule and severity",
        description="Compare OLD with NEW (each a service name with an optional @api-version, "
        "a model file, or a directory laid out like botocore's data/). With OLD alone, compare "
        "the model the committed bindings of that service were generated from with the "
        "installed one; with neither, do that for every service of [tool.botogen]. Exit 1 "
        "when a change at or above --fail-on is found, 0 otherwise, 2 on bad input. Rules: "
        "docs/diff.md.")
    diff.add_argument("old", nargs="?",
                      help="service[@api-version], model file or data directory")
    diff.add_argument("new", nargs="?",
                      help="the same; omitted: the committed bindings' model is OLD")
    diff.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    diff.add_argument("--fail-on", choices=("breaking", "dangerous", "safe"),
                      default="breaking", help="lowest severity that exits 1 (default: "
                      "breaking)")
    diff.add_argument("--ignore", metavar="FILE",
                      help="accepted changes, one `RULE PATH REASON` a line")
    diff.add_argument("--include-docs", action="store_true",
                      help="list documentation changes too (always counted)")
    _add_layout_options(diff, schemas=False)
    _add_validate(sub)
    return parser


def _add_layout_options(p: argparse.ArgumentParser, schemas: bool = True) -> None:
    p.add_argument("--out", help="output root (default: [tool.botogen] out, else the current "
                   "directory)")
    p.add_argument("--package", help="dotted import path of the root package (default: "
                   f"[tool.botogen] package, else {DEFAULT_PACKAGE})")
    if schemas:
        p.add_argument("--schemas", help="schema directory (default: [tool.botogen] schemas, "
                       "else OUT/schemas)")


def _add_validate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from . import validate_cli

    validate_cli.add_parser(sub)


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("service", nargs="?", help="botocore service name, e.g. ecr-public")
    _add_model_options(p)


def _add_model_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="path to a service-2.json or service-2.json.gz")
    p.add_argument("--api-version", help="API version of an installed service (default: latest)")
    p.add_argument("--service-name", help="service name for --model (default: from the path)")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra and (args.command != "validate" or any(e.startswith("-") for e in extra)):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if extra:  # validate's files after an option (argparse stops filling `files` there)
        args.files = [*args.files, *extra]
    try:
        if args.command == "validate":
            from . import validate_cli

            return validate_cli.run(args)
        if args.command == "generate":
            return _generate(args)
        if args.command == "compile":
            return _compile(args)
        if args.command == "check":
            return _check(args)
        return _diff(args)
    except GenerationError as exc:
        print(f"botogen: error: {exc}", file=sys.stderr)
        return 2


def _load(args: argparse.Namespace, chosen: config.Settings) -> Service:
    from . import pipeline  # here, not at the top: `diff` must not import black or jinja2

    if bool(args.service) == bool(args.model):
        raise GenerationError("give exactly one of a service name or --model PATH")
    return pipeline.load(args.service, args.model, args.api_version, args.service_name,
                         chosen.layout)


def _settings(args: argparse.Namespace) -> config.Settings:
    return config.settings(config.find(), args.out, args.package, getattr(args, "schemas", None),
                           getattr(args, "jobs", None))


def _jobs(args: argparse.Namespace, configured: tuple[str, ...]) -> list[batch.Job]:
    from . import batch

    names: list[str] = list(args.services)
    if args.all:
        if names or args.model:
            raise GenerationError("--all generates every installed service: name none")
        names = load.available_services()
    if args.model:
        if names:
            raise GenerationError("give service names or --model PATH, not both")
        return [batch.Job(model=args.model, service_name=args.service_name)]
    if not names:
        names = list(configured)
    if not names:
        raise GenerationError("name a service (or several), --all, or --model PATH, or list "
                              "services in [tool.botogen] of pyproject.toml")
    if args.service_name:
        raise GenerationError("--service-name goes with --model")
    if args.api_version and len(names) > 1:
        raise GenerationError("--api-version applies to one service only")
    jobs: dict[tuple[str, str | None], None] = {}
    for spec in names:
        name, version = config.split_service(spec)
        if version and args.api_version and version != args.api_version:
            raise GenerationError(f"{spec}: the API version is given twice")
        jobs[(name, version or args.api_version)] = None
    return [batch.Job(service=name, api_version=version) for name, version in jobs]


def _generate(args: argparse.Namespace) -> int:
    from . import batch, progress

    chosen = _settings(args)
    jobs = _jobs(args, chosen.config.services)
    root = chosen.root
    recovered = txn.recover(root)  # an interrupted run's changes, finished before any others
    if not args.quiet:
        for line in recovered:
            print(line)
    worker = functools.partial(batch.generate_one, root=root, use_cache=not args.no_cache,
                               layout=chosen.layout)
    if len(jobs) == 1:
        outcome = worker(jobs[0])
        if outcome.error is not None:
            raise GenerationError(outcome.error)
        if not args.quiet:
            _list_files(outcome)
        return 0
    shown = progress.Progress(len(jobs), "generating") if not args.quiet else None
    outcomes = batch.run(jobs, worker, chosen.jobs or batch.default_processes(),
                         shown.started if shown else lambda job: None,
                         shown.finished if shown else lambda outcome: None)
    if shown:
        shown.close()
        print(progress.summary(outcomes, shown.elapsed()))
    else:
        for outcome in outcomes:
            if outcome.error is not None:
                print(progress.error_line(outcome), file=sys.stderr)
    return 2 if any(o.error is not None for o in outcomes) else 0


def _list_files(outcome: batch.Outcome) -> None:
    for rel in outcome.all_files:
        state = "written" if rel in outcome.written else "unchanged"
        print(f"{state:9} {rel}")
    for rel in outcome.removed:
        print(f"{'removed':9} {rel}")
    note = " (unchanged since its last generation)" if outcome.cached else ""
    print(f"{outcome.label} {outcome.api_version}: {outcome.files} files, "
          f"{len(outcome.written)} written, {len(outcome.removed)} removed{note}")


def _compile(args: argparse.Namespace) -> int:
    from . import native

    chosen = config.settings(config.find(), args.out, args.package)
    service = _load(args, chosen)
    root = chosen.root
    recovered = txn.recover(root)
    written = native.install(service, root)
    if not args.quiet:
        for line in recovered:
            print(line)
        for rel in written:
            print(f"{'compiled':9} {rel}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from . import batch

    chosen = _settings(args)
    root, where = chosen.root, chosen.packages
    pending = txn.unfinished(root)
    if pending:  # the tree is mid-change: comparing it would say nothing until it is finished
        for transaction in pending:
            print(transaction.report())
        return 1
    headers = committed_headers(where)
    wanted = dict(config.split_service(spec) for spec in args.services or chosen.config.services)
    names = list(wanted) or sorted(headers)
    if not names:
        raise GenerationError(f"nothing to check: no generated packages under {where}")
    if args.model and len(names) != 1:
        raise GenerationError("--model checks exactly one service")
    jobs = []
    for name in names:
        if name not in headers and not args.model:
            raise GenerationError(f"no generated package of {name!r} under {where}")
        header = headers.get(name)
        version = wanted.get(name) or (header["api"] if header else None)
        jobs.append(batch.Job(
            service=None if args.model else name, model=args.model,
            api_version=None if args.model else version, service_name=name,
            committed_sha=header["sha"] if header else None,
            committed_source=header["source"] if header else ""))
    worker = functools.partial(batch.check_one, root=root, layout=chosen.layout)
    outcomes = batch.run(jobs, worker, chosen.jobs or batch.default_processes())
    failed = False
    for outcome in outcomes:
        if outcome.error is not None:
            raise GenerationError(f"{outcome.label}: {outcome.error}")
        if not outcome.report:
            print(f"ok       {outcome.label} {outcome.api_version}")
            continue
        failed = True
        for line in outcome.report:
            print(line)
    return 1 if failed else 0


def _diff(args: argparse.Namespace) -> int:
    from .diff import Options, run

    chosen = config.settings(config.find(), args.out, args.package)
    services: tuple[str, ...] = ()
    if args.old is None:
        if args.new is not None:
            raise GenerationError("give OLD to compare with NEW")
        services = chosen.config.services
        if not services:
            raise GenerationError("name a service (or OLD and NEW), or list services in "
                                  "[tool.botogen] of pyproject.toml")
    return run(Options(args.old, args.new, args.format, args.fail_on, args.ignore,
                       args.include_docs, str(chosen.root), chosen.layout.package_dir,
                       services))
