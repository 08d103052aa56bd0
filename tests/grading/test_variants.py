"""Each student's own variant, graded by the real nbgrader on the session's shared course.

For every assignment with variants, a fixed sample of variants (and the practice case) is
vetted as ``course-admin vet`` vets them all: the blank student version earns 0, and the
unedited student version with the answer key's files (what the widgets save) full marks.
Plausible wrong answers each lose their own cell's points and no other (no free points; part
scores independent). A complete submission copied from another student loses points on every
part, and a notebook that ran another student's variant is flagged with the fix named; with
the id map, a student whose hub name differs from their LMS id is graded under the right
variant. Without nbgrader, every variant is checked by the taught method and for difficulty.
"""

from __future__ import annotations

import csv
import json

import nbformat
import pytest
from grading_cases import answer_needles, variant_key
from wrong_answers import GOV, READ, STEER, WRONG, _body

from instructor.admin.batch import autograde_all
from instructor.admin.report import at_risk, class_scores, write_report
from instructor.admin.variants import pin, run_for_variant
from instructor.admin.vet import (
    KINDS,
    auto_scores,
    key_submission,
    spread_problems,
    write_submissions,
)
from instructor.keys import key_for
from toolkit.governance.cases import case_for
from toolkit.variants import hashed, names, variant_set
from toolkit.variants.assign import ALIASES_FILE

pytestmark = pytest.mark.slow
CHAMPION = "She keeps the alliance on the leadership team's agenda with its leading indicators."


def _hand_in(course, assignment: str, student: str, nb, files: dict[str, str]) -> None:
    folder = course.folder("submitted") / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{assignment}.ipynb")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def _released(course, assignment: str):
    return nbformat.read(course.folder("release") / assignment / f"{assignment}.ipynb", 4)


def _write_champion(nb) -> None:
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "champion_answer":
            cell.source = CHAMPION


COPY_FROM, COPY_TO = 17, 3  # two sample variants of governance-design


def _read_copy() -> tuple[int, int]:
    """Two sample variants of reading-the-indicators whose lags differ (A's copied to B).

    A lag is one whole number: two variants in eight share it, and for them a copied lag
    would score. Every other part differs in every pair of variants (tested below).
    """
    from itertools import permutations

    from instructor.keys.reading_the_indicators import truth

    sample = variant_set(READ).sample
    return next((a, b) for a, b in permutations(sample, 2) if truth(a)["lag"] != truth(b)["lag"])


def _steer_copy() -> tuple[int, int]:
    """Two sample variants of steering-committee where A's plan falls short of B's goal.

    A plan is a range of numbers: in about one pair of variants in a hundred, A's plan also
    reaches B's goal (and in fewer, the same items must be discussed); tested below.
    """
    from itertools import permutations

    from toolkit.steering.cases import MOST, PLAN_STEPS, case_for
    from toolkit.steering.plan import plan_backwards, plan_shortfalls

    def plan(number):
        table = plan_backwards(case_for(number).goal, case_for(number).funnel)
        return {
            s: {"target": int(table.loc[s, "target"]), "by_month": int(table.loc[s, "by_month"])}
            for s in PLAN_STEPS
        }

    sample = variant_set(STEER).sample
    for a, b in permutations(sample, 2):
        mine = case_for(b)
        if plan_shortfalls(plan(a), mine.goal, mine.funnel, most=MOST):
            return a, b
    raise AssertionError("no sample pair whose plans differ")


LMS = {"lms-ana": "ana.hub", "lms-bob": "bob.hub"}  # class-list id -> the hub name worked under


