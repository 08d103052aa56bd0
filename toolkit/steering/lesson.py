"""Self-checks and hints for the exercises of lesson ``05-the-steering-committee``.

Every check looks at properties of the student's answer and derives what it needs from the
steering models when it runs (the dashboard's discussion rules, the design's decision rights,
the escalation walk, the decision rules, the plan, the portfolio); no answer is written down
here. A failed check says what to look at, never the answer.

Examples
--------
>>> check_discussion(...).passed
False
>>> check_plan({"registrations": 10, "month": 3}).passed
False
>>> hint_blocked.given = 0
>>> print(hint_blocked())
Hint 1 of 3: Look at the Consensus column of the grid above the exercise.
"""

from __future__ import annotations

from collections.abc import Iterable

from toolkit.governance.model import Design
from toolkit.governance.review import review
from toolkit.selfstudy.checks import Check, Hints, Report, answered, is_whole, naming
from toolkit.steering.agenda import AGENDA, constellation_design, owners_of, route
from toolkit.steering.dashboard import discussion_plan, quarterly_dashboard
from toolkit.steering.decisions import PROPOSALS, outcome
from toolkit.steering.escalation import issue_named, walk_escalation
from toolkit.steering.plan import Funnel, Goal, plan_backwards, plan_shortfalls
from toolkit.steering.portfolio import CALLS, portfolio
from toolkit.ui.messages import did_you_mean

__all__ = [
    "DISCUSS",
    "ESCALATION_ISSUE",
    "PLAN",
    "PORTFOLIO_ALLIANCES",
    "check_agenda",
    "check_blocked",
    "check_discussion",
    "check_escalation",
    "check_plan",
    "check_portfolio",
    "hint_agenda",
    "hint_blocked",
    "hint_discussion",
    "hint_escalation",
    "hint_plan",
    "hint_portfolio",
]

# what the exercises ask about (the questions, not the answers)
DISCUSS = {"alliance": "Constellation", "quarter": 16}
ESCALATION_ISSUE = "ministry-bid-lead"
PLAN = {
    "goal": Goal(revenue=450.0, month=20),
    "funnel": Funnel(qualify_rate=0.40, accept_rate=0.65, win_rate=0.25, deal_size=50.0,
                     sales_cycle=5),
}  # fmt: skip
#: a plan that asks for more than this times what the goal needs is a plan for a bigger goal
PLAN_MOST = 1.25
PORTFOLIO_ALLIANCES = ("Harbor", "Pixel", "Bluepeak", "Granite")


def _names(answer) -> list[str] | None:
    """A list of names from a list, tuple or set of text (``None`` for anything else)."""
    if isinstance(answer, str) or not isinstance(answer, Iterable) or isinstance(answer, dict):
        return None
    items = list(answer)
    if not all(isinstance(i, str) for i in items):
        return None
    return [i.strip() for i in items]


def _unknown(names: list[str], known: list[str]) -> str:
    wrong = [n for n in names if n not in known]
    if not wrong:
        return ""
    return f"Not an item here: {', '.join(map(repr, wrong))}.{did_you_mean(wrong[0], known)}"


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


# ---- the quarterly dashboard -----------------------------------------------------------
def check_discussion(chosen) -> Report:
    """What Constellation's quarterly meeting must discuss (the dashboard's discussion rules)."""
    plan = discussion_plan(quarterly_dashboard(DISCUSS["alliance"], DISCUSS["quarter"]))
    names = _names(chosen)
    listed = names is not None and bool(names)
    unknown = _unknown(names, list(plan)) if listed else ""
    must = {k for k, v in plan.items() if v.verdict == "must"}
    idle = [n for n in names or [] if n in plan and plan[n].verdict == "no"]
    missing = must - set(names or [])
    checks = [
        answered(chosen, "the list of ticked items, board.chosen"),
        Check(
            "The answer is a list of item names",
            listed,
            "Tick items in the dashboard and use board.chosen, or write a list such as "
            '["win_rate", "trust"].',
        ),
        Check("Every name is an item of the dashboard", listed and not unknown, unknown),
        Check(
            "Every item the meeting must discuss is on the list",
            listed and not missing,
            f"{len(missing)} of them are missing: read the leading measures first (red ones, "
            "and those that fell by a quarter or more), then the health check's gaps.",
        ),
        Check(
            "Nothing on the list can be left alone",
            listed and not idle,
            naming(
                "These are on target and not falling, or seen alike by all partners: ",
                idle,
                otherwise="Tick the items in the dashboard first, then leave off those on "
                "target, not falling and seen alike by all partners.",
            ),
        ),
    ]
    return Report("steering.discuss", checks)


