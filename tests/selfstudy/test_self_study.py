"""Self-paced study: honest checks, tiered hints and a progress view on every exercise."""

import inspect
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import ROOT

from toolkit.selfstudy import checks, progress
from toolkit.selfstudy import outline as course
from toolkit.selfstudy.view import ProgressView, summary_line, table


@dataclass
class Path_:
    """A student's path through one exercise: a wrong answer, then the right one."""

    exercise: str
    check: Any  # callable(answer) -> checks.Report
    hints: Any  # checks.Hints
    wrong: Any
    right: Any  # callable() -> the right answer, derived in the test (never stored)
    look_for: str  # a phrase the feedback on the wrong answer must contain
    source: Any = None  # what must not hold the answer in its source (default: check)
    hidden_tests: bool = False  # graded exercises: the instructor's grading checks more


def _intro_path():
    from toolkit.magic_wand import lesson as intro
    from toolkit.magic_wand import model

    table_ = model.first_revenue_table(6)
    return Path_(
        "start.first-revenue-month",
        intro.check_first_revenue_month,
        intro.hint_first_revenue_month,
        wrong=3,
        right=lambda: int(table_.loc[table_["revenue"] > 0, "month"].min()),
        look_for="sales cycle",
    )


def _missing_sponsor_path():
    from toolkit.governance import lesson, review

    def right():
        (finding,) = [f for f in review(lesson.mystery_design()) if f.severity == "error"]
        return next(p for p in lesson.mystery_design().partners if finding.message.startswith(p))

    return Path_(
        "governance.missing-sponsor",
        lesson.check_missing_sponsor,
        lesson.hint_sponsor,
        wrong="Solaris",
        right=right,
        look_for="steering",
    )


def _lean_case_path():
    from govfixtures import lean_case_design

    from toolkit.governance import lesson

    return Path_(
        "governance.lean-case",
        lesson.check_case_design,
        lesson.hint_case,
        wrong=lesson.empty_case(),
        right=lean_case_design,
        look_for="builder",
    )


def _magic_wand_path():
    from toolkit.magic_wand import lesson as ex
    from toolkit.magic_wand.model import first_revenue_month, simulate

    return Path_(
        "magic-wand.first-revenue",
        ex.check_first_revenue,
        ex.hint_first_revenue,
        wrong=9,
        right=lambda: first_revenue_month(
            simulate(ex.FIRST_REVENUE["effort"], months=36, sales_cycle=9)
        ),
        look_for="sales cycle",
    )


def _sort_metrics_path():
    from toolkit.indicators import lesson as ex
    from toolkit.indicators.catalogue import METRICS

    flipped = {"leading": "lagging", "lagging": "leading"}
    return Path_(
        "indicators.sort-metrics",
        ex.check_sorting,
        ex.hint_sorting,
        wrong={m.name: flipped[m.kind] for m in METRICS[:12]},
        right=lambda: {m.name: m.kind for m in METRICS},
        look_for="re-sort",
    )


def _best_lag_path():
    from toolkit import data
    from toolkit.indicators import lesson as ex
    from toolkit.indicators.lags import best_lag

    return Path_(
        "indicators.best-lag",
        ex.check_best_lag,
        ex.hint_best_lag,
        wrong=0,
        right=lambda: best_lag(
            data.series(ex.LAG["alliance"], ex.LAG["leading"]),
            data.series(ex.LAG["alliance"], ex.LAG["lagging"]),
        ),
        look_for="sales cycle",
    )


def _scorecard_path():
    from toolkit.indicators.catalogue import METRICS, PERSPECTIVES
    from toolkit.scorecard import lesson as ex

    def balanced():
        first = {p: next(m.name for m in METRICS if m.perspective == p) for p in PERSPECTIVES}
        return {name: 10 for name in first.values()}

    return Path_(
        "governance-tools.scorecard",
        ex.check_scorecard,
        ex.hint_scorecard,
        wrong={"sourced_revenue": 500},
        right=balanced,
        look_for="perspective",
    )


