"""The one error type the generator raises for bad input; the CLI turns it into one line."""


class GenerationError(Exception):
    """A problem with the model or the request, worded for the user (one line)."""
