"""Node.js as the ECMA-262 oracle: one process answers batches of `new RegExp(p, "u")` tests
(or with other flags: "" is Annex B's non-Unicode mode) as JSON lines over stdin/stdout."""

from __future__ import annotations

import json
import shutil
import subprocess
from types import TracebackType

_SCRIPT = r"""
const rl = require("readline").createInterface({input: process.stdin});
rl.on("line", (line) => {
  const {p, s, f} = JSON.parse(line);
  let re;
  try { re = new RegExp(p, f); }
  catch (e) { process.stdout.write(JSON.stringify({error: String(e.message)}) + "\n"); return; }
  // With the sticky flag, the search is run here, from each code point boundary in turn, as
  // ECMA-262's RegExpBuiltinExec advances (AdvanceStringIndex): V8 also tries the position
  // inside a surrogate pair, where `(?<! )` and `(?! )` see lone surrogates.
  const sticky = (x) => {
    for (let i = 0; i <= x.length; i += (x.codePointAt(i) > 0xFFFF ? 2 : 1)) {
      re.lastIndex = i;
      if (re.test(x)) return true;
    }
    return false;
  };
  process.stdout.write(JSON.stringify({r: s.map(f.includes("y") ? sticky : (x) => re.test(x))}) + "\n");
});
"""

NODE = shutil.which("node")


class EcmaOracle:
    def __init__(self) -> None:
        assert NODE is not None
        self.proc = subprocess.Popen([NODE, "-e", _SCRIPT], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def test(self, pattern: str, strings: list[str], flags: str = "u") -> list[bool] | str:
        """Node's answer for each string, or its SyntaxError message for the pattern."""
        return self.batch([(pattern, strings)], flags)[0]

    def batch(self, cases: list[tuple[str, list[str]]], flags: str = "u"
              ) -> list[list[bool] | str]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        for pattern, strings in cases:
            self.proc.stdin.write(json.dumps({"p": pattern, "s": strings, "f": flags}) + "\n")
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
