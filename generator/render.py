"""The jinja2 environment for templates/ (layout only; logic stays in the emitters)."""

from __future__ import annotations

import functools
import importlib.util
import textwrap
from pathlib import Path
from typing import Any

import jinja2


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_template_dirs()),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = repr
    env.filters["docstring"] = docstring_literal
    return env


def _template_dirs() -> list[Path]:
    """templates/ beside the package in a checkout; the `generator.templates` package when
    installed (pyproject maps that package onto templates/)."""
    dirs = [Path(__file__).resolve().parent.parent / "templates"]
    spec = importlib.util.find_spec("generator.templates")
    if spec is not None and spec.submodule_search_locations:
        dirs += [Path(p) for p in spec.submodule_search_locations]
    return [d for d in dirs if d.is_dir()]


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def docstring_literal(text: str, indent: str = "") -> str:
    """A triple-quoted literal that holds any text safely (quotes, backslashes, braces)."""
    width = max(40, 96 - len(indent))
    text = "\n\n".join(
        textwrap.fill(p, width, break_long_words=False, break_on_hyphens=False)
        for p in text.split("\n\n")
    )
    body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    lines = body.split("\n")
    body = ("\n" + indent).join(lines).replace("\n" + indent + "\n", "\n\n")
    if len(lines) > 1:
        return f'"""{body}\n{indent}"""'
    return f'"""{body}"""'
