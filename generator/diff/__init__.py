"""`botogen diff`: a breaking-change checker over two models, or two corpora of models.

sources (what OLD and NEW name) -> walk (pairs of shapes and operations, evaluated by the
rules in ops, shapes, constraints and traits; each change once, with the operations it
reaches) -> ignore (accepted changes) -> report (text, JSON, Markdown; exit code).
Nothing here imports the emitters, black or jinja2: the command stays fast on all of
botocore."""

from __future__ import annotations

from .changes import Change, Finding
from .command import Options, run
from .report import Report
from .rules import RULES, Rule, Severity
from .walk import compare_models

__all__ = ["RULES", "Change", "Finding", "Options", "Report", "Rule", "Severity",
           "compare_models", "run"]
