"""What the load driver prints and writes: tables, the CSV and the chart (times against N).

Every round adds one row per participant to ``hub-load.csv``, with the round's machine figures
repeated on each row; the chart reads the CSV back and, for each N, uses its latest round.
The sizing figures of README.md come from :func:`over_runs`, the median of several runs::

    .venv/bin/python deploy/jupyterhub/load_report.py test-artifacts/hub-load/hub-load.csv

Examples
--------
>>> fit([1, 4, 8], [400.0, 1300.0, 2500.0])
(300.0, 100.0)
"""

from __future__ import annotations

import csv
import datetime
import os
import statistics
import subprocess
from pathlib import Path

import altair as alt
from classroom import ROOT, percentile

__all__ = [
    "COLUMNS",
    "MEASURES",
    "append_csv",
    "fit",
    "over_runs",
    "rounds_by_n",
    "round_table",
    "summary",
    "write_chart",
]

#: Participant figures: CSV column -> what the table and the chart call it.
MEASURES = {
    "server_start_s": "server started",
    "first_chart_s": "first chart drawn",
    "lesson_end_s": "end of the lesson",
    "change_s": "builder change",
}
MACHINE = [
    "peak_memory_mb",
    "hub_proxy_mb",
    "servers_mb",
    "kernels_mb",
    "cpu_start_s",
    "cpu_lesson_s",
    "peak_cores",
    "other_cores",
]
COLUMNS = ["run", "commit", "cores", "users", "user", *MEASURES, "error", *MACHINE]


def _stats(values: list[float]) -> tuple[float, float, float] | None:
    return (statistics.median(values), percentile(values, 95), max(values)) if values else None


def round_table(result) -> str:
    """The round's table: median, 95th percentile and worst of each participant figure."""
    lines = [f"{'seconds from the moment everyone pressed':42} {'median':>7} {'p95':>7} {'max':>7}"]
    for key, label in MEASURES.items():
        values = [getattr(o, key) for o in result.outcomes if getattr(o, key) is not None]
        got = _stats(values)
        cells = "".join(f" {v:7.1f}" for v in got) if got else "       -       -       -"
        lines.append(f"{label + f' ({len(values)} of {result.users})':42}{cells}")
    u = result.usage
    lines.append(
        f"machine: peak memory {u['peak_memory_mb']:.0f} MB (hub and proxy "
        f"{u['hub_proxy_mb']:.0f}, servers {u['servers_mb']:.0f}, kernels "
        f"{u['kernels_mb']:.0f}); CPU {u['cpu_start_s']:.1f} core-s for the starts, "
        f"{u['cpu_lesson_s']:.1f} for the lesson; busiest 2 s: {u['peak_cores']:.2f} cores; "
        f"other work on the machine meanwhile: {u['other_cores']:.2f} cores"
    )
    lines += [f"ERROR {e}" for e in result.errors] or ["errors: none"]
    return "\n".join(lines)


def _commit() -> str:
    out = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return out.stdout.strip() or "unknown"