@pytest.fixture(scope="session")
def graded(grading_course, tmp_path_factory):
    """Vet sample, wrong answers, copies and hub names handed in, graded in one batch."""
    course, root = grading_course.course, grading_course.root
    expected: dict[tuple[str, str], dict] = {}
    kinds: dict[tuple[str, str], str] = {}
    for assignment in names():
        spec = variant_set(assignment)
        for number in (0, *spec.sample):
            key = variant_key(course, assignment, number)
            for student, kind in write_submissions(course, assignment, number, key).items():
                kinds[(assignment, student)] = kind
                if kind == "key":  # a written answer too: it waits for the instructor
                    path = course.folder("submitted") / student / assignment
                    nb = nbformat.read(path / f"{assignment}.ipynb", 4)
                    _write_champion(nb)
                    nbformat.write(nb, path / f"{assignment}.ipynb")
    # wrong answers, each aimed at one part (the last sample variant of each assignment)
    for assignment, make in WRONG.items():
        number = variant_set(assignment).sample[-1]
        key = variant_key(course, assignment, number)
        wrong = make(key, number)
        pin(root, assignment, dict.fromkeys(wrong, number))
        for student, (answers, files, zero) in wrong.items():
            released = _released(course, assignment)
            _hand_in(course, assignment, student, key_submission(released, answers), files)
            expected[(assignment, student)] = zero
    # copying in reading-the-indicators: A's answers and sorting, handed in by B
    a, b = _read_copy()
    assert variant_key(course, READ, a)["files"] != variant_key(course, READ, b)["files"]
    pin(root, READ, {"copy-literal": b})
    source = variant_key(course, READ, a)
    copied = key_submission(_released(course, READ), source["answers"])
    _hand_in(course, READ, "copy-literal", copied, source["files"])
    # copying in steering-committee: A's answer files (every part is a control), handed in by B
    a, b = _steer_copy()
    pin(root, STEER, {"copy-literal": b})
    source = variant_key(course, STEER, a)
    copied = key_submission(_released(course, STEER), source["answers"])
    _hand_in(course, STEER, "copy-literal", copied, source["files"])
    # copying: A's complete submission (A's answers as literals) handed in by B
    source = variant_key(course, GOV, COPY_FROM)
    pin(root, GOV, {"copy-literal": COPY_TO, "copy-run": COPY_TO})
    copied = key_submission(_released(course, GOV), source["answers"])
    _hand_in(course, GOV, "copy-literal", copied, source["files"])
    # the same, as A's notebook last ran it (its banner says whose case it showed)
    executed, _key = run_for_variant(course, GOV, COPY_FROM, student="classmate")
    ran = key_submission(executed[f"{GOV}.ipynb"], source["answers"])
    _hand_in(course, GOV, "copy-run", ran, source["files"])
    # hub names that differ from the class list: one mapped in id-map.csv, one not
    count = variant_set(GOV).count
    for student, hub in LMS.items():
        assert hashed(count, GOV, student) != hashed(count, GOV, hub)
        mine = hashed(count, GOV, hub)
        executed, key = run_for_variant(course, GOV, mine, student=hub)
        _hand_in(course, GOV, student, executed[f"{GOV}.ipynb"], key["files"])
    (root / ALIASES_FILE).write_text("student,works_as\nlms-ana,ana.hub\n", encoding="utf-8")
    students = sorted(
        {s for _a, s in kinds} | {s for _a, s in expected} | {"copy-literal", "copy-run", *LMS}
    )
    outcomes = autograde_all(course, names(), students, progress=False, workers=2)
    outcome_log = (root / "logs" / "outcomes.csv").read_text(encoding="utf-8")  # this batch's
    outcomes = [o for o in outcomes if o.status != "not-submitted"]
    by_key = {(o.assignment, o.student): o for o in outcomes}
    report_dir = tmp_path_factory.mktemp("variant-report")
    html_path, _nb = write_report(course, report_dir)
    return {
        "course": course,
        "root": root,
        "kinds": kinds,
        "expected": expected,
        "outcomes": by_key,
        "outcome_log": outcome_log,
        "report": html_path.read_text(encoding="utf-8"),
        "scores": class_scores(course),
    }


def _auto(graded, assignment: str, student: str) -> dict[str, tuple[float, float]]:
    return auto_scores(graded["course"], assignment, student)


# --- vetting, as course-admin vet does for every variant ---------------------------------
def test_sample_variants_grade_as_vetting_requires(graded):
    """Reference full, blank 0, key literals full, for each sample variant and the practice?"""
    problems = []
    for (assignment, student), kind in sorted(graded["kinds"].items()):
        got = _auto(graded, assignment, student)
        want = {cell: KINDS[kind] * top for cell, (_s, top) in got.items()}
        if {cell: s for cell, (s, _t) in got.items()} != want:
            problems.append((assignment, student, got))
        outcome = graded["outcomes"][(assignment, student)]
        assert outcome.status == "graded", outcome.line()
    assert not problems, problems


@pytest.mark.parametrize("assignment", names())
def test_every_variant_is_sound_by_the_taught_method(assignment):
    """Does the course's own method recover every variant's answers with a clear margin?"""
    spec, key = variant_set(assignment), key_for(assignment)
    assert spec.count >= 30
    problems = {n: key.vet(n) for n in spec.numbers() if key.vet(n)}
    assert not problems, problems


