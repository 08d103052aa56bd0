"""steering-committee in Chromium, answered with the keyboard only: no code cell is edited.

The student version is generated with nbgrader's own CLI in the session server's copy of
grading/ and copied to a scratch folder there (never into the repository). A participant runs
it (each check says in one sentence what is not answered yet), answers every automatic part
with its controls (Tab, Space, the arrow keys, typing), and starts over with Restart and Run
All: every check passes and says what was answered, the written note is typed into its
markdown cell, and axe-core finds no WCAG 2.1 A/AA violation. What the controls saved is the
answer key's, which the real nbgrader grades full marks in
tests/grading/test_steering_committee.py. Validate, pressed last in the notebook's toolbar,
passes: no cell fails in nbgrader's own sandboxed run. Handed in and autograded with nbgrader,
the walk earns every automatic point; with another alliance picked as the one read differently,
it loses that point and no other.
"""

import json
import os
import shutil

import pytest
from conftest import ARTIFACTS, generate_student_version
from grading_cases import grade_walked
from labdriver import accessibility_problems, assert_validates
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NAME = "steering-committee"
FOLDER = "scratch-steering"
SHOTS = ARTIFACTS / "screenshots"
NOTE = (
    "Subject: this quarter's steering committee. The alliance is on track for revenue, but two "
    "of its drivers slipped; we ask you to decide the late issue at the meeting."
)


@pytest.fixture
def student_version(lab_server):
    """The student version, made by `nbgrader generate_assignment`, in a scratch folder."""
    release = generate_student_version(lab_server, NAME)
    folder = lab_server.root / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(release, folder)
    return folder


def _variant(lab_server) -> int:
    """The variant the server's kernels show (the practice case: no student id is set)."""
    from toolkit.steering.cases import VARIANTS

    env = {**os.environ, "ALLIANCE_COURSE_HOME": str(lab_server.root.parent / "home")}
    return VARIANTS.mine(environ=env).number


def _reach(lab, name: str) -> dict:
    """The element named ``name``: the focused one already, or the next one Tab reaches."""
    here = lab.focused()
    return here if here["name"].startswith(name) else lab.tab_to(name, limit=80)[-1]


def test_every_part_answered_by_keyboard_passes_its_checks(
    lab, lab_server, student_version, tmp_path
):
    """With the keyboard only, can every automatic part be answered, and do the checks and
    axe-core then pass?"""
    from instructor.keys.steering_committee import files, truth
    from toolkit.steering import assignment as sc
    from toolkit.steering.cases import case_for

    number = _variant(lab_server)
    case, t = case_for(number), truth(number)
    path = f"{FOLDER}/{NAME}.ipynb"
    lab.open(path)
    lab.run_all_past_errors()  # as first met: each check one sentence, no traceback

    # Part 1: tick the items the meeting must discuss (a check box each, in reading order)
    lab.select_cell_by_keyboard("answer_must(case")
    must = sc.must_question(case)
    for key in t["must_discuss"]:
        assert lab.tab_exactly(must.options[key])["type"] == "checkbox"
        lab.page.keyboard.press("Space")

    # Part 2: on with Tab (past the tables) to a drop-down per agenda item; the arrow keys
    # move down the bodies
    bodies = list(sc.owners_question(case).options)
    for item in case.agenda:
        assert _reach(lab, item.title)["tag"] == "select"
        lab.press("ArrowDown", bodies.index(t["owners"][item.id]) + 1)

    # Part 3: the late issue (radio buttons), then the new time limit typed in its box
    issues = [i.id for i in case.issues]
    assert _reach(lab, case.issues[0].title)["type"] == "radio"
    position = issues.index(t["late_issue"])
    lab.press("ArrowDown", position)
    if position == 0:
        lab.page.keyboard.press("Space")
    ((body, days),) = t["limits"].items()
    limits = sc.limits_question(case)
    _reach(lab, f"{limits.rows[body]}: new time limit")
    lab.page.keyboard.type(str(days), delay=50)
    lab.page.keyboard.press("Tab")

    # Part 4: the plan's targets and months, box after box
    _reach(lab, f"{sc.PLAN_ROWS['partner_leads']}: target")
    for step in sc.PLAN_ROWS:
        for column in ("target", "by_month"):
            lab.page.keyboard.type(str(t["plan"][step][column]), delay=50)
            lab.page.keyboard.press("Tab")

    # Part 5: a call per alliance (drop-downs), then the alliance read differently (radios)
    calls = list(sc.CALL_NAMES)
    names = case.alliance_names()
    for name in names:
        assert _reach(lab, name)["tag"] == "select"
        lab.press("ArrowDown", calls.index(t["calls"][name]) + 1)
    assert _reach(lab, names[0])["type"] == "radio"
    position = names.index(t["reading"])
    lab.press("ArrowDown", position)
    if position == 0:
        lab.page.keyboard.press("Space")
    lab.wait_idle()

    # what the controls saved is the answer key, file by file
    key = files(number)
    for name, text in key.items():
        saved = json.loads((student_version / name).read_text(encoding="utf-8"))
        assert saved == json.loads(text), (name, saved["data"], json.loads(text)["data"])

    # a new start: every check passes and says what was answered; nothing to fix on screen
    lab.save()
    lab.restart_and_run_all()
    lab.save()  # what the problems are read from
    problems = lab.problems(path)
    assert not problems, "\n".join(problems)
    page = lab.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(
        page.get_by_text("These checks passed; your instructor's grading may check more.")
    ).to_have_count(7)
    pricing = next((i for i in case.agenda if i.decision == "pricing"), case.agenda[0])
    owner = sc.owners_question(case).options[t["owners"][pricing.id]]
    expect(page.get_by_text(f"You sent “{pricing.title}” to the {owner}.").first).to_be_visible()
    lab.screenshot(SHOTS / "steering-walk.png")
    lab.save()

    # the sponsor's note typed into its markdown cell (graded by hand); Validate then passes
    assert lab.write_answers(NOTE) == 1
    assert_validates(lab)

    assert not lab.remote_requests()
    found = accessibility_problems(lab, "steering-walk", ARTIFACTS)
    assert not found, f"axe-core finds WCAG 2.1 A/AA violations:\n{found}"

    # handed in as it is, then with another alliance picked as the one read differently:
    # nbgrader's autograde (in its sandbox) gives the first every automatic point, the second
    # loses Part 5's reading point and no other
    right = shutil.copytree(student_version, tmp_path / "right")
    other = next(n for n in names if n != t["reading"])
    page.get_by_role("radio", name=other, exact=True).click()
    lab.wait_idle()
    expect(page.get_by_role("radio", name=other, exact=True)).to_be_checked()
    grades = grade_walked(
        lab_server.root / "grading",
        NAME,
        {"walker": (right, number), "walker-x": (student_version, number)},
    )
    assert grades["walker"] and all(s == top > 0 for s, top in grades["walker"].values())
    lost = {g for g, (s, top) in grades["walker-x"].items() if s < top}
    assert lost == {"portfolio_reading"}, grades["walker-x"]
