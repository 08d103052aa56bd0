"""Every lesson, run in JupyterLab in a real Chromium, as a student sees it.

For each notebook in notebooks/ (new lessons are picked up by themselves): open it, Run All,
wait for the kernel to go idle, then check that no cell shows an error, every widget was
drawn (no "Loading widget..." nor "Error displaying widget"), every chart was drawn as SVG or
canvas, no request left the machine, and axe-core finds no WCAG 2.1 A or AA violation in the
outputs (what the course draws; JupyterLab's own interface is not the course's). A screenshot
of each lesson goes to test-artifacts/screenshots/, axe-core's findings to
test-artifacts/accessibility/.

Then, in the same session (no second Run All), lessons 01 to 05 are walked as a participant
who edits no code cell works through them (:data:`KEYBOARD_WALKS`): lesson 01's simulator with
the keyboard only (:func:`walk_the_simulator_by_keyboard`), and every exercise of each lesson
answered with mouse and keyboard in its widgets (number boxes typed into, radio buttons, check
boxes and drop-downs picked by the names they show, the sorter's and the builder's buttons
clicked, a slider moved with the arrow keys). The right answers are derived in the test process
from the toolkit (the lesson's data and models) and first shown to pass the lesson's own check
there; lesson 02's case design and lesson 05's escalation fix are judgements, written here as a
participant's plan and likewise shown to pass before they are made in the browser. Each check
cell is then run again with Shift+Enter and must say "These checks passed" with no check
failed, and every exercise of the lesson, marked "not started" or "attempted" before the walk,
must be marked "checks passed" in the progress record that 00-start-here's progress view shows
(read with the toolkit's own progress API from the lab server's course home).
"""

import json
import re
import tempfile
from pathlib import Path

import pytest
from conftest import ARTIFACTS, NOTEBOOKS, environ_set
from labdriver import accessibility_problems
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "screenshots"
# the lesson's first chart (in a widget or as an output): what its screenshot centres on
FIRST_CHART = (
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output "
    ":is(svg[role=img], img[src^='data:image/svg'], canvas)"
)


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_lesson_runs_in_the_browser(lab, name):
    """After Run All in JupyterLab, is every widget and chart drawn, with no error, offline?"""
    path = f"notebooks/{name}"
    lab.open(path)
    lab.screenshot(SHOTS / f"{name[:-6]}-top.png")
    lab.run_all()
    lab.save()
    chart = lab.page.locator(FIRST_CHART).first
    lab.screenshot(SHOTS / f"{name[:-6]}.png", at=chart if chart.count() else None, block="center")

    problems = lab.problems(path)
    assert not problems, f"{name} in JupyterLab:\n" + "\n".join(problems)
    # lessons are widget-first: a lesson with nothing drawn means pictures fell back to text
    assert lab.charts_drawn() + lab.widgets_drawn() > 0, f"{name} shows no chart and no widget"
    remote = lab.remote_requests()
    assert not remote, f"{name} made requests that left the machine: {remote}"
    assert any(u.startswith(lab.server.base) for u in lab.requests), "no request was recorded"
    found = accessibility_problems(lab, name[:-6], ARTIFACTS)
    assert not found, f"{name}: axe-core finds WCAG 2.1 A/AA violations in the outputs:\n{found}"
    if name in KEYBOARD_WALKS:
        KEYBOARD_WALKS[name](lab)


