"""Every reaction a participant waits for in the course's controls: each under 50 ms.

A case builds a widget once as a notebook shows it (charts drawn, saving to a folder of its
own), then each repeat makes the next of a cycle of real changes, the way the browser does:
setting a control's value or clicking a button. No two changes in a row are the same, so
every repeat does the widget's whole work (check, save, redraw), never a no-op. Where a widget
keeps what it worked out for a state it may come back to (the steering dashboard's views, the
workbook's charter sections, figures table and lag reading), the case empties what was kept
before each timed move (untimed), so each figure is a first visit, never a kept result. Covered: the
answer controls (pick one, pick several, match each, a number, a table of numbers, "the data
cannot tell yet"), the governance builder's buttons and pickers, the steering widgets, the
student-id form and the own-alliance workbook's parts.
"""

from __future__ import annotations

import itertools
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from run import Case

import toolkit  # noqa: F401 - offline chart rendering, as in a notebook

TARGET_MS = 50


def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="bench-controls-"))


def reaction(
    name: str,
    build: Callable[[Path], object],
    moves: Sequence[Callable[[object], object]],
    *,
    repeat: int = 11,
    forget: Callable[[object], object] | None = None,
) -> Case:
    """A case: ``build(folder)`` makes the widget; each run makes the next of ``moves``.

    ``moves`` cycle, so their number should not divide into a no-op: each move changes what
    the one before it left. ``forget(widget)``, if given, runs before each timed move, untimed:
    it empties what the widget keeps for states it has seen, so the move is a first visit.
    """
    state: dict = {}

    def setup():
        state["widget"] = build(_folder())
        state["moves"] = itertools.cycle(moves)

    def run():
        next(state["moves"])(state["widget"])

    prepare = (lambda: forget(state["widget"])) if forget else None
    return Case(name, run, setup=setup, repeat=repeat, warmup=2, target=TARGET_MS, prepare=prepare)


def _forget_views(widget) -> None:
    """The steering dashboard's kept alliance/quarter views, and the dashboards behind them."""
    from toolkit.steering.dashboard import model

    widget._views.clear()
    model._course_dashboard.cache_clear()


def _forget_workbook(part) -> None:
    """The workbook as a new kernel has it once notebook 06 has run: nothing kept by content
    (charter sections, figures tables, lag readings, scorecards, plans) but what the parts'
    own views worked out as they were drawn, as the participant saw them before clicking."""
    from toolkit.own_alliance.charter import forget_kept

    forget_kept()
    for each in part.every_part.values():
        each.refresh()


def _set(attribute: str, *values):
    """Moves that set ``widget.<attribute>.value`` to each of ``values`` in turn."""

    def mover(value):
        def move(widget):
            control = widget
            for part in attribute.split("."):
                control = control[part] if isinstance(control, dict) else getattr(control, part)
            control.value = value

        return move

    return [mover(v) for v in values]


def _click(attribute: str):
    def move(widget):
        control = widget
        for part in attribute.split("."):
            control = getattr(control, part)
        control.click()

    return move


# --- the answer controls, on the steering-committee assignment's practice case ------------
def _steering(make: str, **kwargs):
    def build(folder: Path):
        from toolkit.steering import assignment
        from toolkit.steering.cases import case_for

        return getattr(assignment, make)(case_for(0), folder / f"{make}.answer.json", **kwargs)

    return build


def _dropdown(folder: Path):
    """The portfolio question as a drop-down (the shape a long list of options takes)."""
    from toolkit.steering.assignment import reading_question
    from toolkit.steering.cases import case_for
    from toolkit.ui.answers import answer_control

    return answer_control(
        reading_question(case_for(0)), folder / "reading.answer.json", variant=0, dropdown=True
    )


def _saved(widget) -> None:
    assert widget.message.value == "", widget.message.value


def _pick_one(widget, position):
    widget.choices.value = [position]
    _saved(widget)


def _young_lag(folder: Path):
    from toolkit.indicators.lesson import answer_young_alliance

    return answer_young_alliance(str(folder / "my-young.answer.json"))


def _several(widget, positions):
    widget.choices.value = positions
    _saved(widget)


