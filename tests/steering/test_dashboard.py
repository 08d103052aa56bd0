"""The quarterly dashboard: the three parts from the course data, and the discussion rules."""

import pandas as pd
import pytest

from toolkit import data
from toolkit.health import health_index, pairwise_gaps
from toolkit.indicators.catalogue import METRICS
from toolkit.indicators.trends import indicator_trends
from toolkit.scorecard import DEFAULT_TARGETS, quarter_actuals, scorecard
from toolkit.steering.dashboard import (
    FALL_TO_DISCUSS,
    GAP_TO_DISCUSS,
    TREND_METRICS,
    Dashboard,
    DashboardItem,
    dashboard_items,
    discussion_plan,
    leading_first,
    must_discuss,
    quarterly_dashboard,
    read_leading_first,
)


@pytest.fixture(scope="module")
def constellation():
    return quarterly_dashboard("Constellation", 16)


def small_board(statuses: dict, changes: dict, gaps: list[tuple]) -> Dashboard:
    """A dashboard made by hand: scorecard statuses, trend changes and (dimension, a, b, sa, sb)."""
    card = pd.DataFrame({"metric": list(statuses), "kind": "", "status": list(statuses.values())})
    rows = [
        {"dimension": d, "pair": f"{a} – {b}", "side_a": a, "side_b": b, "score_a": sa,
         "score_b": sb, "gap": abs(sa - sb), "higher": a if sa >= sb else b}
        for d, a, b, sa, sb in gaps
    ]  # fmt: skip
    return Dashboard("Test", 1, 3, card, pd.Series(changes, dtype=float), pd.DataFrame(rows), 3.5)


def test_three_companies_are_three_sides_of_the_health_check(constellation):
    """Does Constellation's dashboard compare each pair of its three companies?"""
    assert constellation.sides == ("Acme Software", "Orbit Systems", "Vela Consulting")
    assert constellation.gaps["pair"].nunique() == 3
    survey = data.survey("Constellation", quarter=16)
    assert constellation.health == pytest.approx(health_index(survey))
    expected = pairwise_gaps(survey, by="company")
    assert constellation.gaps["gap"].tolist() == expected["gap"].tolist()


def test_parts_are_read_at_the_end_of_the_quarter(constellation):
    """Are the scorecard and trends those of the survey's month, not of the end of the data?"""
    early = quarterly_dashboard("Northwind", 8)
    assert early.month == 24
    card = scorecard(quarter_actuals("Northwind", 24), DEFAULT_TARGETS)
    assert sorted(early.card["actual"].round(6)) == sorted(card["actual"].round(6))
    trends = indicator_trends(TREND_METRICS, month=24).loc["Northwind"]
    assert early.trends.equals(trends)
    assert not early.trends.equals(quarterly_dashboard("Northwind", 16).trends)


def test_scorecard_and_items_put_leading_first(constellation):
    """Do the scorecard rows and the dashboard's items list leading measures before lagging ones?"""
    kinds = constellation.card["kind"].tolist()
    assert kinds == sorted(kinds, key=lambda k: k != "leading")
    items = dashboard_items(constellation)
    order = [item.kind for item in items]
    assert order == sorted(order, key=["leading", "lagging", "health"].index)
    assert len({item.key for item in items}) == len(items)
    assert (
        leading_first(constellation.card)["metric"].tolist()
        == constellation.card["metric"].tolist()
    )


def test_red_or_falling_drivers_and_wide_gaps_must_be_discussed():
    """Does each 'must' rule put its item on the agenda, and nothing else?"""
    board = small_board(
        {"deal_registrations": "red", "trained_sellers": "green", "sourced_revenue": "red"},
        {"joint_campaigns": FALL_TO_DISCUSS, "partner_leads": -5.0, "sourced_revenue": -60.0},
        [
            ("trust", "A", "B", 4.0, 4.0 - GAP_TO_DISCUSS),
            ("governance", "A", "B", 3.9, 3.6),
            ("commitment", "A", "B", 2.4, 2.6),
        ],
    )
    plan = discussion_plan(board)
    assert must_discuss(board) == ["deal_registrations", "joint_campaigns", "trust", "commitment"]
    assert plan["trained_sellers"].verdict == "no"
    assert plan["partner_leads"].verdict == "no"
    assert plan["sourced_revenue"].verdict == "may"  # a result: note it, explain it
    assert plan["governance"].verdict == "no"
    assert "A and B" in plan["trust"].reason and "A scores it 2.4" in plan["commitment"].reason


def test_a_result_in_red_is_never_a_must():
    """Is a lagging measure never required on the agenda, however red or falling?"""
    board = small_board({"win_rate": "red"}, {"new_customer_wins": -90.0}, [])
    assert must_discuss(board) == []
    assert {v.verdict for v in discussion_plan(board).values()} == {"may"}


def test_coasting_alliance_puts_its_drivers_on_the_agenda():
    """Harbor's last quarter: drivers collapsing while revenue is on target (its story)."""
    board = quarterly_dashboard("Harbor", 16)
    plan = discussion_plan(board)
    assert plan["deal_registrations"].verdict == "must"
    assert plan["sourced_revenue"].verdict == "no"
    lines = read_leading_first(board)
    assert lines[0].startswith("Harbor, quarter 16")
    assert lines.index(next(x for x in lines if "Deal registrations" in x)) < lines.index(
        next(x for x in lines if "Partner-sourced revenue" in x)
    )


