"""Widgets of the indicator lessons, driven without a browser: set values, click, read back."""

import json

import pytest

from toolkit import data, health, indicators
from toolkit.health.widget import HealthCheck
from toolkit.indicators.explorer import LagExplorer
from toolkit.indicators.sorter import MetricSorter, load_answers
from toolkit.magic_wand import MagicWandSimulator


@pytest.fixture
def answer_path(tmp_path):
    return lambda name: tmp_path / name


# ---- MetricSorter ----------------------------------------------------------------------
def test_sorter_explains_each_choice_and_saves_it(answer_path):
    """Does a click record the answer, explain why, move on and save the file?"""
    path = answer_path("my-metric-sorting.json")
    sorter = MetricSorter(["deal_registrations", "sourced_revenue", "win_rate"], path=path)
    assert sorter.picker.value == "deal_registrations"
    sorter.leading_button.click()
    assert "Right" in sorter.feedback.value and "sales cycle" in sorter.feedback.value
    assert sorter.picker.value == "sourced_revenue"
    sorter.leading_button.click()  # wrong on purpose
    assert "Not quite" in sorter.feedback.value and "lagging" in sorter.feedback.value
    assert "2 of 3 metrics sorted (1 right)" in sorter.progress.value
    saved = json.loads(path.read_text())
    assert saved["data"]["answers"] == {
        "deal_registrations": "leading",
        "sourced_revenue": "leading",
    }
    assert load_answers(path) == saved["data"]["answers"]


def test_sorter_answers_survive_a_restart(answer_path):
    """Does a new sorter on the same file come back with the answers, at the next metric?"""
    path = answer_path("my-metric-sorting.json")
    first = MetricSorter(["trained_sellers", "win_rate"], path=path)
    first.lagging_button.click()
    again = MetricSorter(["trained_sellers", "win_rate"], path=path)
    assert again.answers == {"trained_sellers": "lagging"}
    assert again.picker.value == "win_rate"
    assert "you sorted it as" not in again.definition.value
    again.picker.value = "trained_sellers"
    assert "you sorted it as lagging" in again.definition.value


def test_graded_sorter_does_not_reveal(answer_path):
    """With reveal=False, is the choice confirmed without right or wrong?"""
    sorter = MetricSorter(["win_rate"], path=answer_path("a.json"), reveal=False)
    sorter.leading_button.click()
    assert "Saved" in sorter.feedback.value
    assert "Right" not in sorter.feedback.value and "Not quite" not in sorter.feedback.value
    assert "right)" not in sorter.progress.value


def test_sorter_bad_input_and_damaged_file_stay_inline(answer_path):
    """Do a wrong kind and an unreadable file give inline messages, keeping the work?"""
    path = answer_path("my-metric-sorting.json")
    path.write_text("{not json")
    sorter = MetricSorter(["win_rate"], path=path)
    assert "not valid JSON" in sorter.message.value and sorter.answers == {}
    assert path.with_name(path.name + ".damaged").exists()
    sorter.choose("sideways")
    assert "choose 'leading' or 'lagging'" in sorter.message.value.replace("&#x27;", "'")
    sorter.choose("lagging", metric="no such metric")
    assert "no metric called" in sorter.message.value
    assert sorter.answers == {}
    sorter.choose("lagging")
    assert sorter.message.value == "" and sorter.answers == {"win_rate": "lagging"}


# ---- LagExplorer -----------------------------------------------------------------------
def test_explorer_slider_redraws_chart_and_correlation(answer_path):
    """Does moving the lag slider redraw the chart and show that lag's correlation?"""
    path = answer_path("my-lag-explorer.json")
    explorer = LagExplorer("Summit", path=path)
    before = explorer.picture.value
    explorer.lag.value = 3
    table = indicators.lag_correlations(
        data.series("Summit", "deal_registrations"), data.series("Summit", "sourced_revenue")
    )
    assert f"{table.loc[3, 'correlation']:.2f}" in explorer.readout.value
    assert "the best lag is 3 months" in explorer.readout.value
    assert explorer.picture.value != before and "<svg" in explorer.picture.value
    assert "moved 3 months later" in explorer.picture.value
    assert json.loads(path.read_text())["data"]["lag"] == 3


def test_explorer_redraws_the_bars_only_when_the_metrics_change(answer_path):
    """Does a slider move leave the correlation bars alone, and a new alliance redraw them?"""
    explorer = LagExplorer("Summit", path=answer_path("my-lag-explorer.json"))
    bars = explorer.bars.value
    assert "Correlation by lag" in bars
    explorer.lag.value = 7
    assert explorer.bars.value == bars
    explorer.alliance.value = "Granite"
    assert explorer.bars.value != bars and "lag of 11 months" in explorer.bars.value


def test_explorer_settings_survive_a_restart(answer_path):
    """Does a new explorer on the same file show the alliance, metric and lag chosen?"""
    path = answer_path("my-lag-explorer.json")
    explorer = LagExplorer(path=path)
    explorer.alliance.value = "Delta"
    explorer.leading.value = "partner_leads"
    explorer.lag.value = 5
    again = LagExplorer(path=path)
    assert (again.alliance.value, again.leading.value, again.lag.value) == (
        "Delta",
        "partner_leads",
        5,
    )
    assert "Delta" in again.readout.value