def _match(index, position):
    def move(widget):
        widget.pickers[index].value = [position]
        _saved(widget)

    return move


def _typed(box: str, text: str):
    def move(widget):
        getattr(widget, box).value = text

    return move


def _cell(row: str, column: str, text: str):
    def move(widget):
        widget.boxes[row, column].value = text
        _saved(widget)

    return move


def _tell(told: bool):
    def move(widget):
        widget.cannot_tell.value = told

    return move


ANSWERS = [
    reaction(
        "answer: pick one (radio buttons)",
        _steering("answer_late_issue"),
        [lambda w, p=p: _pick_one(w, p) for p in (0, 1, 2)],
    ),
    reaction(
        "answer: pick one (drop-down)",
        _dropdown,
        [lambda w, p=p: _pick_one(w, p) for p in (0, 3, 5)],
    ),
    reaction(
        "answer: pick several (check boxes)",
        _steering("answer_must"),
        [lambda w, p=p: _several(w, p) for p in ([0], [0, 2], [1, 2, 4], [])],
    ),
    reaction(
        "answer: match each (agenda item to a body)",
        _steering("answer_owners"),
        [_match(i, p) for i, p in ((0, 1), (0, 2), (3, 0), (3, 1))],
    ),
    reaction(
        "answer: match each (portfolio calls)",
        _steering("answer_calls"),
        [_match(i, p) for i, p in ((1, 0), (1, 3), (5, 2), (5, 1))],
    ),
    reaction(
        "answer: a number (typed)",
        _young_lag,
        [_typed("number", t) for t in ("3", "7", "40", "11")],
    ),
    reaction(
        "answer: the data cannot tell yet (ticked, cleared)",
        _young_lag,
        [_tell(True), _tell(False)],
    ),
    reaction(
        "answer: a table of numbers (plan targets)",
        _steering("answer_plan"),
        [_cell("partner_leads", "target", t) for t in ("400", "450", "500")]
        + [_cell("deal_registrations", "by_month", m) for m in ("4", "5")],
    ),
    reaction(
        "answer: a table of numbers (time limits)",
        _steering("answer_limits"),
        [
            _cell(body, "days", d)
            for body, d in (("gtm", "10"), ("gtm", "14"), ("architecture", "7"))
        ],
    ),
]


# --- the steering widgets of lesson 05, charts drawn ----------------------------------------
def _router(folder):
    from toolkit.steering.agenda.widget import AgendaRouter

    return AgendaRouter(path=folder / "my-agenda.json")


def _planner(folder):
    from toolkit.steering.plan.widget import BusinessPlanner

    return BusinessPlanner(path=folder / "my-business-plan.json")


def _portfolio(folder):
    from toolkit.steering.portfolio.widget import PortfolioMap

    return PortfolioMap(path=folder / "my-portfolio.json")


def _rules(folder):
    from toolkit.steering.decisions.widget import DecisionRules

    return DecisionRules(path=folder / "my-decision-rules.json")


def _dashboard(folder):
    from toolkit.steering.dashboard.widget import SteeringDashboard

    return SteeringDashboard("Constellation", 16, path=folder / "my-dashboard.json")


def _walk(folder):
    from toolkit.steering.escalation.widget import EscalationWalk

    return EscalationWalk(path=folder / "my-escalation.json")


def _vote(proposal: int, partner: int):
    def move(widget):
        box = list(list(widget.votes.values())[proposal].values())[partner]
        box.value = not box.value

    return move


def _tick(index: int):
    def move(widget):
        box = list(widget.boxes.values())[index]
        box.value = not box.value

    return move


def _reset_after(move, reset: str):
    """A change, then the reset button: two moves, each a real change."""
    return [move, _click(reset)]