hint_discussion = Hints(
    "steering.discuss",
    [
        "Start at the top of the tick list, with the leading measures: which are red, and "
        "which fell most against the year before?",
        "The meeting must discuss every leading measure in red, every leading indicator that "
        "fell by 25 % or more, and every health dimension two partners see a full point "
        "apart (or one partner scores below 2.5). Lagging results may be noted, not required.",
        "Worked example from another alliance: Harbor's last dashboard shows its revenue on "
        "target while its deal registrations, sponsor meetings and campaigns have collapsed. "
        "The committee puts those drivers first on the agenda, then the dimensions Harbor's "
        "people score lowest, and leaves the revenue line alone: it is on target, for now.",
    ],
)


# ---- the agenda and who decides ---------------------------------------------------------
def check_agenda(routing, design: Design | None = None) -> Report:
    """Each agenda item sent to the body that owns its decision (or down to management)."""
    design = design or constellation_design()
    ids = [item.id for item in AGENDA]
    bodies = {b.id for b in design.bodies}
    names = {b.name.casefold(): b.id for b in design.bodies}
    is_dict = isinstance(routing, dict) and bool(routing)
    picks = {}
    if is_dict:
        for key, value in routing.items():
            text = str(value).strip()
            picks[str(key)] = names.get(text.casefold(), text)
    missing = [i for i in ids if i not in picks]
    strangers = sorted({v for v in picks.values() if v not in bodies})
    owned_wrong, unowned_wrong = [], []
    for item in AGENDA:
        if item.id not in picks:
            continue
        right, _ = route(design, item.decision)
        if picks[item.id] != right:
            (owned_wrong if owners_of(design, item.decision) else unowned_wrong).append(item.id)
    checks = [
        answered(routing, "the picks of the widget, router.routing"),
        Check(
            "The answer is a dict of agenda item -> body",
            is_dict,
            "Pick a body for each item in the widget and use router.routing, or write "
            '{"trade-fair": "bids", ...}.',
        ),
        Check(
            "Every agenda item has a body",
            is_dict and not missing,
            naming("Still to place: ", missing, otherwise="Pick a body for every item."),
        ),
        Check(
            "Every body is a body of the design",
            is_dict and not strangers,
            naming(
                "No such body: ",
                map(repr, strangers),
                tail="; the bodies are ",
                otherwise="The bodies are ",
            )
            + f"{', '.join(sorted(bodies))}.",
        ),
        Check(
            "Each item goes to the body that owns its decision",
            is_dict and not missing and not owned_wrong,
            naming(
                "Look again, in the decision-rights matrix, at: ",
                owned_wrong,
                otherwise="Place every item first, then compare each with its row in the "
                "decision-rights matrix.",
            ),
        ),
        Check(
            "An item whose decision nobody owns goes down to the management team",
            is_dict and not missing and not unowned_wrong,
            naming(
                "Nobody owns the decision of: ",
                unowned_wrong,
                tail="; the team that runs the alliance day to day takes it.",
                otherwise="Place every item first; an item whose decision nobody owns goes to "
                "the team that runs the alliance day to day.",
            ),
        ),
    ]
    return Report("steering.agenda", checks)


hint_agenda = Hints(
    "steering.agenda",
    [
        "Use the decision-rights matrix under the drop-downs: each row is a decision, and the "
        "marked cell shows the body that owns it.",
        "Each item needs one decision: strategy, investment, dispute resolution, the joint "
        "business plan, pricing, bid staffing, or one nobody owns yet. Send the item to the "
        "body that owns that decision; if nobody owns it, down to the management team.",
        "Worked example from lesson 02's enterprise design: a question about the product "
        "roadmap goes to the Technical Integration Group, whose row in the matrix is marked; "
        "a question about the date of a sales training, which no body owns, goes to the "
        "Alliance Management Team, and the committee gives that decision an owner.",
    ],
)


