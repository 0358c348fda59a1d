"""Node.js as the ECMA-262 oracle: one process answers batches of `new RegExp(p, "u")` tests
as JSON lines over stdin/stdout."""

from __future__ import annotations

import json
import shutil
import subprocess
from types import TracebackType

_SCRIPT = r"""
const rl = require("readline").createInterface({input: process.stdin});
rl.on("line", (line) => {
  const {p, s} = JSON.parse(line);
  let re;
  try { re = new RegExp(p, "u"); }
  catch (e) { process.stdout.write(JSON.stringify({error: String(e.message)}) + "\n"); return; }
  process.stdout.write(JSON.stringify({r: s.map((x) => re.test(x))}) + "\n");
});
"""

NODE = shutil.which("node")


class EcmaOracle:
    def __init__(self) -> None:
        assert NODE is not None
        self.proc = subprocess.Popen([NODE, "-e", _SCRIPT], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def test(self, pattern: str, strings: list[str]) -> list[bool] | str:
        """Node's answer for each string, or its SyntaxError message for the pattern."""
        return self.batch([(pattern, strings)])[0]

    def batch(self, cases: list[tuple[str, list[str]]]) -> list[list[bool] | str]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        for pattern, strings in cases:
            self.proc.stdin.write(json.dumps({"p": pattern, "s": strings}) + "\n")
        self.proc.stdin.flush()
        out: list[list[bool] | str] = []
        for _ in cases:
            answer = json.loads(self.proc.stdout.readline())
            out.append(answer["error"] if "error" in answer else answer["r"])
        return out

    def __enter__(self) -> EcmaOracle:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=10)