def walk_the_simulator_by_keyboard(lab):
    """With the keyboard only: reach the magic-wand simulator, set the sales cycle with the
    arrow keys, read when revenue comes, type it as the guess, press "Check my guess" with
    Enter, and read the verdict (in a status box, which a screen reader announces)."""
    lab.select_cell_by_keyboard("MagicWandSimulator(")
    reached = lab.tab_to("Sales cycle")
    slider = reached[-1]
    assert slider["role"] == "slider" and slider["cell"].startswith("from toolkit.magic_wand")
    # every control before it is named (the scenario buttons, the effort slider)
    assert all(f["name"] for f in reached), reached
    start = int(slider["value"])
    widget = lab.code_cell("MagicWandSimulator(").locator(".jp-OutputArea")
    readout = widget.get_by_text(re.compile(r"The first revenue comes in month \d+"))
    for _ in range(3):  # each step a month longer: the first revenue comes a month later
        before = readout.text_content()
        lab.page.keyboard.press("ArrowRight")
        expect(readout).not_to_have_text(before)
    cycle = widget.get_by_role("slider", name="Sales cycle")
    expect(cycle).to_have_attribute("aria-valuetext", f"{start + 3} months")
    expect(cycle).to_be_focused()
    # what the widget says now, as a screen reader reads it: the readout and the chart's name
    lab.wait_idle()
    month = re.search(r"month (\d+)", readout.text_content()).group(1)
    chart = widget.locator("svg[role=img]")
    expect(chart).to_have_attribute("aria-label", re.compile(rf"month {month}\b"))

    lab.tab_to("Your guess")
    lab.page.keyboard.type(month, delay=200)  # a person's pace: each key reaches the kernel
    expect(widget.get_by_role("textbox", name="Your guess")).to_have_value(month)
    lab.wait_idle()
    assert lab.tab_to("Check my guess", limit=3)[-1]["tag"] == "button"
    lab.page.keyboard.press("Enter")
    verdict = widget.locator("[role=status]").filter(has_text="Right")
    expect(verdict).to_contain_text(f"the first revenue comes in month {month}")
    lab.screenshot(SHOTS / "keyboard-walk.png", at=widget)
    return int(month)


# --- the lesson exercises, answered with mouse and keyboard only ---------------------------
# Each walk runs after its lesson's Run All. The right answers are derived here, in the test
# process, from the toolkit (the lesson's data and models), and each is first shown to pass
# the lesson's own check; then the walk clicks and types it into the lesson's widgets, runs
# each check cell again with Shift+Enter, and reads "These checks passed" in it and "checks
# passed" for every exercise of the lesson in the progress record the 00-start-here progress
# view shows (read with the toolkit's own progress API from the lab server's course home).


def passes(check, answer) -> bool:
    """Does ``check(answer)``, run here in the test process, pass? (Its progress note goes to
    a scratch course home, never the lab server's.)"""
    with tempfile.TemporaryDirectory() as home, environ_set({"ALLIANCE_COURSE_HOME": home}):
        return check(answer).passed


def scratch_control(make):
    """A lesson control made here, in a scratch folder, to read the names it shows."""
    folder = Path(tempfile.mkdtemp())
    with environ_set({"ALLIANCE_COURSE_HOME": str(folder)}):
        return make(folder / "scratch.answer.json")


def output(lab, code: str):
    """The output area of the code cell containing ``code``."""
    return lab.code_cell(code).first.locator(".jp-OutputArea")


def type_number(box, number) -> None:
    """Click a number box, type ``number`` over what it holds, and press Enter to save it."""
    box.click()
    box.fill(str(number))
    box.press("Enter")


def answer_number(lab, code: str, question, number) -> None:
    """Type ``number`` into the box of ``question`` (named by its label and range), shown by
    the cell containing ``code``, and read the sentence saying what was answered."""
    answer = output(lab, code)
    type_number(
        answer.get_by_role("textbox", name=re.compile(f"^{re.escape(question.label)}")), number
    )
    expect(answer).to_contain_text(question.describe(number))


def lesson_marks(lab, notebook: str) -> dict[str, str]:
    """Each exercise of ``notebook`` with its mark, as the progress view of 00-start-here shows
    it, from the progress record the lab server's kernels keep."""
    from toolkit.selfstudy.view import table

    home = lab.server.root.parent / "home"
    with environ_set({"ALLIANCE_COURSE_HOME": str(home)}):
        rows = table()
    rows = rows[rows["notebook"] == notebook]
    return dict(zip(rows["exercise"], rows["status"], strict=True))


def checks_pass_and_marks_turn(lab, notebook: str, check_cells: list[str]) -> None:
    """Run each check cell again (Shift+Enter, as a participant does): each says its checks
    passed, and every exercise of the lesson is then marked "checks passed"."""
    from toolkit.selfstudy.progress import PASSED

    before = lesson_marks(lab, notebook)
    assert before and set(before.values()) != {PASSED}, f"{notebook} passed before its walk"
    for code in check_cells:
        cell = lab.code_cell(code)
        expect(cell).to_have_count(1)
        lab.run_cell(cell)
        shown = cell.locator(".jp-OutputArea")
        expect(shown).to_contain_text("These checks passed")
        expect(shown).not_to_contain_text("✘")
    after = lesson_marks(lab, notebook)
    assert set(after.values()) == {PASSED}, after


