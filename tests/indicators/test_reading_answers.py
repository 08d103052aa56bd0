"""Answering reading-the-indicators and lessons 03-04 with widgets: no code to type.

The questions show names a participant reads, the controls save what the checks and the hidden
tests read, the checks accept every right answer and turn down the wrong ones, and the lag
explorer reads a period chosen with its own controls, on the course data or a student's
portfolio.
"""

import json

import pytest

from instructor.keys.reading_the_indicators import answer_files, plan_for, truth
from toolkit import data
from toolkit.health import assignment as part4
from toolkit.health import lesson as health_lesson
from toolkit.health.model import DIMENSIONS, health_index, perception_gaps
from toolkit.indicators import assignment as parts
from toolkit.indicators import lesson as indicators_lesson
from toolkit.indicators.lags import best_lag
from toolkit.indicators.variants import case_for
from toolkit.indicators.widget import LagExplorer
from toolkit.scorecard import lesson as scorecard_lesson
from toolkit.selfstudy import progress
from toolkit.ui.answers import CANNOT_TELL, describe_saved, read_saved

VARIANT = 12


@pytest.fixture(scope="module")
def case():
    return case_for(VARIANT)


# --- the assignment's questions -----------------------------------------------------------
def test_the_questions_show_names_a_participant_reads(case):
    """Do the options read as names (alliances, dimensions, bands), never ids or codes?"""
    falling = parts.falling_question(case)
    assert list(falling.options.values()) == case.alliance_names()
    gaps = part4.gap_question()
    assert "_" not in " ".join(gaps.options.values())
    assert set(gaps.options) == set(DIMENSIONS)
    bands = list(part4.band_question().options.values())
    assert bands[1] == "Typical, below the healthy line (3.2 to 3.5)"
    lag = parts.lag_question(case)
    assert case.lag_alliance in lag.label and lag.range_text == "0 to 12 months"


def test_each_part_is_said_in_words(case):
    """Does each answer read as a sentence the instructor understands?"""
    names = case.alliance_names()
    assert parts.falling_question(case).describe(names[:2]) == (
        f"You named {names[0]} and {names[1]} as the alliances whose revenue will fall next year."
    )
    assert parts.lag_question(case).describe(5) == (
        f"Months {case.lag_alliance}'s revenue follows its deal registrations: 5 months."
    )
    assert part4.gap_question().describe("strategic_value") == (
        "You named strategic value as the dimension with the largest perception gap."
    )
    assert part4.band_question().describe(None).startswith("Not answered yet:")


def test_the_controls_save_what_the_grading_reads_for_the_variant(case, answer_path):
    """Does each control save its answer for this variant, and not for another one?"""
    facts = truth(VARIANT)
    lag = parts.answer_lag(case, answer_path(parts.LAG_FILE))
    lag.number.value = str(facts["lag"])
    question = parts.lag_question(case)
    assert read_saved(question, answer_path(parts.LAG_FILE), variant=VARIANT) == facts["lag"]
    assert read_saved(question, answer_path(parts.LAG_FILE), variant=VARIANT + 1) is None
    falling = parts.answer_falling(case, answer_path(parts.FALLING_FILE))
    names = case.alliance_names()
    falling.choices.value = [names.index(n) for n in facts["falling"]]
    saved = read_saved(falling.question, answer_path(parts.FALLING_FILE), variant=VARIANT)
    assert sorted(saved) == facts["falling"]
    text = describe_saved(falling.question, answer_path(parts.FALLING_FILE), variant=VARIANT)
    assert all(n in text for n in facts["falling"])


def test_the_key_files_are_what_the_controls_save(case, answer_path):
    """Are the key's files the very files the controls write for the right answers?"""
    facts = truth(VARIANT)
    gap = part4.answer_largest_gap(case, answer_path(part4.GAP_FILE))
    gap.choices.value = [list(gap.question.options).index(facts["largest_gap"])]
    band = part4.answer_band(case, answer_path(part4.BAND_FILE))
    right = part4.bands_within(health_index(case.survey()))
    band.choices.value = [list(band.question.options).index(right[0])]
    key = answer_files(VARIANT)
    for name in (part4.GAP_FILE, part4.BAND_FILE):
        assert json.loads(key[name]) == json.loads(answer_path(name).read_text()), name


