"""The workbook (06-your-alliance) in JupyterLab in a real Chromium, completed with widgets only.

One walk, as a participant does it, with the mouse and the keyboard: Run All on a fresh copy
(no saved alliance), then a made-up company's alliance (Fernhill Labs, a start-up, with Calder
Health) through every part of the notebook: the alliance and its partners; governance (the
builder started from the template of the right size, its review, the RACI with the rules'
messages, the escalation path with its time limits, the meeting cadence); metrics (two measures
from the catalogue and one named by the participant, their targets, their own monthly figures
typed into the spreadsheet the workbook wrote and loaded back, first by its path with too few
months for the lag -- "the data cannot tell yet" -- then, a quarter later, uploaded with the
full history -- a verdict); the scorecard with its status in words; the two-sided health check
and its gaps; an action plan; the joint business plan; and the take-home files. Then Kernel >
Restart Kernel and Run All Cells, and everything built comes back in the widgets.

Along the way: no request leaves the machine, every control Tab passes has a name, and
axe-core finds no WCAG 2.1 A or AA violation in the outputs.
"""

import json
import re
import time

import numpy as np
import openpyxl
import pytest
from conftest import ARTIFACTS
from labdriver import accessibility_problems
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "screenshots"
NOTEBOOK = "notebooks/06-your-alliance.ipynb"
ALLIANCE = "Fernhill + Calder"
PARTNERS = ("Fernhill Labs", "Calder Health")


def _output(lab, containing: str):
    return lab.code_cell(containing).locator(".jp-OutputArea")


def _box(scope, name: str):
    return scope.get_by_role("textbox", name=name, exact=True)


def _pick(scope, name: str):
    return scope.get_by_role("combobox", name=name, exact=True)


def _type(lab, box, text: str, leave: str = "Tab") -> None:
    """Click into a text box, replace what is there by typing, and leave it (Tab or Enter)."""
    box.click()
    lab.page.keyboard.press("Control+a")
    lab.page.keyboard.type(text, delay=10)
    lab.page.keyboard.press(leave)


def _letter(lab, select, letter: str) -> None:
    """Choose on a drop-down by typing the first letter of an option, as a keyboard user does.

    Chromium joins letters typed within a second into one search ("a" then "c" looks for an
    option starting "ac"), so a second letter waits for that second to pass, as a person's would.
    """
    lab.page.wait_for_timeout(1100)
    select.press(letter)


def _click(scope, name: str) -> None:
    # not exact: a button's name also holds its icon (Font Awesome draws it in ::before)
    scope.get_by_role("button", name=name).click()


def _type_into(lab, name: str, text: str, limit: int = 40) -> None:
    """Keyboard only: Tab to the box called ``name``, then type."""
    assert lab.tab_to(name, limit=limit)[-1]["tag"] == "input"
    lab.page.keyboard.press("Control+a")
    lab.page.keyboard.type(text, delay=20)


def _press(lab, name: str, limit: int = 40) -> None:
    """Keyboard only: Tab to the button called ``name`` and press Enter."""
    assert lab.tab_to(name, limit=limit)[-1]["tag"] == "button"
    lab.page.keyboard.press("Enter")
    lab.wait_idle()


def _saved(folder) -> dict:
    return json.loads((folder / "my-alliance.json").read_text(encoding="utf-8"))


def _saved_when(folder, landed, timeout: float = 15.0) -> dict:
    """The saved workbook once ``landed(saved)`` holds (or, after ``timeout`` s, as it is).

    What the page shows can be true before the kernel has handled the last keystroke (another
    row may say the same words), so a test that reads the file waits for the change to land.
    """
    deadline = time.monotonic() + timeout
    saved = _saved(folder)
    while not landed(saved) and time.monotonic() < deadline:
        time.sleep(0.1)
        saved = _saved(folder)
    return saved


# --- the made-up company's figures, typed into the spreadsheet as a person would ---------------


