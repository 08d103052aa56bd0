"""The course data: generated reproducibly, valid against its data dictionary, and teaching."""

import json
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from frictionless import validate

from instructor import generator
from instructor.generator.package import INSTRUCTOR_NOTES
from toolkit import data
from toolkit.data import loaders
from toolkit.health.model import perception_gaps
from toolkit.indicators import lesson
from toolkit.indicators.catalogue import METRICS
from toolkit.indicators.lags import best_lag
from toolkit.indicators.seasonality import quarter_rhythm

DATASETS = ROOT / "datasets"
BY_NAME = {m.name: m for m in METRICS}
PROFILE = {p.profile: p for p in generator.PROFILES}

# the metric list of the subject brief (ALLIANCES.md, section 4): row -> (metric, kind)
BRIEF = {
    "executive sponsor meetings held / governance meetings on cadence": (
        ["sponsor_meetings", "governance_on_cadence"],
        "leading",
    ),
    "health-check score (trust, communication, commitment)": (["health_score"], "leading"),
    "joint business plan signed and reviewed": (["jbp_current"], "leading"),
    "joint account plans": (["joint_account_plans"], "leading"),
    "trained / certified partner sellers": (["trained_sellers"], "leading"),
    "joint solution or integration milestones": (["integration_milestones"], "leading"),
    "joint marketing campaigns": (["joint_campaigns"], "leading"),
    "account overlap mapped": (["accounts_mapped"], "leading"),
    "partner-sourced leads": (["partner_leads"], "leading"),
    "deal registrations": (["deal_registrations"], "leading"),
    "partner-sourced pipeline (value)": (["pipeline_value"], "leading"),
    "pipeline stage conversion / velocity": (["pipeline_conversion"], "leading"),
    "time to first joint deal": (["time_to_first_deal"], "lagging"),
    "win rate (with partner vs direct)": (["win_rate"], "lagging"),
    "average deal size": (["avg_deal_size"], "lagging"),
    "new customer wins": (["new_customer_wins"], "lagging"),
    "partner-sourced revenue": (["sourced_revenue"], "lagging"),
    "partner-influenced revenue": (["influenced_revenue"], "lagging"),
    "revenue growth": (["revenue_growth"], "lagging"),
    "customer satisfaction / NPS of the joint offer": (["customer_satisfaction"], "lagging"),
    "renewals / retention": (["renewal_rate"], "lagging"),
}


@pytest.fixture(scope="module")
def built():
    return generator.build()


