"""The governance-design assignment through the real nbgrader, on the session's shared course.

Three students of one variant hand in: one who built everything by clicking in the builders
and picking in Part C's lists as a student would, one whose correct designs differ from the
answer key's, and one who handed in the untouched student version. ``course-admin``'s batch
grades them. The student version, run top to bottom as released, shows no traceback: each
check not passed yet says so in one plain sentence.
"""

import json
import shutil

import nbformat
import pytest
from conftest import ROOT
from govdrive import add_body, add_member, give, pick, settings, take

from instructor.admin.batch import autograde_all
from instructor.admin.variants import pin
from instructor.admin.vet import auto_scores
from instructor.keys.governance_design import KEY
from toolkit.governance import Body, Member, load, review
from toolkit.governance.assignment import OWNERS_FILE, owners_question
from toolkit.governance.cases import case_for, rule_of_thumb_tier
from toolkit.governance.widget import GovernanceBuilder
from toolkit.ui.answers import MatchEach

pytestmark = pytest.mark.slow
ASSIGNMENT = "governance-design"
VARIANT = 17
STUDENTS = ("gov-clicker", "gov-different", "gov-untouched")
CHAMPION = "She briefs her fellow executives every quarter on the joint pipeline."
AUTOGRADED = {
    "case_design_workable": 2,
    "case_design_requirements": 3,
    "repair_seats": 2,
    "repair_paths": 2,
    "repair_design_kept": 1,
    "owners_conflicts": 2,
    "owners_gaps": 2,
}


def write_champion(folder, champion: str) -> None:
    """Type the written answer of part D into its markdown cell (the only typing there is)."""
    path = folder / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "champion_answer":
            cell.source = champion
    nbformat.write(nb, path)


def pick_owners(folder, case, *, detour: bool = False) -> MatchEach:
    """Part C in its lists: each core decision to the body the rule of thumb names, by name.

    With ``detour``, every list first gets the first body offered, then the right one (the
    last pick is what counts).
    """
    question = owners_question(case)
    control = MatchEach(question, folder / OWNERS_FILE, variant=case.number)
    tangled = case.decisions
    for key, picker in zip(question.items, control.pickers, strict=True):
        right = next(b for b in tangled.bodies if b.tier == rule_of_thumb_tier(key))
        if detour:
            picker.value = [0]
        picker.value = [picker.options.index(right.name)]
    return control


def click_case_design(folder, case) -> None:
    """Part A with clicks only, in the builder the notebook creates."""
    a, c = case.partners
    b = GovernanceBuilder(
        folder / "governance-design.json", alliance=case.alliance, partners=[a, c], chart=False
    )
    add_body(b, "Joint Steering Committee", "steering", str(case.steering_every_days))
    for person in case.sponsors:
        add_member(b, person.name, person.company, "executive_sponsor")
    for person in case.managers:
        add_member(b, person.name, person.company, "alliance_manager")
    give(b, "strategy", "investment", "dispute_resolution")
    add_body(b, "Alliance Management Team", "management", "14")
    settings(b, "joint-steering-committee", str(case.escalation_days - 5))
    for person in case.managers:
        add_member(b, person.name, person.company, "alliance_manager")
    give(b, "joint_business_plan")
    add_body(b, case.group_name.capitalize(), "operational", "7")
    settings(b, "alliance-management-team", "5")
    add_member(b, "Ella Brown", a, "member", case.group_function)
    add_member(b, "Noah Kim", c, "member", case.group_function)
    assert "Workable" in b.review_panel.value, b.review_panel.value


