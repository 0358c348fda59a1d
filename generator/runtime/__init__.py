"""Service-independent modules emitted verbatim (after the header) into every generated package.

They are real source so that they are type-checked and tested here once; the emitters read
their text (generator/emit/models.py) rather than templating it.
"""
