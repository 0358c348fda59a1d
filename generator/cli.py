"""`botogen` command line: generate, compile, check, diff."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from . import __version__
from .errors import GenerationError
from .ir import Service

_HEADER_RE = re.compile(
    r"botocore (?P<botocore>\S+) model\n# of (?P<service>\S+) \(API version (?P<api>[^)]*)\),\n"
    r"# (?P<source>.*), sha256 (?P<sha>[0-9a-f]{64})\."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="botogen", description=__doc__)
    parser.add_argument("--version", action="version", version=f"botogen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="generate the bindings of one service")
    _add_model_args(gen)
    gen.add_argument("--out", default=".", help="output root (default: current directory)")
    gen.add_argument("--quiet", action="store_true", help="print nothing on success")

    comp = sub.add_parser("compile", help="build a generated package's validators with mypyc")
    _add_model_args(comp)
    comp.add_argument("--out", default=".", help="output root (default: current directory)")
    comp.add_argument("--quiet", action="store_true", help="print nothing on success")

    chk = sub.add_parser("check", help="exit 1 if committed output differs from what is emitted")
    chk.add_argument("services", nargs="*",
                     help="services to check (default: every package under OUT/generated)")
    chk.add_argument("--model", help="model file to check against (one service only)")
    chk.add_argument("--out", default=".", help="output root (default: current directory)")

    diff = sub.add_parser(
        "diff", help="changes between two models or corpora, by rule and severity",
        description="Compare OLD with NEW (each a service name with an optional @api-version, "
        "a model file, or a directory laid out like botocore's data/). With OLD alone, compare "
        "the model the committed bindings of that service were generated from with the "
        "installed one. Exit 1 when a change at or above --fail-on is found, 0 otherwise, "
        "2 on bad input. Rules: docs/diff.md.")
    diff.add_argument("old", help="service[@api-version], model file or data directory")
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
    diff.add_argument("--out", default=".",
                      help="output root holding the committed bindings (default: .)")
    return parser


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("service", nargs="?", help="botocore service name, e.g. ecr-public")
    p.add_argument("--model", help="path to a service-2.json or service-2.json.gz")
    p.add_argument("--api-version", help="API version of an installed service (default: latest)")
    p.add_argument("--service-name", help="service name for --model (default: from the path)")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
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


def _load(args: argparse.Namespace) -> Service:
    from . import pipeline  # here, not at the top: `diff` must not import black or jinja2

    if bool(args.service) == bool(args.model):
        raise GenerationError("give exactly one of a service name or --model PATH")
    return pipeline.load(args.service, args.model, args.api_version, args.service_name)


def _generate(args: argparse.Namespace) -> int:
    from . import pipeline, write

    service = _load(args)
    root = Path(args.out)
    result = write.plan(root, pipeline.emit_all(service), pipeline.owned_dirs(service))
    write.apply(result)
    if not args.quiet:
        for rel in sorted(result.files):
            state = "written" if rel in result.changed else "unchanged"
            print(f"{state:9} {rel}")
        removed = result.stale + result.stale_native
        for rel in removed:
            print(f"{'removed':9} {rel}")
        print(f"{service.service_name} {service.api_version}: {len(result.files)} files, "
              f"{len(result.changed)} written, {len(removed)} removed")
    return 0


def _compile(args: argparse.Namespace) -> int:
    from . import native

    service = _load(args)
    written = native.install(service, Path(args.out))
    if not args.quiet:
        for rel in written:
            print(f"{'compiled':9} {rel}")
    return 0


def _committed_headers(root: Path) -> dict[str, re.Match[str]]:
    found = {}
    for init in sorted((root / "generated").glob("*/__init__.py")):
        match = _HEADER_RE.search(init.read_text(encoding="utf-8"))
        if match:
            found[match["service"]] = match
    return found


def _check(args: argparse.Namespace) -> int:
    from . import pipeline, write

    root = Path(args.out)
    headers = _committed_headers(root)
    names = args.services or sorted(headers)
    if not names:
        raise GenerationError(f"nothing to check: no generated packages under {root}/generated")
    if args.model and len(names) != 1:
        raise GenerationError("--model checks exactly one service")
    failed = False
    for name in names:
        if name not in headers and not args.model:
            raise GenerationError(f"no generated package of {name!r} under {root}/generated")
        header = headers.get(name)
        api = header["api"] if header else None
        service = pipeline.load(name, args.model, None if args.model else api, name)
        result = write.plan(root, pipeline.emit_all(service), pipeline.owned_dirs(service))
        if result.clean:
            print(f"ok       {name} {service.api_version}")
            continue
        failed = True
        for rel in result.changed:
            print(f"differs  {rel}")
        for rel in result.stale:
            print(f"extra    {rel}")
        for rel in result.stale_native:
            print(f"stale    {rel} (compiled from another validators.py: run "
                  f"`botogen compile {name}` again, or delete it)")
        if header and header["sha"] != service.model_sha256:
            print(f"cause    the model differs: committed output was made from "
                  f"{header['source']} (sha256 {header['sha'][:12]}…), this is "
                  f"{service.model_source} (sha256 {service.model_sha256[:12]}…)")
    return 1 if failed else 0


def _diff(args: argparse.Namespace) -> int:
    from .diff import Options, run

    return run(Options(args.old, args.new, args.format, args.fail_on, args.ignore,
                       args.include_docs, args.out))