def _largest_gap_path():
    from toolkit import data
    from toolkit.health import lesson as ex
    from toolkit.health.model import perception_gaps

    def largest():
        gaps = perception_gaps(data.survey(ex.GAP["alliance"], quarter=ex.GAP["quarter"]))
        return gaps["gap"].idxmax()

    return Path_(
        "governance-tools.largest-gap",
        ex.check_largest_gap,
        ex.hint_largest_gap,
        wrong="governance",
        right=largest,
        look_for="gap",
    )


def _owners_path():
    from toolkit.governance import load
    from toolkit.governance.assignment import assign_owners, check_owners, hint_owners

    tangled = load(ROOT / "grading/source/governance-design/decisions-design.json")

    def right():
        tier = {b.tier: b.id for b in tangled.bodies}
        core = ("strategy", "investment", "dispute_resolution")
        return {**{k: tier["steering"] for k in core}, "joint_business_plan": tier["management"]}

    def check(owners):
        applied = assign_owners(tangled, owners) if isinstance(owners, dict) else tangled
        return check_owners(applied, owners)

    return Path_(
        "governance-design.decision-owners",
        check,
        hint_owners,
        wrong={"strategy": "nowhere"},
        right=right,
        look_for="ids",
        source=check_owners,
        hidden_tests=True,
    )


def _reading_lag_path():
    from toolkit import data
    from toolkit.indicators.assignment import check_lag, hint_lag
    from toolkit.indicators.lags import best_lag

    return Path_(
        "reading.lag",
        check_lag,
        hint_lag,
        wrong=-2,
        right=lambda: best_lag(
            data.series("Granite", "deal_registrations"), data.series("Granite", "sourced_revenue")
        ),
        look_for="whole number",
        hidden_tests=True,
    )


def _reading_falling_path():
    from toolkit.data.generator import PROFILES
    from toolkit.indicators.assignment import check_falling, hint_falling

    return Path_(
        "reading.falling",
        check_falling,
        hint_falling,
        wrong=["Atlantis"],
        right=lambda: sorted(
            p.alliance for p in PROFILES if p.profile in ("coasting on past work", "sponsor left")
        ),
        look_for="unknown",
        hidden_tests=True,
    )


def _reading_gap_path():
    from toolkit import data
    from toolkit.health.assignment import check_largest_gap, hint_gaps
    from toolkit.health.model import perception_gaps

    return Path_(
        "reading.largest-gap",
        check_largest_gap,
        hint_gaps,
        wrong="happiness",
        right=lambda: perception_gaps(data.survey("Constellation", quarter=16))["gap"].idxmax(),
        look_for="one of",
        hidden_tests=True,
    )


PATHS = [
    _intro_path,
    _magic_wand_path,
    _missing_sponsor_path,
    _lean_case_path,
    _sort_metrics_path,
    _best_lag_path,
    _scorecard_path,
    _largest_gap_path,
    _owners_path,
    _reading_lag_path,
    _reading_falling_path,
    _reading_gap_path,
]
TEST_CODE_MARKERS = ("assert ", "def test", "Traceback", "== ", "BEGIN HIDDEN")


@pytest.fixture(params=PATHS, ids=lambda f: f.__name__.strip("_").removesuffix("_path"))
def path(request):
    return request.param()


def test_every_exercise_of_the_course_has_a_student_path():
    """Is every exercise listed in the course outline walked through by these tests?"""
    walked = {f().exercise for f in PATHS}
    lesson_exercises = {e.id for lesson in course.LESSONS for e in lesson.exercises}
    assert lesson_exercises <= walked, lesson_exercises - walked
    assignment_exercises = {e.id for a in course.ASSIGNMENTS for e in a.exercises}
    assert assignment_exercises - WALKED_ELSEWHERE <= walked, (
        assignment_exercises - WALKED_ELSEWHERE - walked
    )


# Assignment exercises answered with a widget are walked through by the nbgrader round trips
# that drive the widgets (test_governance_grading.py, test_reading_grading.py); written answers
# are graded by hand.
WALKED_ELSEWHERE = {
    "governance-design.case-design",
    "governance-design.repair",
    "governance-design.champion",
    "reading.classify",
    "reading.executive-reply",
}


def test_wrong_answer_says_where_to_look_without_the_answer(path):
    """Does a wrong answer get plain feedback that names what to look at, and no answer?"""
    report = path.check(path.wrong)
    text = str(report) + report._repr_html_()
    assert not report.passed
    assert path.look_for.lower() in text.lower()
    assert repr(path.right()) not in text.replace(repr(path.wrong), "")
    assert not any(marker in text for marker in TEST_CODE_MARKERS)
    assert progress.status_of(path.exercise) == progress.ATTEMPTED


