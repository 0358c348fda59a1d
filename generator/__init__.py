"""botogen: contract-driven code generation from botocore service models."""

__version__ = "0.1.0"