def append_csv(path: Path, rounds) -> Path:
    """Add one row per participant of each round to the CSV (written with a header if new)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8").split("\n", 1)[0] != ",".join(COLUMNS):
        path.replace(path.with_name(path.name + ".old"))  # written by an older driver
    new = not path.exists()
    run = datetime.datetime.now().isoformat(timespec="seconds")
    commit, cores = _commit(), os.cpu_count()
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        if new:
            writer.writeheader()
        for result in rounds:
            for o in result.outcomes:
                row = {
                    "run": run,
                    "commit": commit,
                    "cores": cores,
                    "users": result.users,
                    "user": o.user,
                    "error": o.error or "",
                }
                row |= {
                    k: "" if getattr(o, k) is None else f"{getattr(o, k):.2f}" for k in MEASURES
                }
                row |= {k: f"{result.usage[k]:.2f}" for k in MACHINE}
                writer.writerow(row)
    return path


def rounds_by_n(path: Path) -> dict[int, list[dict[str, float]]]:
    """For each N in the CSV, one dict of figures per round at that N.

    A round's figures are its machine figures, and the median and 95th percentile (``_p95``)
    over its participants of each participant figure (absent when nobody got that far).
    """
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rounds: dict[tuple[str, int], list[dict]] = {}
    for row in rows:
        rounds.setdefault((row["run"], int(row["users"])), []).append(row)
    by_n: dict[int, list[dict[str, float]]] = {}
    for (_, n), members in sorted(rounds.items(), key=lambda item: (item[0][1], item[0][0])):
        figures = {k: float(members[0].get(k) or "nan") for k in MACHINE}
        for key in MEASURES:
            values = [float(r[key]) for r in members if r[key]]
            if values:
                figures[key] = statistics.median(values)
                figures[key + "_p95"] = percentile(values, 95)
        figures["errors"] = sum(bool(r["error"]) for r in members)
        by_n.setdefault(n, []).append(figures)
    return by_n


def _median_over(rounds: list[dict[str, float]], key: str) -> float | None:
    values = [r[key] for r in rounds if key in r]
    return statistics.median(values) if values else None


def _svg(chart: alt.TopLevelMixin) -> str:
    """The course's offline SVG rendering (no CDN, with the chart's text alternative)."""
    from toolkit.ui.render import to_svg

    return to_svg(chart)


def write_chart(csv_path: Path, svg_path: Path) -> Path:
    """Draw the median and 95th percentile of each participant figure against N, as SVG.

    With several rounds at one N (several runs of the driver), each point is the median over
    those rounds, as in :func:`over_runs`.
    """
    points = []
    for n, rounds in rounds_by_n(csv_path).items():
        for key, label in MEASURES.items():
            for suffix, statistic in (("", "median"), ("_p95", "95th percentile")):
                seconds = _median_over(rounds, key + suffix)
                if seconds is not None:
                    points.append(
                        {
                            "participants": n,
                            "measure": label,
                            "statistic": statistic,
                            "seconds": round(seconds, 2),
                        }
                    )
    ends = {
        p["participants"]: p["seconds"]
        for p in points
        if p["measure"] == "end of the lesson" and p["statistic"] == "median"
    }
    said = ", ".join(f"{s:.0f} s with {n}" for n, s in ends.items())
    base = alt.Chart(alt.Data(values=points)).encode(
        x=alt.X(
            "participants:Q",
            title="participants pressing Run All at once",
            axis=alt.Axis(values=sorted(ends) or None, format="d"),
        ),
        y=alt.Y("seconds:Q", title="seconds after pressing"),
        color=alt.Color("measure:N", title="time until", sort=list(MEASURES.values())),
    )
    lines = base.mark_line().encode(
        strokeDash=alt.StrokeDash(
            "statistic:N",
            title="over participants",
            scale=alt.Scale(domain=["median", "95th percentile"], range=[[1, 0], [5, 3]]),
            legend=alt.Legend(symbolType="stroke", symbolStrokeColor="#555"),
        )
    )
    chart = (lines + base.mark_circle(size=30)).properties(
        width=420,
        height=260,
        # room for the legend's words in fonts wider than the one they were measured in
        padding={"left": 5, "top": 5, "bottom": 5, "right": 40},
        title="A lab at full load: waiting times against the number of participants",
        description=(
            "Median and 95th-percentile seconds until each participant's server started, "
            "the first chart was drawn and the lesson ended, against how many pressed Run "
            f"All at once; the median lesson ended after {said or 'no finished run'}."
        ),
    )
    svg_path.parent.mkdir(parents=True, exist_ok=True)
    svg_path.write_text(_svg(chart), encoding="utf-8")
    return svg_path


def fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares line through the points: (per unit of x, at x = 0)."""
    if len(set(xs)) < 2:
        return (ys[0] / xs[0] if xs[0] else 0.0, 0.0)
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    return round(slope, 6), round(my - slope * mx, 6)