@pytest.mark.parametrize("assignment", names())
def test_variants_are_of_one_difficulty(assignment):
    """Do the difficulty numbers of all variants stay within the set's allowed spread?"""
    spec = variant_set(assignment)
    assert key_for(assignment).spread, "the key says which numbers must be alike"
    assert spread_problems(assignment, spec.numbers()) == []


def test_portfolios_differ_between_variants():
    """Do any two reading variants differ in their alliances, metrics and falling ones?"""
    from instructor.keys.reading_the_indicators import plan_for

    plans = [plan_for(n) for n in variant_set(READ).numbers()]
    for part in (
        lambda p: p.names,
        lambda p: frozenset(p.metrics),
        lambda p: frozenset(p.falling),
    ):
        values = [part(p) for p in plans]
        assert len(set(values)) == len(values)


def test_variants_differ_where_copying_would_pay():
    """Do any two governance variants differ in every part's answer (case, draft, body ids)?"""
    spec = variant_set(GOV)
    cases = [case_for(n) for n in spec.numbers()]
    for part in (
        lambda c: c.partners,
        lambda c: c.draft.alliance,
        lambda c: _body(c.decisions, "steering").id,
        lambda c: _body(c.decisions, "management").id,
        lambda c: tuple(p.name for p in c.sponsors + c.managers),
    ):
        values = [part(c) for c in cases]
        assert len(set(values)) == len(values)


def test_quarters_differ_where_copying_would_pay():
    """Do any two steering variants differ in routing, late issue and calls?

    The late issue concerns each variant's own customer; the items to discuss and a plan's
    range of targets coincide in at most one pair of variants in fifty.
    """
    from itertools import combinations

    from instructor.keys.steering_committee import truth
    from toolkit.steering.cases import MOST, PLAN_STEPS, case_for
    from toolkit.steering.plan import plan_backwards, plan_shortfalls

    numbers = variant_set(STEER).numbers()[1:]
    truths = {n: truth(n) for n in numbers}
    for part in ("owners", "late_issue", "calls"):
        values = [json.dumps(truths[n][part], sort_keys=True) for n in numbers]
        assert len(set(values)) == len(values), part
    pairs = list(combinations(numbers, 2))
    same_items = [
        (a, b) for a, b in pairs if set(truths[a]["must_discuss"]) == set(truths[b]["must_discuss"])
    ]
    plans = {}
    for n in numbers:
        table = plan_backwards(case_for(n).goal, case_for(n).funnel)
        plans[n] = {
            s: {"target": int(table.loc[s, "target"]), "by_month": int(table.loc[s, "by_month"])}
            for s in PLAN_STEPS
        }
    same_plan = [
        (a, b)
        for a, b in pairs
        if not plan_shortfalls(plans[a], case_for(b).goal, case_for(b).funnel, most=MOST)
    ]
    assert len(same_items) <= len(pairs) / 50 and len(same_plan) <= len(pairs) / 50


# --- no free points ----------------------------------------------------------------------
def test_each_wrong_answer_loses_its_own_points_and_no_other(graded):
    """Does each plausible wrong answer lose exactly its cell's points, the rest kept?"""
    for (assignment, student), zero in graded["expected"].items():
        got = _auto(graded, assignment, student)
        assert {c for c, (s, _t) in got.items() if s == 0} == zero, (student, got)
        assert all(s == top for c, (s, top) in got.items() if c not in zero), (student, got)


@pytest.mark.parametrize("assignment", names())
def test_every_autograded_cell_has_a_wrong_answer_that_loses_it(graded, assignment):
    """Is every autograded cell of the assignment lost by at least one wrong answer?"""
    reference = f"key-v{variant_set(assignment).sample[0]}"
    cells = set(_auto(graded, assignment, reference))
    lost = set().union(*(z for (a, _s), z in graded["expected"].items() if a == assignment))
    assert cells == lost


# --- copying does not pay ------------------------------------------------------------------
@pytest.mark.parametrize("student", ["copy-literal", "copy-run"])
def test_a_copied_submission_is_below_full_on_every_part(graded, student):
    """Does A's complete submission, handed in by B, lose points on every variant part?"""
    got = _auto(graded, GOV, student)
    assert got and all(s < top for s, top in got.values()), got


