"""The governance-design assignment through the real nbgrader tools, on a copy of grading/.

One session fixture generates the student version once and autogrades three submissions in
one ``nbgrader autograde`` call: one built by driving the builders as a student would, one
correct design that differs from the reference solution, and the untouched student version.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from govdrive import add_body, add_member, give, pick, settings, take

from toolkit.governance import Body, Member, load, review
from toolkit.governance.builder import GovernanceBuilder

pytestmark = pytest.mark.slow
ASSIGNMENT = "governance-design"
BIN = Path(sys.executable).parent
OWNERS = (
    'owners = {"strategy": "esc", "investment": "esc", "joint_business_plan": "amt",\n'
    '          "dispute_resolution": "esc"}'
)
CHAMPION = "She briefs her fellow executives every quarter on the joint pipeline."


def nbgrader(course: Path, *args: str, home: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "ALLIANCE_COURSE_HOME": str(home),
    }
    result = subprocess.run(
        [str(BIN / "nbgrader"), *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def answer_cells(folder: Path, owners: str | None, champion: str | None) -> None:
    """Type the code answer of part C and the written answer of part D into the notebook."""
    path = folder / f"{ASSIGNMENT}.ipynb"
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id == "owners_answer" and owners:
            cell.source = owners
        if grade_id == "champion_answer" and champion:
            cell.source = champion
    nbformat.write(nb, path)


def click_case_design(folder: Path) -> None:
    """Part A with clicks only, in the builder the notebook creates."""
    a, c = "Aurora Health", "Cobalt Cloud"
    b = GovernanceBuilder(
        folder / "governance-design.json", alliance=f"{a} + {c}", partners=[a, c], chart=False
    )
    add_body(b, "Joint Steering Committee", "steering", "90")
    add_member(b, "Maria Lopez", a, "executive_sponsor")
    add_member(b, "David Chen", c, "executive_sponsor")
    add_member(b, "Sofia Reyes", a, "alliance_manager")
    add_member(b, "Liam Walsh", c, "alliance_manager")
    give(b, "strategy", "investment", "dispute_resolution")
    add_body(b, "Alliance Management Team", "management", "14")
    settings(b, "joint-steering-committee", "10")
    add_member(b, "Sofia Reyes", a, "alliance_manager")
    add_member(b, "Liam Walsh", c, "alliance_manager")
    give(b, "joint_business_plan")
    add_body(b, "Joint Sales Working Group", "operational", "7")
    settings(b, "alliance-management-team", "5")
    add_member(b, "Ella Brown", a, "member", "sales")
    add_member(b, "Noah Kim", c, "member", "sales")
    assert "Workable" in b.review_panel.value, b.review_panel.value


def click_repair(folder: Path) -> None:
    """Part B with clicks only, starting from the broken draft."""
    b = GovernanceBuilder(
        folder / "repaired-design.json", start=folder / "broken-design.json", chart=False
    )
    pick(b, "Joint Steering Committee")
    settings(b, "", "")
    pick(b, "Alliance Management Team")
    add_member(b, "Nina Vos", "Vela Software", "alliance_manager")
    take(b, "strategy")
    pick(b, "Joint Field Team")
    settings(b, "amt", "5")
    assert "Workable" in b.review_panel.value, b.review_panel.value


def other_correct_answers(folder: Path) -> None:
    """A design unlike the reference: leaner names, a direct escalation, an extra group."""
    a, c = "Aurora Health", "Cobalt Cloud"
    b = GovernanceBuilder(
        folder / "governance-design.json",
        alliance=f"{a} + {c}",
        partners=[a, c],
        template="lean-startup-enterprise",
        chart=False,
    )
    design = b.design
    design.alliance, design.partners = "Aurora + Cobalt remote monitoring", [c, a]
    sponsors = [
        Member("David Chen", c, "executive_sponsor"),
        Member("Maria Lopez", a, "executive_sponsor"),
    ]
    managers = [
        Member("Liam Walsh", c, "alliance_manager"),
        Member("Sofia Reyes", a, "alliance_manager"),
    ]
    design.bodies = [
        Body(
            "board",
            "Board",
            "steering",
            60,
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
            12,
        ),
        Body(
            "deals",
            "Hospital Deals Desk",
            "operational",
            3,
            [
                Member("Ann Li", a, "functional_lead", "sales"),
                Member("Bo Sun", c, "member", "sales"),
                Member("Cy Ray", c, "member", "sales"),
            ],
            ["deal_desk"],
            "board",
            15,
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
    repair = GovernanceBuilder(
        folder / "repaired-design.json", start=folder / "broken-design.json", chart=False
    )
    fixed = repair.design
    jsc, amt, field = fixed.bodies
    jsc.escalates_to = None
    amt.members.append(Member("Nora New", "Vela Software", "alliance_manager"))
    jsc.decides.remove("strategy")  # keep strategy with the management team instead
    field.escalates_to, field.escalation_days = "jsc", 7
    repair.replace(fixed)
    assert not [f for f in review(repair.design) if f.severity == "error"]


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """Generate once, submit three students, autograde once; return the course folder."""
    course = tmp_path_factory.mktemp("course") / "grading"
    home = tmp_path_factory.mktemp("grading-home")
    course.mkdir()
    shutil.copy(ROOT / "grading" / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "grading" / "source" / ASSIGNMENT, course / "source" / ASSIGNMENT)
    nbgrader(course, "generate_assignment", ASSIGNMENT, "--force", home=home)
    release = course / "release" / ASSIGNMENT
    for student in ("clicker", "different", "untouched"):
        shutil.copytree(release, course / "submitted" / student / ASSIGNMENT)
    clicker = course / "submitted" / "clicker" / ASSIGNMENT
    click_case_design(clicker)
    click_repair(clicker)
    answer_cells(clicker, OWNERS, CHAMPION)
    different = course / "submitted" / "different" / ASSIGNMENT
    other_correct_answers(different)
    answer_cells(
        different,
        "owners = dict(strategy='esc', investment='esc',\n"
        "              joint_business_plan='amt', dispute_resolution='esc')",
        CHAMPION,
    )
    nbgrader(course, "autograde", ASSIGNMENT, "--force", home=home)
    return course


def scores(course: Path, student: str) -> dict[str, tuple[float, float]]:
    """grade id -> (autograded score, max points) of one student's autograded test cells."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
        return {
            g.name: (g.auto_score, g.max_score) for g in nb.grades if g.cell.cell_type == "code"
        }