def test_the_key_agrees_with_the_taught_method(case):
    """Do the key's answers agree with what the widgets show for the variant's data?"""
    facts, key = truth(VARIANT), answer_files(VARIANT)
    a = case.lag_alliance
    reading = best_lag(case.series(a, "deal_registrations"), case.series(a, "sourced_revenue"))
    assert json.loads(key[parts.LAG_FILE])["data"]["answer"] == reading.lag == facts["lag"]
    assert part4.largest_gap_of(case.survey()) == facts["largest_gap"]
    assert perception_gaps(case.survey())["gap"].idxmax() == plan_for(VARIANT).largest_gap


@pytest.mark.parametrize(
    ("answer", "passed"), [(None, False), (0, False), (4, True), (12, True), ("4", False)]
)
def test_the_lag_check(answer, passed):
    """Does the visible lag check pass a lag and turn down no answer or a lag of 0?"""
    assert parts.check_lag(answer).passed is passed


def test_the_falling_check(case):
    """Does the visible check want at least one alliance ticked, and not all of them?"""
    names = case.alliance_names()
    assert parts.check_falling(names[:2], names).passed
    assert not parts.check_falling(None, names).passed
    assert not parts.check_falling([], names).passed
    assert not parts.check_falling(names, names).passed


def test_a_band_on_its_line_may_be_read_either_side():
    """Is an index on a band's line read in either band, and one well inside in its own?"""
    assert part4.bands_within(3.5) == ["typical-low", "healthy"]
    assert part4.bands_within(3.497) == ["typical-low", "healthy"]
    assert part4.bands_within(3.42) == ["typical-low"]
    assert part4.bands_within(2.9) == ["below-typical"]


def test_the_health_check_view_shows_the_figures_of_the_case(case):
    """Does Part 4's health check show the case's own index, gaps and a described chart?"""
    view = case.health_check()
    intro, table, chart = (child.value for child in view.children[:3])
    assert f"{health_index(case.survey()):.2f}" in intro
    assert case.survey_alliance in intro
    gaps = perception_gaps(case.survey())["gap"].round(2)
    assert all(f"{g:.2f}" in table for g in gaps)
    assert "<desc" in chart or "Perception gaps" in chart


# --- the lag explorer: the student's own portfolio, and a period ---------------------------
def test_the_explorer_reads_the_students_own_portfolio(case, answer_path):
    """Does the explorer on a case list its alliances and read its lag alliance's data?"""
    explorer = parts.lag_explorer(case, answer_path("my-lag-reading.json"))
    assert list(explorer.alliance.options) == case.alliance_names()
    assert explorer.alliance.value == case.lag_alliance
    assert f"about {truth(VARIANT)['lag']} months (clear" in explorer.readout.value
    assert LagExplorer(path=answer_path("my-lag-reading.json")).alliance.value == "Summit"


def test_the_explorer_reads_the_period_set_with_its_own_controls(answer_path):
    """Do From month and To month set the period read, named, saved and restored?"""
    path = answer_path("my-lag-explorer.json")
    explorer = LagExplorer("Summit", path=path)
    assert (explorer.first_month.description, explorer.last_month.description) == (
        "From month",
        "To month",
    )
    assert (explorer.first_month.value, explorer.last_month.value) == (1, 48)
    explorer.last_month.value = 24
    young = best_lag(
        data.series("Summit", "deal_registrations").loc[:24],
        data.series("Summit", "sourced_revenue").loc[:24],
    )
    assert "months 1 to 24" in explorer.readout.value
    assert young.sentence().split(":")[0] in explorer.readout.value
    assert json.loads(path.read_text())["data"]["last"] == 24
    assert LagExplorer(path=path).last_month.value == 24