# ---- escalation in motion ---------------------------------------------------------------
def check_escalation(design) -> Report:
    """A repaired design: the ministry-bid issue is settled in time, and the design still works."""
    issue = issue_named(ESCALATION_ISSUE)
    is_design = isinstance(design, Design)
    walk = None
    if is_design:
        try:
            walk = walk_escalation(design, issue)
        except ValueError:
            walk = None
    errors = [f for f in review(design) if f.severity == "error"] if is_design else []
    owners = owners_of(design, issue.decision) if is_design else []
    checks = [
        answered(design, "the design of the widget, walk.design"),
        Check(
            "The answer is a governance design",
            is_design,
            "Fix the design in the widget, then check walk.design.",
        ),
        Check(
            "The issue still starts in the bid group",
            walk is not None,
            f"Keep the body {issue.start!r}: that is where the issue is raised.",
        ),
        Check(
            "The design is still workable (the review finds no errors)",
            is_design and not errors,
            "The review finds: " + " ".join(f.message for f in errors[:2])
            if errors
            else "Fix the design in the widget until the review finds no errors.",
        ),
        Check(
            f"The decision ({issue.decision.replace('_', ' ')}) has exactly one owner",
            is_design and len(owners) == 1,
            "Give the decision to one body, and only one.",
        ),
        Check(
            "The issue no longer stalls",
            walk is not None and walk.verdict != "stalled",
            "Move the day slider and see where the bar stops: " + _lower(walk.summary())
            if walk
            else "Move the day slider and see where the bar stops.",
        ),
        Check(
            f"The issue is settled within its {issue.deadline}-day deadline",
            walk is not None and walk.in_time,
            "Follow the bars day by day: " + _lower(walk.summary())
            if walk
            else "Follow the bars day by day, from the day the issue is raised.",
        ),
    ]
    return Report("steering.escalation", checks)


hint_escalation = Hints(
    "steering.escalation",
    [
        "Move the day slider (or press 5 days on) and watch where the bar stops: the body where "
        "the issue stalls is the first thing to fix.",
        "A body that cannot decide needs a time limit to pass the issue on. Then the body "
        "that owns the decision must settle it before the deadline: give it a time limit, or "
        "give the decision to a body lower down, keeping one owner only.",
        "Worked example with other numbers: a customer complaint starts in a working group "
        "with a 7-day limit and goes to a management team with a 10-day limit; the steering "
        "committee owns it but has no time limit and meets every 60 days, so the complaint "
        "is settled on day 77. With a 20-day limit for the committee it is settled on day 37.",
    ],
)


# ---- deciding with three partners -------------------------------------------------------
def check_blocked(blocked) -> Report:
    """The proposals that consensus leaves blocked (from the partners' positions)."""
    ids = [p.id for p in PROPOSALS]
    names = _names(blocked)
    listed = names is not None
    unknown = _unknown(names, ids) if listed else ""
    stuck = {p.id for p in PROPOSALS if outcome(p.votes, "consensus") == "blocked"}
    settled = [n for n in names or [] if n in ids and n not in stuck]
    checks = [
        answered(blocked, "a list of proposal names in quotes"),
        Check(
            "The answer is a list of proposal names",
            listed,
            'Write it like ["proposal-a", "proposal-b"], with quotes and square brackets.',
        ),
        Check("Every name is a proposal of the meeting", listed and not unknown, unknown),
        Check(
            "Every proposal consensus blocks is on the list",
            listed and stuck <= set(names),
            "A proposal on which the partners do not all agree has no decision at all under "
            "consensus.",
        ),
        Check(
            "No proposal on the list is settled under consensus",
            listed and not settled,
            naming(
                "All the partners agree on these, so consensus settles them: ",
                settled,
                otherwise="Keep only the proposals on which the partners do not all agree.",
            ),
        ),
    ]
    return Report("steering.consensus", checks)


hint_blocked = Hints(
    "steering.consensus",
    [
        "Look at the Consensus column of the grid above the exercise.",
        "Under consensus a proposal is approved only if every partner is for it, and rejected "
        "only if every partner is against it; any split between the partners leaves it "
        "blocked. Use the names in the first column of the outcomes table.",
        "Worked example with four partners: for, for, for and against is blocked under "
        "consensus but approved by a majority; against four times is rejected under every "
        "rule, so it is not blocked.",
    ],
)


