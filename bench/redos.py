"""Benchmark: worst cases of the corpus's patterns, for the generated validators' matcher.

    .venv/bin/python bench/redos.py [--limit N] [--timeout S] [--out PATH]

For every pattern of the installed botocore models that the generated validators enforce, it
builds the worst input it can: a prefix reaching the pattern's first unbounded repeat (else its
largest bounded one), that repeat's body pumped, then a suffix character the pattern rejects
there, up to the length the shapes allow (their largest `max`; 10,000 when a use has none).
It times the validators' matcher (the lazy DFA of generator.runtime.dfa where Python `re` is
not provably linear, else the compiled search form) at half that length and at the full
length, best of several runs, so the ratio shows linearity (about 2 when linear), and times
plain Python `re.search` of the full pattern on the full input in a worker subprocess with a
timeout (a catastrophic case is killed, the worker restarted). The table goes to
bench/records/redos.md. A benchmark, not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.corpus import patterns  # noqa: E402
from generator.ecma import pattern_forms  # noqa: E402
from generator.regex import charset  # noqa: E402
from generator.regex.program import linear_engine, search_form  # noqa: E402
from generator.regex.syntax import (Alt, Chars, Group, Node, Repeat, Seq,  # noqa: E402
                                    UnsupportedPattern, automaton_problem, parse)

UNBOUNDED_LENGTH = 10_000
SUFFIXES = ["!", "\x00", "\n", " ", "~", "a", "-", "0", "A", "/", ":", ".", "\u2028", "é"]
_WORKER = r"""
import json, re, sys, time
for line in sys.stdin:
    pattern, text = json.loads(line)
    compiled = re.compile(pattern)
    start = time.perf_counter()
    compiled.search(text)
    print(time.perf_counter() - start, flush=True)