STEERING = [
    reaction(
        "agenda router: an item sent to a body",
        _router,
        _set("pickers.framework-discount", "management", "steering", "bids"),
    ),
    *(
        reaction(f"business planner: {name} slider", _planner, _set(name, *values))
        for name, values in (
            ("revenue", (1200, 1250, 1300)),
            ("month", (20, 24, 30)),
            ("deal_size", (90, 100, 120)),
            ("win_rate", (0.25, 0.3, 0.35)),
            ("accept_rate", (0.5, 0.6, 0.7)),
            ("qualify_rate", (0.3, 0.4, 0.5)),
            ("sales_cycle", (4, 6, 8)),
        )
    ),
    reaction(
        "portfolio map: an importance slider", _portfolio, _set("sliders.Pixel", 4.0, 2.0, 3.5)
    ),
    reaction(
        "portfolio map: the course's ratings back (button)",
        _portfolio,
        _reset_after(_set("sliders.Pixel", 4.5)[0], "reset_button"),
    ),
    reaction("decision rules: a vote ticked", _rules, [_vote(0, 1), _vote(2, 0), _vote(1, 2)]),
    reaction(
        "decision rules: the lead partner",
        _rules,
        _set("lead", "Orbit Systems", "Vela Consulting", "Acme Software"),
    ),
    reaction("decision rules: the chance slider", _rules, _set("chance", 0.6, 0.75, 0.9)),
    reaction(
        "decision rules: the votes back (button)",
        _rules,
        _reset_after(_vote(0, 1), "reset_button"),
    ),
    reaction(
        "dashboard: another alliance",
        _dashboard,
        _set("alliance", "Pixel", "Summit", "Constellation"),
        forget=_forget_views,
    ),
    reaction(
        "dashboard: another quarter",
        _dashboard,
        _set("quarter", 12, 14, 16),
        forget=_forget_views,
    ),
    reaction("dashboard: an item ticked", _dashboard, [_tick(0), _tick(3), _tick(5)]),
    reaction(
        "escalation walk: another issue",
        _walk,
        _set("issue", "framework-discount", "integration-slip", "ministry-bid-lead"),
    ),
    reaction("escalation walk: the day slider", _walk, _set("day", 5, 12, 20, 33)),
    reaction(
        "escalation walk: 5 days on / back (buttons)",
        _walk,
        [_click("forward"), _click("forward"), _click("back")],
    ),
    reaction(
        "escalation walk: the body to change", _walk, _set("body", "management", "delivery", "bids")
    ),
    reaction("escalation walk: a time limit typed", _walk, _set("limit", "5", "8", "12")),
    reaction(
        "escalation walk: where a body escalates",
        _walk,
        _set("target", "steering", "", "management"),
    ),
    reaction("escalation walk: how often a body meets", _walk, _set("cadence", "7", "14", "10")),
    reaction(
        "escalation walk: the owner of the decision",
        _walk,
        _set("owner", "management", "steering", "bids"),
    ),
    reaction(
        "escalation walk: start again (button)",
        _walk,
        _reset_after(_set("limit", "6")[0], "reset_button"),
    ),
]


# --- the governance builder (lesson 02, the workbook), on the enterprise template --------
def _builder(folder):
    from toolkit.governance import GovernanceBuilder

    return GovernanceBuilder(folder / "my-governance.json", template="enterprise-three-tier")


def _said(widget, word: str) -> None:
    assert word in widget.message.value, widget.message.value


def _type_click(fields: dict, button: str, said: str = "Saved"):
    """Type into text boxes (``{attribute: text}``), click a button, check what is said."""

    def move(widget):
        for attribute, text in fields.items():
            getattr(widget, attribute).value = text
        getattr(widget, button).click()
        _said(widget, said)

    return move


def _remove_last_member(widget):
    widget.member_picker.value = len(widget.member_picker.options) - 1
    widget.remove_member_button.click()
    _said(widget, "Removed ")  # "Removed <name> from <body>."


def _pick_last_body(widget):
    widget.body_picker.value = len(widget.body_picker.options) - 1