def summary(rounds) -> str:
    """One line per N, then what one participant costs (fitted over the rounds)."""
    head = (
        f"{'N':>3} {'start med/p95':>14} {'chart med/p95':>14} {'end med/p95':>14} "
        f"{'peak MB':>8} {'kernels MB':>10} {'CPU start':>9} {'CPU lesson':>10} "
        f"{'peak cores':>10} {'other work':>10}"
    )
    lines = [head]
    for r in rounds:
        cells = []
        for key in ("server_start_s", "first_chart_s", "lesson_end_s"):
            got = _stats([getattr(o, key) for o in r.outcomes if getattr(o, key) is not None])
            cells.append(f"{got[0]:6.1f}/{got[1]:6.1f}" if got else f"{'-':>13}")
        u = r.usage
        lines.append(
            f"{r.users:>3} {cells[0]:>14} {cells[1]:>14} {cells[2]:>14} "
            f"{u['peak_memory_mb']:8.0f} {u['kernels_mb']:10.0f} {u['cpu_start_s']:9.1f} "
            f"{u['cpu_lesson_s']:10.1f} {u['peak_cores']:10.2f} {u['other_cores']:10.2f}"
        )
    ns = [r.users for r in rounds]
    hub_mb = statistics.median(r.usage["hub_proxy_mb"] for r in rounds)
    per_start, _ = fit(ns, [r.usage["cpu_start_s"] for r in rounds])
    per_lesson, _ = fit(ns, [r.usage["cpu_lesson_s"] for r in rounds])
    if len(set(ns)) > 1:
        per_mb, base_mb = fit(ns, [r.usage["peak_memory_mb"] for r in rounds])
        how = f"least squares over N = {', '.join(map(str, ns))}"
        memory = f"{per_mb:.0f} MB at peak over a fixed {base_mb:.0f} MB"
    else:  # one N: no line to fit; what is not the hub's, shared out
        how = f"at N = {ns[0]}; several N give a better fit"
        memory = f"{(rounds[0].usage['peak_memory_mb'] - hub_mb) / ns[0]:.0f} MB at peak"
    lines.append(
        f"per participant ({how}): {memory} (hub and proxy measured: {hub_mb:.0f} MB), "
        f"{per_start:.1f} core-s to start a server, {per_lesson:.1f} core-s for one Run All "
        "of the lesson"
    )
    return "\n".join(lines)


def over_runs(csv_path: Path) -> str:
    """A Markdown table over every round in the CSV: for each N, the median over its rounds.

    Each round gives its own median and 95th percentile of each participant figure and its
    machine figures; the table shows the median of those over the rounds at that N, then what
    one participant costs, fitted over all rounds.
    """
    by_n = rounds_by_n(csv_path)
    lines = [
        "| participants | rounds | server started (s) | first chart (s) | lesson ended (s) "
        "| peak memory (MB) | CPU, starts (core-s) | CPU, lesson (core-s) | other work (cores) "
        "| errors |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, got in by_n.items():

        def med(key, got=got):
            return _median_over(got, key) or float("nan")

        times = [
            f"{med(k):.1f} / {med(k + '_p95'):.1f}"
            for k in ("server_start_s", "first_chart_s", "lesson_end_s")
        ]
        lines.append(
            f"| {n} | {len(got)} | {' | '.join(times)} | {med('peak_memory_mb'):.0f} "
            f"| {med('cpu_start_s'):.1f} | {med('cpu_lesson_s'):.1f} | {med('other_cores'):.2f} "
            f"| {sum(f['errors'] for f in got):.0f} |"
        )
    ns = [n for n, got in by_n.items() for _ in got]
    every = [f for got in by_n.values() for f in got]
    per_mb, base_mb = fit(ns, [f["peak_memory_mb"] for f in every])
    per_start, _ = fit(ns, [f["cpu_start_s"] for f in every])
    per_lesson, _ = fit(ns, [f["cpu_lesson_s"] for f in every])
    parts = {
        k: statistics.median(f[k] / n for n, f in zip(ns, every, strict=True))
        for k in ("servers_mb", "kernels_mb")
    }
    lines.append(
        f"\nTimes are median / 95th percentile over the participants (seconds after they pressed). "
        f"Per participant (least squares over {len(every)} rounds): {per_mb:.0f} MB of memory "
        f"over a fixed {base_mb:.0f} MB (hub and proxy: "
        f"{statistics.median(f['hub_proxy_mb'] for f in every):.0f} MB; a server "
        f"{parts['servers_mb']:.0f} MB and a kernel {parts['kernels_mb']:.0f} MB at the median), "
        f"{per_start:.1f} core-seconds to start a server and {per_lesson:.1f} to run the lesson."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(
        over_runs(
            Path(sys.argv[1] if len(sys.argv) > 1 else "test-artifacts/hub-load/hub-load.csv")
        )
    )