# ---- the joint business plan backwards --------------------------------------------------
def check_plan(answer) -> Report:
    """Registrations a month, and the latest month they must run, for the exercise's goal."""
    goal, funnel = PLAN["goal"], PLAN["funnel"]
    plan = plan_backwards(goal, funnel)
    is_dict = isinstance(answer, dict)
    count = answer.get("registrations") if is_dict else None
    month = answer.get("month") if is_dict else None
    whole = is_whole(count) and is_whole(month)
    problems = (
        plan_shortfalls(
            {"deal_registrations": {"target": count, "by_month": month}},
            goal,
            funnel,
            most=PLAN_MOST,
        )
        if whole
        else []
    )
    too_few = [p for p in problems if "too few" in p or "far more" in p]
    too_late = [p for p in problems if "too late" in p]
    latest = int(plan.loc["deal_registrations", "by_month"])
    checks = [
        answered(answer, 'a dict like {"registrations": 20, "month": 7}'),
        Check(
            'The answer is a dict with "registrations" and "month"',
            is_dict and "registrations" in answer and "month" in answer,
            'Write it like {"registrations": 20, "month": 7}.',
        ),
        Check(
            "Both are whole numbers",
            whole,
            "Write whole numbers without quotes; round the registrations up.",
        ),
        Check(
            "The registrations are enough for the goal, and not for a much bigger one",
            whole and not too_few,
            " ".join(too_few),
        ),
        Check(
            "The month is not too late for the goal",
            whole and not too_late,
            " ".join(too_late),
        ),
        Check(
            "It is the latest month that still works",
            whole and not too_late and month == latest,
            "An earlier month works too, but costs months of effort: count back from the goal "
            "month by the sales cycle only.",
        ),
    ]
    return Report("steering.plan", checks)


hint_plan = Hints(
    "steering.plan",
    [
        "Set the planner's sliders to the exercise's numbers, then read the row for deal "
        "registrations in the table.",
        "Work backwards one funnel step at a time: the revenue divided by the deal size gives "
        "the deals to win each month; divide by the win rate for the opportunities, then by "
        "the share of registrations that become opportunities. Registered deals close one "
        "sales cycle later, so count back from the goal month by the sales cycle.",
        "Worked example of a similar problem: a conference organiser wants 200 people in the "
        "room on 1 June. Half of those who register come, and registration must close a month "
        "before. She needs twice as many registrations, 400, closed by 1 May: she divided by "
        "the share that turns up and counted back by the time the step takes. Your plan works "
        "the same way, one step of the funnel at a time.",
    ],
)


# ---- the portfolio ------------------------------------------------------------------------
def check_portfolio(calls) -> Report:
    """The portfolio call of four alliances (course ratings of importance, latest health)."""
    table = portfolio()
    is_dict = isinstance(calls, dict) and bool(calls)
    given = {str(k).strip(): str(v).strip().lower() for k, v in calls.items()} if is_dict else {}
    missing = [a for a in PORTFOLIO_ALLIANCES if a not in given]
    strange = sorted({v for v in given.values() if v not in CALLS})
    wrong = [a for a in PORTFOLIO_ALLIANCES if a in given and given[a] != table.loc[a, "call"]]
    checks = [
        answered(calls, 'a dict like {"Harbor": "invest", ...}'),
        Check(
            "The answer is a dict of alliance -> call",
            is_dict,
            'Write it like {"Harbor": "invest", "Pixel": "exit", ...}.',
        ),
        Check(
            "Each of the four alliances has a call",
            is_dict and not missing,
            naming("Still to call: ", missing, otherwise="Give each of the four alliances a call."),
        ),
        Check(
            "Each call is invest, fix, maintain or exit",
            is_dict and not strange,
            naming(
                "Not a call: ",
                map(repr, strange),
                otherwise="Give each alliance one of invest, fix, maintain or exit.",
            ),
        ),
        Check(
            "Each call matches the alliance's importance and health",
            is_dict and not missing and not strange and not wrong,
            naming(
                "Look again at the map for: ",
                wrong,
                tail=" (with the course's ratings).",
                otherwise="Read each alliance's call off the corner of the map its dot is in "
                "(with the course's ratings).",
            ),
        ),
    ]
    return Report("steering.portfolio", checks)


hint_portfolio = Hints(
    "steering.portfolio",
    [
        "Find each of the four alliances on the portfolio map: which corner of the map is "
        "its dot in?",
        "Important (3 or more) and healthy (3.5 or more): invest. Important but not healthy: "
        "fix. Healthy but less important: maintain. Neither: exit. Use the course's ratings: "
        "the button under the sliders puts them back.",
        "Worked example: an alliance rated 4 of 5 for importance with a health index of 3.1 "
        "is important but not healthy, so the call is fix; one rated 2 with a health index "
        "of 4.2 is healthy but less important, so the call is maintain.",
    ],
)