def walk_lesson_01(lab):
    """The simulator by keyboard, then the exercise: the first revenue month of a 9-month
    sales cycle typed into the exercise's box, and its check run again."""
    from toolkit.magic_wand.lesson import FIRST_REVENUE, check_first_revenue, first_revenue_question
    from toolkit.magic_wand.model import first_revenue_month, simulate

    walk_the_simulator_by_keyboard(lab)
    cycle = FIRST_REVENUE["sales_cycle"]
    month = first_revenue_month(simulate(FIRST_REVENUE["effort"], months=36, sales_cycle=cycle))
    assert passes(check_first_revenue, month)
    answer_number(lab, "answer_first_revenue()", first_revenue_question(), month)
    checks_pass_and_marks_turn(lab, "01-the-magic-wand.ipynb", ["check_first_revenue()"])


# The participant's design for lesson 02's case (a judgement, any workable lean design passes):
# body name, tier, the body it escalates to and after how many days, its members (person,
# which of the case's partners, role) and the decisions it owns.
CASE_BODIES = (
    (
        "Alliance Board",
        "steering",
        None,
        None,
        (
            ("Lena Vogt", 0, "executive_sponsor"),
            ("Jonas Brandt", 1, "executive_sponsor"),
            ("Mira Kaya", 0, "alliance_manager"),
            ("Paul Weber", 1, "alliance_manager"),
        ),
        ("strategy", "investment", "dispute_resolution"),
    ),
    (
        "Alliance Managers",
        "management",
        "Alliance Board",
        10,
        (("Mira Kaya", 0, "alliance_manager"), ("Paul Weber", 1, "alliance_manager")),
        ("joint_business_plan",),
    ),
    (
        "Joint Working Group",
        "operational",
        "Alliance Managers",
        5,
        (("Ole Jensen", 0, "functional_lead"), ("Sara Lind", 1, "functional_lead")),
        (),
    ),
)


def case_design_steps():
    """The builder's steps for :data:`CASE_BODIES`, each with the design it leaves (made here
    with the governance edits the builder's buttons call)."""
    from toolkit.governance import edits
    from toolkit.governance.edits import TYPICAL_CADENCE
    from toolkit.governance.lesson import CASE_ALLIANCE, CASE_PARTNERS, empty_case

    design = edits.set_alliance(empty_case(), CASE_ALLIANCE, ", ".join(CASE_PARTNERS))
    steps = []
    for index, (name, tier, up, days, members, decides) in enumerate(CASE_BODIES):
        cadence = TYPICAL_CADENCE[tier]  # typed: the box still shows the last body's
        design = edits.add_body(design, name, tier, str(cadence))
        steps.append(("body", (name, tier, cadence), design))
        if up:
            target = next(b.id for b in design.bodies if b.name == up)
            cadence = str(design.bodies[index].meets_every_days)
            design = edits.set_body(design, index, tier, cadence, target, str(days))
            steps.append(("escalation", (up, days), design))
        for person, partner, role in members:
            design = edits.add_member(design, index, person, CASE_PARTNERS[partner], role)
            steps.append(("member", (person, CASE_PARTNERS[partner], role), design))
        for decision in decides:
            design = edits.assign_decision(design, index, decision)
            steps.append(("decision", decision, design))
    return steps