def click_repair(folder, draft) -> None:
    """Part B with clicks only, starting from the draft: fix what the review panel says."""
    b = GovernanceBuilder(folder / "repaired-design.json", start=draft, chart=False)
    top = next(x for x in draft.bodies if x.tier == "steering")
    middle = next(x for x in draft.bodies if x.tier == "management")
    for body in draft.bodies:
        pick(b, body.name)
        if body is top:
            settings(b, "", "")
        elif body is middle:
            settings(b, top.id, str(body.escalation_days or 10))
        else:
            settings(b, middle.id, str(body.escalation_days or 5))
        if not body.members:
            for partner in draft.partners:
                add_member(b, f"Delegate of {partner}", partner, "member")
    pick(b, top.name)
    for partner in draft.partners:
        theirs = [(i, m) for i, m in enumerate(b.design.bodies[0].members) if m.partner == partner]
        if not any(m.role == "executive_sponsor" for _i, m in theirs):
            index, sponsor = next((i, m) for i, m in theirs if m.role == "member")
            b.member_picker.value = index
            b.remove_member_button.click()
            add_member(b, sponsor.name, partner, "executive_sponsor")
    pick(b, middle.name)
    for partner in draft.partners:
        manager = next(
            m for m in top.members if m.partner == partner and m.role == "alliance_manager"
        )
        if manager.person not in {m.person for m in b.design.body(middle.id).members}:
            add_member(b, manager.name, partner, "alliance_manager")
    for key in ("strategy", "investment", "dispute_resolution", "joint_business_plan"):
        right = middle if key == "joint_business_plan" else top
        for body in b.design.bodies:
            if key in body.decides and body.id != right.id:
                pick(b, body.name)
                take(b, key)
        if key not in b.design.body(right.id).decides:
            pick(b, right.name)
            give(b, key)
    assert "Workable" in b.review_panel.value, b.review_panel.value


def other_correct_answers(folder, case) -> None:
    """Designs unlike the reference: other names, shortcuts, new people, extra groups."""
    a, c = case.partners
    b = GovernanceBuilder(
        folder / "governance-design.json",
        alliance=case.alliance,
        partners=[a, c],
        template="lean-startup-enterprise",
        chart=False,
    )
    design = b.design
    design.alliance, design.partners = f"{a} and {c} together", [c, a]
    sponsors = [p.member("executive_sponsor") for p in reversed(case.sponsors)]
    managers = [p.member("alliance_manager") for p in reversed(case.managers)]
    design.bodies = [
        Body(
            "board",
            "Board",
            "steering",
            min(30, case.steering_every_days),
            sponsors + managers,
            ["strategy", "investment", "dispute_resolution", "pricing"],
        ),
        Body(
            "core",
            "Core Team",
            "management",
            7,
            list(managers),
            ["joint_business_plan"],
            "board",
            3,
        ),
        Body(
            "desk",
            "Partner Desk",
            "operational",
            3,
            [
                Member("Ann Li", a, "functional_lead", case.group_function),
                Member("Bo Sun", c, "member", case.group_function),
                Member("Cy Ray", c, "member", case.group_function),
            ],
            ["deal_desk"],
            "board",
            case.escalation_days,
        ),
        Body(
            "tech",
            "Integration Team",
            "operational",
            14,
            [
                Member("Di Fox", a, "member", "technical"),
                Member("Ed Moe", c, "member", "technical"),
            ],
            [],
            "core",
            5,
        ),
    ]
    b.replace(design)
    repair = GovernanceBuilder(folder / "repaired-design.json", start=case.draft, chart=False)
    fixed = repair.design
    top = next(x for x in fixed.bodies if x.tier == "steering")
    middle = next(x for x in fixed.bodies if x.tier == "management")
    for body in fixed.bodies:  # every lower body escalates straight to the top
        body.escalates_to, body.escalation_days = (None, None) if body is top else (top.id, 7)
        if not body.members:
            body.members = [
                Member(f"New {p}", p, "functional_lead", "marketing") for p in fixed.partners
            ]
    for partner in fixed.partners:  # new people rather than new roles for the old ones
        if not any(m.partner == partner and m.role == "executive_sponsor" for m in top.members):
            top.members.append(Member(f"Sponsor of {partner}", partner, "executive_sponsor"))
        if not any(m.partner == partner and m.role == "alliance_manager" for m in middle.members):
            middle.members.append(Member(f"Manager of {partner}", partner, "alliance_manager"))
    for key in ("strategy", "investment", "dispute_resolution", "joint_business_plan"):
        owners = [x for x in fixed.bodies if key in x.decides]
        for extra in owners[:-1]:  # keep the last owner, whichever it is
            extra.decides.remove(key)
        if not owners:
            middle.decides.append(key)
    repair.replace(fixed)
    assert not [f for f in review(repair.design) if f.severity == "error"]