def test_a_copied_portfolio_is_below_full_on_every_part(graded):
    """Do A's literal answers and sorting, handed in by B, lose points on parts 1 to 4?"""
    got = _auto(graded, READ, "copy-literal")
    parts = {
        "Part 1": ["classify_metrics"],
        "Part 2": ["revenue_lag"],
        "Part 3": ["falling_revenue"],
        "Part 4": ["health_band", "largest_gap"],
    }
    for part, cells in parts.items():
        earned, top = (sum(got[c][i] for c in cells) for i in (0, 1))
        assert earned < top, (part, got)


def test_a_copied_quarter_is_below_full_on_every_part(graded):
    """Do A's literal steering-committee answers, handed in by B, lose points on parts 1 to 5?"""
    got = _auto(graded, STEER, "copy-literal")
    parts = {
        "Part 1": ["must_discuss"],
        "Part 2": ["owners_routed"],
        "Part 3": ["escalation_late_issue", "escalation_fix"],
        "Part 4": ["business_plan"],
        "Part 5": ["portfolio_calls", "portfolio_reading"],
    }
    assert set(got) == {c for cells in parts.values() for c in cells}, got
    for part, cells in parts.items():
        earned, top = (sum(got[c][i] for c in cells) for i in (0, 1))
        assert earned < top, (part, got)


def test_a_notebook_that_ran_another_variant_is_flagged_with_the_fix(graded):
    """Is the copied notebook graded under B's variant and flagged, naming the id map?"""
    outcome = graded["outcomes"][(GOV, "copy-run")]
    assert outcome.variant == COPY_TO and outcome.ran_variant == COPY_FROM
    assert outcome.ran_as == "classmate" and outcome.flagged
    assert any(ALIASES_FILE in note and "classmate" in note for note in outcome.notes)
    assert "copy-run" in graded["report"].split("Notebooks that ran another variant")[1]


def test_hub_names_in_the_id_map_are_graded_under_their_variant(graded):
    """With id-map.csv, does an LMS id get its hub name's variant; without, a flag?"""
    count = variant_set(GOV).count
    ana = graded["outcomes"][(GOV, "lms-ana")]
    assert ana.variant == hashed(count, GOV, "ana.hub") and not ana.flagged
    assert all(s == top for s, top in _auto(graded, GOV, "lms-ana").values())
    bob = graded["outcomes"][(GOV, "lms-bob")]
    assert bob.variant == hashed(count, GOV, "lms-bob") and bob.flagged
    assert "other-variant" in bob.problems and any(ALIASES_FILE in n for n in bob.notes)


def test_the_grader_keeps_each_submissions_variant(graded):
    """Does logs/variants.csv say, per submission, the variant graded and the one run?"""
    rows = {
        (r["assignment"], r["student"]): r
        for r in csv.DictReader((graded["root"] / "logs" / "variants.csv").open())
    }
    assert rows[(GOV, "copy-run")]["ran_variant"] == str(COPY_FROM)
    assert rows[(GOV, "copy-run")]["variant"] == str(COPY_TO)
    assert rows[(GOV, "key-v17")]["variant"] == "17"


# --- the class report ----------------------------------------------------------------------
def test_report_shows_each_students_variant_and_the_mean_per_variant(graded):
    """Does the class report give each student's variant and a mean score per variant?"""
    page = graded["report"]
    variants = page.split("<h2>Variants</h2>")[1].split("<h2>")[0]
    assert "key-v29" in variants and "mean_share" in variants
    scores = graded["scores"]
    row = scores[(scores["assignment"] == GOV) & (scores["student"] == "key-v17")].iloc[0]
    assert row["variant"] == 17


def test_report_counts_pending_manual_grading_as_pending(graded):
    """Is an ungraded written answer pending (not 0), with shares on graded parts only?"""
    page = graded["report"]
    pending = page.split("<h2>Pending manual grading</h2>")[1].split("<h2>")[0]
    assert "champion_answer" in pending
    assert "wait for manual grading" in page
    scores = graded["scores"]
    row = scores[(scores["assignment"] == GOV) & (scores["student"] == "key-v17")].iloc[0]
    assert row["pending"] == 1 and row["share"] == 1.0
    risky = set(at_risk(scores[scores["assignment"] == GOV])["student"])
    assert "key-v17" not in risky and "blank-v17" in risky


