"""The balanced scorecard: status against targets, perspectives in order, balance findings."""

import pytest

from toolkit.scorecard.model import quarter_actuals, rag, scorecard, scorecard_findings


def test_rag_status():
    """Are green/amber/red/grey given at the documented thresholds?"""
    assert [rag(a, 100) for a in (120, 100, 90, 89.9, None)] == [
        "green",
        "green",
        "amber",
        "red",
        "grey",
    ]
    assert rag(5, 6, lower_is_better=True) == "green"
    assert rag(12, 6, lower_is_better=True) == "red"


def test_scorecard_groups_perspectives_and_flags_status():
    """Is the scorecard ordered by perspective with one status per target?"""
    actuals = quarter_actuals("Harbor", 48)
    targets = {
        "trained_sellers": 150,
        "sourced_revenue": 900,
        "customer_satisfaction": 20,
        "sponsor_meetings": 1,
    }
    card = scorecard(actuals, targets)
    assert card["perspective"].tolist() == ["strategic", "financial", "operational", "relationship"]
    status = dict(zip(card["metric"], card["status"], strict=True))
    assert status["sourced_revenue"] == "green"  # revenue still looks fine...
    assert status["trained_sellers"] == "red"  # ...while the drivers collapsed
    with pytest.raises(ValueError, match="Did you mean"):
        scorecard(actuals, {"sourced_revenu": 1})


def test_scorecard_findings_want_balance():
    """Does a balanced scorecard pass, and a revenue-only one get findings?"""
    assert (
        scorecard_findings(
            ["sourced_revenue", "customer_satisfaction", "trained_sellers", "sponsor_meetings"]
        )
        == []
    )
    findings = scorecard_findings(["sourced_revenue"])
    assert len(findings) == 4 and any("leading" in f for f in findings)


def test_quarter_actuals_are_the_quarters_averages_and_last_values_for_every_alliance_and_month():
    """Is each actual exactly the pandas average of the quarter's months (flows) or its last
    month (stocks), for every course alliance at every month?"""
    from toolkit import data
    from toolkit.indicators.catalogue import METRICS
    from toolkit.scorecard.model import STOCKS

    checked = 0
    for alliance in data.alliance_names():
        one = data.panel(alliance)
        for month in one.index:
            window = one.loc[max(1, month - 2) : month]
            expected = {}
            for m in METRICS:
                if m.name in one.columns:
                    column = window[m.name].astype(float)
                    last, mean = float(column.iloc[-1]), float(column.mean())
                    expected[m.name] = last if m.name in STOCKS else mean
            got = quarter_actuals(alliance, int(month))
            assert list(got) == list(expected)
            pairs = zip(got.values(), expected.values(), strict=True)
            assert all(g == e or (g != g and e != e) for g, e in pairs), (alliance, month)
            checked += 1
    assert checked == len(data.panel())