def build_case_design(lab) -> None:
    """Lesson 02's builder, by mouse and keyboard: start over from an empty design, set the
    case's alliance and partners, then each body, its escalation, members and decisions."""
    from toolkit.governance.files import to_dict
    from toolkit.governance.lesson import CASE_ALLIANCE, CASE_PARTNERS, check_case_design
    from toolkit.governance.model import body_labels, name_of

    steps = case_design_steps()
    design = steps[-1][2]
    assert passes(check_case_design, design), "the walk's design does not pass the lesson's check"
    builder = output(lab, "GovernanceBuilder(")

    def press(button: str, then) -> None:
        lab.button(builder, button).click()
        expect(builder).to_contain_text(then)
        lab.wait_idle()

    lab.control(builder, "Start from", "select").select_option(label="an empty design")
    press("Start over", "Started an empty design")
    lab.control(builder, "Alliance").fill(CASE_ALLIANCE)
    lab.control(builder, "Partners").fill(", ".join(CASE_PARTNERS))
    press("Set alliance", "Alliance and partners set.")
    for kind, what, after in steps:
        if kind == "body":
            name, tier, cadence = what
            lab.control(builder, "Name").fill(name)
            lab.control(builder, "Tier", "select").select_option(label=name_of(tier))
            lab.control(builder, "Meets every").fill(str(cadence))
            press("Add body", f"Added {name}.")
        elif kind == "escalation":
            up, days = what
            target = body_labels(after)[[b.name for b in after.bodies].index(up)]
            lab.control(builder, "Escalates to", "select").select_option(label=target)
            lab.control(builder, "after (days)").fill(str(days))
            press("Apply settings", re.compile(r"Settings of the .+ applied\."))
        elif kind == "member":
            person, partner, role = what
            lab.control(builder, "Person").fill(person)
            lab.control(builder, "Partner").fill(partner)
            lab.control(builder, "Role", "select").select_option(label=name_of(role))
            press("Add member", f"Added {person} to the ")
        else:
            lab.control(builder, "Decision").fill(name_of(what))
            press("Give to body", f"{name_of(what)} given to the ")
    expect(builder).to_contain_text("Workable: no errors")
    saved = json.loads((lab.server.root / "notebooks" / "my-governance.json").read_text())
    assert saved == to_dict(design)


def walk_lesson_02(lab):
    """The partner without a sponsor picked by its name, and the case's lean design built in
    the builder; both checks run again."""
    from toolkit.governance.lesson import check_missing_sponsor, missing_sponsor_question

    question = missing_sponsor_question()
    (partner,) = [p for p in question.options if passes(check_missing_sponsor, p)]
    answer = output(lab, "answer_missing_sponsor()")
    answer.get_by_role("radio", name=question.options[partner], exact=True).click()
    expect(answer).to_contain_text(question.describe(partner))
    lab.wait_idle()
    build_case_design(lab)
    checks_pass_and_marks_turn(
        lab,
        "02-governance-structures.ipynb",
        ["check_missing_sponsor()", "check_case_design(builder.design)"],
    )


def walk_lesson_03(lab):
    """Every metric sorted in the sorter (picked in its drop-down, then Leading or Lagging
    clicked, as the catalogue says); the young alliance's period set in its explorer with the
    arrow keys and its verdict read, then answered (a number, or "The data cannot tell yet");
    Harbor's lag typed into its box; the three checks run again."""
    from toolkit import data
    from toolkit.indicators import best_lag
    from toolkit.indicators.catalogue import METRICS
    from toolkit.indicators.lesson import (
        LAG,
        YOUNG,
        best_lag_question,
        check_best_lag,
        check_sorting,
        check_young_alliance,
        young_question,
    )
    from toolkit.ui.answers import CANNOT_TELL, CANNOT_TELL_TEXT

    kinds = {m.name: m.kind for m in METRICS}
    assert passes(check_sorting, kinds)
    sorter = output(lab, "MetricSorter()")
    picker = lab.control(sorter, "Metric", "select")
    for metric in METRICS:
        picker.select_option(label=metric.label)
        lab.wait_idle()
        expect(sorter).to_contain_text(metric.definition)
        lab.button(sorter, metric.kind.capitalize()).click()
        # the sorter then moves on to the next metric itself: let it, before picking another
        expect(sorter).to_contain_text(f"Right: {metric.label} is a {metric.kind} ")
        lab.wait_idle()
    expect(sorter).to_contain_text(f"{len(METRICS)} of {len(METRICS)} metrics sorted")

    def series(alliance, months=None):
        lead, lagging = (data.series(alliance, LAG[k]) for k in ("leading", "lagging"))
        return (lead, lagging) if months is None else (lead.loc[:months], lagging.loc[:months])

    # the young alliance: read its first months in the explorer, then answer
    young = best_lag(*series(YOUNG["alliance"], YOUNG["months"])).lag
    explorer = output(lab, "young_alliance_explorer()")
    last = explorer.get_by_role("slider", name="To month")
    last.focus()
    for _ in range(int(last.input_value()) - YOUNG["months"]):
        last.press("ArrowLeft")
    expect(last).to_have_attribute("aria-valuetext", re.compile(rf"^{YOUNG['months']}\b"))
    lab.wait_idle()
    verdict = "The data cannot tell yet" if young is None else f"by about {young} months"
    expect(explorer).to_contain_text(f"{YOUNG['alliance']}, months 1 to {YOUNG['months']}:")
    expect(explorer).to_contain_text(verdict)
    answer = output(lab, "answer_young_alliance()")
    if young is None:
        assert passes(check_young_alliance, "cannot tell yet")
        answer.get_by_role("checkbox", name=CANNOT_TELL_TEXT).check()
        expect(answer).to_contain_text(young_question().describe(CANNOT_TELL))
    else:
        assert passes(check_young_alliance, young)
        answer_number(lab, "answer_young_alliance()", young_question(), young)
    lab.wait_idle()

    lag = best_lag(*series(LAG["alliance"])).lag
    assert passes(check_best_lag, lag)
    answer_number(lab, "answer_best_lag()", best_lag_question(), lag)
    checks_pass_and_marks_turn(
        lab,
        "03-leading-and-lagging-indicators.ipynb",
        ["check_sorting()", "check_young_alliance()", "check_best_lag()"],
    )


