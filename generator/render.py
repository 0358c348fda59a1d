"""The jinja2 environment for templates/ (layout only; logic stays in the emitters)."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Any

import jinja2

from . import escape


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_template_dirs()),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=_only_escaped,
    )
    # The only ways model text gets into a template's output (generator/escape.py).
    env.filters["pyrepr"] = escape.literal
    env.filters["docstring"] = escape.docstring
    env.filters["comment"] = escape.comment
    env.filters["ident"] = escape.identifier
    env.filters["text"] = lambda text, multiline=True: escape.Code(escape.plain_text(text,
                                                                                     multiline))
    return env


def _only_escaped(value: Any) -> Any:
    """Every `{{ ... }}` result passes here: numbers and text already escaped for its context
    (escape.Code) go out; a plain str, which may be raw model text, stops the generation."""
    if isinstance(value, escape.Code) or type(value) in (int, bool):
        return value
    raise TypeError(f"template interpolates unescaped {type(value).__name__} {value!r:.80}: "
                    "pass it through an escaping filter (generator/escape.py)")


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