GOVERNANCE = [
    reaction("governance builder: another body picked", _builder, _set("body_picker", 1, 3, 0)),
    reaction(
        "governance builder: a member added / removed",
        _builder,
        [
            _type_click(
                {"member_name": "Ana Ruiz", "member_partner": "Titan", "member_function": "Sales"},
                "add_member_button",
            ),
            _remove_last_member,
        ],
    ),
    reaction(
        "governance builder: a decision given / taken",
        _builder,
        [
            _type_click({"decision_text": "Pricing"}, "assign_button"),
            _type_click({"decision_text": "Pricing"}, "unassign_button"),
        ],
    ),
    reaction(
        "governance builder: a body added / removed",
        _builder,
        [
            _type_click({"body_name": "Joint Bid Group", "cadence_text": "14"}, "add_body_button"),
            lambda w: (_pick_last_body(w), _click("remove_body_button")(w)),
        ],
    ),
    reaction(
        "governance builder: a body renamed",
        _builder,
        [
            _type_click({"body_name": name}, "rename_button")
            for name in ("Executive Committee", "Joint Steering Committee")
        ],
    ),
    reaction(
        "governance builder: alliance and partners set",
        _builder,
        [
            _type_click(
                {"alliance_text": name, "partners_text": "Nimbus, Titan"}, "alliance_button"
            )
            for name in ("Nimbus + Titan analytics", "Nimbus + Titan cloud")
        ],
    ),
    reaction(
        "governance builder: a change undone",
        _builder,
        [_type_click({"cadence_text": "30"}, "settings_button"), _click("undo_button")],
    ),
    reaction(
        "governance builder: start over from a template",
        _builder,
        [
            _type_click({"template_picker": name}, "start_button", "Started")
            for name in ("lean-startup-enterprise", "three-partner-alliance", "")
        ],
    ),
    reaction(
        "governance builder: the other picture (tab)",
        _builder,
        [lambda w, i=i: setattr(w.pictures, "selected_index", i) for i in (1, 0)],
    ),
    reaction(
        "governance builder: design as JSON shown / hidden",
        _builder,
        _set("json_toggle", True, False),
    ),
]


# --- the student-id form of the start notebook -------------------------------------------
def _id_form(folder):
    import os

    from toolkit.variants.widget import StudentIdForm

    os.environ["ALLIANCE_COURSE_HOME"] = str(folder)  # the id file goes in the case's folder
    return StudentIdForm(environ={})


VARIANTS = [
    reaction(
        "student id form: an id kept (button)",
        _id_form,
        [
            _type_click({"id_text": text}, "save_button", said)
            for text, said in (("ana.ruiz", "Kept"), ("ana ruiz", "is not"), ("bo.chen", "Kept"))
        ],
    ),
]


# --- the own-alliance workbook (notebook 06), on a complete made-up alliance -------------
def _alliance():
    """Kite (a start-up) with Harbour: two years of figures, a survey, a design, a plan."""
    from toolkit.governance import template
    from toolkit.own_alliance import (
        Action,
        Alliance,
        Partner,
        PlanGoal,
        default_escalation,
        measure_from_catalogue,
        meetings_from_design,
        raci_from_design,
    )

    design = template("lean-startup-enterprise")
    figures = {
        f"{2025 + i // 12}-{i % 12 + 1:02d}": {
            "deal_registrations": 30.0 + (i * 7) % 11,
            "sourced_revenue": 300.0 + 12 * ((i - 3) * 7 % 11),
            "trained_sellers": 20 + 3 * i,
        }
        for i in range(24)
    }
    survey = [
        {"respondent": f"{side[0]}{i}", "side": side, "trust": 4, "communication": 3 + i % 2,
         "commitment": score, "strategic_value": 5, "operational_effectiveness": 3,
         "governance": 4 - i % 2}
        for i in range(5)
        for side, score in (("Kite", 4), ("Harbour", 2))
    ]  # fmt: skip
    return Alliance(
        name="Kite + Harbour",
        partners=[
            Partner("Kite", "A routing engine", "Reach"),
            Partner("Harbour", "Accounts", "A product"),
        ],
        stage="growth",
        measures=[
            measure_from_catalogue("deal_registrations", 45),
            measure_from_catalogue("sourced_revenue", 500),
            measure_from_catalogue("trained_sellers", 100),
        ],
        figures=figures,
        survey=survey,
        actions=[Action("Name a second sponsor", "Tom Berg (Harbour)", "2027-03-31", "commitment")],
        raci=raci_from_design(design),
        escalation=default_escalation(),
        meetings=meetings_from_design(design, "2027-01-11"),
        goal=PlanGoal(revenue=600, start="2027-01", by="2028-06"),
        design=design,
    )


