"""Jinja2 templates of the emitted Python (installed as the `generator.templates` package)."""
