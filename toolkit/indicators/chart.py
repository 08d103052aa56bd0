"""Charts of the lag analysis: a leading and a lagging metric over time, correlation by lag.

The lag explorer redraws them on every move of its slider, so both are drawn as SVG directly
(:mod:`toolkit.ui.plot`, a millisecond or two) rather than through Vega. Each helper returns a
:class:`~toolkit.ui.svg.Diagram` with a title and a one-sentence description (read by screen
readers) and never displays it; notebooks show it as an image with the description as its
alternative text, widgets draw it with :func:`toolkit.ui.render.show_in`, and ``diagram.data``
holds the numbers drawn.

Examples
--------
>>> import toolkit.data as data
>>> from toolkit.indicators.lags import lag_correlations
>>> table = lag_correlations(data.series("Summit", "deal_registrations"),
...                          data.series("Summit", "sourced_revenue"))
>>> correlation_chart(table).title
'Correlation by lag'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.indicators.seasonality import without_rhythm
from toolkit.ui.plot import Band, Linear, Plot
from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR
from toolkit.ui.svg import Diagram

__all__ = ["correlation_chart", "lag_chart"]

#: how the two lines of an adjusted lag chart differ: (legend label, stroke width, opacity)
BOOKED = ("months as booked", 1.0, 0.45)
COMPARED = ("3-month average, quarter rhythm out", 2.5, 1.0)


def lag_chart(
    leading: pd.Series,
    lagging: pd.Series,
    lag: int = 0,
    *,
    leading_name: str | None = None,
    lagging_name: str | None = None,
    adjusted: bool = False,
) -> Diagram:
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
    >>> chart.title
    'Deal registrations moved 3 months later, against sourced revenue'
    """
    lead_name = leading_name or str(leading.name or "leading metric")
    lag_name = lagging_name or str(lagging.name or "lagging metric")
    lines, columns = [], {"month": [], "value": [], "series": [], "line": []}
    for series, name, moved, colour, dash in (
        (leading, f"{lead_name} (leading, {lag} months later)", int(lag), LEADING_COLOUR, [5, 3]),
        (lagging, f"{lag_name} (lagging)", 0, LAGGING_COLOUR, [1, 0]),
    ):
        values = pd.to_numeric(series, errors="coerce").astype(float)
        months = np.asarray(series.index, dtype=int) + moved
        booked = values.to_numpy()
        top = np.nanmax(np.abs(booked)) if np.isfinite(booked).any() else 0.0
        scale = 0.0 if not top else 100 / top
        drawn = [(BOOKED if adjusted else None, booked * scale)]
        if adjusted:
            smooth = without_rhythm(values).rolling(3, min_periods=2).mean()
            drawn.append((COMPARED, smooth.to_numpy() * scale))
        for style, scaled in drawn:
            kept = ~np.isnan(scaled)
            lines.append((months[kept].tolist(), scaled[kept].tolist(), colour, dash, style))
            columns["month"].append(months[kept])
            columns["value"].append(scaled[kept])
            columns["series"].append(np.full(kept.sum(), name, dtype=object))
            columns["line"].append(np.full(kept.sum(), style[0] if style else None, dtype=object))
    frame = pd.DataFrame({column: np.concatenate(parts) for column, parts in columns.items()})
    if not adjusted:
        frame = frame.drop(columns="line")
    plot = Plot(
        Linear(frame["month"].min(), frame["month"].max(), 520, title="Month since kick-off"),
        Linear(
            frame["value"].min(),
            frame["value"].max(),
            220,
            title="Share of its highest month (%)",
            vertical=True,
        ),
    )
    for months, scaled, colour, dash, style in lines:
        width, opacity = (style[1], style[2]) if style else (2.0, 1.0)
        plot.line(months, scaled, colour=colour, dash=dash, width=width, opacity=opacity)
    # two short legends (which metric; which line) rather than one entry per line
    plot.legend(
        (name, {"colour": colour, "dash": dash})
        for name, colour, dash in (
            (f"{lead_name} (leading, {lag} months later)", LEADING_COLOUR, [5, 3]),
            (f"{lag_name} (lagging)", LAGGING_COLOUR, [1, 0]),
        )
    )
    if adjusted:
        plot.legend((label, {"width": w, "opacity": o}) for label, w, o in (BOOKED, COMPARED))
    pretty = lead_name.replace("_", " ").capitalize()
    lead_words, lag_words = lead_name.replace("_", " "), lag_name.replace("_", " ")
    how = (
        "thin light lines are the months as booked, thick lines their 3-month averages with "
        "the quarter rhythm taken out, each scaled to its highest month"
        if adjusted
        else "each scaled to its highest month"
    )
    return plot.draw(
        f"{pretty} moved {lag} months later, against {lag_words}",
        (
            f"Lines over the months: {lead_words} shifted {lag} months later (dashed) and "
            f"{lag_words} (solid), {how}; where they rise and fall together, the shift "
            "matches the lag."
        ),
        data={"table": frame},
    )


def correlation_chart(table, *, chosen: int | None = None) -> Diagram:
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
    Diagram
        The bars; the lag the reading names is dark (none when the data cannot tell). From a
        reading, each bar also carries a thin line from its 5 % to its 95 % resampled
        correlation, and the plausible lags are shaded.

    Examples
    --------
    >>> import toolkit.data as data
    >>> from toolkit.indicators.lags import best_lag
    >>> reading = best_lag(data.series("Summit", "deal_registrations"),
    ...                    data.series("Summit", "sourced_revenue"))
    >>> correlation_chart(reading).description  # doctest: +ELLIPSIS
    'One bar per lag from 0 to 12 months; the reading names 3 months (clear), ...'
    """
    reading = None
    if not isinstance(table, pd.DataFrame):
        reading, table = table, table.table
    lag = table["lag"].to_numpy()
    correlation = table["correlation"].to_numpy(dtype=float)
    if reading is not None:
        best = reading.lag
        low, high = reading.plausible or (None, None)
    else:
        named = table["correlation"].astype(float)
        best = int(named.idxmax()) if named.notna().any() else None
        low = high = None
    # built in one go from arrays (a column added at a time costs more than the drawing)
    best_lag, picked = lag == best, lag == chosen
    data = pd.DataFrame(
        {
            "lag": lag,
            "correlation": correlation,
            **{
                column: table[column].to_numpy(dtype=float)
                if column in table
                else np.full(len(lag), np.nan)
                for column in ("low", "high")
            },
            "best": best_lag,
            "chosen": picked,
            "plausible": (lag >= low) & (lag <= high)
            if low is not None
            else np.zeros(len(lag), bool),
            "bar": np.where(best_lag, "lag named", "other lags"),
            "outline": np.where(picked, 2, 0),
        },
        index=table.index,
    )
    plot = Plot(
        Band(data["lag"].tolist(), 420, title="Lag (months the lagging metric follows)"),
        Linear(-1, 1, 200, title="Correlation", vertical=True, nice=False),
    )
    rows = data.to_dict("records")
    for row in rows:
        if row["plausible"]:
            plot.bar(row["lag"], -1, 1, colour="#718096", opacity=0.18)
    for row in rows:
        plot.bar(
            row["lag"],
            0,
            row["correlation"],
            colour=LEADING_COLOUR if row["best"] else "#a3bffa",
            stroke="black",
            stroke_width=row["outline"],
        )
    for row in rows:
        if row["low"] == row["low"] and row["high"] == row["high"]:
            plot.rule(row["lag"], row["low"], row["lag"], row["high"], colour="#2d3748")
    return plot.draw("Correlation by lag", _correlation_words(data, reading), data={"table": data})


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
