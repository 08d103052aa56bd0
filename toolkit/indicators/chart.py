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

from toolkit.indicators.seasonality import without_rhythm
from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR, describe

__all__ = ["correlation_chart", "lag_chart"]


def lag_chart(
    leading: pd.Series,
    lagging: pd.Series,
    lag: int = 0,
    *,
    leading_name: str | None = None,
    lagging_name: str | None = None,
    adjusted: bool = False,
) -> alt.LayerChart:
    """Leading and lagging metric over time, the leading one moved ``lag`` months later.

    Both are scaled to 100 = their own highest month, so metrics in different units share
    one axis. When ``lag`` is the true lag, the two lines move together.

    Parameters
    ----------
    leading, lagging : pandas.Series
        Monthly values indexed by month number.
    lag : int, optional
        Months to move the leading metric later.
    leading_name, lagging_name : str, optional
        How the legend names them (default: the series' names).
    adjusted : bool, optional
        Also draw what :func:`~toolkit.indicators.lags.best_lag` compares: each series'
        3-month average with its quarter rhythm taken out (thick lines), over the months as
        booked (thin, light lines).

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
    booked, compared = "months as booked", "3-month average, quarter rhythm out"
    frames, names, dashes = [], [], []
    for series, name, moved, dash in (
        (leading, f"{lead_name} (leading, {lag} months later)", int(lag), [5, 3]),
        (lagging, f"{lag_name} (lagging)", 0, [1, 0]),
    ):
        values = pd.to_numeric(series, errors="coerce").astype(float)
        months = pd.Index(series.index).astype(int) + moved
        top = values.abs().max()
        scale = 0.0 if not top or pd.isna(top) else 100 / top
        frame = pd.DataFrame({"month": months, "value": values * scale, "series": name})
        if adjusted:
            smooth = without_rhythm(values).rolling(3, min_periods=2).mean()
            frames += [
                frame.assign(line=booked),
                frame.assign(value=smooth.to_numpy() * scale, line=compared),
            ]
        else:
            frames.append(frame)
        names.append(name)
        dashes.append(dash)
    table = pd.concat(frames, ignore_index=True).dropna()
    # two short legends (which metric; which line) rather than one entry per line: easier to
    # read, and much cheaper to draw (vl-convert measures every legend label letter by letter)
    legend = {"orient": "bottom", "title": None, "labelLimit": 600, "direction": "vertical"}
    encoding = {
        "x": alt.X("month:Q", title="Month since kick-off"),
        "y": alt.Y("value:Q", title="Share of its highest month (%)"),
        "color": alt.Color(
            "series:N",
            scale=alt.Scale(domain=names, range=[LEADING_COLOUR, LAGGING_COLOUR]),
            legend=alt.Legend(**legend),
        ),
        "strokeDash": alt.StrokeDash(
            "series:N", scale=alt.Scale(domain=names, range=dashes), legend=None
        ),
    }
    if adjusted:
        encoding["strokeWidth"] = alt.StrokeWidth(
            "line:N",
            scale=alt.Scale(domain=[booked, compared], range=[1, 2.5]),
            legend=alt.Legend(**legend),
        )
        encoding["opacity"] = alt.Opacity(
            "line:N", scale=alt.Scale(domain=[booked, compared], range=[0.45, 1]), legend=None
        )
    chart = alt.Chart(table).mark_line().encode(**encoding).properties(width=520, height=220)
    pretty = lead_name.replace("_", " ").capitalize()
    lead_words, lag_words = lead_name.replace("_", " "), lag_name.replace("_", " ")
    how = (
        "thin light lines are the months as booked, thick lines their 3-month averages with "
        "the quarter rhythm taken out, each scaled to its highest month"
        if adjusted
        else "each scaled to its highest month"
    )
    return describe(
        chart,
        title=f"{pretty} moved {lag} months later, against {lag_words}",
        description=(
            f"Lines over the months: {lead_words} shifted {lag} months later (dashed) and "
            f"{lag_words} (solid), {how}; where they rise and fall together, the shift "
            "matches the lag."
        ),
    )


def correlation_chart(table, *, chosen: int | None = None) -> alt.LayerChart:
    """Bar chart of the correlation for each lag, with how sure the reading is.

    Parameters
    ----------
    table : LagReading or pandas.DataFrame
        A :func:`~toolkit.indicators.lags.best_lag` reading (its table, lag and plausible
        range), or a :func:`~toolkit.indicators.lags.lag_correlations` table.
    chosen : int, optional
        A lag to outline (a slider's lag, say).

    Returns
    -------
    altair.LayerChart
        The bars; the lag the reading names is dark (none when the data cannot tell). From a
        reading, each bar also carries a thin line from its 5 % to its 95 % resampled
        correlation, and the plausible lags are shaded.

    Examples
    --------
    >>> import toolkit.data as data
    >>> from toolkit.indicators.lags import best_lag
    >>> reading = best_lag(data.series("Summit", "deal_registrations"),
    ...                    data.series("Summit", "sourced_revenue"))
    >>> correlation_chart(reading).to_dict()["description"]  # doctest: +ELLIPSIS
    'One bar per lag from 0 to 12 months; the reading names 3 months (clear), ...'
    """
    reading = None
    if not isinstance(table, pd.DataFrame):
        reading, table = table, table.table
    data = table[["lag", "correlation"]].copy()
    data["correlation"] = data["correlation"].astype(float)
    for column in ("low", "high"):
        data[column] = table[column].astype(float) if column in table else np.nan
    if reading is not None:
        best = reading.lag
        low, high = reading.plausible or (None, None)
    else:
        best = int(data["correlation"].idxmax()) if data["correlation"].notna().any() else None
        low = high = None
    data["best"] = data["lag"] == best
    data["chosen"] = data["lag"] == chosen
    data["plausible"] = (
        data["lag"].between(low, high) if low is not None else np.zeros(len(data), bool)
    )
    data["bar"] = np.where(data["best"], "lag named", "other lags")
    data["outline"] = np.where(data["chosen"], 2, 0)
    x = alt.X("lag:O", title="Lag (months the lagging metric follows)")
    y = alt.Y("correlation:Q", title="Correlation", scale=alt.Scale(domain=[-1, 1]))
    base = alt.Chart(data)
    band = (
        base.transform_filter("datum.plausible")
        .mark_bar(color="#718096", opacity=0.18)
        .encode(x=x, y=alt.datum(-1), y2=alt.datum(1))
    )
    bars = base.mark_bar(stroke="black").encode(
        x=x,
        y=y,
        color=alt.Color(
            "bar:N",
            scale=alt.Scale(domain=["lag named", "other lags"], range=[LEADING_COLOUR, "#a3bffa"]),
            legend=None,
        ),
        strokeWidth=alt.StrokeWidth("outline:Q", scale=None, legend=None),
    )
    spread = (
        base.transform_filter("isValid(datum.low) && isValid(datum.high)")
        .mark_rule(color="#2d3748")
        .encode(x=x, y="low:Q", y2="high:Q")
    )
    chart = alt.layer(band, bars, spread).properties(width=420, height=200)
    return describe(
        chart,
        title="Correlation by lag",
        description=_correlation_words(data, reading),
    )


def _correlation_words(data: pd.DataFrame, reading) -> str:
    """The chart's one-sentence text alternative."""
    lags = f"One bar per lag from 0 to {int(data['lag'].max())} months"
    if reading is None:
        if not data["correlation"].notna().any():
            return f"{lags}; no lag has enough months to compare."
        best = int(data["correlation"].idxmax())
        return (
            f"{lags}; the highest is at a lag of {best} months "
            f"({data.loc[best, 'correlation']:.2f})."
        )
    if reading.lag is None:
        return f"{lags}; the data cannot tell the lag yet, so no bar is marked."
    low, high = reading.plausible
    span = f"{low} to {high} months" if low != high else f"{low} months"
    return (
        f"{lags}; the reading names {reading.lag} months ({reading.verdict}), with a "
        f"correlation of {reading.correlation:.2f}, and the shaded plausible range is {span}."
    )
