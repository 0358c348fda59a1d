"""`botogen validate SERVICE OPERATION FILE...`: input files checked by the generated validators,
every issue as `FILE:LINE:COLUMN: PATH: MESSAGE`.

Each file is read as `--cli-input-json` / `--cli-input-yaml` read it (generator/positions.py);
the issues are the generated validator's, in its order and wording; each points at the value
it is about (a missing member: at its object; an unknown one: at its key). Exit 0 when every
file is valid, 1 when any is not, 2 when any cannot be read or parsed (or on bad arguments).
With `--mapped`, files are matched to operations by `[tool.botogen.validate]` globs instead
(the pre-commit hook's way). Nothing here imports botocore unless bindings must be built.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import config
from .bindings import Bindings, find
from .errors import GenerationError
from .escape import plain_text
from .positions import Document, Unparsable, load_json, load_yaml, locate

STDIN = "-"
_WHOLE = "(input)"  # the PATH printed for an issue about the whole document


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "validate", help="check JSON/YAML input files against an operation",
        description="Check each FILE (JSON or YAML, as --cli-input-json / --cli-input-yaml "
        "take it; - reads standard input) against OPERATION's request (or --response) with "
        "the generated validator. Prints FILE:LINE:COLUMN: PATH: MESSAGE for every issue. "
        "Exit 0 when all are valid, 1 when any is not, 2 when any cannot be read or parsed.")
    p.add_argument("service", nargs="?", help="service name, optionally @api-version")
    p.add_argument("operation", nargs="?",
                   help="operation: API name (CreateRepository) or CLI name (create-repository)")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--response", action="store_true",
                   help="the files are responses (as the AWS CLI prints them)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--input-format", choices=("auto", "json", "yaml"), default="auto",
                   help="auto: .json is JSON, .yaml/.yml YAML, anything else JSON when it "
                   "starts with { or [, else YAML")
    p.add_argument("--mapped", action="store_true",
                   help="every argument is a FILE, checked against the operation of the first "
                   "[tool.botogen.validate] glob it matches (no match: skipped); with no FILE, "
                   "every file a glob matches")
    p.add_argument("--out", help="output root holding committed bindings (default: "
                   "[tool.botogen] out, else the current directory)")
    p.add_argument("--package", help="import path of the root package (default: "
                   "[tool.botogen] package, else generated)")


@dataclass
class Result:
    file: str
    service: str
    operation: str
    role: str
    issues: list[dict[str, Any]] = field(default_factory=list)
    error: dict[str, Any] | None = None

    def lines(self) -> list[str]:
        if self.error is not None:
            return [_line(self.file, self.error, None)]
        return [_line(self.file, issue, issue["path"] or _WHOLE) for issue in self.issues]

    def as_data(self) -> dict[str, Any]:
        return {"file": self.file, "service": self.service, "operation": self.operation,
                "role": self.role, "valid": not self.issues and self.error is None,
                "error": self.error, "issues": self.issues}


def _line(file: str, item: dict[str, Any], path: str | None) -> str:
    where = f"{file}:{item['line']}:{item['column']}: "
    shown = plain_text(item["message"], multiline=False)  # one issue, one line
    return where + (f"{plain_text(path, multiline=False)}: " if path is not None else "") + shown


def run(args: argparse.Namespace) -> int:
    chosen = config.settings(config.find(), args.out, args.package)
    given = [a for a in (args.service, args.operation, *args.files) if a is not None]
    if args.mapped:
        pairs = _mapped(chosen.config, given)
    else:
        if len(given) < 3:
            raise GenerationError("give SERVICE OPERATION FILE... (or --mapped FILE...)")
        target = config.Target(given[0], given[1], args.response)
        pairs = [(f, target) for f in given[2:]]
    checker = _Checker(chosen.packages, args.input_format)
    results = [checker.check(file, target) for file, target in pairs]
    if args.format == "json":
        data = {"valid": all(r.error is None and not r.issues for r in results),
                "files": [r.as_data() for r in results]}
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        for result in results:
            for line in result.lines():
                print(line)
    if any(r.error is not None for r in results):
        return 2
    return 1 if any(r.issues for r in results) else 0


class _Checker:
    """One process, many files: each service's bindings are found or built once."""

    def __init__(self, packages: Path, input_format: str) -> None:
        self.packages = packages
        self.input_format = input_format
        self.bindings: dict[str, Bindings] = {}

    def check(self, file: str, target: config.Target) -> Result:
        name, version = config.split_service(target.service)
        if target.service not in self.bindings:
            self.bindings[target.service] = find(self.packages, name, version)
        bindings = self.bindings[target.service]
        command = bindings.command(target.operation)
        role = "response" if target.response else "request"
        result = Result(_shown_name(file), name, command.name, role)
        try:
            document, flavour = self._read(file)
        except Unparsable as exc:
            line, column = exc.position
            result.error = {"line": line, "column": column, "message": exc.message}
            return result
        if not isinstance(document.data, dict):  # as the CLI refuses it, before validating
            line, column = document.root.position
            result.error = {"line": line, "column": column, "message":
                            f"Invalid type for --cli-input-{flavour}: expecting map, received "
                            f"{type(document.data)}"}
            return result
        data = document.data
        if not target.response and command.idempotency_tokens:
            # botocore fills a missing idempotency token before it validates; so does the CLI
            data = {**data, **{t: str(uuid.uuid4()) for t in command.idempotency_tokens
                               if t not in data}}
        for issue in bindings.validator(command, target.response)(data):
            found = locate(document.root, issue.path)
            at = found.value
            if found.whole and found.key is not None and issue.message.startswith("Unknown "):
                at = found.key
            result.issues.append({"line": at[0], "column": at[1], "path": issue.path,
                                  "message": issue.message})
        return result

    def _read(self, file: str) -> tuple[Document, str]:
        try:
            raw = sys.stdin.buffer.read() if file == STDIN else Path(file).read_bytes()
        except OSError as exc:
            raise Unparsable(f"cannot read: {exc.strerror or exc}", (1, 1)) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = raw[:exc.start].decode("utf-8", "replace")
            line = before.count("\n") + 1
            raise Unparsable("not UTF-8 text", (line, len(before) - before.rfind("\n"))) \
                from None
        flavour = self._flavour(file, text)
        if flavour == "json":
            return load_json(text), flavour
        try:
            return load_yaml(text), flavour
        except ImportError:
            raise GenerationError("YAML input needs PyYAML: install botogen's runtime extra "
                                  "(pip install 'botogen[runtime]')") from None

    def _flavour(self, file: str, text: str) -> str:
        if self.input_format != "auto":
            return self.input_format
        suffix = Path(file).suffix.lower()
        if suffix == ".json":
            return "json"
        if suffix in (".yaml", ".yml"):
            return "yaml"
        return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