def test_a_period_too_short_is_said_inline(answer_path):
    """Does a period that ends before it starts say so inline, keeping the last reading?"""
    explorer = LagExplorer("Summit", path=answer_path("my-lag-explorer.json"))
    before = explorer.readout.value
    explorer.first_month.value = 30
    explorer.last_month.value = 20
    assert "The period must end after it starts" in explorer.message.value
    assert explorer.readout.value != "" and "months 30 to 48" in explorer.readout.value
    assert before != explorer.readout.value


# --- the lessons: answered in controls, the progress mark -----------------------------------
def test_lesson_03_young_alliance_answered_in_the_box(answer_path, monkeypatch):
    """Does 'the data cannot tell yet' ticked in the box pass, and a number claimed fail?"""
    monkeypatch.chdir(answer_path(".").parent)
    young = best_lag(
        data.series("Summit", "deal_registrations").loc[:24],
        data.series("Summit", "sourced_revenue").loc[:24],
    )
    box = indicators_lesson.answer_young_alliance()
    full = best_lag(
        data.series("Summit", "deal_registrations"), data.series("Summit", "sourced_revenue")
    )
    box.number.value = str(full.lag)  # the four years' lag, claimed after two
    report = indicators_lesson.check_young_alliance()
    assert report.passed is (young.lag is not None and abs(young.lag - full.lag) <= 1)
    if young.lag is None:
        box.cannot_tell.value = True
    else:
        box.number.value = str(young.lag)
    assert indicators_lesson.check_young_alliance().passed
    assert progress.status_of("indicators.young-alliance") == progress.PASSED


def test_lesson_03_harbor_lag_answered_in_the_box(answer_path, monkeypatch):
    """Does Harbor's lag typed in the box turn the exercise's mark to 'checks passed'?"""
    monkeypatch.chdir(answer_path(".").parent)
    first = indicators_lesson.check_best_lag()
    assert not first.passed and "box" in str(first)
    assert progress.status_of("indicators.best-lag") == progress.ATTEMPTED
    lag = best_lag(
        data.series("Harbor", "deal_registrations"), data.series("Harbor", "sourced_revenue")
    ).lag
    indicators_lesson.answer_best_lag().number.value = str(lag)
    assert indicators_lesson.check_best_lag().passed
    assert progress.status_of("indicators.best-lag") == progress.PASSED


def test_lesson_04_scorecard_answered_in_the_table(answer_path, monkeypatch):
    """Does a balanced scorecard typed into the table pass, and a lopsided one not?"""
    monkeypatch.chdir(answer_path(".").parent)
    table = scorecard_lesson.answer_scorecard()
    assert "sourced_revenue" in table.question.rows
    assert "Partner-sourced revenue" in table.question.rows["sourced_revenue"]
    table.boxes["sourced_revenue", "target"].value = "600"
    assert not scorecard_lesson.check_scorecard().passed
    for metric, target in {
        "new_customer_wins": "8",
        "trained_sellers": "120",
        "sponsor_meetings": "1",
    }.items():
        table.boxes[metric, "target"].value = target
    assert scorecard_lesson.check_scorecard().passed
    assert progress.status_of("governance-tools.scorecard") == progress.PASSED


def test_lesson_04_largest_gap_picked_by_its_plain_name(answer_path, monkeypatch):
    """Does the dimension picked by name pass when it is Bluepeak's largest gap, only then?"""
    monkeypatch.chdir(answer_path(".").parent)
    gaps = perception_gaps(data.survey("Bluepeak", quarter=8))["gap"].sort_values()
    pick = health_lesson.answer_largest_gap()
    keys = list(pick.question.options)
    pick.choices.value = [keys.index(gaps.index[-2])]
    assert not health_lesson.check_largest_gap().passed
    pick.choices.value = [keys.index(gaps.index[-1])]
    assert health_lesson.check_largest_gap().passed
    assert progress.status_of("governance-tools.largest-gap") == progress.PASSED


def test_lesson_checks_still_take_a_typed_answer():
    """Do notebooks released before the controls (answers typed) still get their checks?"""
    assert indicators_lesson.check_young_alliance(...).passed is False
    assert health_lesson.check_largest_gap("nonsense").passed is False
    assert scorecard_lesson.check_scorecard({"sourced_revenue": 500}).passed is False
    assert CANNOT_TELL == "cannot-tell"
