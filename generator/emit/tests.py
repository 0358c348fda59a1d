"""Emitter stub: filled in by its own change."""

from __future__ import annotations

from ..ir import Service
from . import Artifact


def emit(service: Service) -> list[Artifact]:
    return []