def test_answer_key_has_the_shape_instructors_read(graded):
    """Does course-admin answer-key print {variant, answers, files} as JSON for a student?"""
    import subprocess
    import sys
    from pathlib import Path

    admin = Path(sys.executable).with_name("course-admin")
    proc = subprocess.run(
        [
            str(admin),
            "--course",
            str(graded["root"]),
            "answer-key",
            GOV,
            "--student",
            "key-v17",
            "--json",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    key = json.loads(proc.stdout)
    assert set(key) == {"variant", "answers", "files"} and key["variant"] == 17
    assert key["answers"] == {}  # every part is answered with a widget: the key is files
    assert set(key["files"]) == {
        "governance-design.json",
        "repaired-design.json",
        "decision-owners.answer.json",
    }
    assert key == {"variant": 17, **variant_key(graded["course"], GOV, 17)}


def test_one_decision_of_a_submissions_variant_is_the_same_everywhere(graded):
    """Is lms-ana's variant the same in the outcome log, the grading kernel and the report?

    lms-ana works as ana.hub (id-map.csv), so her variant is decided from the id map: once,
    by course-admin, which hands it to nbgrader's kernel and records it.
    """
    from toolkit.variants import recorded

    student = "lms-ana"
    decided = hashed(variant_set(GOV).count, GOV, LMS[student])
    rows = [
        r
        for r in csv.DictReader(graded["outcome_log"].splitlines())
        if (r["assignment"], r["student"]) == (GOV, student)
    ]
    assert [int(r["variant"]) for r in rows] == [decided]
    autograded = graded["root"] / "autograded" / student / GOV / f"{GOV}.ipynb"
    kernel = recorded(nbformat.read(autograded, 4))
    assert (kernel["variant"], kernel["how"], kernel["student"]) == (decided, "graded", student)
    scores = graded["scores"]
    row = scores[(scores["assignment"] == GOV) & (scores["student"] == student)]
    assert row["variant"].tolist() == [decided]


# --- no answers within reach ---------------------------------------------------------------
def test_no_answer_is_within_reach_of_a_student(graded, student_env):
    """Do the students' environment, the lessons and the student versions hold no answer?

    The students' environment is built as build-course-env builds it (``student_env``): the
    toolkit's wheel and the variants' data; what its modules can compute is tested in
    tests/hub/test_course_source.py.
    """
    from conftest import ROOT

    assert not (student_env.site / "instructor").exists()
    places = [student_env.site / "toolkit", student_env.data, ROOT / "notebooks"]
    places += [graded["root"] / "release" / a for a in names()]
    files = [p for place in places for p in ([place] if place.is_file() else place.rglob("*"))]
    texts = {
        f: f.read_text(encoding="utf-8", errors="ignore")
        for f in files
        if f.is_file() and "__pycache__" not in f.parts and f.stat().st_size < 5_000_000
    }
    assert len(texts) > 50
    needles = answer_needles(graded["course"])
    found = sorted(
        (str(f.relative_to(f.anchor)), n[:60]) for f, t in texts.items() for n in needles if n in t
    )
    assert not found, found
    for path, text in texts.items():  # no instructor version among what students get
        if path.suffix == ".ipynb" or "datasets" in path.parts:
            assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text, path


def test_plain_nbgrader_logs_a_notebook_that_ran_another_variant(graded):
    """Does nbgrader's own log (the course's CheckVariant step) name the other variant?"""
    log = graded["root"] / "logs" / "nbgrader" / GOV / "copy-run.log"
    text = log.read_text(encoding="utf-8")
    assert f"the notebook ran variant {COPY_FROM} as student classmate" in text


def test_validate_checks_a_notebook_against_a_students_own_variant(graded, tmp_path):
    """Does `course-admin validate --student` pass a notebook for its own student only?"""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    admin = Path(sys.executable).with_name("course-admin")
    folder = tmp_path / "key"
    shutil.copytree(graded["root"] / "submitted" / "key-v17" / GOV, folder)
    notebook = folder / f"{GOV}.ipynb"

    def validate(student):
        return subprocess.run(
            [str(admin), "--course", str(graded["root"]), "validate", str(notebook)]
            + ["--student", student, "--timeout", "60"],
            capture_output=True,
            text=True,
        )

    own = validate("key-v17")
    assert own.returncode == 0, own.stdout + own.stderr
    other = validate("key-v3")
    assert other.returncode == 1 and "partners" in other.stdout, other.stdout
