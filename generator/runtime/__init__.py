"""Service-independent code that emitted packages carry (copied as source, see
generator.emit.validators). Each module is self-contained and stdlib-only."""
