"""What OLD and NEW name: an installed service (`name` or `name@api-version`), a model file,
a directory laid out like botocore's `data/` (or an unpacked botocore wheel holding one), or
the snapshot of the model that committed bindings were generated from."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import load
from ..errors import GenerationError
from . import snapshot

_VERSION = re.compile(r"\d{4}-\d{2}-\d{2}")
_MODEL_NAMES = ("service-2.json", "service-2.json.gz")


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a label for reports and its models by service name."""

    label: str
    corpus: bool  # a data directory: every service in it
    models: dict[str, Callable[[], dict[str, Any]]]  # loaded on demand

    def names(self) -> list[str]:
        return sorted(self.models)


def resolve(spec: str) -> Side:
    path = Path(os.path.expanduser(spec))
    if path.is_dir():
        return _corpus(path)
    if path.is_file():
        name = _name_from_path(path)
        return Side(str(spec), False, {name: lambda: load.read_model_file(path)})
    if os.sep in spec or "/" in spec or spec.endswith((".json", ".gz")):
        raise GenerationError(f"no such model file or directory: {spec}")
    name, _, version = spec.partition("@")
    raw = load.load_service(name, version or None)  # raises on an unknown name or version
    return Side(raw.source, False, {name: lambda: raw.data})


def committed(service: str, packages: Path) -> Side:
    """The snapshot `generate` keeps beside the bindings of `service` in the root package
    directory `packages` (``<out>/generated`` by default)."""
    found = snapshot.find(packages, service)
    if found is None:
        raise GenerationError(f"no committed bindings of {service!r} with a model snapshot "
                              f"under {packages} (generate them first)")
    meta, model = snapshot.read(found)
    return Side(f"{meta['source']} (committed in {found.parent.name})", False,
                {service: lambda: model})


def _name_from_path(path: Path) -> str:
    parts = path.resolve().parts
    if len(parts) >= 3 and _VERSION.fullmatch(parts[-2]):
        return parts[-3]
    return ""  # not laid out like botocore's data/: the model's endpointPrefix names it


def _corpus(path: Path) -> Side:
    data = path
    for inner in (path / "botocore" / "data", path / "data"):
        if inner.is_dir():
            data = inner
            break
    models: dict[str, Callable[[], dict[str, Any]]] = {
        name: functools.partial(load.read_model_file, file) for name, file in _latest_models(data)}
    if not models:
        raise GenerationError(f"{path} holds no models laid out like botocore's data/ "
                              "(SERVICE/API-VERSION/service-2.json[.gz])")
    return Side(str(path), True, models)


def _latest_models(data: Path) -> Iterator[tuple[str, Path]]:
    """Each service's latest API version, as botocore's loader picks it."""
    for service in sorted(p for p in data.iterdir() if p.is_dir()):
        for version in sorted((v for v in service.iterdir() if v.is_dir()), reverse=True):
            files = [version / n for n in _MODEL_NAMES if (version / n).is_file()]
            if files:
                yield service.name, files[0]
                break
