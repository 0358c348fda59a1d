"""Shared test setup: Hypothesis profiles and the project's paths."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
if str(ROOT) not in sys.path:  # generated/ is imported from the checkout, not installed
    sys.path.insert(0, str(ROOT))

_relaxed = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]
# "ci": quick and deterministic; "thorough": the long run whose counts the README records.
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=_relaxed, print_blob=True)
settings.register_profile("thorough", max_examples=100_000, deadline=None,
                          suppress_health_check=_relaxed)
settings.register_profile("dev", max_examples=200, deadline=None, suppress_health_check=_relaxed)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
