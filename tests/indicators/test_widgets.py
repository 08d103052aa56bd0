"""The metric sorter and the lag explorer, driven without a browser: set values, click, read."""

import html
import json

from toolkit import data, indicators
from toolkit.indicators.model import load_answers
from toolkit.indicators.widget import LagExplorer, MetricSorter


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
    assert "Choose 'leading' or 'lagging'" in sorter.message.value.replace("&#x27;", "'")
    sorter.choose("lagging", metric="no such metric")
    assert "No metric called" in sorter.message.value
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
    assert explorer.picture.value != before and "<svg" in explorer.picture.value
    assert "moved 3 months later" in explorer.picture.value
    assert json.loads(path.read_text())["data"]["lag"] == 3


def test_explorer_readout_says_the_reading_and_how_sure(answer_path):
    """Does the readout carry the reading's sentence, verdict included?"""
    explorer = LagExplorer("Summit", path=answer_path("my-lag-explorer.json"))
    reading = indicators.best_lag(
        data.series("Summit", "deal_registrations"), data.series("Summit", "sourced_revenue")
    )
    assert html.escape(str(reading)) in explorer.readout.value
    assert f"about {reading.lag} months (clear" in explorer.readout.value


def test_explorer_shows_raw_and_adjusted_series_and_the_plausible_range(answer_path):
    """With the rhythm taken out, are both the booked and the compared series drawn, and the
    plausible lags named in the bars; without, is the naive reading shown instead?"""
    path = answer_path("my-lag-explorer.json")
    explorer = LagExplorer("Summit", path=path)
    assert "months as booked" in explorer.picture.value
    assert "3-month average, quarter rhythm out" in explorer.picture.value
    assert "shaded plausible range is 3 months" in explorer.bars.value
    bars = explorer.bars.value
    explorer.rhythm_out.value = False
    assert "3-month average" not in explorer.picture.value
    assert explorer.bars.value != bars
    assert json.loads(path.read_text())["data"]["rhythm_out"] is False
    assert LagExplorer(path=path).rhythm_out.value is False


def test_explorer_redraws_the_bars_only_when_the_metrics_change(answer_path):
    """Does a slider move leave the correlation bars alone, and a new alliance redraw them?"""
    explorer = LagExplorer("Summit", path=answer_path("my-lag-explorer.json"))
    bars = explorer.bars.value
    assert "Correlation by lag" in bars
    explorer.lag.value = 7
    assert explorer.bars.value == bars
    explorer.alliance.value = "Granite"
    assert explorer.bars.value != bars and "names 11 months" in explorer.bars.value


def test_explorer_settings_from_before_the_rhythm_switch_still_load(answer_path):
    """Do settings saved without the rhythm switch come back, with the rhythm taken out?"""
    path = answer_path("my-lag-explorer.json")
    old = {"alliance": "Delta", "leading": "deal_registrations", "lagging": "sourced_revenue"}
    path.write_text(json.dumps({"kind": "lag-explorer", "data": {**old, "lag": 5}}))
    explorer = LagExplorer(path=path)
    assert (explorer.alliance.value, explorer.lag.value) == ("Delta", 5)
    assert explorer.rhythm_out.value is True and explorer.message.value == ""


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
