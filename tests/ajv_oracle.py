"""ajv (Node's most used JSON Schema validator) as the ECMA-262 oracle of the emitted schemas.

One long-lived Node process runs ajv in 2020-12 mode (`ajv/dist/2020`, `allErrors`, strict,
`unicodeRegExp` left at its default: every `pattern` is `new RegExp(p, "u")`) and answers
batches as JSON lines over stdin/stdout. jsonschema, jsonschema-rs and fastjsonschema apply
patterns with Python's or Rust's regex semantics; ajv with JavaScript's own engine, so it sees
what they cannot (`.` against `\\r`, `\\s` against `\\ufeff`, `$` before a final newline).

ajv comes from tests/js (package.json + package-lock.json, installed by the README's test
command: `npm ci --prefix tests/js`). Without it these tests fail, saying so: they never skip.
"""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

JS = Path(__file__).resolve().parent / "js"
MISSING = ("ajv is not installed (tests/js/node_modules/ajv): run the README's test command, "
           "which runs `npm ci --prefix tests/js` before pytest")
# JavaScript numbers are doubles: an integer past 2**53 reaches ajv rounded.
SAFE_INTEGER = 2**53 - 1

_SCRIPT = r"""
const Ajv2020 = require("ajv/dist/2020").default;
const compiled = new Map();
const rl = require("readline").createInterface({input: process.stdin});
const say = (x) => process.stdout.write(JSON.stringify(x) + "\n");
rl.on("line", (line) => {
  const msg = JSON.parse(line);
  try {
    if (msg.op === "compile") {
      // strict, but `type: [string, number]` (timestamps) is valid 2020-12: allowUnionTypes.
      // One instance per schema: $id values repeat across documents.
      const ajv = new Ajv2020({allErrors: true, strict: true, allowUnionTypes: true});
      compiled.set(msg.id, ajv.compile(msg.schema));
      say({ok: true});
    } else if (msg.op === "validate") {
      const validate = compiled.get(msg.id);
      say({r: msg.docs.map((doc) => validate(doc) ? [] : validate.errors.map((e) => (
        {path: e.instancePath, keyword: e.keyword, params: e.params})))});
    } else {
      const re = new RegExp(msg.pattern, msg.flags);
      say({r: msg.strings.map((s) => re.test(s))});
    }
  } catch (e) { say({error: String(e && e.message)}); }
});
"""


class AjvError(Exception):
    """ajv refused a schema (or a pattern): its message."""


class Ajv:
    def __init__(self) -> None:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("Node.js (`node`) is not on PATH: the ECMA-262 oracle needs it")
        if not (JS / "node_modules" / "ajv" / "package.json").is_file():
            raise RuntimeError(MISSING)
        self.proc = subprocess.Popen([node, "-e", _SCRIPT], cwd=JS, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self.ids = 0

    def _ask(self, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        for message in messages:
            self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()
        answers = []
        for _ in messages:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"the ajv process ended (exit code {self.proc.poll()})")
            answers.append(json.loads(line))
        return answers

    def compile(self, schema: dict[str, Any]) -> int:
        self.ids += 1
        answer = self._ask([{"op": "compile", "id": self.ids, "schema": schema}])[0]
        if "error" in answer:
            raise AjvError(answer["error"])
        return self.ids

    def errors(self, key: int, docs: list[Any]) -> list[list[dict[str, Any]]]:
        """ajv's errors for each document (instancePath, keyword, params)."""
        answer = self._ask([{"op": "validate", "id": key, "docs": docs}])[0]
        if "error" in answer:
            raise AjvError(answer["error"])
        found: list[list[dict[str, Any]]] = answer["r"]
        return found

    def test(self, pattern: str, strings: list[str], flags: str = "u") -> list[bool]:
        """`new RegExp(pattern, flags).test(s)` for each string (ajv's own way to apply one)."""
        answer = self._ask([{"op": "regexp", "pattern": pattern, "strings": strings,
                             "flags": flags}])[0]
        if "error" in answer:
            raise AjvError(answer["error"])
        found: list[bool] = answer["r"]
        return found

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


@functools.cache
def shared() -> Ajv:
    """This process's ajv (started on first use, closed at exit)."""
    ajv = Ajv()
    atexit.register(ajv.close)
    return ajv


def representable(doc: Any) -> bool:
    """Whether JSON.parse gives ajv this very value (integers within 2**53)."""
    if isinstance(doc, bool) or doc is None or isinstance(doc, (str, float)):
        return True
    if isinstance(doc, int):
        return abs(doc) <= SAFE_INTEGER
    if isinstance(doc, dict):
        return all(representable(v) for v in doc.values())
    if isinstance(doc, list):
        return all(representable(v) for v in doc)
    return False


def longest_string(doc: Any) -> int:
    if isinstance(doc, str):
        return len(doc)
    values = doc.values() if isinstance(doc, dict) else doc if isinstance(doc, list) else []
    return max((longest_string(v) for v in values), default=0)


def pointer_tokens(doc: Any, pointer: str) -> tuple[Any, ...]:
    """A JSON pointer's tokens, list indexes as ints (found by walking the document)."""
    tokens: list[Any] = []
    for raw in pointer.split("/")[1:] if pointer else []:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(doc, list):
            doc = doc[int(token)]
            tokens.append(int(token))
        else:
            doc = doc[token]
            tokens.append(token)
    return tuple(tokens)