def monthly_figures(months: int = 30, lag: int = 3, seed: int = 11) -> dict:
    """Deal registrations and, 3 months behind them, revenue; the joint pilots running."""
    rng = np.random.default_rng(seed)
    steps = rng.normal(0.8, 3, months + lag).cumsum()
    work = np.maximum(30 + steps + 12 * (rng.random(months + lag) < 0.2), 4)
    return {
        f"{2025 + i // 12}-{i % 12 + 1:02d}": {
            "deal_registrations": round(float(work[lag + i]), 1),
            "sourced_revenue": round(float(work[i]) * 11, 1),
            "joint_pilots": 1 + i % 3,
        }
        for i in range(months)
    }


def fill_in_months(path, figures: dict) -> None:
    """The months sheet filled in, one row a month, in the columns the workbook wrote."""
    book = openpyxl.load_workbook(path)
    sheet = book["months"]
    header = [c.value for c in sheet[1]]
    assert header == ["month", "deal_registrations", "sourced_revenue", "joint_pilots"], header
    for r, (month, values) in enumerate(sorted(figures.items()), start=2):
        sheet.cell(r, 1, month)
        for c, name in enumerate(header[1:], start=2):
            sheet.cell(r, c, values[name])
    book.save(path)


# --- the walk, part by part ----------------------------------------------------------------------


def describe_the_alliance(lab, folder) -> None:
    """Keyboard only: the alliance's name, partners, what each brings and needs; its stage."""
    lab.select_cell_by_keyboard("book.about()")
    _type_into(lab, "Alliance name", ALLIANCE)
    _type_into(lab, "Partner 1", PARTNERS[0], limit=3)
    _type_into(lab, "What partner 1 brings", "Cold-chain sensors and a nimble team", limit=3)
    _type_into(lab, "What partner 1 needs", "Hospital customers", limit=3)
    _type_into(lab, "Partner 2", PARTNERS[1], limit=3)
    _type_into(lab, "What partner 2 brings", "300 hospital accounts", limit=3)
    _type_into(lab, "What partner 2 needs", "A product that cuts spoilage", limit=3)
    stage = lab.tab_to("Stage", limit=10)[-1]
    assert stage["tag"] == "select" and stage["value"] == "Launch", stage
    _press(lab, "Save the alliance", limit=3)
    expect(_output(lab, "book.about()").get_by_role("status")).to_contain_text("Saved")
    saved = _saved(folder)
    assert [p["name"] for p in saved["partners"]] == list(PARTNERS)
    assert saved["partners"][1]["needs"] == "A product that cuts spoilage"
    assert saved["stage"] == "launch"


def design_the_governance(lab, folder) -> None:
    """The builder from the template it suggests, its review, the first meeting, into the
    charter; with the keyboard on from the Save button."""
    governance = _output(lab, "book.governance()")
    expect(governance).to_contain_text("the template of the right size is lean-startup-enterprise")
    _press(lab, "Start over", limit=10)
    builder_said = governance.get_by_role("status").first
    expect(builder_said).to_contain_text("Fernhill Labs in the seats of Brightpath")
    expect(governance.get_by_text("Workable: no errors")).to_be_visible()
    _type_into(lab, "First meeting of every body (YYYY-MM-DD)", "2027-01-11", limit=60)
    _press(lab, "Use this design in my charter", limit=3)
    expect(governance.get_by_role("status").last).to_contain_text("The design is in your charter")
    saved = _saved(folder)
    assert saved["design"]["partners"] == list(PARTNERS)
    assert saved["raci"] and saved["meetings"] and saved["escalation"]


def set_the_decision_rights(lab, folder) -> None:
    """The RACI with the keyboard (a typed letter chooses): two accountable bodies for the
    strategy are refused by the rule in words, one again is fine."""
    rights = _output(lab, "book.decision_rights()")
    expect(_pick(rights, "Strategy: Alliance Board")).to_have_value("A: accountable")
    gtm = _pick(rights, "Strategy: Joint Go-to-Market Group")
    _letter(lab, gtm, "a")  # "A: accountable"
    expect(rights).to_contain_text(
        "strategy: Alliance Board and Joint Go-to-Market Group are all accountable"
    )
    expect(rights).to_contain_text("a decision with two owners waits for both")
    _letter(lab, gtm, "c")  # "C: consulted"
    expect(rights).to_contain_text("Checked: no problem found")
    expect(rights).not_to_contain_text("are all accountable")
    assert _saved(folder)["raci"]["strategy"]["Joint Go-to-Market Group"] == "C"