def test_explorer_bad_saved_settings_fall_back(answer_path):
    """Do saved settings for an unknown alliance start from defaults, kept aside, said inline?"""
    path = answer_path("my-lag-explorer.json")
    saved = json.dumps({"kind": "lag-explorer", "data": {"alliance": "Atlantis"}})
    path.write_text(saved)
    explorer = LagExplorer(path=path)
    assert explorer.alliance.value == "Summit"
    assert "could not be used" in explorer.message.value
    assert "my-lag-explorer.json.damaged" in explorer.message.value
    assert path.with_name("my-lag-explorer.json.damaged").read_text() == saved


# ---- MagicWandSimulator ----------------------------------------------------------------
def test_simulator_buttons_and_sliders_update_the_answer(answer_path):
    """Do scenario buttons set the sliders and the readout say when revenue comes?"""
    path = answer_path("my-magic-wand.json")
    sim = MagicWandSimulator(path=path)
    sim.buttons["pull the plug at month 6"].click()
    assert sim.plug_month.value == 6 and sim.effort.value == pytest.approx(0.8)
    assert "first revenue comes in month <b>8</b>" in sim.readout.value
    assert "two weeks after the visit: <b>0 k$</b>" in sim.readout.value
    sim.sales_cycle.value = 10
    assert "month <b>12</b>" in sim.readout.value
    assert json.loads(path.read_text())["data"]["scenario"]["sales_cycle"] == 10


def test_simulator_checks_guesses_and_keeps_them(answer_path):
    """Is a guess checked, bad text answered inline, and the guesses kept after a restart?"""
    path = answer_path("my-magic-wand.json")
    sim = MagicWandSimulator(path=path)
    sim.sales_cycle.value = 3
    sim.guess.value = "next week"
    sim.check_button.click()
    assert "whole number" in sim.verdict.value
    sim.guess.value = "2"
    sim.check_button.click()
    assert "later than month 2" in sim.verdict.value
    assert sim.check_guess("5") is True
    again = MagicWandSimulator(path=path)
    assert again.sales_cycle.value == 3
    assert [g["guess"] for g in again.guesses] == [2, 5]


# ---- HealthCheck -----------------------------------------------------------------------
def test_health_check_shows_course_survey(answer_path):
    """Does choosing an alliance and quarter show its index and largest gap?"""
    check = HealthCheck("Delta", 8, path=answer_path("my-health-check.json"))
    expected = health.health_index(data.survey("Delta", quarter=8))
    assert f"{expected:.2f}" in check.readout.value
    assert "Largest perception gap: <b>commitment</b>" in check.readout.value
    assert "<svg" in check.picture.value
    check.alliance.value = "Northwind"
    assert f"{health.health_index(data.survey('Northwind', quarter=8)):.2f}" in check.readout.value


def test_health_check_own_answers_need_both_sides_and_persist(answer_path):
    """Do entered answers give an index, gaps once both sides answered, and survive a restart?"""
    path = answer_path("my-health-check.json")
    check = HealthCheck(path=path)
    check.side.value = "us"
    for slider in check.sliders.values():
        slider.value = 5
    check.add_button.click()
    assert check.source.value == "My own answers"
    assert "5.00" in check.readout.value and "both sides" in check.message.value
    check.side.value = "partner"
    check.sliders["trust"].value = 1
    check.add_button.click()
    assert "Largest perception gap: <b>trust</b>" in check.readout.value
    check.add_answer({"side": "them", "trust": 3})
    assert "side must be" in check.message.value and len(check.answers) == 2
    again = HealthCheck(path=path)
    assert len(again.answers) == 2 and again.source.value == "My own answers"
    assert "Largest perception gap: <b>trust</b>" in again.readout.value


def test_health_check_csv_upload_is_checked(answer_path):
    """Does a CSV with a bad answer give an inline message naming the row and column?"""
    check = HealthCheck(path=answer_path("my-health-check.json"))
    check.load_csv(b"respondent,side,trust_1\nA,us,4\nB,partner,8\n", "mine.csv")
    assert "mine.csv, row 3, column" in check.message.value.replace("&#x27;", "'")
    check.load_csv(b"respondent,side,trust_1,governance_1\nA,us,4,4\nB,partner,2,4\n")
    assert "Health index: <b>3.50</b>" in check.readout.value


def test_health_check_file_upload_as_the_browser_sends_it(answer_path):
    """Does a file chosen in the upload button load (and a bad one give an inline message)?"""
    import datetime

    check = HealthCheck(path=answer_path("my-health-check.json"))

    def upload(name, content):
        check.upload.value = (
            {
                "name": name,
                "type": "text/csv",
                "size": len(content),
                "content": memoryview(content),
                "last_modified": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
            },
        )

    upload("team.csv", b"respondent,side,trust_1\nA,us,5\nB,partner,1\n")
    assert "Health index: <b>3.00</b>" in check.readout.value
    assert "Largest perception gap: <b>trust</b>" in check.readout.value
    upload("broken.csv", b"who,what\n1,2\n")
    assert "broken.csv: missing column 'respondent'" in check.message.value.replace("&#x27;", "'")