def walk_lesson_04(lab):
    """The lesson's own example targets (``DEFAULT_TARGETS``, shown at its top) typed into the
    scorecard's boxes, and the largest gap of Bluepeak's survey picked by its name; both checks
    run again."""
    from toolkit import data
    from toolkit.health.lesson import GAP, check_largest_gap, gap_question
    from toolkit.health.model import perception_gaps
    from toolkit.scorecard.lesson import answer_scorecard, check_scorecard
    from toolkit.scorecard.model import DEFAULT_TARGETS

    assert passes(check_scorecard, DEFAULT_TARGETS)
    boxes = scratch_control(answer_scorecard).boxes
    card = output(lab, "answer_scorecard()")
    for metric, target in DEFAULT_TARGETS.items():
        name = boxes[metric, "target"].description
        type_number(card.get_by_role("textbox", name=name, exact=True), target)
    lab.wait_idle()

    gaps = perception_gaps(data.survey(GAP["alliance"], quarter=GAP["quarter"]))
    largest = gaps["gap"].idxmax()
    assert passes(check_largest_gap, largest)
    question = gap_question()
    answer = output(lab, "answer_largest_gap()")
    answer.get_by_role("radio", name=question.options[largest], exact=True).click()
    expect(answer).to_contain_text(question.describe(largest))
    lab.wait_idle()
    checks_pass_and_marks_turn(
        lab, "04-governance-tools.ipynb", ["check_scorecard()", "check_largest_gap()"]
    )


# The participant's fix of lesson 05's escalation (a judgement: any fix that settles the issue
# in time passes): a time limit, in days, for the body where the issue is raised (where it
# stalls) and one for the body that owns its decision.
ESCALATION_LIMITS = {"raised at": 5, "owner": 10}