def set_the_escalation_path(lab, folder) -> None:
    """Time limits typed (a word is refused in a sentence), arbitration as the last resort."""
    path = _output(lab, "book.escalation()")
    days = _box(path, "Joint working group: days before it goes up")
    _type(lab, days, "five")
    expect(path.get_by_role("alert")).to_contain_text("write a whole number")
    _type(lab, days, "7", leave="Enter")
    expect(path).to_contain_text("7 days, then up")
    _pick(path, "Then, if the chief executives cannot settle it").select_option("Arbitration")
    _type(lab, _box(path, "Who mediates or arbitrates"), "ICC arbitration, Geneva")
    expect(path).to_contain_text("ICC arbitration, Geneva")
    expect(path).to_contain_text("Checked: no problem found")
    steps = _saved(folder)["escalation"]
    assert steps[0]["days"] == 7 and steps[-1]["level"] == "arbitration"


def set_the_meetings(lab, folder) -> None:
    meetings = _output(lab, "book.meetings()")
    every = _box(meetings, "Joint Go-to-Market Group: meets every (days)")
    expect(every).to_have_value("7")
    _type(lab, every, "14")
    expect(meetings).to_contain_text("every 14 days")
    expect(meetings).to_contain_text("meetings in the year from 2027-01-11")

    def cadence(saved: dict) -> dict:
        return {m["body"]: m["every_days"] for m in saved["meetings"]}

    saved = _saved_when(folder, lambda s: cadence(s).get("Joint Go-to-Market Group") == 14)
    assert cadence(saved)["Joint Go-to-Market Group"] == 14


def choose_the_measures(lab, folder) -> None:
    """Two measures from the catalogue and one of the participant's own, with targets."""
    measures = _output(lab, "book.measures()")
    catalogue = _pick(measures, "From the catalogue")
    for label, target in (("Deal registrations (leading)", "40"),
                          ("Partner-sourced revenue (lagging)", "450")):  # fmt: skip
        catalogue.select_option(label=label)
        _type(lab, _box(measures, "Its quarterly target"), target)
        _click(measures, "Add this measure")
        expect(measures.locator("table")).to_contain_text(label.split(" (")[0])
    _type(lab, _box(measures, "Or name your own measure"), "Joint pilots")
    _pick(measures, "Its kind").select_option("leading")
    _pick(measures, "Its perspective").select_option("relationship")
    _type(lab, _box(measures, "Its unit"), "pilots running")
    _type(lab, _box(measures, "Quarterly target of your measure"), "2")
    _click(measures, "Add my own measure")
    expect(measures.locator("table")).to_contain_text("Joint pilots")
    kinds = {m["name"]: m["kind"] for m in _saved(folder)["measures"]}
    assert kinds == {
        "deal_registrations": "leading",
        "sourced_revenue": "lagging",
        "joint_pilots": "leading",
    }