def test_bad_alliance_or_quarter_is_explained():
    """Do a misspelt alliance and a quarter without a survey give messages that say what to use?"""
    with pytest.raises(ValueError, match="Did you mean 'Constellation'"):
        quarterly_dashboard("Constelation")
    with pytest.raises(ValueError, match="no survey in quarter 40"):
        quarterly_dashboard("Constellation", 40)
    with pytest.raises(ValueError, match="whole number"):
        quarterly_dashboard("Constellation", "last")


def test_a_case_dashboard_has_the_health_models_gaps_and_the_scorecards_targets():
    """Are a case's gaps the health model's own, and its targets the scorecard's but one?"""
    from toolkit.health.model import gaps_between
    from toolkit.steering.cases import case_for

    board = case_for(3).dashboard()
    scores = pd.concat(
        [
            board.gaps[["dimension", "side_a", "score_a"]].set_axis(["d", "side", "s"], axis=1),
            board.gaps[["dimension", "side_b", "score_b"]].set_axis(["d", "side", "s"], axis=1),
        ]
    ).drop_duplicates(["d", "side"])
    table = scores.pivot(index="d", columns="side", values="s").loc[
        list(dict.fromkeys(board.gaps["dimension"])), list(board.sides)
    ]
    again = gaps_between(table)
    again["gap"] = again["gap"].round(2)
    pd.testing.assert_frame_equal(board.gaps, again, check_names=False)
    targets = dict(zip(board.card["metric"], board.card["target"], strict=True))
    assert {m for m in targets if targets[m] != DEFAULT_TARGETS[m]} == {"sponsor_meetings"}


def _items_with_pandas(board: Dashboard) -> list[DashboardItem]:
    """``dashboard_items`` as it was written with pandas (groupby and concat): the reference."""
    table = {m.name: m for m in METRICS}
    status = dict(zip(board.card["metric"], board.card["status"], strict=True))
    metrics = list(dict.fromkeys([*board.card["metric"], *board.trends.index]))
    items = []
    for kind in ("leading", "lagging"):
        for metric in metrics:
            if table[metric].kind != kind:
                continue
            change = board.trends.get(metric)
            items.append(
                DashboardItem(
                    metric,
                    str(table[metric].label),
                    kind,
                    status.get(metric, ""),
                    None if change is None or pd.isna(change) else float(change),
                )
            )
    gaps = board.gaps if not board.gaps.empty else pd.DataFrame(columns=["dimension"])
    for dimension, rows in gaps.groupby("dimension", sort=False):
        widest = rows.loc[rows["gap"].astype(float).idxmax()] if rows["gap"].notna().any() else None
        scores = pd.concat(
            [
                pd.Series(rows["score_a"].to_numpy(), index=rows["side_a"]),
                pd.Series(rows["score_b"].to_numpy(), index=rows["side_b"]),
            ]
        ).astype(float)
        scores = scores[~scores.index.duplicated()].dropna()
        items.append(
            DashboardItem(
                str(dimension),
                str(dimension).replace("_", " ").capitalize(),
                "health",
                gap=None if widest is None else float(widest["gap"]),
                pair="" if widest is None else f"{widest['side_a']} and {widest['side_b']}",
                lowest=float(scores.min()) if len(scores) else None,
                lowest_side=str(scores.idxmin()) if len(scores) else "",
            )
        )
    return items


def _course_boards():
    """Every alliance's dashboard in its first, a middle and its last quarter, both ways."""
    quarters = sorted(int(q) for q in data.survey()["quarter"].dropna().unique())
    for alliance in data.alliance_names():
        for quarter in (quarters[0], quarters[len(quarters) // 2], quarters[-1]):
            for by in ("company", "side"):
                yield quarterly_dashboard(alliance, quarter, by=by)


def test_items_are_those_read_with_pandas_on_every_dashboard():
    """Are the items read without pandas exactly those read with it, on every dashboard?

    Every course alliance (three quarters, by company and by side), every variant of the
    steering-committee assignment, and boards made by hand with ties, gaps of nothing and a
    side named on both sides of a pair.
    """
    from toolkit.steering.cases import VARIANTS, case_for

    boards = [
        *_course_boards(),
        *(case_for(n).dashboard() for n in VARIANTS.numbers()),
        small_board({}, {}, [("trust", "us", "partner", 3.0, 3.0)]),
        small_board(
            {"deal_registrations": "red"},
            {"partner_leads": float("nan")},
            [
                ("trust", "A", "B", 3.0, 4.0),
                ("trust", "A", "C", 3.0, 4.0),
                ("trust", "B", "C", float("nan"), 2.0),
                ("commitment", "B", "A", float("nan"), float("nan")),
            ],
        ),
        small_board({}, {}, []),
    ]
    for board in boards:
        assert repr(dashboard_items(board)) == repr(_items_with_pandas(board))
