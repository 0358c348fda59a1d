"""The runtime of the generated packages: the code that is the same for every service.

These modules are real source, type-checked and unit-tested here; `botogen generate` copies
them, byte for byte under a provenance header, into one package beside the service packages
(`<root package>/_runtime/`), which every service package imports. They import nothing beyond
the standard library at import time (a call imports botocore; `--cli-input-yaml` imports
PyYAML; testing.py, like the strategies it drives, imports Hypothesis), so a generated tree
needs no botogen install.
"""
