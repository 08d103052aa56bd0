"""Charts of indicators, scorecard and health check: titled, described, faithful to the data."""

import re

import pandas as pd
import pytest

from toolkit import data, health, indicators, scorecard
from toolkit.health.chart import gap_chart
from toolkit.indicators.chart import correlation_chart, lag_chart
from toolkit.magic_wand.chart import pipeline_chart
from toolkit.magic_wand.model import simulate
from toolkit.scorecard.chart import STATUS_COLOURS, STATUS_WORDS, scorecard_chart
from toolkit.ui.render import to_svg


def _values(spec):
    """The rows of a chart's (single) inline data set."""
    datasets = spec.get("datasets", {})
    assert len(datasets) == 1
    return next(iter(datasets.values()))


def _rows(chart) -> pd.DataFrame:
    """What a chart draws, row by row: a picture drawn as SVG directly keeps its table in
    ``data``; a Vega-Lite chart carries it in its specification."""
    if hasattr(chart, "svg"):
        return pd.DataFrame(chart.data["table"])
    return pd.DataFrame(_values(chart.to_dict()))


def _words(chart) -> tuple[str, str]:
    """A chart's title and description."""
    if hasattr(chart, "svg"):
        return chart.title, chart.description
    spec = chart.to_dict()
    return spec["title"], spec["description"]


@pytest.fixture(scope="module")
def summit():
    return data.series("Summit", "deal_registrations"), data.series("Summit", "sourced_revenue")


@pytest.fixture(scope="module")
def charts(summit):
    lead, lagging = summit
    return {
        "lag": lag_chart(lead, lagging, lag=3),
        "correlation": correlation_chart(indicators.best_lag(lead, lagging), chosen=5),
        "scorecard": scorecard_chart(
            scorecard.scorecard(scorecard.quarter_actuals("Harbor", 48), scorecard.DEFAULT_TARGETS)
        ),
        "gaps": gap_chart(health.perception_gaps(data.survey("Delta", quarter=8))),
        "pipeline": pipeline_chart(simulate(0.8, months=36, sales_cycle=6)),
    }


def test_every_chart_has_a_title_and_one_sentence_description(charts):
    """Can a screen reader announce every chart, and does each render offline to SVG?"""
    for name, chart in charts.items():
        title, description = _words(chart)
        assert title, name
        assert description.endswith(".") and description.count(". ") == 0, description
        svg = to_svg(chart)
        assert svg.startswith("<svg") and "cdn" not in svg


def test_lag_chart_moves_the_leading_metric_by_the_lag(summit, charts):
    """Are the leading metric's points drawn `lag` months later, lagging ones unmoved?"""
    lead, _ = summit
    rows = _rows(charts["lag"])
    shifted = rows[rows["series"].str.contains("leading")]
    assert shifted["month"].min() == lead.index.min() + 3
    assert shifted["month"].max() == lead.index.max() + 3
    top = shifted.loc[shifted["value"].idxmax(), "month"]
    assert top - 3 == lead.idxmax()


def test_correlation_chart_marks_the_best_lag(charts, summit):
    """Is the darkest bar the lag the reading names, with its plausible range shaded?"""
    rows = _rows(charts["correlation"])
    reading = indicators.best_lag(*summit)
    assert rows.loc[rows["best"], "lag"].tolist() == [reading.lag]
    assert rows.loc[rows["chosen"], "lag"].tolist() == [5]
    low, high = reading.plausible
    assert rows.loc[rows["plausible"], "lag"].tolist() == list(range(low, high + 1))
    assert (rows["low"] <= rows["high"]).all() and rows["high"].notna().all()
    assert f"names {reading.lag} months" in _words(charts["correlation"])[1]


def test_correlation_chart_marks_nothing_when_the_data_cannot_tell(summit):
    """Does a reading that cannot tell leave every bar light and say so?"""
    lead, lagging = summit
    reading = indicators.best_lag(lead.loc[:12], lagging.loc[:12])
    chart = correlation_chart(reading)
    rows = _rows(chart)
    assert not rows["best"].any() and not rows["plausible"].any()
    assert "cannot tell" in _words(chart)[1]


def test_scorecard_chart_colours_each_status(charts):
    """Does each measure's status cell carry its red/amber/green colour, and say it in words
    with a mark, so colour is not the only carrier of the status?"""
    chart = charts["scorecard"]
    rows = chart.data["table"]
    status_cells = rows[rows["column"] == "status"]
    assert set(status_cells["status"]) <= set(STATUS_COLOURS)
    assert (status_cells["text"] == status_cells["status"].map(STATUS_WORDS)).all()
    marks = {words.split()[0] for words in STATUS_WORDS.values()}
    assert len(marks) == len(STATUS_WORDS), "each status has its own mark"
    cells = re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})" stroke="#fff"/>', chart.svg)
    expected = [
        STATUS_COLOURS[s] if c == "status" else "#f7fafc"
        for c, s in zip(rows["column"], rows["status"], strict=True)
    ]
    assert cells == expected  # each status cell in its colour, the others pale
    for words in status_cells["text"]:
        assert f'fill="#1a202c">{words}</text>' in chart.svg
    for head in ("perspective", "measure", "kind", "actual", "target", "status"):
        assert f">{head}</text>" in chart.svg
    assert len(status_cells) == len(scorecard.DEFAULT_TARGETS)


def test_gap_chart_has_both_sides_of_each_dimension(charts):
    """Does the dumbbell chart show one dot per side and dimension, and name the widest gap?"""
    rows = _rows(charts["gaps"])
    assert rows.groupby("dimension")["side"].nunique().eq(2).all()
    assert "widest gap is commitment" in _words(charts["gaps"])[1]


def test_pipeline_chart_says_when_revenue_comes(charts):
    """Does the description give the month of the first revenue from the run itself?"""
    assert "first revenue comes in month 8" in _words(charts["pipeline"])[1]
    nothing = pipeline_chart(simulate(0.0, months=12))
    assert "no revenue" in _words(nothing)[1]


def test_charts_drawn_directly_keep_their_marks_axes_and_colours(charts, summit):
    """Do the charts drawn as SVG directly show what their Vega-Lite versions showed: the
    leading line dashed in the leading colour, the lagging one solid, both axis titles and
    the legend; one dark bar for the lag named, an outline on the chosen lag, a shaded band?"""
    import re

    from toolkit.ui.render import LAGGING_COLOUR, LEADING_COLOUR

    lines = charts["lag"].svg
    paths = re.findall(r'<path d="M[^"]*" fill="none" stroke="([^"]+)"[^>]*?(/>)', lines)
    assert {colour for colour, _ in paths} == {LEADING_COLOUR, LAGGING_COLOUR}
    assert re.search(rf'stroke="{LEADING_COLOUR}"[^>]*stroke-dasharray="5,3"', lines)
    for words in ("Month since kick-off", "Share of its highest month (%)", "(lagging)"):
        assert words in lines, words
    bars = charts["correlation"].svg
    reading = indicators.best_lag(*summit)
    dark = re.findall(rf'<rect [^>]*fill="{LEADING_COLOUR}"', bars)
    assert len(dark) == 1 and reading.lag is not None
    assert len(re.findall(r'stroke="black" stroke-width="2"', bars)) == 1  # lag 5, chosen
    low, high = reading.plausible
    assert len(re.findall(r'fill="#718096" opacity="0.18"', bars)) == high - low + 1
    assert "Lag (months the lagging metric follows)" in bars and "Correlation" in bars
