"""generated/<module>/validators.py: straight-line request and response validators.

Every (shape, role) pair that a request or response reaches gets two functions:
- `_ok_<role>_<Shape>(v) -> bool`: the fast path. No allocation, no paths, returns at the first
  problem; valid data (the common case) only ever runs this.
- `_ck_<role>_<Shape>(v, path, issues)`: the report, run only when the fast path said no. It
  makes botocore's checks in botocore's order with botocore's wording (missing required members,
  then unknown keys, then each known key's value in input order), then ours (max, pattern, enum).
Scalars are checked inline at each use; compiled regexes, enum sets and key sets are module
constants. The two paths must agree; tests/test_validators.py fuzzes that they do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from ..escape import Code, ascii_word
from ..ecma import pattern_forms
from ..regex.program import linear_engine
from ..ir import Kind, Member, Service, Shape
from ..render import render
from . import Artifact, python_header, runtime
from .schemas import INT_BOUNDS

Role = Literal["request", "response"]
_ROLE_TAG = {"request": "q", "response": "r"}

# botocore's `valid types` lists, verbatim (botocore.validate.ParamValidator).
VALID_TYPES = {
    Kind.STRUCTURE: "<class 'dict'>",
    Kind.UNION: "<class 'dict'>",
    Kind.MAP: "<class 'dict'>",
    Kind.LIST: "<class 'list'>, <class 'tuple'>",
    Kind.STRING: "<class 'str'>",
    Kind.INTEGER: "<class 'int'>",
    Kind.LONG: "<class 'int'>",
    Kind.FLOAT: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
    Kind.DOUBLE: "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
    Kind.BOOLEAN: "<class 'bool'>",
    Kind.TIMESTAMP: "<class 'datetime.datetime'>, timestamp-string",
    Kind.BLOB: "<class 'bytes'>, <class 'bytearray'>, file-like object",
}
# Lists of plain strings at least this long take the C-level `map` fast path.
_FAST_LIST_MIN = 8


@dataclass(frozen=True)
class FunctionView:
    name: str
    params: str
    returns: str
    body: str  # indented statements


@dataclass(frozen=True)
class PublicView:
    name: str
    doc: str
    ok: str
    check: str


@dataclass
class _Module:
    """What the template lays out: constants, private functions, public functions, helpers."""

    constants: dict[str, str] = field(default_factory=dict)  # name -> "annotation = value"
    functions: list[FunctionView] = field(default_factory=list)
    helpers: set[str] = field(default_factory=set)  # runtime modules beyond validation ("dfa")


def emit(service: Service) -> list[Artifact]:
    # The linear-time matcher some patterns need is the runtime's dfa.py (generator/runtime/).
    return [Artifact(validators_path(service), _render(_Generator(service, native=False)),
                     python=True)]


def validators_path(service: Service) -> str:
    return f"generated/{service.module_name}/validators.py"


def emit_native(service: Service, source_sha256: str) -> Artifact:
    """The variant of validators.py that `botogen compile` gives to mypyc (not committed: built
    on the user's machine). Same checks, issues and order; where the pure module takes C-level
    detours around interpreted loops (`"".join` type checks, `map(len)` over string lists, the
    slots' own setters), compiled plain loops are faster. Compiled calls have no recursion
    limit, so the functions of recursive shapes count their depth and raise RecursionError
    where the interpreter would have (the report then ends with "input nested too deeply",
    not a crash). It refuses to import beside any validators.py but the one whose sha256 it
    was built from."""
    scout = _Generator(service, native=True)
    _render(scout)  # to learn which container shapes' functions call which
    gen = _Generator(service, native=True, recursive=_cycles(scout.calls))
    return Artifact(validators_path(service), _render(gen, source_sha256=source_sha256),
                    python=True)


def _cycles(calls: dict[str, set[str]]) -> dict[str, int]:
    """Shape -> strongly connected component, for the shapes on a cycle of calls (Tarjan's
    algorithm, iterative: a model's call chains can be long)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: dict[str, int] = {}
    for root in sorted(calls):
        if root in index:
            continue
        work = [(root, iter(sorted(calls.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, callees = work[-1]
            callee = next(callees, None)
            if callee is not None:
                if callee not in index:
                    index[callee] = low[callee] = len(index)
                    stack.append(callee)
                    on_stack.add(callee)
                    work.append((callee, iter(sorted(calls.get(callee, ())))))
                elif callee in on_stack:
                    low[node] = min(low[node], index[callee])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in calls.get(node, ()):
                    found.update((member, index[node]) for member in component)
    return found


def _render(gen: _Generator, source_sha256: str = "") -> str:
    service = gen.service
    public = [gen.public(op.name, op.snake_name, role, op.input if role == "request" else op.output)
              for op in service.operations for role in ("request", "response")]
    gen.drain()
    full_name = service.full_name
    constants = gen.module.constants
    return render(
        "validators.py.j2",
        header=python_header(service),
        service=service,
        full_name=full_name,
        # Code the generator built, every model string in it through repr (a string literal).
        constants={name: Code(decl) for name, decl in constants.items()},
        functions=[FunctionView(f.name, Code(f.params), Code(f.returns), Code(f.body))
                   for f in gen.module.functions],
        public=public,
        runtime_names=_runtime_names(gen, bool(public)),
        runtime_imports=[Code(line) for line in _native_imports(gen)] if gen.native else [],
        runtime_body=Code(runtime.compiled_validation()[1]) if gen.native else "",
        uses_re=any(" re.compile(" in decl for decl in constants.values()),
        uses_dfa="dfa" in gen.module.helpers,
        # operation name -> (request validator, response validator), in model order
        tables=[(op.name, f"validate_{op.snake_name}_request", f"validate_{op.snake_name}_response")
                for op in service.operations],
        native=gen.native,
        source_sha256=source_sha256,
        depth_guard=bool(gen.recursive),
    )


def _runtime_names(gen: _Generator, reports: bool) -> list[str]:
    """The names the module takes from the runtime's validation helpers: ValidationIssue (the
    public type) and the helpers its functions call."""
    code = "\n".join(f.body for f in gen.module.functions)
    return [name for name in runtime.VALIDATION_NAMES
            if name == "ValidationIssue" or (name == "_report" and reports) or _calls(code, name)]


def _calls(code: str, name: str) -> bool:
    """Does `code` use the name (as a whole word)? A substring test first: a search over a
    large service's bodies per name would cost a tenth of a second each."""
    return name in code and re.search(rf"(?<![\w]){name}(?![\w])", code) is not None


def _native_imports(gen: _Generator) -> list[str]:
    """The compiled variant's imports: the runtime helpers' own, and its guards' (isort order:
    plain imports, then from-imports, each sorted by module)."""
    lines = {*runtime.compiled_validation()[0], "import hashlib", "import os", "import re",
             "from collections.abc import Callable", "from typing import Any"}
    if gen.recursive:
        lines.add("import sys")
    return sorted(lines, key=lambda line: (line.startswith("from "), line.split()[1], line))


def _ident(name: str) -> str:
    return ascii_word(name)


class _Generator:
    def __init__(self, service: Service, native: bool,
                 recursive: dict[str, int] | None = None) -> None:
        self.service = service
        self.native = native
        self.recursive = recursive or {}  # shape -> its cycle's id: functions that count depth
        self.module = _Module()
        self.calls: dict[str, set[str]] = {}  # shape -> container shapes its functions call
        self.current = ""
        self.idents = _unique_idents(service)
        self.done: set[tuple[str, Role]] = set()
        self.queue: list[tuple[str, Role]] = []
        self.pattern_names: dict[str, str] = {}

    # -- naming and queueing -------------------------------------------------------------------

    def names(self, shape: str, role: Role) -> tuple[str, str]:
        """(fast, report) function names of a container shape; queues their generation."""
        if (shape, role) not in self.done:
            self.done.add((shape, role))
            self.queue.append((shape, role))
        if self.current:
            self.calls.setdefault(self.current, set()).add(shape)
        suffix = f"{_ROLE_TAG[role]}_{self.idents[shape]}" if shape else f"{_ROLE_TAG[role]}_"
        return f"_ok_{suffix}", f"_ck_{suffix}"

    def public(self, op: str, snake: str, role: Role, root: str | None) -> PublicView:
        ok, check = self.names(root or "", role)
        doc = (f"Every problem with a {op} {role} (botocore parameters or its JSON form); "
               "[] when it is valid.")
        return PublicView(f"validate_{snake}_{role}", doc, ok, check)

    def drain(self) -> None:
        while self.queue:
            name, role = self.queue.pop(0)
            self._function_pair(name, role)
        self.current = ""

    # -- containers ----------------------------------------------------------------------------

    def _function_pair(self, name: str, role: Role) -> None:
        self.current = ""
        ok, check = self.names(name, role)
        self.current = name  # from here on, names() records what this shape's functions call
        if not name:  # an operation without an input or output shape
            empty = Shape(name="", kind=Kind.STRUCTURE)
            fast, report = self._structure(empty, role)
        else:
            shape = self.service.shape(name)
            kind = shape.kind
            if kind.is_structured:
                fast, report = self._structure(shape, role)
            elif kind is Kind.LIST:
                fast, report = self._list(shape, role)
            else:
                fast, report = self._map(shape, role)
        depth = ""
        if name in self.recursive:  # see emit_native
            depth = ", depth: int = 0"
            guard = ["if depth > _MAX_DEPTH:", "    raise RecursionError(depth)"]
            fast, report = guard + fast, guard + report
        self.module.functions.append(FunctionView(ok, "v: object" + depth, "bool", _block(fast)))
        self.module.functions.append(FunctionView(
            check, "v: object, path: str, issues: list[ValidationIssue]" + depth, "None",
            _block(report)))

    def _structure(self, shape: Shape, role: Role) -> tuple[list[str], list[str]]:
        strict = role == "request"  # requests also reject unknown keys: count the known ones
        fast = ["if not isinstance(v, dict):", "    return False"]
        if shape.kind is Kind.UNION:
            fast += ["if len(v) != 1:", "    return False"]
        members: list[str] = []
        optional = 0
        for m in shape.members:
            expr = self.ok_expr(m, role, "x")
            if not m.required_of_caller and not strict and expr == "True":
                continue
            members.append(f"x = v.get({m.name!r}, _NO)")
            if m.required_of_caller:
                members += ["if x is _NO:", "    return False"]
                if expr != "True":
                    members += [f"if {_not(expr)}:", "    return False"]
                continue
            optional += 1
            members.append("if x is not _NO:")
            if strict:
                members.append("    n += 1")
            if expr != "True":
                members += [f"    if {_not(expr)}:", "        return False"]
        if strict and optional:
            fast.append("n = 0")
        fast += members
        required = len(shape.required_of_caller)
        if not strict:
            fast.append("return True")
        elif optional:
            fast.append(f"return len(v) == n + {required}" if required else "return len(v) == n")
        else:
            fast.append(f"return len(v) == {required}")
        return fast, self._structure_report(shape, role)

    def _structure_report(self, shape: Shape, role: Role) -> list[str]:
        valid = ", ".join(m.name for m in shape.members)
        lines = [
            "if not isinstance(v, dict):",
            f"    issues.append(_type_issue(path, v, {VALID_TYPES[Kind.STRUCTURE]!r}))",
            "    return",
            'where = path or "input"',
            'pre = path + "." if path else ""',
        ]
        if shape.kind is Kind.UNION:
            lines += [
                "if len(v) == 0:",
                f"    issues.append(_union_empty(path, where, {valid!r}))",
                "elif len(v) > 1:",
                f"    issues.append(_union_many(path, where, {valid!r}))",
            ]
        for name in shape.required_of_caller:  # a token left out is botocore's to fill in
            lines += [f"if {name!r} not in v:",
                      f"    issues.append(_missing(pre, where, {name!r}))"]
        if role == "request":
            keys = self.constant(f"_K_{_ROLE_TAG[role]}_{self.idents.get(shape.name, '')}",
                                 _frozenset(m.name for m in shape.members))
            lines += [f"if not {keys}.issuperset(v):",  # C-level: no unknown key, no loop
                      "    for k in v:", f"        if k not in {keys}:",
                      f"            issues.append(_unknown(pre, where, k, {valid!r}))"]
        if shape.members:
            lines.append("for k, x in v.items():")
            for i, m in enumerate(shape.members):
                lines.append(f"    {'if' if i == 0 else 'elif'} k == {m.name!r}:")
                body = self.check_lines(m, role, "x", f"pre + {m.name!r}")
                lines += _indent(body or ["pass"], 2)
        return lines

    def _list(self, shape: Shape, role: Role) -> tuple[list[str], list[str]]:
        assert shape.member is not None
        fast = ["if not isinstance(v, (list, tuple)):", "    return False"]
        fast += _length_guard("len(v)", shape.min, shape.max, "    return False")
        target = self.service.target(shape.member)
        expr = self.ok_expr(shape.member, role, "x")
        plain = self._plain_strings(target, role) and not self.native  # compiled loops win
        if plain and target.max is not None:
            fast += self._bounded_strings_fast_path(target)
        else:
            if plain:
                fast += self._string_list_fast_path(target)
            if expr != "True":
                fast += ["for x in v:", f"    if {_not(expr)}:", "        return False"]
            fast.append("return True")
        report = [
            "if not isinstance(v, (list, tuple)):",
            f"    issues.append(_type_issue(path, v, {VALID_TYPES[Kind.LIST]!r}))",
            "    return",
        ]
        report += _length_report("len(v)", "path", shape.min, shape.max)
        item = self.check_lines(shape.member, role, "x", 'f"{path}[{i}]"')
        loop = ["for i, x in enumerate(v):", *_indent(item, 1)] if item else []
        if loop and plain:  # the items are often fine when the list is not: C-level check first
            low, high = _opt_int(target.min) or 0, _opt_int(target.max)
            loop = [f"if not _strs_ok(v, {low}, {high}):", *_indent(loop, 1)]
        return fast, report + loop

    def _bounded_strings_fast_path(self, item: Shape) -> list[str]:
        """A list of strings checked for length only, with a maximum (the `layerDigests`
        case), in C-level passes: `"".join` raises TypeError unless every item is a str, and a
        total within the maximum bounds every item; only a longer total measures each (into a
        set: a few distinct lengths compare faster than one per item)."""
        high = int(item.max) if item.max is not None else 0
        lines = ["try:", '    n = len("".join(v))', "except TypeError:", "    return False"]
        if item.min:
            return lines + ["sizes = {*map(len, v)}",
                            f"return not sizes or {int(item.min)} <= min(sizes) and "
                            f"max(sizes) <= {high}"]
        return lines + [f"return n <= {high} or max({{*map(len, v)}}) <= {high}"]

    def _string_list_fast_path(self, item: Shape) -> list[str]:
        """A long list of strings with no maximum length: one C-level pass over the types
        (exact str only; a subclass goes through the loop that follows), then the minimum."""
        limits = _length_limits("min(map(len, v))", "", item.min, None)
        return [f"if len(v) >= {_FAST_LIST_MIN} and _STR_ONLY.issuperset(map(type, v)):",
                f"    return {limits}"]

    def _map(self, shape: Shape, role: Role) -> tuple[list[str], list[str]]:
        assert shape.key is not None and shape.value is not None
        fast = ["if not isinstance(v, dict):", "    return False"]
        fast += _length_guard("len(v)", shape.min, shape.max, "    return False")
        key = self.ok_expr(shape.key, role, "k")
        value = self.ok_expr(shape.value, role, "x")
        tests = [_not(e) for e in (key, value) if e != "True"]
        if tests:
            fast += ["for k, x in v.items():", f"    if {' or '.join(tests)}:", "        return False"]
        fast.append("return True")
        report = [
            "if not isinstance(v, dict):",
            f"    issues.append(_type_issue(path, v, {VALID_TYPES[Kind.MAP]!r}))",
            "    return",
        ]
        report += _length_report("len(v)", "path", shape.min, shape.max)
        key_lines = self.check_lines(shape.key, role, "k", 'f"{path} (key: {_text(k)})"')
        value_lines = self.check_lines(shape.value, role, "x", 'f"{path}.{_text(k)}"')
        if key_lines or value_lines:
            report += ["for k, x in v.items():", *_indent(key_lines + value_lines, 1)]
        return fast, report

    # -- values --------------------------------------------------------------------------------

    def _special(self, member: Member, shape: Shape) -> str:
        if member.json_value and member.location == "header" and shape.kind is Kind.STRING:
            return "json"
        if shape.event_stream:
            return "stream"
        return ""

    def _deeper(self, callee: str) -> str:
        """The depth argument of a call along a cycle (none elsewhere: it defaults to 0)."""
        cycle = self.recursive.get(callee)
        return ", depth + 1" if cycle is not None and self.recursive.get(self.current) == cycle \
            else ""

    def _plain_strings(self, shape: Shape, role: Role) -> bool:
        """Strings checked for length only (no enforced pattern or enum in this role)?"""
        if shape.kind is not Kind.STRING:
            return False
        return role == "response" or not (shape.enum or self.pattern(shape)[0])

    def ok_expr(self, member: Member, role: Role, x: str) -> str:
        """A boolean expression: is `x` a valid value of the member's target?"""
        shape = self.service.target(member)
        special = self._special(member, shape)
        if special == "json":
            return f"_json_ok({x})"
        if special == "stream":  # a list of events; a live stream only its reader consumes
            each = f"{self.names(shape.name, role)[0]}(e{self._deeper(shape.name)})"
            return (f"(all({each} for e in {x}) if isinstance({x}, (list, tuple)) "
                    f"else _live_stream({x}))")
        kind = shape.kind
        if kind in (Kind.STRUCTURE, Kind.UNION, Kind.LIST, Kind.MAP):
            return f"{self.names(shape.name, role)[0]}({x}{self._deeper(shape.name)})"
        if kind is Kind.STRING:
            return self._string_ok(shape, role, x, _min_length(shape, member))
        if kind.is_integral:
            low, high = _int_bounds(shape)
            return f"(type({x}) is int or _int_ok({x})) and {low} <= {x} <= {high}"
        if kind.is_floating:
            if shape.min is None and shape.max is None:
                return f"(type({x}) is float or _num_ok({x}, None, None))"
            cond = " or ".join(_range_fail(x, shape.min, shape.max))
            return (f"(type({x}) is float and not ({cond}) "
                    f"or _num_ok({x}, {shape.min!r}, {shape.max!r}))")
        if kind is Kind.BOOLEAN:
            return f"({x} is True or {x} is False)"
        if kind is Kind.TIMESTAMP:
            return f"_ts_ok({x})"
        if kind is Kind.BLOB:
            return f"_blob_ok({x}, {_opt_int(shape.min)}, {_opt_int(shape.max)})"
        return f"_doc_ok({x})"

    def _string_ok(self, shape: Shape, role: Role, x: str, low: int | None) -> str:
        parts = [f"isinstance({x}, str)"]
        limits = _length_limits(f"len({x})", f"len({x})", low, _opt_int(shape.max))
        if limits != "True":
            parts.append(limits)
        if role == "request":
            found = self.pattern(shape)[0]
            if found:
                parts.append(found.format(x=x))
            if shape.enum:
                parts.append(f"{x} in {self.enum(shape)}")
        return " and ".join(parts)

    def check_lines(self, member: Member, role: Role, x: str, path: str) -> list[str]:
        """Statements reporting every problem with value `x` at `path` (an expression)."""
        shape = self.service.target(member)
        special = self._special(member, shape)
        if special == "json":
            return [f"if not _json_ok({x}):", f"    _json_check({x}, {path}, issues)"]
        if special == "stream":
            each = f'{self.names(shape.name, role)[1]}(e, f"{{p}}[{{i}}]", issues)'
            return [f"if isinstance({x}, (list, tuple)):", f"    p = {path}",
                    f"    for i, e in enumerate({x}):", f"        {each}",
                    f"elif not _live_stream({x}):",
                    f"    issues.append(_type_issue({path}, {x}, {VALID_TYPES[Kind.LIST]!r}))"]
        kind = shape.kind
        if kind in (Kind.STRUCTURE, Kind.UNION, Kind.LIST, Kind.MAP):
            return [f"{self.names(shape.name, role)[1]}({x}, {path}, issues"
                    f"{self._deeper(shape.name)})"]
        # Scalars: the fast test first, so that a valid value costs no path string.
        lines = [f"if {_not(self.ok_expr(member, role, x))}:", "    p = " + path]
        return lines + _indent(self._scalar_report(member, shape, role, x), 1)

    def _scalar_report(self, member: Member, shape: Shape, role: Role, x: str) -> list[str]:
        kind = shape.kind
        valid = VALID_TYPES.get(kind, "")
        if kind is Kind.STRING:
            body = _length_report(f"len({x})", "p", _min_length(shape, member), shape.max)
            missed = self.pattern(shape)[1] if role == "request" else ""
            if missed:
                body += [f"if {missed.format(x=x)}:",
                         f"    issues.append(_pattern_issue(p, {x}, {shape.pattern!r}))"]
            if role == "request" and shape.enum:
                body += [f"if {x} not in {self.enum(shape)}:",
                         f"    issues.append(_enum_issue(p, {x}, {', '.join(shape.enum)!r}))"]
            return _typed(f"not isinstance({x}, str)", x, valid, body)
        if kind.is_integral:
            low, high = _int_bounds(shape)
            body = [f"if {x} < {low}:", f"    issues.append(_value_min(p, {x}, {low}))",
                    f"if {x} > {high}:", f"    issues.append(_value_max(p, {x}, {high}))"]
            return _typed(f"not isinstance({x}, int) or isinstance({x}, bool)", x, valid, body)
        if kind.is_floating:
            return [f"_num_check({x}, p, {shape.min!r}, {shape.max!r}, issues)"]
        if kind is Kind.BLOB:
            return [f"_blob_check({x}, p, {_opt_int(shape.min)}, {_opt_int(shape.max)}, issues)"]
        if kind is Kind.DOCUMENT:
            return [f"_doc_check({x}, p, issues)"]
        return [f"issues.append(_type_issue(p, {x}, {valid!r}))"]  # boolean, timestamp

    # -- constants -----------------------------------------------------------------------------

    def constant(self, name: str, declaration: str) -> str:
        """A module constant; `declaration` is "annotation = value"."""
        self.module.constants.setdefault(name, declaration)
        return name

    def pattern(self, shape: Shape) -> tuple[str, str]:
        """(found, missed): expressions over `{x}` saying whether an enforced pattern matches
        (a search); ("", "") when there is nothing to check (not enforced, or every string
        matches). A search for one character class becomes a frozenset test: no regex call."""
        if shape.pattern is None:
            return "", ""
        forms = pattern_forms(shape.pattern)
        if not forms.enforced or not forms.search:
            return "", ""
        if forms.search not in self.pattern_names:
            charset = _class_chars(forms.search)
            ident = self.idents[shape.name]
            engine = linear_engine(str(forms.ecma))[0]
            if engine is not None:  # `re` may backtrack super-linearly: run the automaton
                self.module.helpers.add("dfa")
                self.pattern_names[forms.search] = self.constant(
                    f"_M_{ident}", f"Matcher = Matcher.load({engine.dump()!r})")
            elif charset is None:
                self.pattern_names[forms.search] = self.constant(
                    f"_P_{ident}", f"re.Pattern[str] = re.compile({forms.search!r})")
            else:
                negated, chars = charset
                name = self.constant(f"_C_{ident}",
                                     f"frozenset[str] = frozenset({''.join(sorted(chars))!r})")
                self.pattern_names[forms.search] = ("^" if negated else "") + name
        name = self.pattern_names[forms.search]
        if name.startswith("^"):  # a negated class: some character outside the set
            return f"not {name[1:]}.issuperset({{x}})", f"{name[1:]}.issuperset({{x}})"
        if name.startswith("_C_"):
            return f"not {name}.isdisjoint({{x}})", f"{name}.isdisjoint({{x}})"
        if name.startswith("_M_"):
            return f"{name}.search({{x}})", f"not {name}.search({{x}})"
        return f"{name}.search({{x}}) is not None", f"{name}.search({{x}}) is None"

    def enum(self, shape: Shape) -> str:
        return self.constant(f"_E_{self.idents[shape.name]}", _frozenset(shape.enum))


_SIMPLE_CLASS = re.compile(r"\[(\^?)((?:[ -Z^-~]|\\[^A-Za-z0-9])+)\]")
_ASCII = [chr(c) for c in range(128)]


def _class_chars(search: str) -> tuple[bool, frozenset[str]] | None:
    """(negated, characters) of a search pattern that is one ASCII character class (literals,
    ranges, escaped punctuation), e.g. `[a-z0-9]`; None for anything else. Checked against
    Python `re` on every ASCII character: such a class can match no other."""
    m = _SIMPLE_CLASS.fullmatch(search)
    if m is None:
        return None
    atoms = [(ch, bool(escaped)) for escaped, ch in re.findall(r"(\\)?(.)", m.group(2))]
    chars: set[str] = set()
    i = 0
    while i < len(atoms):
        if i + 2 < len(atoms) and atoms[i + 1] == ("-", False):
            chars.update(chr(c) for c in range(ord(atoms[i][0]), ord(atoms[i + 2][0]) + 1))
            i += 3
        else:
            chars.add(atoms[i][0])
            i += 1
    compiled = re.compile(search)
    negated = m.group(1) == "^"
    if any((compiled.fullmatch(c) is not None) != ((c in chars) != negated) for c in _ASCII):
        return None  # a spelling this parser reads differently from `re`: keep the regex
    return negated, frozenset(chars)


def _not(expr: str) -> str:
    """`not (expr)`, without a second pair of parentheses when `expr` has its own: black keeps
    redundant parentheses that ruff removes, and emitted code must be both formatters' fixed
    point."""
    if not expr.startswith("(") or "'" in expr or '"' in expr:
        return f"not ({expr})"
    depth = 0
    for i, ch in enumerate(expr):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and i < len(expr) - 1:
            return f"not ({expr})"  # `(a) or (b)`: the first group closes early
    return f"not {expr}"


def _unique_idents(service: Service) -> dict[str, str]:
    idents: dict[str, str] = {}
    used: set[str] = set()
    for name in service.shapes:
        ident = base = _ident(name)
        n = 1
        while ident in used:
            n += 1
            ident = f"{base}_{n}"
        used.add(ident)
        idents[name] = ident
    return idents


def _min_length(shape: Shape, member: Member) -> int | None:
    """botocore gives members bound to the host name an implicit minimum length of 1."""
    if shape.min is None and member.host_label:
        return 1
    return _opt_int(shape.min)


def _int_bounds(shape: Shape) -> tuple[int, int]:
    low, high = INT_BOUNDS[shape.kind]
    return (low if shape.min is None else int(shape.min),
            high if shape.max is None else int(shape.max))


def _opt_int(value: int | float | None) -> int | None:
    return None if value is None else int(value)


def _length_limits(low_expr: str, high_expr: str, low: int | float | None,
                   high: int | float | None) -> str:
    """`low <= n <= high` over the given expressions; "True" when there is no limit."""
    low = int(low) if low else None  # a minimum of 0 never fails
    high = None if high is None else int(high)
    if low is not None and high is not None and low_expr == high_expr:
        return f"{low} <= {low_expr} <= {high}"
    parts = []
    if low is not None:
        parts.append(f"{low_expr} >= {low}")
    if high is not None:
        parts.append(f"{high_expr} <= {high}")
    return " and ".join(parts) or "True"


def _length_guard(expr: str, low: int | float | None, high: int | float | None,
                  fail: str) -> list[str]:
    limits = _length_limits(expr, expr, low, high)
    return [] if limits == "True" else [f"if {_not(limits)}:", fail]


def _length_report(expr: str, path: str, low: int | float | None,
                   high: int | float | None) -> list[str]:
    lines = []
    if low:
        lines += [f"if {expr} < {int(low)}:",
                  f"    issues.append(_length_min({path}, {expr}, {int(low)}))"]
    if high is not None:
        lines += [f"if {expr} > {int(high)}:",
                  f"    issues.append(_length_max({path}, {expr}, {int(high)}))"]
    return lines


def _range_fail(x: str, low: int | float | None, high: int | float | None) -> list[str]:
    parts = []
    if low is not None:
        parts.append(f"{x} < {low!r}")
    if high is not None:
        parts.append(f"{x} > {high!r}")
    return parts


def _typed(bad_type: str, x: str, valid: str, body: list[str]) -> list[str]:
    """Report a type error, or else run `body` (the value checks)."""
    lines = [f"if {bad_type}:", f"    issues.append(_type_issue(p, {x}, {valid!r}))"]
    if body:
        lines += ["else:", *_indent(body, 1)]
    return lines


def _frozenset(values: Iterable[str]) -> str:
    return f"frozenset[str] = frozenset({tuple(values)!r})"


def _indent(lines: list[str], levels: int) -> list[str]:
    pad = "    " * levels
    return [pad + line for line in lines]


def _block(lines: list[str]) -> str:
    return "\n".join(_indent(lines, 1))