def load_the_figures(lab, folder, figures: dict) -> None:
    """The spreadsheet written by the workbook, its first 8 months typed in and loaded by its
    path: the scorecard has actuals, and the lag reading says the data cannot tell yet."""
    part = _output(lab, "book.figures()")
    _click(part, "Write the spreadsheet")
    expect(part.get_by_role("status")).to_contain_text("Written: my-alliance.xlsx")
    first = dict(sorted(figures.items())[:8])
    fill_in_months(folder / "my-alliance.xlsx", first)
    expect(_box(part, "Or its path")).to_have_value(re.compile(r"my-alliance\.xlsx$"))
    _press(lab, "Load this file", limit=4)  # on with the keyboard from the button just clicked
    expect(part.get_by_role("status")).to_contain_text("Loaded my-alliance.xlsx: 8 months")
    expect(part.get_by_role("table")).to_contain_text("Aug 2025")

    card = _output(lab, "book.scorecard()")
    expect(card).to_contain_text("Deal registrations: ")
    expect(card).to_contain_text("against a target of 40 in 2025 Q3 —")

    lag = _output(lab, "book.lag()")
    expect(_pick(lag, "Leading measure")).to_have_value("Deal registrations")
    _letter(lab, _pick(lag, "Leading measure"), "j")  # Joint pilots, with the keyboard
    expect(lag).to_contain_text("follows joint pilots")
    _letter(lab, _pick(lag, "Leading measure"), "d")  # back to Deal registrations
    expect(_pick(lag, "Lagging measure")).to_have_value("Partner-sourced revenue")
    expect(lag).to_contain_text("The data cannot tell yet by how many months")
    expect(lag).to_contain_text("What to tell an executive: It is too early to say")
    expect(lag).to_contain_text("we will read the lag again with about")


def load_a_quarter_later(lab, folder, figures: dict) -> None:
    """The same file with the whole history, uploaded with the upload control (a click): the
    figures, the scorecard and the lag reading update, now with a verdict."""
    fill_in_months(folder / "my-alliance.xlsx", figures)
    part = _output(lab, "book.figures()")
    upload = part.get_by_role("button", name=re.compile("Upload the filled-in file"))
    with lab.page.expect_file_chooser() as chooser:
        upload.click()
    chooser.value.set_files(str(folder / "my-alliance.xlsx"))
    expect(part.get_by_role("status")).to_contain_text(
        "Loaded uploaded-my-alliance.xlsx: 30 months"
    )
    expect(part.get_by_role("table")).to_contain_text("Jun 2027")
    card = _output(lab, "book.scorecard()")
    expect(card).to_contain_text("against a target of 40 in 2027 Q2 — green, on target.")
    expect(card).to_contain_text("Joint pilots: 2 pilots running against a target of 2 in 2027 Q2")
    lag = _output(lab, "book.lag()")
    expect(lag).to_contain_text("Partner-sourced revenue follows deal registrations by about 3")
    expect(lag).to_contain_text("judge the alliance now by deal registrations")
    assert len(_saved(folder)["figures"]) == 30


def run_the_health_check(lab, folder) -> None:
    """Two people of each side answer; the gaps chart and table show commitment."""
    health = _output(lab, "book.health()")
    for side, commitment in ((PARTNERS[0], "5"), (PARTNERS[1], "2")):
        for person in (1, 2):
            _pick(health, "Side (partner)").select_option(side)
            _type(lab, _box(health, "Who answered (a name or initials)"), f"{side[0]}{person}")
            for dimension in ("Trust", "Communication", "Commitment", "Strategic value",
                              "Operational effectiveness", "Governance"):  # fmt: skip
                score = commitment if dimension == "Commitment" else "4"
                _pick(health, f"{dimension} (1-5)").select_option(score)
            _click(health, "Add this answer")
            expect(health.get_by_role("status")).to_contain_text("Saved")
    expect(health).to_contain_text("Answers so far: Fernhill Labs 2, Calder Health 2.")
    expect(health).to_contain_text("the widest gap is commitment (3.00 points)")
    gaps_chart = health.get_by_role("img", name=re.compile("the widest gap is commitment"))
    expect(gaps_chart).to_have_count(1)
    expect(health).to_contain_text("neither (the same)")
    assert len(_saved(folder)["survey"]) == 4


def plan_the_actions(lab, folder) -> None:
    actions = _output(lab, "book.actions()")
    _type(lab, _box(actions, "Action"), "Name a second Calder sponsor")
    _type(lab, _box(actions, "Owner"), "Ana Ruiz (Calder Health)")
    _type(lab, _box(actions, "Due (YYYY-MM-DD)"), "end of March")
    _click(actions, "Add this action")
    expect(actions.get_by_role("alert")).to_contain_text("Due: write a date as YYYY-MM-DD")
    _type(lab, _box(actions, "Due (YYYY-MM-DD)"), "2027-03-31")
    _pick(actions, "For the dimension").select_option("commitment")
    _click(actions, "Add this action")
    expect(actions.get_by_role("status")).to_contain_text("Saved")
    expect(_output(lab, "book.health()")).to_contain_text("Ana Ruiz (Calder Health)")
    assert _saved(folder)["actions"][0]["due"] == "2027-03-31"


