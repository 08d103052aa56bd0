"""Charts of the lag analysis: a leading and a lagging metric over time, correlation by lag.

Each helper returns an ``alt.Chart`` with a title and a one-sentence description (read by
screen readers) and never displays it; notebooks show it, widgets draw it with
:func:`toolkit.ui.render.show_in`. All render offline (see :mod:`toolkit.ui.render`).

Examples
--------
>>> import toolkit.data as data
>>> from toolkit.indicators.lags import lag_correlations
>>> table = lag_correlations(data.series("Summit", "deal_registrations"),
...                          data.series("Summit", "sourced_revenue"))
>>> correlation_chart(table).to_dict()["title"]
'Correlation by lag'
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR, describe

__all__ = ["correlation_chart", "lag_chart"]


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
    """Bar chart of :func:`~toolkit.indicators.lags.lag_correlations`: correlation for each lag.

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
