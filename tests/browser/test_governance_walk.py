"""governance-design in Chromium: every automatic part answered with mouse and keyboard, then
Validate and nbgrader's autograde.

The student version is generated with nbgrader's own CLI in the session server's copy of
grading/ and copied to a scratch folder there (never into the repository). A participant runs
it: each check says in one sentence what is not done yet, and no cell shows a traceback.

Part A is built in its builder (the cell is locked; no code cell is edited) as the notebook
asks, from the empty start the cell gives (the case's alliance and partners): a steering body
with the two sponsors the case names and the three decisions of direction, a management body
with the two alliance managers and the joint plan, escalating to it, and the working group the
case names, escalating to the management body, with a person of the group's function from each
partner. (No template is shorter: a template's people and partners are another alliance's, each
to be removed and added again.) Each step is what a participant does: type a name into a box,
pick from a drop-down by what it shows, click a button; the walk waits for the message that
names what the click changed. Part B repairs the draft in its own builder, one error of the
review at a time and nothing else: people from each partner on the empty body, an escalation
target one tier up, a decision taken from the body the rule of thumb does not give it to.
Part C is answered with the keyboard only: Tab to each decision's drop-down, the arrow keys
down the bodies. The written answer is typed into its markdown cell. Restart and Run All:
every check passes; the toolbar's Validate (nbgrader, in its sandbox) passes. Then one wrong
choice in Part C (a decision moved to an operations group): what the control saves is that
choice. Both states are handed in and autograded with nbgrader: the first earns every
automatic point, the wrong owner loses Part C's points and no others. The visible checks
cannot tell that wrong owner: they check each decision has one owner, and say "your
instructor's grading may check more".
"""

import json
import os
import shutil
import time

import pytest
from conftest import ARTIFACTS, generate_student_version
from grading_cases import grade_walked
from labdriver import assert_validates
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NAME = "governance-design"
FOLDER = "scratch-governance"
SHOTS = ARTIFACTS / "screenshots"
CHAMPION = (
    "Inside the company the champion wins the other executives and the business units over; "
    "outside, the champion meets the partner's sponsor and keeps the alliance on the agenda."
)
PASSED = "These checks passed; your instructor's grading may check more."


@pytest.fixture
def student_version(lab_server):
    """The student version, made by `nbgrader generate_assignment`, in a scratch folder."""
    release = generate_student_version(lab_server, NAME)
    folder = lab_server.root / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(release, folder)
    for old in folder.glob("*.json"):
        old.unlink()
    return folder


def _case(lab_server):
    """The case the server's kernels show (the practice case: no student id is set)."""
    from toolkit.governance.cases import VARIANTS

    env = {**os.environ, "ALLIANCE_COURSE_HOME": str(lab_server.root.parent / "home")}
    return VARIANTS.mine(environ=env)


def _click(lab, builder, button: str, said: str) -> None:
    """Click a builder's button; wait for its message (each names what it changed) and for
    the kernel to have sent every update of the click."""
    lab.button(builder, button).click()
    expect(builder.get_by_text(said)).to_be_visible()
    lab.wait_idle()


def _pick(lab, builder, label: str, name: str) -> None:
    """Pick a body in the builder's Body list by what a participant reads; wait until the
    builder shows its fields."""
    if lab.control(builder, "Name").input_value() == name:
        return  # already the body picked
    lab.control(builder, "Body", "select").select_option(label)
    expect(lab.control(builder, "Name")).to_have_value(name)
    lab.wait_idle()


def _add_body(lab, builder, name: str, tier: str, cadence: str) -> None:
    lab.control(builder, "Name").fill(name)
    lab.control(builder, "Tier", "select").select_option(tier)
    lab.control(builder, "Meets every").fill(cadence)
    _click(lab, builder, "Add body", f"Added {name}.")


def _add_member(lab, builder, body: str, person: str, partner: str, role: str, function="") -> None:
    lab.control(builder, "Person").fill(person)
    lab.control(builder, "Partner").fill(partner)
    lab.control(builder, "Role", "select").select_option(role)
    lab.control(builder, "Function").fill(function)
    _click(lab, builder, "Add member", f"Added {person} to the {body}.")


def _escalate(lab, builder, body: str, to: str, days: str | None) -> None:
    """Set the picked body's escalation target (by its label) and, if given, its days."""
    lab.control(builder, "Escalates to", "select").select_option(to)
    if days is not None:
        lab.control(builder, "after (days)").fill(days)
    _click(lab, builder, "Apply settings", f"Settings of the {body} applied.")


def _decide(lab, builder, body: str, decision: str, button: str = "Give to body") -> None:
    lab.control(builder, "Decision").fill(decision)
    done = "given to" if button == "Give to body" else "taken from"
    _click(lab, builder, button, f"{decision} {done} the {body}.")


