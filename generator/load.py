"""Read a service-2 model: by service name from the installed botocore, or from a file."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import GenerationError
from .escape import path_segment


@dataclass(frozen=True)
class RawModel:
    """The parsed model plus where it came from and the sha256 of its JSON text."""

    data: dict[str, Any]
    sha256: str
    source: str  # human-readable origin, stable across machines
    service_name: str


def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GenerationError(f"cannot read model {path}: {exc.strerror or exc}") from None
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise GenerationError(f"cannot decompress model {path}: {exc}") from None
    return raw


def _json_object(raw: bytes, what: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GenerationError(f"{what} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise GenerationError(f"{what} is not a JSON object")
    return data


def _parse(raw: bytes, where: str) -> dict[str, Any]:
    data = _json_object(raw, f"model {where}")
    for key in ("metadata", "operations", "shapes"):
        if not isinstance(data.get(key), dict):
            raise GenerationError(f"model {where} has no {key!r} object")
    return data


def _data_dirs() -> list[Path]:
    import botocore

    dirs = [Path(botocore.__file__).parent / "data"]
    extra = os.environ.get("AWS_DATA_PATH", "")
    dirs = [Path(os.path.expanduser(p)) for p in extra.split(os.pathsep) if p] + dirs
    dirs.insert(0, Path.home() / ".aws" / "models")
    return dirs


def available_services() -> list[str]:
    names: set[str] = set()
    for d in _data_dirs():
        if d.is_dir():
            names.update(p.name for p in d.iterdir() if p.is_dir())
    return sorted(names)


def _find_installed(service: str, api_version: str | None) -> Path:
    """Locate service-2.json(.gz) the way botocore's loader does: first data dir wins."""
    for d in _data_dirs():
        sdir = d / service
        if not sdir.is_dir():
            continue
        versions = sorted(p.name for p in sdir.iterdir() if p.is_dir())
        wanted = [api_version] if api_version else list(reversed(versions))
        for v in wanted:
            for name in ("service-2.json", "service-2.json.gz"):
                candidate = sdir / v / name
                if candidate.is_file():
                    return candidate
        if api_version:
            raise GenerationError(
                f"service {service!r} has no API version {api_version!r} "
                f"(available: {', '.join(versions) or 'none'})"
            )
    raise GenerationError(f"unknown service {service!r}: botocore ships no model of that name")


def locate(service: str, api_version: str | None = None) -> Path:
    """The installed service-2 file of a service (latest API version unless one is given)."""
    path_segment(service, "service name")
    if api_version is not None:
        path_segment(api_version, "API version")
    return _find_installed(service, api_version)


def load_service(service: str, api_version: str | None = None) -> RawModel:
    path = locate(service, api_version)
    import botocore

    data = _parse(raw := _read_bytes(path), service)
    digest = hashlib.sha256(raw)
    source = f"botocore {botocore.__version__} data/{service}/{path.parent.name}/{path.name}"
    extras = _find_extras(path)
    if extras is not None:  # botocore's loader merges these; so must we, or members go missing
        extra_raw = _read_bytes(extras)
        _merge(data, _parse_extras(extra_raw, str(extras)))
        digest.update(extra_raw)
        source += f" + {extras.name}"
    return RawModel(data=data, sha256=digest.hexdigest(), source=source, service_name=service)


def _find_extras(path: Path) -> Path | None:
    for name in ("service-2.sdk-extras.json", "service-2.sdk-extras.json.gz"):
        if (path.parent / name).is_file():
            return path.parent / name
    return None


def _parse_extras(raw: bytes, where: str) -> dict[str, Any]:
    merge = _json_object(raw, f"model extras {where}").get("merge", {})
    if not isinstance(merge, dict):
        raise GenerationError(f"model extras {where} have no 'merge' object")
    return merge


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    """Deep merge as botocore does it: nested objects merge, anything else replaces."""
    for key, value in extra.items():
        if isinstance(base.get(key), dict) and isinstance(value, dict):
            _merge(base[key], value)
        else:
            base[key] = value


def load_path(path: str | os.PathLike[str], service_name: str | None = None) -> RawModel:
    p = Path(path)
    raw = _read_bytes(p)
    data = _parse(raw, str(p))
    name = path_segment(service_name or _service_name_from(data, p), "service name")
    return RawModel(data=data, sha256=hashlib.sha256(raw).hexdigest(), source=p.name,
                    service_name=name)


def _service_name_from(data: dict[str, Any], path: Path) -> str:
    """botocore's service name: the model's directory name when laid out like botocore's data,
    else the endpointPrefix."""
    parts = path.resolve().parts
    if len(parts) >= 3 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", parts[-2]):
        return parts[-3]
    prefix = data["metadata"].get("endpointPrefix")
    if not isinstance(prefix, str) or not prefix:
        raise GenerationError(f"model {path} names no endpointPrefix; pass --service-name")
    return prefix


def read_model_file(path: Path) -> dict[str, Any]:
    """A model file with the sdk-extras beside it merged, as botocore's loader reads it."""
    data = _parse(_read_bytes(path), str(path))
    extras = _find_extras(path)
    if extras is not None:
        _merge(data, _parse_extras(_read_bytes(extras), str(extras)))
    return data
