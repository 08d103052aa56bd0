"""Self-paced study: honest checks, tiered hints and a progress view on every exercise."""

import inspect
import math
import re
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
    control: bool = False  # answered with a control: no ... to replace


def _through_control(question, saved, check):
    """A lesson exercise answered with its control: the answer saved as the control saves it,
    then the check cell's ``check(saved(path))``; ``...`` stands for nothing saved yet."""
    import tempfile
    from pathlib import Path

    from toolkit.ui.answers.questions import saved_form
    from toolkit.ui.saved import AnswerFile

    path = Path(tempfile.mkdtemp()) / "exercise.answer.json"

    def answered(answer):
        path.unlink(missing_ok=True)
        if answer is not ...:
            AnswerFile(path, kind=question.kind).save(saved_form(question, answer))
        return check(saved(path))

    return answered


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
        control=True,
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
        control=True,
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
        control=True,
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
        right=lambda: (
            best_lag(
                data.series(ex.LAG["alliance"], ex.LAG["leading"]),
                data.series(ex.LAG["alliance"], ex.LAG["lagging"]),
            ).lag
        ),
        look_for="sales cycle",
    )


def _young_alliance_path():
    from toolkit import data
    from toolkit.indicators import lesson as ex
    from toolkit.indicators.lags import best_lag

    def right():
        young = best_lag(
            data.series(ex.YOUNG["alliance"], ex.LAG["leading"]).loc[: ex.YOUNG["months"]],
            data.series(ex.YOUNG["alliance"], ex.LAG["lagging"]).loc[: ex.YOUNG["months"]],
        )
        return "cannot tell yet" if young.lag is None else young.lag

    full = best_lag(
        data.series(ex.YOUNG["alliance"], ex.LAG["leading"]),
        data.series(ex.YOUNG["alliance"], ex.LAG["lagging"]),
    )
    return Path_(
        "indicators.young-alliance",
        ex.check_young_alliance,
        ex.hint_young_alliance,
        # the plausible wrong answer: the lag all four years read, claimed after two
        wrong=full.lag,
        right=right,
        look_for="verdict",
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
    from toolkit.governance.assignment import assign_owners, check_owners, hint_owners, my_case

    tangled = my_case().decisions  # no student id here: the practice case

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
        wrong={"strategy": right()["strategy"]},  # one list picked, three not yet
        right=right,
        look_for="not matched yet",
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
        wrong=0,  # the lowest the box takes: revenue at once
        right=lambda: (
            best_lag(
                data.series("Granite", "deal_registrations"),
                data.series("Granite", "sourced_revenue"),
            ).lag
        ),
        look_for="sales cycle",
        hidden_tests=True,
    )