def plan_the_business(lab, folder) -> None:
    plan = _output(lab, "book.plan()")
    _type(lab, _box(plan, "Partner-sourced revenue a month (k$)"), "400")
    _type(lab, _box(plan, "Joint work starts (YYYY-MM)"), "2027-01")
    _type(lab, _box(plan, "Goal reached by (YYYY-MM)"), "2028-06")
    _click(plan, "Work the plan backwards")
    expect(plan).to_contain_text("Goal: 400 k$ of partner-sourced revenue a month by Jun 2028")
    expect(plan).to_contain_text("Each target, worked backwards from the goal")
    assert _saved(folder)["goal"]["revenue"] == 400


def take_it_home(lab, folder) -> None:
    home = _output(lab, "book.take_home()")
    expect(_box(home, "The calendar's year starts (YYYY-MM-DD)")).to_have_value("2027-01-11")
    _click(home, "Write my charter, spreadsheet and calendar")
    expect(home.get_by_role("status").first).to_contain_text(
        "Your charter, spreadsheet and calendar"
    )
    expect(home).to_contain_text("These checks passed")
    expect(home).not_to_contain_text("✘")
    charter = (folder / "alliance-charter.html").read_text(encoding="utf-8")
    for seen in (f"{ALLIANCE}: alliance charter", "Ana Ruiz (Calder Health)",
                 "ICC arbitration, Geneva", "Joint pilots", "by about 3 months"):  # fmt: skip
        assert seen in charter, seen
    assert "Brightpath" not in charter and "Omnicorp" not in charter
    assert (folder / "alliance-meetings.ics").read_text().count("BEGIN:VEVENT") > 20
    sheet = openpyxl.load_workbook(folder / "my-alliance.xlsx")
    assert sheet["months"].max_row == 31 and "scorecard" in sheet.sheetnames
    lab.screenshot(SHOTS / "06-your-alliance-charter-written.png", at=home)


def restart_and_run_all(lab) -> None:
    """Kernel > Restart Kernel and Run All Cells, as a participant comes back to the workbook;
    waits until every cell has shown its new output."""
    lab.page.evaluate(
        """() => document.querySelectorAll(
             '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')
           .forEach((o) => o.setAttribute('data-before-restart', ''))"""
    )
    lab.menu("Kernel", "Restart Kernel and Run All Cells")
    lab.accept_dialog()
    lab.page.wait_for_function(
        """() => {
          const cells = [...document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell')];
          return cells.every((c) => !c.querySelector('.jp-OutputArea-output[data-before-restart]'))
            && cells.filter((c) => c.querySelector('.jp-OutputArea-output')).length >= 13;
        }""",
        timeout=180_000,
        polling=500,
    )
    lab.wait_all_run()


