"""Charts for leading and lagging indicators, the scorecard and the health check.

Each helper returns an ``alt.Chart`` with a title and a one-sentence description (read by
screen readers) and never displays it; notebooks show it, widgets draw it with
:func:`toolkit.charts.show_in`. All render offline (see :mod:`toolkit.charts`).

Examples
--------
>>> from toolkit.simulator import simulate
>>> spec = pipeline_chart(simulate(1.0, months=24)).to_dict()
>>> spec["title"], spec["description"][:40]
('Pipeline builds up long before revenue', 'Open pipeline grows from month 2, while ')
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from toolkit.charts import describe

__all__ = [
    "STATUS_COLOURS",
    "correlation_chart",
    "gap_chart",
    "lag_chart",
    "pipeline_chart",
    "scorecard_chart",
]

STATUS_COLOURS = {"green": "#38a169", "amber": "#d69e2e", "red": "#e53e3e", "grey": "#a0aec0"}
LEADING_COLOUR = "#2b6cb0"
LAGGING_COLOUR = "#c05621"


def _index_100(s: pd.Series) -> pd.Series:
    top = s.abs().max()
    return s * 0 if not top or pd.isna(top) else 100 * s / top


def lag_chart(
    leading: pd.Series,
    lagging: pd.Series,
    lag: int = 0,
    *,
    leading_name: str | None = None,
    lagging_name: str | None = None,
) -> alt.LayerChart:
    """Leading and lagging metric over time, the leading one moved ``lag`` months later.

    Both are scaled to 100 = their own highest month, so metrics in different units share
    one axis. When ``lag`` is the true lag, the two lines move together.

    Examples
    --------
    >>> import toolkit.data as data
    >>> chart = lag_chart(data.series("Summit", "deal_registrations"),
    ...                   data.series("Summit", "sourced_revenue"), lag=3)
    >>> chart.to_dict()["title"]
    'Deal registrations moved 3 months later, against sourced revenue'
    """
    lead_name = leading_name or str(leading.name or "leading metric")
    lag_name = lagging_name or str(lagging.name or "lagging metric")
    lead = _index_100(pd.to_numeric(leading, errors="coerce").astype(float))
    lagged = _index_100(pd.to_numeric(lagging, errors="coerce").astype(float))
    lead_months = pd.Index(leading.index).astype(int) + int(lag)
    frames = [
        pd.DataFrame(
            {
                "month": lead_months,
                "value": lead.to_numpy(),
                "series": f"{lead_name} (leading, {lag} months later)",
            }
        ),
        pd.DataFrame(
            {
                "month": pd.Index(lagging.index).astype(int),
                "value": lagged.to_numpy(),
                "series": f"{lag_name} (lagging)",
            }
        ),
    ]
    table = pd.concat(frames, ignore_index=True).dropna()
    order = [frames[0]["series"].iloc[0], frames[1]["series"].iloc[0]]
    chart = (
        alt.Chart(table)
        .mark_line()
        .encode(
            x=alt.X("month:Q", title="Month since kick-off"),
            y=alt.Y("value:Q", title="Share of its highest month (%)"),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=order, range=[LEADING_COLOUR, LAGGING_COLOUR]),
                legend=alt.Legend(orient="bottom", title=None, labelLimit=400),
            ),
            strokeDash=alt.StrokeDash(
                "series:N", scale=alt.Scale(domain=order, range=[[5, 3], [1, 0]]), legend=None
            ),
        )
        .properties(width=520, height=220)
    )
    pretty = lead_name.replace("_", " ").capitalize()
    return describe(
        chart,
        title=f"{pretty} moved {lag} months later, against {lag_name.replace('_', ' ')}",
        description=(
            f"Two lines over the months: {lead_name.replace('_', ' ')} shifted {lag} months "
            f"later (dashed) and {lag_name.replace('_', ' ')} (solid), each scaled to its "
            "highest month; where they rise and fall together, the shift matches the lag."
        ),
    )


def correlation_chart(table: pd.DataFrame, *, chosen: int | None = None) -> alt.LayerChart:
    """Bar chart of :func:`toolkit.metrics.lag_correlations`: correlation for each lag.

    The best lag (highest correlation) is dark; ``chosen`` (e.g. a slider's lag) is outlined.
    """
    data = table[["lag", "correlation"]].copy()
    data["correlation"] = data["correlation"].astype(float)
    best = int(data["correlation"].idxmax()) if data["correlation"].notna().any() else None
    data["best"] = data["lag"] == best
    data["chosen"] = data["lag"] == chosen
    data["bar"] = np.where(data["best"], "best lag", "other lags")
    data["outline"] = np.where(data["chosen"], 2, 0)
    bars = (
        alt.Chart(data)
        .mark_bar(stroke="black")
        .encode(
            x=alt.X("lag:O", title="Lag (months the lagging metric follows)"),
            y=alt.Y("correlation:Q", title="Correlation", scale=alt.Scale(domain=[-1, 1])),
            color=alt.Color(
                "bar:N",
                scale=alt.Scale(
                    domain=["best lag", "other lags"], range=[LEADING_COLOUR, "#a3bffa"]
                ),
                legend=None,
            ),
            strokeWidth=alt.StrokeWidth("outline:Q", scale=None, legend=None),
        )
        .properties(width=420, height=200)
    )
    where = (
        f"the highest is at a lag of {best} months ({data.loc[best, 'correlation']:.2f})"
        if best is not None
        else "no lag has enough months to compare"
    )
    return describe(
        bars,
        title="Correlation by lag",
        description=f"One bar per lag from 0 to {int(data['lag'].max())} months; {where}.",
    )


def scorecard_chart(card: pd.DataFrame) -> alt.LayerChart:
    """The scorecard of :func:`toolkit.metrics.scorecard` as a table with status colours."""
    rows = []
    for i, r in card.reset_index(drop=True).iterrows():
        actual = "–" if pd.isna(r["actual"]) else f"{r['actual']:,.1f}"
        cells = {
            "perspective": r["perspective"],
            "measure": f"{r['label']} ({r['kind']})",
            "actual": actual,
            "target": f"{r['target']:,.1f}",
            "status": r["status"],
        }
        for column, text in cells.items():
            rows.append({"row": i, "column": column, "text": text, "status": r["status"]})
    table = pd.DataFrame(rows)
    order = ["perspective", "measure", "actual", "target", "status"]
    base = alt.Chart(table).encode(
        x=alt.X("column:N", sort=order, axis=alt.Axis(orient="top", title=None, labelAngle=0)),
        y=alt.Y("row:O", axis=None),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.condition(
            alt.datum.column == "status",
            alt.Color(
                "status:N",
                scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
                legend=None,
            ),
            alt.value("#f7fafc"),
        )
    )
    text = base.mark_text(fontSize=11, limit=165).encode(text="text:N")
    chart = (cells + text).properties(width=alt.Step(175), height=alt.Step(24))
    counts = card["status"].value_counts()
    summary = ", ".join(f"{counts[s]} {s}" for s in STATUS_COLOURS if s in counts)
    return describe(
        chart,
        title="Alliance balanced scorecard",
        description=(
            f"A table of {len(card)} measures grouped by perspective with actual, target and "
            f"a red, amber or green status: {summary or 'no measures'}."
        ),
    )


def gap_chart(gaps: pd.DataFrame) -> alt.LayerChart:
    """Dumbbell chart of :func:`toolkit.metrics.perception_gaps`: both sides per dimension."""
    sides = [c for c in gaps.columns if c not in ("gap", "higher")]
    long = (
        gaps[sides]
        .rename_axis("dimension")
        .reset_index()
        .melt(id_vars="dimension", var_name="side", value_name="score")
    )
    long["dimension"] = long["dimension"].str.replace("_", " ")
    order = [d.replace("_", " ") for d in gaps.index]
    y = alt.Y("dimension:N", sort=order, title=None)
    x = alt.X("score:Q", title="Average score (1-5)", scale=alt.Scale(domain=[1, 5]))
    rule = (
        alt.Chart(long)
        .mark_rule(color="#a0aec0", strokeWidth=3)
        .encode(y=y, x=alt.X("min(score):Q", scale=alt.Scale(domain=[1, 5])), x2="max(score):Q")
    )
    dots = (
        alt.Chart(long)
        .mark_circle(size=120, opacity=1)
        .encode(
            y=y,
            x=x,
            color=alt.Color(
                "side:N",
                scale=alt.Scale(domain=sides, range=[LEADING_COLOUR, LAGGING_COLOUR]),
                legend=alt.Legend(orient="bottom", title="Side"),
            ),
        )
    )
    chart = (rule + dots).properties(width=420, height=alt.Step(28))
    largest = gaps["gap"].astype(float).idxmax()
    return describe(
        chart,
        title="Perception gaps by dimension",
        description=(
            f"For each dimension a dot per side on a 1-5 scale joined by a line; the widest "
            f"gap is {largest.replace('_', ' ')} ({gaps.loc[largest, 'gap']:.2f} points)."
        ),
    )


def pipeline_chart(run: pd.DataFrame) -> alt.LayerChart:
    """Pipeline build-up and monthly revenue from a :func:`toolkit.simulator.simulate` run."""
    table = run.reset_index()[["month", "pipeline", "revenue", "effort"]]
    area = (
        alt.Chart(table)
        .mark_area(color="#bee3f8", opacity=0.8)
        .encode(
            x=alt.X("month:Q", title="Month"),
            y=alt.Y("pipeline:Q", title="k$"),
        )
    )
    bars = (
        alt.Chart(table)
        .mark_bar(color=LAGGING_COLOUR, width=alt.RelativeBandSize(0.6))
        .encode(x="month:Q", y="revenue:Q")
    )
    chart = (area + bars).properties(width=520, height=220)
    started = table.loc[table["pipeline"] > 1e-9, "month"]
    paid = table.loc[table["revenue"] > 1e-9, "month"]
    start_text = f"from month {int(started.min())}" if len(started) else "never"
    paid_text = (
        f"the first revenue comes in month {int(paid.min())}"
        if len(paid)
        else "no revenue comes within the months shown"
    )
    return describe(
        chart,
        title="Pipeline builds up long before revenue",
        description=(
            f"Open pipeline grows {start_text}, while {paid_text} (light area: open pipeline; "
            "bars: monthly revenue, both in k$)."
        ),
    )