def _reading_falling_path():
    from instructor.generator import PROFILES
    from toolkit.indicators.assignment import check_falling, hint_falling

    return Path_(
        "reading.falling",
        check_falling,
        hint_falling,
        wrong=[p.alliance for p in PROFILES],  # every alliance ticked
        right=lambda: sorted(
            p.alliance for p in PROFILES if p.profile in ("coasting on past work", "sponsor left")
        ),
        look_for="only those",
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


def _discuss_path():
    from toolkit.steering.dashboard import lesson as ex
    from toolkit.steering.dashboard import must_discuss, quarterly_dashboard

    return Path_(
        "steering.discuss",
        ex.check_discussion,
        ex.hint_discussion,
        wrong=["sourced_revenue", "customer_satisfaction"],
        right=lambda: must_discuss(
            quarterly_dashboard(ex.DISCUSS["alliance"], ex.DISCUSS["quarter"])
        ),
        look_for="leading measures first",
    )


def _agenda_path():
    from toolkit.steering.agenda import AGENDA, constellation_design
    from toolkit.steering.agenda import lesson as ex

    def right():
        design = constellation_design()
        owner = {k: b.id for b in design.bodies for k in b.decides}
        return {item.id: owner.get(item.decision, "management") for item in AGENDA}

    return Path_(
        "steering.agenda",
        ex.check_agenda,
        ex.hint_agenda,
        wrong={item.id: "steering" for item in AGENDA},
        right=right,
        look_for="decision-rights matrix",
    )


def _escalation_path():
    from toolkit.governance import edits
    from toolkit.steering.agenda import constellation_design
    from toolkit.steering.escalation import lesson as ex

    def right():
        # a fix of the test's own: the bid group passes it on, the management team decides
        design = edits.set_body(constellation_design(), 2, "operational", "14", "management", "5")
        design = edits.unassign_decision(design, 0, "dispute_resolution")
        return edits.assign_decision(design, 1, "dispute_resolution")

    return Path_(
        "steering.escalation",
        ex.check_escalation,
        ex.hint_escalation,
        wrong=constellation_design(),
        right=right,
        look_for="stalls",
    )


def _consensus_path():
    from toolkit.steering.decisions import PROPOSALS
    from toolkit.steering.decisions import lesson as ex

    return Path_(
        "steering.consensus",
        _through_control(ex.blocked_question(), ex.saved_blocked, ex.check_blocked),
        ex.hint_blocked,
        wrong=[PROPOSALS[0].id],
        right=lambda: [p.id for p in PROPOSALS if len(set(p.votes.values())) > 1],
        look_for="all agree",
        source=ex.check_blocked,
        control=True,
    )


def _plan_path():
    from toolkit.steering.plan import earliest_revenue_month
    from toolkit.steering.plan import lesson as ex

    def right():
        goal, funnel = ex.PLAN["goal"], ex.PLAN["funnel"]
        wins = goal.revenue / funnel.deal_size
        registrations = wins / funnel.win_rate / funnel.accept_rate
        lead = earliest_revenue_month(funnel.sales_cycle) - funnel.sales_cycle - 1
        assert lead == 1
        return {"registrations": math.ceil(registrations), "month": goal.month - funnel.sales_cycle}

    saved = _through_control(ex.plan_question(), ex.saved_plan, ex.check_plan)
    return Path_(
        "steering.plan",
        lambda answer: saved(answer if answer is ... else {"deal_registrations": answer}),
        ex.hint_plan,
        # the leads, not the registrations, and the goal month itself: two classic slips
        wrong={"registrations": 139, "month": 20},
        right=right,
        look_for="bigger goal",
        source=ex.check_plan,
        control=True,
    )


def _portfolio_path():
    from toolkit import data
    from toolkit.health.model import health_index
    from toolkit.steering.portfolio import IMPORTANCE
    from toolkit.steering.portfolio import lesson as ex

    def right():
        calls = {}
        for alliance in ex.PORTFOLIO_ALLIANCES:
            survey = data.survey(alliance)
            health = health_index(survey[survey["quarter"] == survey["quarter"].max()])
            important = IMPORTANCE[alliance].score >= 3
            calls[alliance] = (
                ("invest" if health >= 3.5 else "fix")
                if important
                else ("maintain" if health >= 3.5 else "exit")
            )
        return calls

    return Path_(
        "steering.portfolio",
        _through_control(ex.calls_question(), ex.saved_calls, ex.check_portfolio),
        ex.hint_portfolio,
        wrong=dict.fromkeys(ex.PORTFOLIO_ALLIANCES, "invest"),
        right=right,
        look_for="look again at the map",
        source=ex.check_portfolio,
        control=True,
    )


def _committee():
    """The practice quarter of steering-committee (variant 0, as without a student id)."""
    from instructor.keys.steering_committee import truth
    from toolkit.steering.cases import case_for

    return case_for(0), truth(0)


def _committee_part(exercise: str, part: str, *, wrong, right, look_for: str):
    """One automatic part of steering-committee: answers saved as its control saves them."""
    import tempfile
    from pathlib import Path

    from toolkit.steering import assignment

    case, _truth = _committee()
    file = Path(tempfile.mkdtemp()) / assignment.FILES[part]

    def check(answer):  # the answer saved by the part's control, then its check cell's report
        file.unlink(missing_ok=True)
        if answer is not ...:  # ... : nothing answered yet
            file.write_text(assignment.saved_text(part, case, answer), encoding="utf-8")
        return assignment.part_report(part, case, file)[1]

    hints = {
        "must": assignment.hint_must,
        "owners": assignment.hint_owners,
        "limits": assignment.hint_escalation,
        "plan": assignment.hint_plan,
        "calls": assignment.hint_portfolio,
    }[part]
    return Path_(
        exercise,
        check,
        hints,
        wrong=wrong,
        right=right,
        look_for=look_for,
        source=assignment.part_report,
        hidden_tests=True,
    )


def _committee_must_path():
    case, right = _committee()
    from toolkit.steering.dashboard import dashboard_items

    every = [item.key for item in dashboard_items(case.dashboard())]
    return _committee_part(
        "steering-committee.must",
        "must",
        wrong=every,  # everything ticked
        right=lambda: right["must_discuss"],
        look_for="steers nothing",
    )


def _committee_owners_path():
    case, right = _committee()
    first = case.agenda[0]
    return _committee_part(
        "steering-committee.owners",
        "owners",
        wrong={first.id: case.design.bodies[0].id},  # one item sent, the others forgotten
        right=lambda: right["owners"],
        look_for=f"still to choose: {case.agenda[1].title}",
    )


def _committee_escalation_path():
    case, right = _committee()
    return _committee_part(
        "steering-committee.escalation",
        "limits",
        wrong={},  # no body given a limit
        right=lambda: {body: {"days": days} for body, days in right["limits"].items()},
        look_for="number of days",
    )


def _committee_plan_path():
    _case, right = _committee()
    return _committee_part(
        "steering-committee.plan",
        "plan",
        wrong={"partner_leads": {"target": 120, "by_month": 18}},  # the other steps forgotten
        right=lambda: right["plan"],
        look_for="still to fill in",
    )


def _committee_portfolio_path():
    case, right = _committee()
    first = case.alliance_names()[0]
    return _committee_part(
        "steering-committee.portfolio",
        "calls",
        wrong={first: "invest"},  # one alliance called, the others forgotten
        right=lambda: right["calls"],
        look_for="still to choose",
    )


PATHS = [
    _intro_path,
    _magic_wand_path,
    _missing_sponsor_path,
    _lean_case_path,
    _sort_metrics_path,
    _best_lag_path,
    _young_alliance_path,
    _scorecard_path,
    _largest_gap_path,
    _owners_path,
    _reading_lag_path,
    _reading_falling_path,
    _reading_gap_path,
    _discuss_path,
    _agenda_path,
    _escalation_path,
    _consensus_path,
    _plan_path,
    _portfolio_path,
    _committee_must_path,
    _committee_owners_path,
    _committee_escalation_path,
    _committee_plan_path,
    _committee_portfolio_path,
]
TEST_CODE_MARKERS = ("assert ", "def test", "Traceback", "== ", "BEGIN HIDDEN")


@pytest.fixture(params=PATHS, ids=lambda f: f.__name__.strip("_").removesuffix("_path"))
def path(request):
    return request.param()


def test_every_exercise_of_the_course_has_a_student_path():
    """Is every exercise listed in the course outline walked through by these tests?"""
    walked = {f().exercise for f in PATHS}
    lesson_exercises = {e.id for lesson in course.LESSONS for e in lesson.exercises}
    assert lesson_exercises - WALKED_ELSEWHERE <= walked, lesson_exercises - walked
    assignment_exercises = {e.id for a in course.ASSIGNMENTS for e in a.exercises}
    assert assignment_exercises - WALKED_ELSEWHERE <= walked, (
        assignment_exercises - WALKED_ELSEWHERE - walked
    )


# Assignment exercises answered with a widget are walked through by the nbgrader round trips
# that drive the widgets (tests/grading/test_governance_design.py,
# test_reading_the_indicators.py); written answers are graded by hand.
WALKED_ELSEWHERE = {
    "governance-design.case-design",
    "governance-design.repair",
    "governance-design.champion",
    "reading.classify",
    "reading.executive-reply",
    "steering-committee.sponsor-note",
    # the workbook's charter (06) is the participant's own alliance, answered through its
    # widgets: tests/own_alliance/test_widget.py walks it, from empty to every check passed
    "your-alliance.charter",
}


def test_wrong_answer_says_where_to_look_without_the_answer(path):
    """Does a wrong answer get plain feedback that names what to look at, and no answer?"""
    report = path.check(path.wrong)
    # what the student reads: the text, and the HTML without its tags and styles (a colour
    # such as #9b2c2c is not an answer of 9)
    text = str(report) + re.sub(r"<[^>]+>", " ", report._repr_html_())
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
    if not path.hidden_tests and not path.control:  # lessons typed in mark the blank with ...
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


def test_third_hint_is_another_problem_not_a_formula(path):
    """Is a number's third hint a worked example of another question, not a formula to fill in?"""
    import re

    path.hints.given = 0
    third = [str(path.hints()) for _ in range(3)][2]
    if isinstance(path.right(), int):
        assert not re.search(r"\d+\s*[+-]\s*\d+\s*=", third), third
        assert "do the same for" not in third.lower(), third


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