def check_nothing_is_lost(lab) -> None:
    """After the restart, every part shows what the participant built."""
    about = _output(lab, "book.about()")
    expect(_box(about, "Alliance name")).to_have_value(ALLIANCE)
    expect(_box(about, "Partner 2")).to_have_value(PARTNERS[1])
    expect(_box(about, "What partner 1 needs")).to_have_value("Hospital customers")
    expect(_pick(about, "Stage")).to_have_value("Launch")
    governance = _output(lab, "book.governance()")
    expect(_box(governance, "Partners")).to_have_value("Fernhill Labs, Calder Health")
    expect(governance.get_by_text("Workable: no errors")).to_be_visible()
    rights = _output(lab, "book.decision_rights()")
    expect(_pick(rights, "Strategy: Joint Go-to-Market Group")).to_have_value("C: consulted")
    expect(rights).to_contain_text("Checked: no problem found")
    path = _output(lab, "book.escalation()")
    expect(_box(path, "Joint working group: days before it goes up")).to_have_value("7")
    expect(_pick(path, "Then, if the chief executives cannot settle it")).to_have_value(
        "Arbitration"
    )
    expect(_box(path, "Who mediates or arbitrates")).to_have_value("ICC arbitration, Geneva")
    meetings = _output(lab, "book.meetings()")
    expect(_box(meetings, "Joint Go-to-Market Group: meets every (days)")).to_have_value("14")
    expect(_output(lab, "book.measures()").locator("table")).to_contain_text("pilots running")
    expect(_output(lab, "book.figures()").get_by_role("table")).to_contain_text("Jun 2027")
    expect(_output(lab, "book.scorecard()")).to_contain_text("2027 Q2 — green, on target.")
    lag = _output(lab, "book.lag()")
    expect(_pick(lag, "Leading measure")).to_have_value("Deal registrations")
    expect(lag).to_contain_text("follows deal registrations by about 3")
    health = _output(lab, "book.health()")
    expect(health).to_contain_text("Answers so far: Fernhill Labs 2, Calder Health 2.")
    expect(health).to_contain_text("Ana Ruiz (Calder Health)")
    actions = _output(lab, "book.actions()")
    expect(_pick(actions, "Action to remove")).to_contain_text("Name a second Calder sponsor")
    plan = _output(lab, "book.plan()")
    expect(_box(plan, "Partner-sourced revenue a month (k$)")).to_have_value("400")
    expect(_box(plan, "Goal reached by (YYYY-MM)")).to_have_value("2028-06")
    expect(plan).to_contain_text("Each target, worked backwards from the goal")
    home = _output(lab, "book.take_home()")
    expect(_box(home, "The calendar's year starts (YYYY-MM-DD)")).to_have_value("2027-01-11")
    expect(home).to_contain_text("Already in your folder: alliance-charter.html")


def test_the_whole_workbook_with_widgets_only_survives_a_restart(lab):
    """Can a made-up company's alliance be completed in every part of the workbook with the
    mouse and keyboard only, the take-home files written, and does all of it come back after
    Kernel > Restart Kernel and Run All, with no request leaving the machine, every control
    named and no WCAG 2.1 A/AA violation?"""
    folder = lab.server.root / "notebooks"
    for old in [*folder.glob("my-alliance*"), *folder.glob("alliance-*"), *folder.glob("upl*")]:
        old.unlink()
    figures = monthly_figures()
    lab.open(NOTEBOOK)
    lab.run_all()
    problems = lab.problems(NOTEBOOK)
    assert not problems, "\n".join(problems)

    describe_the_alliance(lab, folder)
    design_the_governance(lab, folder)
    set_the_decision_rights(lab, folder)
    set_the_escalation_path(lab, folder)
    set_the_meetings(lab, folder)
    choose_the_measures(lab, folder)
    load_the_figures(lab, folder, figures)
    load_a_quarter_later(lab, folder, figures)
    run_the_health_check(lab, folder)
    plan_the_actions(lab, folder)
    plan_the_business(lab, folder)
    take_it_home(lab, folder)
    tracebacks = [c["index"] for c in lab.cells() if "Traceback" in c["text"]]
    assert not tracebacks, f"cells showing a traceback: {tracebacks}"

    restart_and_run_all(lab)
    problems = lab.problems(NOTEBOOK)
    assert not problems, "\n".join(problems)
    check_nothing_is_lost(lab)

    # every control Tab passes from the first part to the charter button has a name
    lab.select_cell_by_keyboard("book.about()")
    passed = lab.tab_to("Write my charter, spreadsheet and calendar", limit=400)
    controls = [f for f in passed if f["tag"] in ("input", "select", "button", "textarea")]
    unnamed = [f for f in controls if not f["name"]]
    assert not unnamed, unnamed
    assert len(controls) > 90, len(controls)  # every part's controls, no short cut past them

    found = accessibility_problems(lab, "06-your-alliance-workbook", ARTIFACTS)
    assert not found, f"axe-core finds WCAG 2.1 A/AA violations in the workbook:\n{found}"
    assert not lab.remote_requests()
