"""Print the course's benchmark table: medians over repeated runs, each beside its reference.

Every figure is measured in the same run as its reference, because the machines we use are
shared and noisy: targets are ratios (``x`` against a reference) or medians in milliseconds.
Cases live in ``benchmarks/cases_*.py``; each module defines ``CASES``, a list of
:class:`Case`. Run with ``make bench`` (``make bench BENCH=name`` runs the cases whose name
contains ``name``).
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass
class Case:
    """One measured thing.

    ``run`` is called ``repeat`` times (after ``setup`` once); the table shows its median.
    With ``reference`` (the name of another case) the figure is a ratio against that
    case's median and ``target`` is the highest acceptable ratio; without it, ``target`` is
    the highest acceptable median in milliseconds.
    """

    name: str
    run: Callable[[], object]
    repeat: int = 7
    reference: str | None = None
    target: float | None = None
    setup: Callable[[], object] | None = None
    warmup: int = 1


def median_ms(case: Case) -> float:
    if case.setup:
        case.setup()
    for _ in range(case.warmup):
        case.run()
    times = []
    for _ in range(case.repeat):
        start = time.perf_counter()
        case.run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(HERE.glob("cases_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        spec.loader.exec_module(module)
        cases.extend(module.CASES)
    return cases


def main() -> int:
    wanted = os.environ.get("BENCH", "")
    cases = [c for c in load_cases() if wanted in c.name]
    by_name = {c.name: c for c in load_cases()}
    medians: dict[str, float] = {}
    rows = []
    for case in cases:
        for name in (case.reference, case.name):
            if name and name not in medians:
                medians[name] = median_ms(by_name[name])
        m = medians[case.name]
        if case.reference:
            ratio = m / medians[case.reference]
            figure = f"{ratio:6.2f} x {case.reference}"
            ok = "" if case.target is None else ("ok" if ratio <= case.target else "OVER")
            target = "" if case.target is None else f"<= {case.target} x"
        else:
            figure = ""
            ok = "" if case.target is None else ("ok" if m <= case.target else "OVER")
            target = "" if case.target is None else f"<= {case.target} ms"
        rows.append((case.name, f"{m:10.1f}", figure, target, ok))
    header = ("case", "median ms", "ratio", "target", "")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
    return 1 if any(r[4] == "OVER" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
