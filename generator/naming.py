"""All Python and CLI names derived from model names, in one place, with clash detection."""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from collections.abc import Container, Iterable

from botocore import xform_name

from .errors import GenerationError
from .escape import ascii_identifier
from .ir import Operation

# Names the emitted modules define or import at module level; a class may not take them.
_MODULE_NAMES = frozenset(
    {
        "annotations", "Any", "ClassVar", "Mapping", "dataclass", "field", "fields",
        "StrEnum", "Enum", "datetime", "timezone", "base64", "re", "WIRE", "ValidationIssue",
        "FromDictError",
        # locals of the emitted methods, which a class name would be shadowed by
        "v", "k", "data", "kwargs", "cls", "exc", "out", "self",
    }
)
# Comprehension and lambda variables of the emitted conversions (x0, k1, v2, ...).
_LOCAL_VARIABLE = re.compile(r"[xkv]\d+")
# Methods every emitted dataclass defines; a field may not take them.
_METHOD_NAMES = frozenset({"to_dict", "from_dict", "to_json", "from_json"})
# Module-level names a dataclass body refers to (field defaults, the annotations of its methods,
# which mypy resolves in the class scope); a field of that name would shadow them.
_CLASS_BODY_NAMES = frozenset({"_field", "_Any", "_Mapping"})
# The first parameter of the emitted __init__: a field of that name would repeat it.
_PARAMETER_NAMES = frozenset({"self"})
_BUILTINS = frozenset(dir(builtins))
_FIELD_RESERVED = _BUILTINS | _METHOD_NAMES | _CLASS_BODY_NAMES | _PARAMETER_NAMES


def _identifier(name: str) -> str:
    return ascii_identifier(name)


def _escape(name: str, reserved: frozenset[str]) -> str:
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in reserved:
        return name + "_"
    return name


def field_name(member_name: str, classes: frozenset[str] = frozenset()) -> str:
    """snake_case attribute name for a structure member: `from` -> `from_`, `type` -> `type_`;
    a name in `classes` (the module's class names, which a class body must still see) too."""
    name = _identifier(str(xform_name(member_name)))
    return name + "_" if name in classes else _escape(name, _FIELD_RESERVED)


def class_name(shape_name: str) -> str:
    """Class name for a structure, union or enum: a shape named `None` becomes `None_`; no
    leading underscore (mediapackage's `__AdTriggersElement` would be name-mangled inside class
    bodies, and `_x` names are the emitted modules' own)."""
    name = _escape(_identifier(_identifier(shape_name).lstrip("_")), _BUILTINS | _MODULE_NAMES)
    return name + "_" if _LOCAL_VARIABLE.fullmatch(name) else name


def unused(name: str, taken: Container[str]) -> str:
    """`name`, or `name` with the first numeric suffix (2, 3, ...) that makes it new."""
    found, n = name, 1
    while found in taken:
        n += 1
        found = f"{name}{n}"
    return found


def snake_name(operation_name: str) -> str:
    return str(xform_name(operation_name))


def cli_name(operation_name: str) -> str:
    """The AWS CLI command name, e.g. batch-check-layer-availability."""
    return str(xform_name(operation_name, "-"))


def option_name(member_name: str) -> str:
    """The AWS CLI option name, e.g. --layer-digests."""
    return "--" + str(xform_name(member_name, "-"))


# Words the generated CLI takes in place of a command (`python -m generated.x help`).
_CLI_WORDS = frozenset({"help"})


def check_commands(operations: Iterable[Operation]) -> None:
    """Raise if an operation's command would be one the CLI already gives another meaning."""
    for op in operations:
        if op.cli_name in _CLI_WORDS:
            raise GenerationError(f"operation {op.name!r} would be the command {op.cli_name!r}, "
                                  "which the generated CLI reserves")


def check_unique(kind: str, owner: str, pairs: list[tuple[str, str]]) -> None:
    """Raise if two sources map to one derived name; `pairs` is (source, derived)."""
    seen: dict[str, str] = {}
    for source, derived in pairs:
        if derived in seen:
            raise GenerationError(
                f"{kind} name clash in {owner}: {seen[derived]!r} and {source!r} "
                f"both become {derived!r}"
            )
        seen[derived] = source


def module_name(service_name: str) -> str:
    """Python package name of a service: ecr-public -> ecr_public."""
    return _escape(_identifier(service_name.replace("-", "_").replace(".", "_").lower()),
                   frozenset())


def enum_member_names(values: tuple[str, ...]) -> list[str]:
    """UPPER_SNAKE member names for enum values; clashes get a numeric suffix in model order."""
    names: list[str] = []
    for value in values:
        word = xform_name(value) if value.isidentifier() else value
        base = re.sub(r"[^A-Za-z0-9_]+", "_", unicodedata.normalize("NFKC", word))
        base = base.strip("_").upper() or "EMPTY"
        if base[0].isdigit():
            base = "V_" + base
        if base in ("NAME", "VALUE", "MRO"):  # would shadow Enum attributes on access
            base += "_"
        name, n = base, 2
        while name in names:
            name, n = f"{base}_{n}", n + 1
        names.append(name)
    return names