def _shown_name(file: str) -> str:
    return "<stdin>" if file == STDIN else file


# -- [tool.botogen.validate]: files to operations --------------------------------------------


def _mapped(conf: config.Config, files: list[str]) -> list[tuple[str, config.Target]]:
    if not conf.validate:
        raise GenerationError("--mapped needs a [tool.botogen.validate] table in pyproject.toml "
                              "(glob = \"service:Operation\")")
    globs = [(glob_regex(glob), target) for glob, target in conf.validate.items()]
    base = conf.base
    if not files:  # named from the current directory where they are under it
        here = Path.cwd()
        files = [str(p.relative_to(here)) if p.is_relative_to(here) else str(p)
                 for p in _walk(base)]
    pairs = []
    for file in files:
        rel = _relative(Path(file), base)
        for regex, target in globs:
            if rel is not None and regex.fullmatch(rel):
                pairs.append((file, target))
                break
    return pairs


def _relative(path: Path, base: Path) -> str | None:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(base)).as_posix()
    except ValueError:
        return None


def _walk(base: Path) -> list[Path]:
    """Every file under `base`, hidden directories (.git, .venv, ...) left out."""
    found = []
    for directory, dirs, names in os.walk(os.path.abspath(base)):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(directory, n) for n in sorted(names)]
    return found


def glob_regex(glob: str) -> re.Pattern[str]:
    """A glob relative to the project directory as a regex over POSIX paths: `*` and `?` stay
    within a directory name, `**/` spans any number of directories, `[...]` is a class."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "[" and "]" in glob[i + 2:]:
            end = glob.index("]", i + 2)
            body = glob[i + 1:end]
            negate = body[:1] in ("!", "^")
            out.append("[" + ("^" if negate else "") +
                       re.sub(r"([\\\[\]^])", r"\\\1", body[1:] if negate else body) + "]")
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out))