@pytest.fixture(scope="session")
def graded(grading_course):
    """Three students of one variant hand in; the batch grades them."""
    course, root = grading_course.course, grading_course.root
    pin(root, ASSIGNMENT, dict.fromkeys(STUDENTS, VARIANT))
    case = case_for(VARIANT)
    release = root / "release" / ASSIGNMENT
    for student in STUDENTS:
        shutil.copytree(release, root / "submitted" / student / ASSIGNMENT)
    clicker = root / "submitted" / "gov-clicker" / ASSIGNMENT
    click_case_design(clicker, case)
    click_repair(clicker, case.draft)
    pick_owners(clicker, case)
    write_champion(clicker, CHAMPION)
    different = root / "submitted" / "gov-different" / ASSIGNMENT
    other_correct_answers(different, case)
    pick_owners(different, case, detour=True)
    write_champion(different, CHAMPION)
    outcomes = autograde_all(course, [ASSIGNMENT], list(STUDENTS), progress=False, workers=2)
    assert all(o.status == "graded" and o.variant == VARIANT for o in outcomes), outcomes
    return grading_course


def scores(graded, student: str) -> dict[str, tuple[float, float]]:
    """grade id -> (score, max points) of one student's autograded cells."""
    return auto_scores(graded.course, ASSIGNMENT, student)


def test_student_version_has_no_solution_hidden_test_or_widget_state(graded):
    """Does the released notebook hide solutions, hidden tests, the rubric and widget state?"""
    path = graded.root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    text = path.read_text()
    nb = json.loads(text)
    for marker in (
        "BEGIN SOLUTION",
        "END SOLUTION",
        "HIDDEN TESTS",
        "Rubric",
        "requirements_left",
        "wrong_owners",
        "group lead",
        "Delegate of",
    ):
        assert marker not in text, marker
    assert "widgets" not in nb["metadata"]
    assert not any(c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    assert sorted(p.name for p in path.parent.iterdir()) == [f"{ASSIGNMENT}.ipynb"]


def test_submission_built_with_the_builders_earns_full_marks(graded):
    """Does a student who only clicked in the builders get every autograded point?"""
    assert scores(graded, "gov-clicker") == {k: (v, v) for k, v in AUTOGRADED.items()}


def test_a_different_correct_design_earns_full_marks(graded):
    """Does a correct design unlike the reference solution also get every autograded point?"""
    different = graded.root / "autograded" / "gov-different" / ASSIGNMENT
    assert load(different / "governance-design.json").bodies[0].id == "board"
    assert scores(graded, "gov-different") == {k: (v, v) for k, v in AUTOGRADED.items()}


def test_untouched_student_version_scores_zero(graded):
    """Does the untouched student version get no autograded point?"""
    assert scores(graded, "gov-untouched") == {k: (0, v) for k, v in AUTOGRADED.items()}


def test_written_answer_waits_for_the_instructor(graded):
    """Is part D left for manual grading (no automatic score)?"""
    with graded.course.gradebook() as gb:
        nb = gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "gov-clicker")
        grade = next(g for g in nb.grades if g.name == "champion_answer")
        assert grade.max_score == 3 and grade.needs_manual_grade


def test_feedback_shows_whose_case_was_graded(graded):
    """Does the graded notebook say at the top whose case and which variant it graded?"""
    nb = nbformat.read(
        graded.root / "autograded" / "gov-clicker" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
        as_version=4,
    )
    top = json.dumps(nb.cells[1].outputs)
    assert f"Case for student gov-clicker: variant {VARIANT}" in top
    assert case_for(VARIANT).partners[0] in json.dumps(nb.cells[3].outputs)


def _run(folder, environ: dict | None = None):
    """Run the notebook in ``folder`` top to bottom, errors allowed; return it executed."""
    import os

    from nbclient import NotebookClient

    nb = nbformat.read(folder / f"{ASSIGNMENT}.ipynb", as_version=4)
    env = {
        k: v for k, v in os.environ.items() if k not in {"ALLIANCE_STUDENT", "NBGRADER_EXECUTION"}
    }
    NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(folder)}},
    ).execute(env={**env, **(environ or {})})
    return nb