"""


def sample(node: Node) -> str:
    """A short string the node matches (assertions ignored)."""
    if isinstance(node, Chars):
        return chr(charset.representative(node.set)) if node.set else ""
    if isinstance(node, Seq):
        return "".join(sample(i) for i in node.items)
    if isinstance(node, Alt):
        return sample(node.options[0])
    if isinstance(node, Repeat):
        return sample(node.body) * node.low
    if isinstance(node, Group):
        return sample(node.body)
    return ""


def pump(node: Node) -> tuple[str, str] | None:
    """(prefix, body) for the first unbounded repeat, else the largest bounded one."""
    found: list[tuple[int, str, str]] = []

    def walk(n: Node, prefix: str) -> None:
        if isinstance(n, Repeat):
            body = sample(n.body) or "a"
            found.append((10**9 if n.high is None else n.high, prefix, body))
            walk(n.body, prefix)
        elif isinstance(n, Group):
            walk(n.body, prefix)
        elif isinstance(n, Alt):
            for option in n.options:
                walk(option, prefix)
        elif isinstance(n, Seq):
            for i, item in enumerate(n.items):
                walk(item, prefix + "".join(sample(x) for x in n.items[:i]))

    walk(node, "")
    if not found:
        return None
    _, prefix, body = max(found, key=lambda f: f[0])  # first of the largest
    return prefix, body


def worst_input(form: Node, length: int, search: Callable[[str], bool]) -> str:
    pumped = pump(form)
    prefix, body = pumped if pumped else ("", sample(form) or "a")
    for suffix in SUFFIXES:
        reps = max(1, (length - len(prefix) - 1) // max(1, len(body)))
        text = prefix + body * reps + suffix
        if not search(text):
            return text
    near = sample(form)[:-1] or "a"  # else near misses, one after another (unanchored)
    for suffix in SUFFIXES:
        text = ((near + suffix) * (length // (len(near) + 1) + 1))[:length]
        if not search(text):
            return text
    return prefix + body * max(1, (length - len(prefix)) // max(1, len(body)))


def best_time(search: Callable[[str], bool], text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        search(text)
        best = min(best, time.perf_counter() - start)
    return best


class ReWorker:
    """Python `re` timings in a subprocess, killed and restarted on a timeout."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.proc: subprocess.Popen[str] | None = None

    def time(self, pattern: str, text: str) -> float | None:
        if self.proc is None:
            self.proc = subprocess.Popen([sys.executable, "-c", _WORKER], text=True,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps([pattern, text]) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], self.timeout)
        if ready:
            return float(self.proc.stdout.readline())
        self.proc.kill()
        self.proc.wait()
        self.proc = None
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--limit", type=int, default=0, help="only the first N patterns")
    parser.add_argument("--timeout", type=float, default=2.0, help="seconds per re case")
    parser.add_argument("--out", default=str(ROOT / "bench/records/redos.md"))
    args = parser.parse_args()
    worker = ReWorker(args.timeout)
    rows: list[str] = []
    stats: dict[str, dict[str, float]] = {}
    started = time.time()
    corpus = list(patterns().items())[: args.limit or None]
    for source, uses in corpus:
        forms = pattern_forms(source)
        if not forms.enforced or not forms.search or forms.ecma is None:
            continue
        engine, why = linear_engine(forms.ecma)
        try:
            form = search_form(parse(forms.ecma))
        except UnsupportedPattern:
            form = None
        if form is None:
            continue
        maxes = [u.max for u in uses]
        length = UNBOUNDED_LENGTH if None in maxes else max(int(m) for m in maxes if m)
        length = min(max(length, 2), UNBOUNDED_LENGTH)
        if engine is not None:
            search: Callable[[str], bool] = engine.matcher().search
            kind = "DFA, lookaround" if engine.looks else "DFA"
        else:
            search = _re_search(re.compile(str(forms.search)))
            kind = "re, lookaround" if automaton_problem(form) else "re"
        text = worst_input(form, length, search)
        half = text[: len(text) // 2] + text[-1]
        search(text)  # warm the lazy DFA's cache
        runs = 5 if len(text) > 1000 else 50
        t_half, t_full = best_time(search, half, runs), best_time(search, text, runs)
        re_time = worker.time(str(forms.python), text)
        ratio = t_full / t_half if t_half > 0 else 0.0
        us_char = t_full * 1e6 / len(text)
        row = stats.setdefault(kind, {"n": 0, "timeouts": 0, "ratio": 0.0, "us_char": 0.0})
        row["n"] += 1
        row["timeouts"] += re_time is None
        if t_full >= 50e-6:  # shorter times are too noisy for a ratio
            row["ratio"] = max(row["ratio"], ratio)
        row["us_char"] = max(row["us_char"], us_char)
        re_cell = f"timeout >{args.timeout:g}s" if re_time is None else f"{re_time * 1e6:,.1f}"
        shown = source if len(source) <= 60 else source[:57] + "..."
        rows.append(f"| `{_md(shown)}` | {uses[0].service}/{uses[0].shape} | "
                    f"{_max_cell(maxes)} | {kind} | {len(text):,} | {t_full * 1e6:,.1f} | "
                    f"{us_char:.3f} | {ratio:.2f} | {re_cell} |")
    if worker.proc is not None:
        worker.proc.kill()
    _write(Path(args.out), rows, stats, time.time() - started, args.timeout)


def _re_search(compiled: re.Pattern[str]) -> Callable[[str], bool]:
    return lambda text: compiled.search(text) is not None


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'")


def _max_cell(maxes: list[int | None]) -> str:
    known = sorted({m for m in maxes if m is not None})
    return "none" if not known else f"{known[-1]:,}" + ("" if None not in maxes else " (some none)")


def _write(out: Path, rows: list[str], stats: dict[str, dict[str, float]], elapsed: float,
           timeout: float) -> None:
    import botocore

    parts = [f"{int(row['n']):,} on {kind} (worst full/half ratio {row['ratio']:.2f} where "
             f"the full time is 50 µs or more, worst {row['us_char']:.3f} µs/char; plain `re` "
             f"of the whole pattern timed out, >{timeout:g}s, on {int(row['timeouts']):,})"
             for kind, row in sorted(stats.items())]
    total = sum(int(row["n"]) for row in stats.values())
    summary = f"{total:,} enforced patterns: " + "; ".join(parts) + "."
    text = [
        "# Worst-case pattern inputs: the validators' matcher against plain `re`",
        "",
        f"{dt.datetime.now(dt.UTC):%Y-%m-%dT%H:%M:%SZ}, botocore {botocore.__version__}, "
        f"Python {platform.python_version()}, {platform.machine()}; {elapsed:.0f} s. "
        "Written by `bench/redos.py`.",
        "",
        f"**Summary:** {summary}",
        "",
        "Columns: the pattern (first use's service/shape), the largest `max` of its uses, the "
        "validators' engine, the worst input's length, the matcher's time on it (µs, best "
        "of runs) and per character, the ratio of that time to the time at half the length "
        "(about 2 when linear; noisy below a few µs), and plain `re.search` of the whole "
        "pattern on the same input (µs).",
        "",
        "| pattern | service/shape | max | engine | length | µs | µs/char | full/half | re µs |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(text), encoding="utf-8")
    print(summary)


if __name__ == "__main__":
    main()
