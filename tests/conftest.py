"""Shared test setup: Hypothesis profiles and the project's paths."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
# Generation's cache (generator/cache.py) of this run only, not the user's.
os.environ.setdefault("BOTOGEN_CACHE_DIR", tempfile.mkdtemp(prefix="botogen-test-cache-"))
if str(ROOT) not in sys.path:  # generated/ is imported from the checkout, not installed
    sys.path.insert(0, str(ROOT))

_relaxed = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
# "ci": quick and deterministic; "thorough": the long run whose counts the README records (the
# flagship's properties); "broad": the same long run's width, every other operation.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=_relaxed, print_blob=True)
settings.register_profile("thorough", max_examples=100_000, deadline=None,
                          suppress_health_check=_relaxed)
settings.register_profile("broad", max_examples=1_000, deadline=None,
                          suppress_health_check=_relaxed)
settings.register_profile("dev", max_examples=200, deadline=None, suppress_health_check=_relaxed)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """In a long run (bench/thorough.sh sets BOTOGEN_TALLY), order the differential tests by
    case, so that pytest-xdist's first even split hands each worker whole cases (one value
    property and one arbitrary-JSON property each) rather than all of one slow kind."""
    if not os.environ.get("BOTOGEN_TALLY"):
        return
    def key(item: pytest.Item) -> tuple[bool, str]:
        if not (isinstance(item, pytest.Function) and item.module.__name__ == "test_differential"):
            return True, ""
        return False, item.callspec.id if hasattr(item, "callspec") else ""

    items.sort(key=key)
