"""Print the course's benchmark table: medians over repeated runs, each beside its reference.

Every figure is measured in the same run as its reference, because the machines we use are
shared and noisy: targets are ratios (``x`` against a reference) or medians in milliseconds.
A ratio is the median over repeats that each time the reference and the case one right after
the other (:func:`paired`), so a change of load between them does not tip it.
Cases live in ``benchmarks/cases_*.py``; each module defines ``CASES``, a list of
:class:`Case`. Run with ``make bench`` (``make bench BENCH=name`` runs the cases whose name
contains ``name``).

While cases run, everything written to standard error, by this process (Python warnings,
such as SQLAlchemy's from nbgrader's gradebook) and by the processes it starts (kernels,
nbgrader), goes to ``test-artifacts/bench.log`` (the last run's), so the table reads
cleanly; the run ends by saying how many lines the log got. A case that fails is marked
ERROR in the table and its traceback is printed on the terminal after the table (and the
exit status is 1).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import statistics
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOG = HERE.parent / "test-artifacts" / "bench.log"


@dataclass
class Case:
    """One measured thing.

    ``run`` is called ``repeat`` times (after ``setup`` once); the table shows its median.
    With ``reference`` (the name of another case) the figure is a ratio against that
    case's median and ``target`` is the highest acceptable ratio; without it, ``target`` is
    the highest acceptable median in milliseconds. ``prepare``, if given, is called before
    every timed run, untimed (to let work started by the previous run settle).
    """

    name: str
    run: Callable[[], object]
    repeat: int = 7
    reference: str | None = None
    target: float | None = None
    setup: Callable[[], object] | None = None
    warmup: int = 1
    prepare: Callable[[], object] | None = None


def _prepared(case: Case) -> None:
    if case.setup:
        case.setup()
    for _ in range(case.warmup):
        case.run()


def _timed(case: Case) -> float:
    if case.prepare:
        case.prepare()
    start = time.perf_counter()
    case.run()
    return (time.perf_counter() - start) * 1000


def median_ms(case: Case) -> float:
    _prepared(case)
    return statistics.median(_timed(case) for _ in range(case.repeat))


def paired(reference: Case, case: Case) -> tuple[float, float]:
    """The case's median, and the median ratio of its time to the reference's, run in turns.

    Each repeat times the reference and then the case right after it, so a change in the
    shared machine's load touches both sides of a ratio, not just one of two medians taken
    minutes apart.
    """
    _prepared(reference)
    _prepared(case)
    times, ratios = [], []
    for _ in range(case.repeat):
        before = _timed(reference)
        times.append(_timed(case))
        ratios.append(times[-1] / before)
    return statistics.median(times), statistics.median(ratios)


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(HERE.glob("cases_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        spec.loader.exec_module(module)
        cases.extend(module.CASES)
    return cases


@contextlib.contextmanager
def stderr_to(path: Path) -> Iterator[None]:
    """Send standard error to ``path``: file descriptor 2 (which child processes inherit)
    and ``sys.stderr`` (Python's warnings and tracebacks)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    with path.open("w", buffering=1) as log, contextlib.redirect_stderr(log):
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def measure(cases: list[Case], by_name: dict[str, Case]) -> tuple[list[tuple], list[str]]:
    """The table's rows, and the traceback of every case that failed."""
    failed: dict[str, str] = {}
    rows = []

    def attempt(name: str, how: Callable[[], object]):
        try:
            return how()
        except Exception:  # noqa: BLE001 - reported below the table, not swallowed
            failed[name] = f"{name}:\n{traceback.format_exc()}"
            traceback.print_exc()  # into the log too, beside what led to it
            return None

    for case in cases:
        if case.reference:
            result = attempt(case.name, lambda c=case: paired(by_name[c.reference], c))
        else:
            result = attempt(case.name, lambda c=case: (median_ms(c), None))
        if result is None:
            rows.append((case.name, "", "", "", "ERROR"))
            continue
        m, ratio = result
        if case.reference:
            figure = f"{ratio:6.2f} x {case.reference}"
            ok = "" if case.target is None else ("ok" if ratio <= case.target else "OVER")
            target = "" if case.target is None else f"<= {case.target} x"
        else:
            figure = ""
            ok = "" if case.target is None else ("ok" if m <= case.target else "OVER")
            target = "" if case.target is None else f"<= {case.target} ms"
        rows.append((case.name, f"{m:10.1f}", figure, target, ok))
    return rows, list(failed.values())


def main(log: Path = LOG) -> int:
    """Measure the cases (those named with ``$BENCH``), print the table; 1 if any missed."""
    wanted = os.environ.get("BENCH", "")
    print(f"Measuring; warnings and the output of child processes go to {_shown(log)}.", flush=True)
    with stderr_to(log):
        every = load_cases()
        cases = [c for c in every if wanted in c.name]
        rows, failures = measure(cases, {c.name: c for c in every})
    header = ("case", "median ms", "ratio", "target", "")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    lines = log.read_bytes().count(b"\n")
    print(f"{lines} lines of warnings and child-process output in {_shown(log)}.")
    for failure in failures:
        print(f"\nERROR in {failure}", file=sys.stderr)
    return 1 if failures or any(r[4] == "OVER" for r in rows) else 0


def _shown(path: Path) -> str:
    """``path`` relative to the working directory when it is below it."""
    with contextlib.suppress(ValueError):
        return str(path.relative_to(Path.cwd()))
    return str(path)


if __name__ == "__main__":
    sys.exit(main())