def _build_design(lab, builder, case) -> None:
    """Part A as the notebook asks, from the builder's empty start (the case's alliance and
    partners are set): a steering body with the two sponsors and direction, a management
    body with the two alliance managers and the joint plan, escalating to it, and the
    working group the case names, with one person of its function from each partner."""
    from toolkit.governance.model import name_of

    steering, management = "Joint Steering Committee", "Alliance Management Team"
    group = case.group_name.capitalize()
    _add_body(lab, builder, steering, "Steering", str(case.steering_every_days))
    for person in case.sponsors:
        _add_member(lab, builder, steering, person.name, person.company, "Executive sponsor")
    for decision in ("Strategy", "Investment", "Dispute resolution"):
        _decide(lab, builder, steering, decision)
    _add_body(lab, builder, management, "Management", "14")
    _escalate(lab, builder, management, f"{steering} (steering tier)", "10")
    for person in case.managers:
        _add_member(lab, builder, management, person.name, person.company, "Alliance manager")
    _decide(lab, builder, management, "Joint business plan")
    _add_body(lab, builder, group, "Operational", "7")
    _escalate(lab, builder, group, f"{management} (management tier)", "5")
    assert 10 + 5 <= case.escalation_days
    function = name_of(case.group_function)
    for person, partner in zip(("Lina Park", "Jon Berg"), case.partners, strict=True):
        _add_member(lab, builder, group, person, partner, "Member", function)


def _repair(lab, builder, draft) -> None:
    """Part B: fix each error the review lists for the draft, and only those: people from
    each partner on an empty body, an escalation one tier up, a decision taken from the body
    the rule of thumb does not give it to."""
    from toolkit.governance.cases import rule_of_thumb_tier
    from toolkit.governance.model import TIER_RANK, body_labels, name_of
    from toolkit.governance.review import review

    labels = dict(zip((b.id for b in draft.bodies), body_labels(draft), strict=True))
    for finding in (f for f in review(draft) if f.severity == "error"):
        body = draft.body(finding.body) if finding.body else None
        if body is not None:
            _pick(lab, builder, labels[body.id], body.name)
        if finding.code == "empty-body":
            for person, partner in zip(("Ines Duarte", "Kai Berg"), draft.partners, strict=True):
                _add_member(lab, builder, body.name, person, partner, "Member")
        elif finding.code in ("no-escalation", "bad-escalation"):
            up = next(b for b in draft.bodies if TIER_RANK[b.tier] == TIER_RANK[body.tier] - 1)
            days = None if body.escalation_days else "5"
            _escalate(lab, builder, body.name, labels[up.id], days)
        elif finding.code == "decision-conflict":  # the message names the decision
            decided = {k for b in draft.bodies for k in b.decides}
            key = next(k for k in decided if f"'{name_of(k)}'" in finding.message)
            for owner in draft.bodies:
                if key in owner.decides and owner.tier != rule_of_thumb_tier(key):
                    _pick(lab, builder, labels[owner.id], owner.name)
                    _decide(lab, builder, owner.name, name_of(key), "Take from body")
        else:
            raise AssertionError(f"the walk does not repair {finding.code}: {finding.message}")


def _saved(lab, case, path, want: dict) -> dict | None:
    """Part C's saved owners once the kernel has handled the last key (up to 20 seconds)."""
    from toolkit.governance.assignment import saved_owners

    for _ in range(40):
        lab.wait_idle()
        found = saved_owners(case, path)
        if found == want:
            break
        lab.page.wait_for_timeout(500)
    return found


def _landed(case, path, decision: str, body: str, timeout: float = 20.0) -> str | None:
    """The body saved for ``decision`` once it is ``body`` (or, after ``timeout`` s, as it is).

    The page can show a choice before the kernel has it; under load, a key pressed before
    then may meet the control's echo of the one before. Each key waits for its own choice.
    """
    from toolkit.governance.assignment import saved_owners

    deadline = time.monotonic() + timeout
    while True:
        found = (saved_owners(case, path) or {}).get(decision)
        if found == body or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _errors(lab, path: str) -> list[dict]:
    """The error outputs of the saved notebook, with the cell's grade id."""
    return [
        {**out, "cell": cell["metadata"].get("nbgrader", {}).get("grade_id")}
        for cell in lab.saved_notebook(path)["cells"]
        for out in cell.get("outputs", [])
        if out["output_type"] == "error"
    ]