def test_blank_answer_is_a_helpful_failure(path):
    """Does leaving the ... in place give feedback instead of a traceback?"""
    report = path.check(...)
    assert not report.passed
    assert any(not c.passed and c.look_at for c in report.checks), "say what to write"
    if not path.hidden_tests:  # lessons mark the blank with ... (assignments: nbgrader's line)
        assert "..." in str(report)


def test_three_hints_escalate_and_never_give_the_answer(path):
    """Do hint(), hint(), hint() give a nudge, a pointer and a worked example, never the answer?"""
    path.hints.given = 0
    given = [str(path.hints()) for _ in range(3)]
    assert len(set(given)) == 3
    assert [g.split(":")[0] for g in given] == ["Hint 1 of 3", "Hint 2 of 3", "Hint 3 of 3"]
    for hint in given:
        assert repr(path.right()) not in hint.split(":", 1)[1]
    assert "example" in given[2].lower()


def test_right_answer_passes_and_progress_survives_a_new_kernel(path, course_home):
    """Do the checks pass on the right answer, and does a new process see the progress?"""
    path.check(path.wrong)
    report = path.check(path.right())
    assert report.passed
    assert "checks passed" in str(report).lower() and "all tests passed" not in str(report).lower()
    assert ("instructor's grading may check more" in str(report)) == path.hidden_tests
    code = f"from toolkit.selfstudy import progress; print(progress.status_of({path.exercise!r}))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"ALLIANCE_COURSE_HOME": str(course_home), "PATH": ""},
    ).stdout.strip()
    assert out == progress.PASSED


def test_check_source_holds_no_plain_answer(path):
    """Is the expected answer absent from the source of the exercise's check?"""
    source = inspect.getsource(path.source or path.check)
    assert repr(path.right()) not in source


def test_a_failed_attempt_never_undoes_a_pass():
    """Does a later wrong answer leave an exercise at 'checks passed'?"""
    progress.record("demo.exercise", passed=True)
    assert progress.record("demo.exercise", passed=False) == progress.PASSED
    assert progress.load()["demo.exercise"]["attempts"] == 2


def test_damaged_progress_file_is_kept_aside(course_home):
    """Does a damaged progress file give a fresh start without losing the old file?"""
    (course_home / "progress.json").write_text("{not json")
    assert progress.status_of("demo.exercise") == progress.NOT_STARTED
    assert (course_home / "progress.json.damaged").read_text() == "{not json"
    progress.record("demo.exercise", passed=False)
    assert progress.status_of("demo.exercise") == progress.ATTEMPTED


def test_hidden_tests_are_never_called_all_passed():
    """Does a report say 'your instructor's grading may check more' where hidden tests exist?"""
    ok = [checks.Check("A property holds", True)]
    hidden = checks.Report("demo.hidden", ok, hidden_tests=True)
    visible = checks.Report("demo.visible", ok, hidden_tests=False)
    assert "instructor's grading may check more" in str(hidden)
    assert "instructor" not in str(visible)
    assert "all tests passed" not in (str(hidden) + str(visible)).lower()


def test_progress_view_updates_when_a_check_runs():
    """Does the progress widget change by itself when a check runs in the kernel?"""
    view = ProgressView()
    first = course.LESSONS[0].exercises[0]
    assert f"{first.title} — not started" in view.panel.value
    progress.record(first.id, passed=True)
    assert f"{first.title} — checks passed" in view.panel.value
    assert summary_line().startswith("1 of ")


def test_progress_table_lists_every_exercise_of_the_course():
    """Does the progress view list every exercise in the course outline, in order?"""
    assert table()["id"].tolist() == course.exercise_ids()


def test_progress_stays_on_this_machine():
    """Does the progress code make no network connection (no socket or HTTP use)?"""
    for module in ("progress.py", "view.py", "checks.py", "outline.py"):
        source = (ROOT / "toolkit" / "selfstudy" / module).read_text()
        assert not any(word in source for word in ("socket", "urllib", "requests", "http.client"))