def walk_lesson_05(lab):
    """The items the meeting must discuss ticked, each agenda item sent to its body, the
    escalation fixed with two time limits, the blocked proposals ticked, the plan's two
    numbers typed, and a call picked for each alliance; the six checks run again."""
    from toolkit.steering import AgendaRouter, EscalationWalk, SteeringDashboard
    from toolkit.steering.agenda.lesson import check_agenda
    from toolkit.steering.agenda.model import AGENDA, constellation_design, owners_of, route
    from toolkit.steering.dashboard.lesson import DISCUSS, check_discussion
    from toolkit.steering.dashboard.model import discussion_plan, quarterly_dashboard
    from toolkit.steering.decisions.lesson import blocked_question, check_blocked
    from toolkit.steering.decisions.model import PROPOSALS, outcome
    from toolkit.steering.escalation.lesson import ESCALATION_ISSUE, check_escalation
    from toolkit.steering.escalation.model import issue_named
    from toolkit.steering.plan.lesson import PLAN, answer_plan, check_plan, plan_question
    from toolkit.steering.plan.model import plan_backwards
    from toolkit.steering.portfolio.lesson import (
        PORTFOLIO_ALLIANCES,
        calls_question,
        check_portfolio,
    )
    from toolkit.steering.portfolio.model import portfolio

    # the dashboard: exactly the items the meeting must discuss ticked
    plan = discussion_plan(quarterly_dashboard(DISCUSS["alliance"], DISCUSS["quarter"]))
    must = [key for key, item in plan.items() if item.verdict == "must"]
    assert passes(check_discussion, must)
    shown = scratch_control(
        lambda path: SteeringDashboard(
            DISCUSS["alliance"], DISCUSS["quarter"], path=path, charts=False
        )
    )
    board = output(lab, "SteeringDashboard(")
    for key in plan:
        name = shown.boxes[key].description
        board.get_by_role("checkbox", name=name, exact=True).set_checked(key in must)
        lab.wait_idle()

    # the agenda: each item to the body that owns its decision (by the names the router shows)
    design = constellation_design()
    routing = {item.id: route(design, item.decision)[0] for item in AGENDA}
    assert passes(check_agenda, routing)
    shown = scratch_control(lambda path: AgendaRouter(path=path, chart=False))
    router = output(lab, "AgendaRouter()")
    for item in AGENDA:
        names = {key: label for label, key in shown.pickers[item.id].options}
        lab.control(router, item.title, "select").select_option(label=names[routing[item.id]])
        lab.wait_idle()

    # the escalation: a time limit typed for each body of the fix, picked by its name
    issue = issue_named(ESCALATION_ISSUE)
    (owner,) = owners_of(design, issue.decision)
    fix = {issue.start: ESCALATION_LIMITS["raised at"], owner.id: ESCALATION_LIMITS["owner"]}
    fixed = scratch_control(lambda path: EscalationWalk(path=path, chart=False))
    fixed.issue.value = issue.id
    walk = output(lab, "EscalationWalk()")
    lab.control(walk, "Issue", "select").select_option(label=issue.title)
    lab.wait_idle()
    for body, days in fix.items():
        fixed.body.value, fixed.limit.value = body, str(days)
        names = {key: label for label, key in fixed.body.options}
        lab.control(walk, "Change the body", "select").select_option(label=names[body])
        lab.wait_idle()
        type_number(lab.control(walk, "Time limit in days (blank: none)"), days)
        lab.wait_idle()
    assert passes(check_escalation, fixed.design), fixed.walk.summary()
    expect(walk).to_contain_text(fixed.walk.summary())

    # consensus: the proposals it leaves blocked, ticked by their titles
    question = blocked_question()
    blocked = [p.id for p in PROPOSALS if outcome(p.votes, "consensus") == "blocked"]
    assert passes(check_blocked, blocked)
    ticks = output(lab, "answer_blocked()")
    for key, title in question.options.items():
        ticks.get_by_role("checkbox", name=title, exact=True).set_checked(key in blocked)
    expect(ticks).to_contain_text(question.describe(blocked))
    lab.wait_idle()

    # the plan worked backwards: its registrations a month and the month they must run by
    steps = plan_backwards(PLAN["goal"], PLAN["funnel"]).loc["deal_registrations"]
    answer = {"registrations": int(steps["target"]), "month": int(steps["by_month"])}
    assert passes(check_plan, answer)
    boxes = scratch_control(answer_plan).boxes
    table = output(lab, "answer_plan()")
    for column, number in answer.items():
        name = boxes["deal_registrations", column].description
        type_number(table.get_by_role("textbox", name=name, exact=True), number)
    expect(table).to_contain_text(plan_question().describe({"deal_registrations": answer}))
    lab.wait_idle()

    # the portfolio: each alliance's call, picked in its drop-down by the call's name
    calls = {a: portfolio().loc[a, "call"] for a in PORTFOLIO_ALLIANCES}
    assert passes(check_portfolio, calls)
    question = calls_question()
    picks = output(lab, "answer_calls()")
    for alliance, call in calls.items():
        picks.get_by_role("combobox", name=alliance, exact=True).select_option(
            label=question.options[call]
        )
        lab.wait_idle()
    expect(picks).to_contain_text(question.describe(calls))
    checks_pass_and_marks_turn(
        lab,
        "05-the-steering-committee.ipynb",
        [
            "check_discussion(board.chosen)",
            "check_agenda(router.routing)",
            "check_escalation(walk.design)",
            "check_blocked(saved_blocked())",
            "check_plan(saved_plan())",
            "check_portfolio(saved_calls())",
        ],
    )


# lessons walked with mouse and keyboard only, after their Run All (one session per lesson)
KEYBOARD_WALKS = {
    "01-the-magic-wand.ipynb": walk_lesson_01,
    "02-governance-structures.ipynb": walk_lesson_02,
    "03-leading-and-lagging-indicators.ipynb": walk_lesson_03,
    "04-governance-tools.ipynb": walk_lesson_04,
    "05-the-steering-committee.ipynb": walk_lesson_05,
}