def test_every_part_by_mouse_and_keyboard_passes_validate_and_a_wrong_owner_loses_part_c(
    lab, lab_server, student_version, tmp_path
):
    """Does a fresh run fail in sentences only; Parts A and B built in their builders and Part C
    answered by keyboard make every check and Validate pass and earn every automatic point;
    and does one wrong drop-down choice get saved (and graded) as wrong?"""
    from instructor.keys.governance_design import answers, truth
    from toolkit.governance import is_workable
    from toolkit.governance.assignment import (
        CASE_DESIGN_FILE,
        OWNERS_FILE,
        REPAIR_FILE,
        missing_from,
        owners_question,
        requirements_left,
        saved_design,
    )

    case = _case(lab_server)
    t = truth(case)
    question = owners_question(case)
    bodies = list(question.options)
    path = f"{FOLDER}/{NAME}.ipynb"
    lab.open(path)

    # as first met: every graded cell fails in one plain sentence, no traceback anywhere
    lab.run_all_past_errors()
    lab.save()
    errors = _errors(lab, path)
    graded = [
        c["metadata"]["nbgrader"]["grade_id"]
        for c in lab.saved_notebook(path)["cells"]
        if c["cell_type"] == "code" and c["metadata"].get("nbgrader", {}).get("grade")
    ]
    assert sorted(e["cell"] for e in errors) == sorted(graded), errors
    for error in errors:
        assert error["ename"] == "CheckFailed", error
        assert len(error["traceback"]) == 1 and "Traceback" not in error["traceback"][0], error

    # Part A: the design built in its builder, from the empty start the cell gives
    outputs = ".jp-OutputArea"
    design = lab.code_cell("alliance=case.alliance").locator(outputs)
    _build_design(lab, design, case)
    expect(design.get_by_text("Workable: no errors")).to_be_visible()
    # Part B: the draft repaired in its builder, error by error
    repair = lab.code_cell('design_builder("repaired-design.json"').locator(outputs)
    _repair(lab, repair, case.draft)
    expect(repair.get_by_text("Workable: no errors")).to_be_visible()
    assert not requirements_left(saved_design(student_version / CASE_DESIGN_FILE), case)
    repaired = saved_design(student_version / REPAIR_FILE)
    assert not missing_from(case.draft, repaired) and is_workable(repaired)

    # Part C: Tab to each decision's drop-down, the arrow keys down to the body the rule names
    lab.select_cell_by_keyboard("answer_owners(case")
    for decision, title in question.items.items():
        assert lab.tab_exactly(title)["tag"] == "select"
        for body in bodies[: bodies.index(t[decision]) + 1]:  # one option down at a time
            lab.press("ArrowDown")
            assert _landed(case, student_version / OWNERS_FILE, decision, body) == body
    assert _saved(lab, case, student_version / OWNERS_FILE, t) == t
    saved = json.loads((student_version / OWNERS_FILE).read_text(encoding="utf-8"))
    assert saved == json.loads(answers({"case": case})["files"][OWNERS_FILE])

    # a new start: every check passes, nothing to fix on screen; Validate passes
    lab.save()
    lab.restart_and_run_all()
    lab.save()
    problems = lab.problems(path)
    assert not problems, "\n".join(problems)
    page = lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(page.get_by_text(PASSED)).to_have_count(len(graded) - 1)  # owners_gaps: a require
    lab.screenshot(SHOTS / "governance-walk.png")
    # the champion answer typed into its markdown cell (graded by hand); Validate then passes
    assert lab.write_answers(CHAMPION) == 1
    assert_validates(lab)
    right = shutil.copytree(student_version, tmp_path / "right")

    # one wrong choice: a decision the rule gives to another body moved to an operations group
    operations = next(b.id for b in case.decisions.bodies if b.tier == "operational")
    decision = next(k for k in question.items if t[k] != operations)
    lab.select_cell_by_keyboard("answer_owners(case")
    assert lab.tab_exactly(question.items[decision])["tag"] == "select"
    lab.press("ArrowDown", bodies.index(operations) - bodies.index(t[decision]))
    wrong = _saved(lab, case, student_version / OWNERS_FILE, {**t, decision: operations})
    assert wrong == {**t, decision: operations}
    lab.save()
    lab.run_all()
    lab.save()
    part = page.locator(".jp-Cell").filter(has_text="Part C: does each decision that had")
    expect(part).to_contain_text(
        f"{question.items[decision]} is decided by the {question.options[operations]}"
    )
    assert not lab.remote_requests()
    # both handed in and autograded with nbgrader (in its sandbox): the first walk earns every
    # automatic point; the wrong owner loses Part C points (the hidden tests read the same
    # file), and nothing else
    grades = grade_walked(
        lab_server.root / "grading",
        NAME,
        {"walker": (right, case.number), "walker-x": (student_version, case.number)},
    )
    assert grades["walker"] and all(s == top > 0 for s, top in grades["walker"].values())
    lost = {g for g, (s, top) in grades["walker-x"].items() if s < top}
    assert lost and lost <= {"owners_conflicts", "owners_gaps"}, grades["walker-x"]