def test_every_file_validates_against_the_datapackage():
    """Does every CSV match its Frictionless schema (types, ranges, keys)?"""
    report = validate(DATASETS / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    names = {task.name for task in report.tasks}
    assert names == {"metrics", "alliances", "panel", "health_checks"}


def test_a_damaged_file_fails_validation(tmp_path):
    """Would the validation notice a value out of range?"""
    copy = tmp_path / "datasets"
    shutil.copytree(DATASETS, copy)
    text = (copy / "health_checks.csv").read_text().splitlines()
    cells = text[1].split(",")
    cells[8] = "7"  # trust_1 must be 1..5
    text[1] = ",".join(cells)
    (copy / "health_checks.csv").write_text("\n".join(text) + "\n")
    report = validate(copy / "datapackage.json")
    assert not report.valid
    errors = report.flatten(["fieldName", "type"])
    assert ["trust_1", "constraint-error"] in errors


def test_regeneration_reproduces_the_committed_files_byte_for_byte(built, tmp_path):
    """Does `python -m instructor.generator` write exactly the committed files, both the
    data package and the instructors' page?"""
    notes = tmp_path / "instructor" / "course-data.md"
    folder = tmp_path / "datasets"
    subprocess.run(
        [sys.executable, "-m", "instructor.generator", str(folder), "--instructor", str(notes)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    for name, text in built.items():
        committed = (DATASETS / name).read_bytes()
        assert text.encode() == committed, (
            f"datasets/{name} differs: run python -m instructor.generator"
        )
        assert (folder / name).read_bytes() == committed
    assert sorted(p.name for p in folder.iterdir()) == sorted(built)
    committed_notes = INSTRUCTOR_NOTES.read_bytes()
    assert notes.read_bytes() == committed_notes, (
        "grading/instructor/course-data.md differs: run python -m instructor.generator"
    )
    assert generator.instructor_notes().encode() == committed_notes


def test_students_data_give_no_graded_answer_away(built):
    """Does nothing in datasets/ state a true lag, a story or whose revenue falls?"""
    text = "\n".join(built.values()).lower()
    for forbidden in ("ground truth", "true lag", "sales_cycle", "sales cycle =", "falls next"):
        assert forbidden not in text, forbidden
    for p in generator.PROFILES:
        assert p.story[:60].lower() not in text, p.alliance
        name = p.alliance.lower()
        assert f"{name} ({p.profile})" not in text and f"| {name} | {p.profile}" not in text
    notes = INSTRUCTOR_NOTES.read_text()
    assert all(p.story in notes and f"| {p.sales_cycle} |" in notes for p in generator.PROFILES)


def test_the_dictionary_describes_the_bookings(built):
    """Does the data dictionary tell students about the quarter end, holidays and large deals?"""
    readme = built["README.md"]
    for phrase in ("Quarter-end rhythm", "0.7, 0.85", "holiday", "A few large deals"):
        assert phrase in readme, phrase
    revenue = next(
        f
        for f in json.loads(built["datapackage.json"])["resources"][2]["schema"]["fields"]
        if f["name"] == "sourced_revenue"
    )
    assert "quarter" in revenue["description"]


def test_datasets_stay_small():
    """Is the course data a few hundred KB at most?"""
    total = sum(p.stat().st_size for p in DATASETS.iterdir())
    assert total < 400_000, total


def test_catalogue_covers_the_brief_metric_list():
    """Is every metric of the subject brief in the catalogue, with the brief's kind?"""
    catalogue = data.catalogue_file().set_index("name")
    for row, (names, kind) in BRIEF.items():
        for name in names:
            assert name in catalogue.index, f"{row!r} is not in metrics.csv"
            assert catalogue.loc[name, "kind"] == kind, row
    assert len(catalogue) >= 20
    assert set(catalogue["perspective"]) == {
        "strategic",
        "financial",
        "operational",
        "relationship",
    }


def test_leading_metrics_sit_in_driver_perspectives():
    """Do the drivers (leading) sit in operational/relationship, outcomes in strategic/financial?"""
    for m in METRICS:
        drivers = m.perspective in ("operational", "relationship")
        assert drivers == (m.kind == "leading"), m.name
        assert m.definition and m.why and m.unit


def test_panel_columns_are_catalogue_metrics():
    """Is every metric column of the panel described in the catalogue?"""
    panel = data.panel()
    metric_columns = [c for c in panel.columns if c not in ("alliance", "month", "period")]
    assert set(metric_columns) == {m.name for m in METRICS if m.source == "panel"}
    counts = panel.groupby("alliance")["month"].count()
    assert len(counts) >= 8 and counts.min() >= 36


def _tail_ratio(alliance, metric, recent=6, earlier=(-18, -6)):
    s = data.series(alliance, metric)
    return s.iloc[-recent:].mean() / s.iloc[earlier[0] : earlier[1]].mean()


def test_the_magic_wand_alliance_gets_its_revenue_after_the_plug_is_pulled():
    """Bluepeak: no revenue by month 6, when support stops; the deals it started close later."""
    name = PROFILE["magic wand"].alliance
    revenue = data.series(name, "sourced_revenue")
    effort = data.series(name, "joint_campaigns")
    assert revenue.loc[1:6].sum() == 0
    assert revenue.loc[7:15].sum() > 0
    assert effort.loc[1:6].mean() > 4 * effort.loc[9:].mean()
    assert revenue.loc[37:].mean() < 0.25 * revenue.loc[7:15].mean()


@pytest.mark.parametrize("profile", ["coasting on past work", "sponsor left"])
def test_revenue_is_still_high_while_leading_indicators_collapse(profile):
    """Harbor and Cedar: registrations fell in the last months, revenue has not yet."""
    name = PROFILE[profile].alliance
    assert _tail_ratio(name, "deal_registrations") < 0.6
    assert _tail_ratio(name, "sourced_revenue") > 0.85
    others = [
        p.alliance
        for p in generator.PROFILES
        if p.profile not in ("coasting on past work", "sponsor left", "magic wand")
    ]
    assert all(_tail_ratio(o, "deal_registrations") > 0.75 for o in others)


def test_the_late_bloomer_earns_most_in_its_third_year():
    """Quarry: little revenue in the first 18 months, most of it in year three."""
    revenue = data.series(PROFILE["late bloomer"].alliance, "sourced_revenue")
    assert revenue.loc[1:18].sum() < 0.25 * revenue.loc[25:36].sum()


def test_the_multi_partner_alliance_has_several_partners():
    """Constellation: more than one partner company, answering the survey too."""
    name = PROFILE["multi-partner"].alliance
    row = data.alliances().set_index("alliance").loc[name]
    assert row["partner_count"] >= 2
    companies = set(data.survey(name).query("side == 'partner'")["company"])
    assert len(companies) >= 2


def _reading(alliance, months=None):
    lead = data.series(alliance, "deal_registrations")
    revenue = data.series(alliance, "sourced_revenue")
    if months:
        lead, revenue = lead.loc[:months], revenue.loc[:months]
    return best_lag(lead, revenue)


def _true_lag(alliance):
    return next(p.sales_cycle for p in generator.PROFILES if p.alliance == alliance)


# the alliances lesson 03 reads a lag from: the explorer and worked example, the naive-reading
# demonstration, the exercise, the hints' worked example and the pause that shows up later
LESSON_ALLIANCES = {"Summit", "Cedar", lesson.LAG["alliance"], "Pixel", "Delta"}


@pytest.mark.parametrize("alliance", sorted(set(generator.READABLE) | LESSON_ALLIANCES))
def test_the_lessons_alliances_read_their_true_lag_clearly(alliance):
    """Does best_lag read the sales cycle (registrations -> revenue) clearly, within a month?"""
    assert alliance in generator.READABLE
    reading = _reading(alliance)
    assert reading.verdict == "clear", str(reading)
    assert abs(reading.lag - _true_lag(alliance)) <= 1


def test_the_assignment_lag_is_named_within_a_month():
    """Granite (reading-the-indicators, part 2): is a lag named, within a month of the truth?"""
    reading = _reading("Granite")
    assert reading.lag is not None and abs(reading.lag - _true_lag("Granite")) <= 1


def test_a_young_alliance_cannot_tell_yet():
    """Lesson 03's exercise: do the first two years of Summit's data say 'cannot tell'?"""
    young = _reading(lesson.YOUNG["alliance"], lesson.YOUNG["months"])
    assert young.verdict == "cannot tell"


def test_lumpy_enterprise_revenue_is_read_with_care():
    """Do the enterprise alliances book a few large deals a month, and read no clear lag?"""
    wins = data.panel().groupby("alliance")["new_customer_wins"].median()
    for p in generator.PROFILES:
        if p.deal_spread >= 0.6:
            assert wins[p.alliance] <= 6, p.alliance
            assert _reading(p.alliance).verdict != "clear", p.alliance
    assert wins.max() >= 20  # others win many small deals


def test_revenue_books_at_quarter_end():
    """Across the alliances, does the third month of a quarter book far more than the first?"""
    factors = np.array(
        [quarter_rhythm(data.series(a, "sourced_revenue")).factors for a in READ_RHYTHM]
    )
    first, second, third = np.median(factors, axis=0)
    assert first < 0.85 and second < 1.0 and third > 1.3, (first, second, third)


READ_RHYTHM = ("Northwind", "Cedar", "Delta", "Pixel", "Summit", "Quarry")


def test_august_books_less_than_other_second_months():
    """The holiday dip: does August book less, against the months around it, than May or
    November do?"""
    panel = data.panel()
    calendar = (panel["month"] - 1) % 12 + 1
    by = panel.assign(calendar=calendar).pivot(
        index="month", columns="alliance", values="sourced_revenue"
    )
    around = by.rolling(3, center=True).mean()
    share = (by / around).where(around > 0)
    month = (share.index - 1) % 12 + 1
    august = np.nanmedian(share[month == 8].to_numpy())
    others = np.nanmedian(share[np.isin(month, [2, 5, 11])].to_numpy())
    assert august < others - 0.1, (august, others)


def test_one_alliance_is_generated_alone_and_reproducibly():
    """Can one profile be simulated with its own seed, the same each time (per-student data)?"""
    profile = generator.PROFILES[0]
    first = generator.alliance_data(profile, seed=123)
    again = generator.alliance_data(profile, seed=123)
    other = generator.alliance_data(profile, seed=124)
    pd.testing.assert_frame_equal(first.panel, again.panel)
    pd.testing.assert_frame_equal(first.survey, again.survey)
    assert not first.panel.equals(other.panel)
    assert first.truth["true_lag"] == profile.sales_cycle
    assert list(first.panel.columns) == list(data.panel().columns)


def test_surveys_match_the_profiles():
    """Steady alliances score in the typical range; the magic wand's partner loses trust."""
    steady = data.survey(PROFILE["steady builder"].alliance, quarter=12)
    from toolkit.health.model import health_index

    assert 3.2 <= health_index(steady) <= 4.6
    wand = PROFILE["magic wand"].alliance
    before = perception_gaps(data.survey(wand, quarter=1))
    after = perception_gaps(data.survey(wand, quarter=8))
    assert after.loc["trust", "partner"] < before.loc["trust", "partner"] - 0.7
    counts = data.survey().groupby(["alliance", "quarter", "side"])["respondent"].count()
    assert counts.min() >= 3


def test_loader_names_file_row_column_and_expectation():
    """Does a bad value in a data file give a message a person can act on?"""
    raw = pd.read_csv(DATASETS / "panel.csv", dtype=str, keep_default_na=False)
    raw.loc[4, "sourced_revenue"] = "lots"
    with pytest.raises(data.DataError) as err:
        data.check_table(raw, "panel", source="panel.csv")
    message = str(err.value)
    assert "panel.csv, row 6, column 'sourced_revenue'" in message
    assert "'lots'" in message and "expected a number of at least 0" in message
    raw = raw.drop(columns="deal_registrations")
    with pytest.raises(data.DataError, match="missing column.*deal_registrations"):
        data.check_table(raw, "panel", source="panel.csv")


@pytest.fixture
def data_from(monkeypatch):
    """Point the loaders at another folder of course data (for one test)."""
    loaders._cached.cache_clear()
    yield lambda folder: monkeypatch.setattr(loaders, "DATASETS", folder)
    monkeypatch.undo()
    loaders._cached.cache_clear()


def test_missing_data_file_says_how_to_rebuild(tmp_path, data_from):
    """Does a missing file name itself and the command that writes it?"""
    data_from(tmp_path)
    with pytest.raises(data.DataError, match=r"panel.csv: file not found.*instructor.generator"):
        data.panel()


def test_student_survey_file_is_checked(tmp_path):
    """Does a student's own survey load, and a wrong answer get located?"""
    good = tmp_path / "survey.csv"
    good.write_text("respondent,side,trust_1,trust_2,ideas_1\nA,us,4,5,3\nB,partner,2,,4\n")
    table = data.read_survey(good)
    assert table["trust_2"].isna().sum() == 1 and table["ideas_1"].tolist() == [3, 4]
    bad = tmp_path / "bad.csv"
    bad.write_text("respondent,side,trust_1\nA,us,4\nB,them,2\n")
    with pytest.raises(data.DataError, match=r"bad.csv, row 3, column 'side'.*one of us, partner"):
        data.read_survey(bad)
    bad.write_text("respondent,side,trust_1\nA,us,9\n")
    with pytest.raises(data.DataError, match=r"row 2, column 'trust_1'.*from 1 to 5"):
        data.read_survey(bad)


survey = pd.read_csv(DATASETS / "health_checks.csv", dtype=str, keep_default_na=False)


def survey_files():
    """Survey files as participants give them: each alliance's answers, and some written by hand."""
    for name, rows in survey.groupby("alliance"):
        yield name, rows.to_csv(index=False)
    yield "spaces and gaps", "respondent,side,trust_1,trust_2\n A ,us, 4,\nB, partner ,2,5 \n"
    yield "whole-number floats", "respondent,side,trust_1,ideas_1\nA,us,4.0,3\nB,partner,2,4\n"
    yield "own columns", "respondent,side,notes,ideas_7\nA,us,fine,3\nB,partner,,1\n"


@pytest.mark.parametrize(("name", "text"), list(survey_files()), ids=lambda v: str(v)[:20])
def test_a_participants_survey_reads_as_the_checks_read_it(tmp_path, name, text):
    """Does a survey file give exactly the checked table, whether it reads the quick way or not?"""
    path = tmp_path / "survey.csv"
    path.write_text(text)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    checked = data.check_table(raw, loaders._survey_schema(raw.columns), source=path.name)
    pd.testing.assert_frame_equal(data.read_survey(path), checked)
    quick = loaders._read_typed(path, loaders._survey_schema(raw.columns)["fields"])
    assert (quick is None) == (name == "spaces and gaps")  # that one is read by the checks


def test_each_survey_round_is_the_answers_of_that_alliance_and_quarter():
    """Is every (alliance, quarter) round exactly the answers' rows of it, renumbered, and a
    quarter without answers named in plain numbers?"""
    every = data.survey()
    rounds = every[["alliance", "quarter"]].drop_duplicates().itertuples(index=False)
    for alliance, quarter in rounds:
        rows = every[(every["alliance"] == alliance) & (every["quarter"] == quarter)]
        expected = rows.reset_index(drop=True)
        pd.testing.assert_frame_equal(data.survey(alliance, quarter=int(quarter)), expected)
        pd.testing.assert_frame_equal(data.survey(alliance, quarter=str(quarter)), expected)
    with pytest.raises(ValueError, match=r"no survey in quarter 99; quarters with answers: \[1, 2"):
        data.survey("Delta", quarter=99)


def test_unknown_alliance_suggests_names():
    """Does a misspelt alliance name get a suggestion?"""
    with pytest.raises(ValueError, match="Did you mean 'Northwind'"):
        data.panel("Northwnd")


@pytest.mark.parametrize("name", sorted(loaders._RESOURCE_BY_FILE))
def test_the_quick_read_gives_what_the_checks_give(name):
    """Does reading a course file straight into its types give exactly the checked table?"""
    resource = loaders._RESOURCE_BY_FILE[name]
    quick = loaders._read_typed(DATASETS / name, loaders.schema(resource)["fields"])
    raw = pd.read_csv(DATASETS / name, dtype=str, keep_default_na=False)
    assert quick is not None, f"{name} no longer reads the quick way"
    pd.testing.assert_frame_equal(quick, data.check_table(raw, resource, source=name))


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("sourced_revenue", "lots", "not a number"),
        ("win_rate", "140", "out of range"),
        ("alliance", "", "empty cell"),
        ("alliance", " Northwind", None),
    ],
)
def test_a_damaged_course_file_is_still_named_row_and_column(
    tmp_path, data_from, column, value, says
):
    """Does a bad value in a course file still get its row and column named (not a typed read)?"""
    shutil.copytree(DATASETS, tmp_path / "datasets")
    path = tmp_path / "datasets" / "panel.csv"
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    raw.loc[4, column] = value
    raw.to_csv(path, index=False)
    data_from(tmp_path / "datasets")
    if says is None:  # text with spaces around it is read, stripped, as the checks do
        assert data.panel()["alliance"].iloc[4] == "Northwind"
    else:
        with pytest.raises(data.DataError, match=f"panel.csv, row 6, column '{column}': {says}"):
            data.panel()