PARTS = (
    "about", "governance", "decision_rights", "escalation", "meetings", "measures", "figures",
    "scorecard", "lag", "health", "actions", "plan", "take_home",
)  # fmt: skip


def _part(name: str):
    """The workbook as notebook 06 shows it, every part made; the case drives ``name``'s.

    A change redraws every part that shows what changed, as in the notebook.
    """

    def build(folder):
        from toolkit.own_alliance import save
        from toolkit.own_alliance.widget import Workbook

        save(_alliance(), folder / "my-alliance.json")
        book = Workbook(folder)
        parts = {part: getattr(book, part)() for part in PARTS}
        parts[name].every_part = parts  # the workbook listens to its parts while they live
        return parts[name]

    return build


def _ok(move):
    """A move whose part must say it saved (not an error)."""

    def checked(widget):
        move(widget)
        assert "error" not in widget.message.value, widget.message.value

    return checked


def _raci(letters: str):
    def move(part):
        next(iter(part.cells.values())).value = letters

    return move


WORKBOOK = [
    reaction(
        "workbook: the alliance saved (button)",
        _part("about"),
        [
            _ok(_type_click({"alliance_name": name}, "save_button"))
            for name in ("Kite + Harbour routing", "Kite + Harbour")
        ],
    ),
    reaction(
        "workbook: the design taken into the charter (button)",
        _part("governance"),
        [
            _ok(_type_click({"first_meeting": day}, "use_button", "charter"))
            for day in ("2027-02-01", "2027-03-01")
        ],
    ),
    reaction(
        "workbook: a RACI cell", _part("decision_rights"), [_ok(_raci(x)) for x in ("R", "C", "I")]
    ),
    reaction(
        "workbook: an escalation rung's days",
        _part("escalation"),
        [_ok(m) for m in _set("days.working_group", "5", "10", "7")],
    ),
    reaction(
        "workbook: a body's meeting cadence",
        _part("meetings"),
        [
            _ok(lambda w, d=d: setattr(next(iter(w.boxes.values()))[0], "value", d))
            for d in ("14", "30", "21")
        ],
    ),
    reaction(
        "workbook: a measure added / removed",
        _part("measures"),
        [
            _ok(_type_click({"catalogue": "partner_leads", "target": "120"}, "add_button")),
            _ok(_type_click({"remove_picker": "partner_leads"}, "remove_button")),
        ],
    ),
    reaction(
        "workbook: the lag reading's measures",
        _part("lag"),
        [_ok(m) for m in _set("leading", "trained_sellers", "deal_registrations")],
    ),
    reaction(
        "workbook: a health-check answer added / removed",
        _part("health"),
        [
            _ok(_type_click({"side": "Kite", "respondent": "K9"}, "add_button")),
            _ok(_click("remove_button")),
        ],
    ),
    reaction(
        "workbook: an action added / removed",
        _part("actions"),
        [
            _ok(
                _type_click(
                    {
                        "action": "Publish the decision rights",
                        "owner": "Lea Park (Kite)",
                        "due": "2027-02-15",
                    },
                    "add_button",
                )
            ),
            _ok(
                lambda w: (
                    setattr(w.remove_picker, "value", len(w.remove_picker.options) - 1),
                    w.remove_button.click(),
                )
            ),
        ],
    ),
    reaction(
        "workbook: the plan worked backwards (button)",
        _part("plan"),
        [_ok(_type_click({"revenue": r}, "plan_button")) for r in ("650", "700", "600")],
    ),
    reaction(
        "workbook: the spreadsheet written (button)",
        _part("figures"),
        [_ok(_click("write_button"))],
        repeat=5,
        forget=_forget_workbook,
    ),
    reaction(
        "workbook: the take-home files written (button)",
        _part("take_home"),
        [
            _ok(_type_click({"year_from": day}, "write_button", "written"))
            for day in ("2027-01-04", "2027-02-01")
        ],
        repeat=5,
        forget=_forget_workbook,
    ),
]

CASES = [*ANSWERS, *STEERING, *GOVERNANCE, *VARIANTS, *WORKBOOK]