AUTOGRADED = {
    "case_design_workable": 2,
    "case_design_requirements": 3,
    "repair_errors_gone": 3,
    "repair_design_kept": 2,
    "owners_one_each": 2,
    "owners_right_tier": 2,
}


def test_student_version_has_no_solution_hidden_test_or_widget_state(graded):
    """Does the released notebook hide solutions, hidden tests, the rubric and widget state?"""
    path = graded / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    text = path.read_text()
    nb = json.loads(text)
    for marker in (
        "BEGIN SOLUTION",
        "END SOLUTION",
        "HIDDEN TESTS",
        "Rubric",
        '"investment": "esc"',
        "Nina Vos",
        "escalation_days_to_steering",
        "meets less than once a quarter",
    ):
        assert marker not in text, marker
    assert "widgets" not in nb["metadata"]
    assert not any(c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "broken-design.json",
        "decisions-design.json",
        f"{ASSIGNMENT}.ipynb",
    ]


def test_submission_built_with_the_builders_earns_full_marks(graded):
    """Does a student who only clicked in the builders get every autograded point?"""
    assert scores(graded, "clicker") == {k: (v, v) for k, v in AUTOGRADED.items()}


def test_a_different_correct_design_earns_full_marks(graded):
    """Does a correct design unlike the reference solution also get every autograded point?"""
    different = graded / "autograded" / "different" / ASSIGNMENT
    assert load(different / "governance-design.json").bodies[0].id == "board"
    assert scores(graded, "different") == {k: (v, v) for k, v in AUTOGRADED.items()}


def test_untouched_student_version_scores_zero(graded):
    """Does the untouched student version get no autograded point?"""
    assert scores(graded, "untouched") == {k: (0, v) for k, v in AUTOGRADED.items()}


def test_written_answer_waits_for_the_instructor(graded):
    """Is part D left for manual grading (no automatic score)?"""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "clicker")
        grade = next(g for g in nb.grades if g.name == "champion_answer")
        assert grade.max_score == 3 and grade.needs_manual_grade


def test_instructor_version_passes_its_own_tests_and_writes_no_answer_file(tmp_path):
    """Does the source notebook pass every test cell, without saving answers into source/?"""
    from nbclient import NotebookClient

    folder = tmp_path / ASSIGNMENT
    shutil.copytree(ROOT / "grading" / "source" / ASSIGNMENT, folder)
    nb = nbformat.read(folder / f"{ASSIGNMENT}.ipynb", as_version=4)
    NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(folder)}},
    ).execute()
    failed = [
        c.metadata["nbgrader"]["grade_id"]
        for c in nb.cells
        if c.cell_type == "code" and any(o.output_type == "error" for o in c.outputs)
    ]
    assert failed == []
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert sum(c.metadata["nbgrader"]["points"] for c in graded) == sum(AUTOGRADED.values()) + 3
    assert sorted(p.name for p in folder.iterdir()) == [
        "broken-design.json",
        "decisions-design.json",
        f"{ASSIGNMENT}.ipynb",
    ]
