"""AWS CLI v2 references for the skeletons: what they hold and when they apply.

bench/v2_skeletons.py runs v2 from its source (/work/shared/awscli/FACTS.md) and writes one
fixture per service to tests/fixtures/awscli-v2/<service>.json.gz; tests/test_skeletons_v2.py
compares botogen's skeletons with them. v2 bundles its own models (botocore 1.43.55's), so a
reference is only taken, and only applies, where the operation's shapes are the same in both
models: each operation's entry carries the digest of its shapes in v2's model, and the test
recomputes it from the installed botocore.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from generator.ir import Kind, Operation, Service, Shape

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "awscli-v2"
FLAVOURS = ("input", "yaml-input", "output")


def _reached(model: dict[str, Any], roots: list[str]) -> list[str]:
    """Shape names reached from `roots` (members, list members, map keys and values)."""
    shapes, seen, todo = model["shapes"], set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in shapes:
            continue
        seen.add(name)
        shape = shapes[name]
        todo += [ref["shape"] for ref in shape.get("members", {}).values()]
        todo += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
    return sorted(seen)


def operation_digest(model: dict[str, Any], operation: str) -> str:
    """sha256 of what an operation's skeletons depend on: its input and output references and
    every shape they reach, as the model's JSON (docs included: they are the YAML comments),
    and each structure's member order (the skeletons' key order; sort_keys hides it)."""
    op = model["operations"][operation]
    refs = {k: op[k] for k in ("input", "output") if k in op}
    shapes = _reached(model, [ref["shape"] for ref in refs.values()])
    order = {n: list(model["shapes"][n].get("members", {})) for n in shapes}
    text = json.dumps([refs, {n: model["shapes"][n] for n in shapes}, order], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# ARNs whose endpoint rules want more than `arn:aws:<endpointPrefix>:us-east-1:<account>:...`.
ARNS = {"cloudfront-keyvaluestore": "arn:aws:cloudfront::123456789012:key-value-store/x"}


def sample(service: Service, shape: Shape, name: str = "") -> Any:
    """A small input value botocore accepts: required members only, lengths at min. An ARN
    member gets an ARN of the service: endpoint rules parse some (kinesis StreamARN)."""
    kind = shape.kind
    if kind is Kind.DOCUMENT or kind is Kind.MAP:
        return {}
    if kind.is_structured:
        members = shape.members[:1] if kind is Kind.UNION else [
            m for m in shape.members if m.required]
        return {m.name: sample(service, service.target(m), m.name) for m in members}
    if kind is Kind.LIST:
        assert shape.member is not None
        return [sample(service, service.target(shape.member))] * max(1, int(shape.min or 0))
    if kind is Kind.STRING and shape.enum:
        return shape.enum[0]
    if kind is Kind.STRING:
        text = ""
        if name.lower().endswith("arn") or (shape.pattern or "").startswith("arn"):
            prefix = service.metadata.get("endpointPrefix", service.service_name)
            text = ARNS.get(service.service_name,
                             f"arn:aws:{prefix}:us-east-1:123456789012:stream/x")
        return text.ljust(max(1, int(shape.min or 0)), "x")
    if kind.is_integral:
        return max(0, int(shape.min or 0))
    if kind.is_floating:
        return max(0.0, float(shape.min or 0))
    if kind is Kind.TIMESTAMP:
        return "1970-01-01T00:00:00"
    return True if kind is Kind.BOOLEAN else "x" * max(1, int(shape.min or 0))  # blob, raw


def command(cli_service: str, service: Service, op: Operation, flavour: str) -> list[str]:
    """The `aws` arguments that print one skeleton. `output` makes the (stubbed) call, so its
    required input comes as --cli-input-json, blobs raw (not base64, v2's default)."""
    args = [cli_service, op.cli_name, "--generate-cli-skeleton", flavour]
    if flavour == "output":
        value = sample(service, service.shape(op.input)) if op.input else {}
        args += ["--cli-input-json", json.dumps(value),
                 "--cli-binary-format", "raw-in-base64-out",
                 *HOISTED.get((service.service_name, op.name), [])]
    return args


# A CLI customization (awscli/customizations/translate.py) moves a blob member out to an
# argument of its own that replaces the whole structure from --cli-input-json, so the sample
# must come as those arguments.
HOISTED = {("translate", "ImportTerminology"): ["--data-file", "fileb:///dev/null",
                                                 "--terminology-data", "Format=CSV"]}


def unseen_issues(issues: list[str], stderr: str) -> list[str]:
    """Our reasons why v2's fake response fails validation that v2's error does not name: each
    issue's path must be a parameter of its `Parameter validation failed` report."""
    if "Parameter validation failed" not in stderr:
        return issues or ["any validation"]
    unseen = []
    for issue in issues:
        path = issue.rsplit(": ", 1)[0]
        path = "input" if path == "response" else path
        if not re.search(rf"(parameter|in|structure) {re.escape(path)}[,:. ]", stderr):
            unseen.append(issue)
    return unseen


# Service commands the AWS CLI names otherwise (v2's handlers_registry.MAIN_COMMAND_TABLE_OPS;
# v1 the same): its `s3` is a command of its own.
_CLI_NAMES = {"s3": "s3api", "codedeploy": "deploy", "config": "configservice"}


def cli_service_name(service: str) -> str:
    return _CLI_NAMES.get(service, service)


def read(service: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(gzip.decompress(
        (FIXTURES / f"{service}.json.gz").read_bytes()))
    return loaded


def write(service: str, document: dict[str, Any]) -> Path:
    path = FIXTURES / f"{service}.json.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))  # same bytes each run
    return path


def fixture_services() -> list[str]:
    return sorted(p.name.removesuffix(".json.gz") for p in FIXTURES.glob("*.json.gz"))