def _errors(nb) -> dict[str, list]:
    """Grade id (or cell number) -> the error outputs of that cell."""
    out = {}
    for i, cell in enumerate(nb.cells):
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        if errors:
            out[cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {i}")] = errors
    return out


def test_source_with_the_key_files_passes_every_test_and_writes_no_answer_file(tmp_path):
    """Do the source notebook's tests all pass with the key's files, with no solution code?"""
    folder = tmp_path / ASSIGNMENT
    shutil.copytree(ROOT / "grading" / "source" / ASSIGNMENT, folder)
    text = (folder / f"{ASSIGNMENT}.ipynb").read_text()
    assert "BEGIN SOLUTION" not in text.split("## Part D")[0]  # only the written rubric
    files = KEY.answers({"case": case_for(0)})["files"]
    assert sorted(files) == sorted(
        ["governance-design.json", "repaired-design.json", "decision-owners.answer.json"]
    )
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    nb = _run(folder, {"ALLIANCE_COURSE_HOME": str(tmp_path / "home")})
    assert _errors(nb) == {}
    assert "Practice case (variant 0)" in json.dumps(nb.cells[1].outputs)
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert sum(c.metadata["nbgrader"]["points"] for c in graded) == sum(AUTOGRADED.values()) + 3
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{ASSIGNMENT}.ipynb", *files])
    said = json.dumps([c.outputs for c in nb.cells if c.cell_type == "code"])
    assert "is decided by the" in said and "The review finds 0 errors" in said


def test_fresh_student_version_runs_with_no_traceback_and_no_code_to_type(graded, tmp_path):
    """Does Run All on the released notebook show only one-sentence check failures?

    No traceback anywhere, no ``YOUR CODE HERE`` or ``NotImplementedError`` in a code cell,
    and every automatically graded cell fails in a plain sentence saying what to do.
    """
    folder = tmp_path / ASSIGNMENT
    shutil.copytree(graded.root / "release" / ASSIGNMENT, folder)
    nb = nbformat.read(folder / f"{ASSIGNMENT}.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "YOUR CODE HERE" not in code and "NotImplementedError" not in code
    assert not [
        c
        for c in nb.cells
        if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")
    ]
    nb = _run(folder, {"ALLIANCE_COURSE_HOME": str(tmp_path / "home")})
    errors = _errors(nb)
    assert set(errors) == set(AUTOGRADED), sorted(errors)
    for grade_id, (error, *more) in errors.items():
        assert not more and error.ename == "CheckFailed", (grade_id, error.ename)
        (sentence,) = error.traceback
        assert "Traceback" not in sentence and "\n" not in sentence and "File " not in sentence
        assert sentence.strip().endswith("."), sentence
    said = {g: e[0].traceback[0] for g, e in errors.items()}
    assert "You built a design" in said["case_design_workable"]
    assert "You saved a repair" in said["repair_seats"]
    assert "pick a body for each" in said["owners_gaps"]
    stderr = [o.text for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not [t for t in stderr if "Traceback" in t], stderr
    # the answer cell of Part C shows its lists (a widget), the check says nothing is answered
    shown = json.dumps(
        nb.cells[
            [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells].index("owners_gaps")
        ].outputs
    )
    assert "Not answered yet: The body that owns each core decision." in shown


def test_part_c_offers_bodies_by_name_and_says_what_was_picked(tmp_path):
    """Are Part C's options the bodies' names (never ids), and is the answer said in words?"""
    case = case_for(VARIANT)
    control = pick_owners(tmp_path, case)
    tangled = case.decisions
    names = [b.name for b in tangled.bodies]
    ids = {b.id for b in tangled.bodies}
    for picker in control.pickers:
        assert [o for o in picker.options if o in names] == names
        assert not ids & set(picker.options)
    assert [p.legend for p in control.pickers] == [
        "Strategy",
        "Investment",
        "Joint business plan",
        "Dispute resolution",
    ]
    top = next(b.name for b in tangled.bodies if b.tier == "steering")
    assert f"Strategy is decided by the {top}." in control.describe()
    saved = json.loads((tmp_path / OWNERS_FILE).read_text())
    assert saved["data"] == {"variant": VARIANT, "answer": control.value}
    assert set(saved["data"]["answer"].values()) <= ids
