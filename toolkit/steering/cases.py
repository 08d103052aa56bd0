"""The cases of the ``steering-committee`` assignment: one quarter's meeting per variant.

Every variant (1 to :data:`COUNT`, and 0 for practice) is a three-partner alliance of Acme
Software with its own quarterly dashboard, governance design, escalated issues, revenue goal
and funnel, and a portfolio of six other Acme alliances. Everything is drawn from the
variant's plan with its own random numbers, at run time; the numbers are set a clear margin
away from the course's rules (:mod:`toolkit.steering.dashboard`, :func:`~toolkit.steering.
agenda.route`, :func:`~toolkit.steering.escalation.walk_escalation`,
:func:`~toolkit.steering.plan.plan_backwards`, :func:`~toolkit.steering.portfolio.
portfolio_call`), so the taught method reads each answer without doubt (vetted by the
instructor package's answer key).

A student works with :class:`SteeringCase` (``my_case()`` in the notebook). The answers are
never stored: the hidden tests compute them from the case with the same rules, and the
answer key and vetting are the instructor package's, which a student's environment lacks.

Examples
--------
>>> case = case_for(7)
>>> len(case.dashboard().sides), len(case.agenda), len(case.issues), len(case.alliances)
(3, 6, 3, 6)
>>> case.alliance_names() == [a.name for a in case.alliances]
True
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cached_property
from typing import ClassVar

import pandas as pd

from toolkit.governance.model import Body, Design, Member
from toolkit.health.model import DIMENSIONS, gaps_between
from toolkit.scorecard.model import DEFAULT_TARGETS
from toolkit.steering.agenda import AgendaItem
from toolkit.steering.escalation import Issue, walk_escalation
from toolkit.steering.plan import Funnel, Goal
from toolkit.ui.messages import Text
from toolkit.variants.registry import VariantCase, VariantSet, count_of

__all__ = [
    "ASSIGNMENT",
    "COUNT",
    "LIMIT_RANGE",
    "MOST",
    "PLAN_STEPS",
    "VARIANTS",
    "SteeringCase",
    "apply_limits",
    "case_for",
    "fix_problems",
]

ASSIGNMENT = "steering-committee"
COUNT = count_of(ASSIGNMENT)
#: a body's time limit must be a whole number of days in this range (a body needs a few days
#: to meet; a limit of months is no limit)
LIMIT_RANGE = (3, 60)
#: a plan's targets may be up to this many times what the goal needs (beyond: a bigger goal)
MOST = 1.5
#: the leading steps of the business plan Part 4 asks for
PLAN_STEPS = ("partner_leads", "deal_registrations", "new_opportunities", "pipeline_value")

_ALLIANCES = (
    "Aurora", "Borealis", "Cascade", "Dune", "Ember", "Fjord", "Gemini", "Helios", "Iris",
    "Jade", "Kestrel", "Lumen", "Meridian", "Nimbus", "Onyx", "Polaris", "Quill", "Rune",
    "Solstice", "Tidal", "Umbra", "Vertex", "Willow", "Zephyr",
)  # fmt: skip
_COMPANIES = (
    "Arden Systems", "Brightline Consulting", "Corvid Networks", "Deltaform Labs",
    "Elmstone Digital", "Fairway Analytics", "Greyhaven Cloud", "Hollis Integration",
    "Ironbark Services", "Juniper Data", "Kingsway Telecom", "Larchmont Partners",
)  # fmt: skip
_MARKETS = (
    "hospitals", "city councils", "universities", "regional banks", "utilities",
    "logistics firms", "insurers", "retail chains",
)  # fmt: skip
#: the course's scorecard targets, with sponsor meetings at three a quarter (three partners)
_TARGETS = {**DEFAULT_TARGETS, "sponsor_meetings": 3}
_CARD_LEADING = (
    "trained_sellers",
    "deal_registrations",
    "sponsor_meetings",
    "governance_on_cadence",
)
_CARD_LAGGING = ("new_customer_wins", "sourced_revenue", "win_rate")
_TREND_LEADING = (
    "partner_leads", "deal_registrations", "pipeline_value", "trained_sellers",
    "joint_campaigns", "sponsor_meetings",
)  # fmt: skip
_TRENDS = (*_TREND_LEADING, "sourced_revenue", "new_customer_wins")
# decisions and who may own them: (decision, agenda title, bodies that may own it)
_DECISIONS = (
    ("strategy", "Take the joint offer to {market}", ("steering",)),
    ("investment", "Fund a second joint bid team for next year", ("steering",)),
    ("dispute_resolution", "{b} and {c} both want to lead the next large bid: settle who leads",
     ("steering", "management")),
    ("pricing", "Change the discount for framework contracts", ("steering", "management")),
    ("joint_business_plan", "Update this year's targets in the joint business plan",
     ("management",)),
    ("bid_staffing", "Name the solution architects for the next bid", ("sales", "management")),
    ("solution_design", "Choose how the joint offer signs users in", ("technical", "management")),
    ("event_calendar", "Pick the dates of next quarter's customer events", ()),
)  # fmt: skip
# the issues a quarter raises: decision -> (id stem, what happened)
_ISSUE_KINDS = {
    "dispute_resolution": ("bid-lead", "{b} and {c} disagree on who leads the {customer} bid"),
    "pricing": ("discount", "{customer} asks for a deeper framework discount"),
    "investment": ("bid-team", "The {customer} bid needs a second bid team funded"),
    "strategy": ("new-market", "{customer} asks the alliance into a market it does not serve"),
    "joint_business_plan": ("budget-move", "A partner asks to move the {customer} roll-out's "
                            "budget to next quarter"),
    "bid_staffing": ("architects", "The {customer} bid needs its solution architects named"),
    "solution_design": ("sign-in", "{customer} asks how the joint offer will sign users in"),
}  # fmt: skip
# the customers the issues concern: variant n's late issue concerns customer n (no two
# variants share the late issue's id)
_CUSTOMERS = (
    "harbour", "northgate", "riverside", "oakfield", "summit", "lakeshore", "granite",
    "meadow", "beacon", "crestview", "ashford", "kingsbridge", "fernhill", "marlow",
    "westbury", "eastwick", "stonebridge", "redcliff", "hawthorn", "ivybridge", "juniper",
    "larkspur", "millbrook", "newhaven", "orchard", "pinecrest", "queensway", "rosewood",
    "silverdale", "thornbury", "upton", "valemont", "whitby", "yarrow", "alderley",
    "birchwood", "coldstream", "dovercourt", "elmhurst", "foxley", "glenmore", "hillcrest",
)  # fmt: skip


@dataclass(frozen=True)
class PortfolioAlliance:
    """One alliance of Acme's portfolio: its two importance criteria and its health check."""

    name: str
    partner: str
    fit: int
    market: int
    scores: pd.DataFrame = field(repr=False, compare=False)  # dimension x side, 1-5

    @property
    def importance(self) -> float:
        """Strategic importance: the average of the two criteria."""
        return (self.fit + self.market) / 2

    @property
    def health(self) -> float:
        """The health index: the average of the dimension scores, each side counting equally."""
        return float(self.scores.mean(axis=1).mean())


def _rng(number: int, part: str) -> random.Random:
    return random.Random(f"{ASSIGNMENT}/{number}/{part}")


@dataclass(frozen=True)
class SteeringCase(VariantCase):
    """One variant's quarter: the alliance, its dashboard, design, issues, plan and portfolio."""

    assignment: ClassVar[str] = ASSIGNMENT
    number: int
    assigned: object = field(default=None, repr=False, compare=False)

    # -- who ---------------------------------------------------------------------------
    @cached_property
    def _who(self) -> tuple[str, tuple[str, str, str], str]:
        rng = _rng(self.number, "who")
        two = rng.sample(_COMPANIES, 2)
        name = _ALLIANCES[self.number % len(_ALLIANCES)]
        return name, ("Acme Software", *two), rng.choice(_MARKETS)

    @property
    def alliance(self) -> str:
        """The three-partner alliance's name."""
        return self._who[0]

    @property
    def partners(self) -> tuple[str, str, str]:
        """Acme Software and its two partners."""
        return self._who[1]

    # -- Part 1: the dashboard ---------------------------------------------------------
    @cached_property
    def _board(self):
        from toolkit.scorecard.model import scorecard
        from toolkit.steering.dashboard import Dashboard, leading_first

        rng = _rng(self.number, "dashboard")
        red = rng.choice(_CARD_LEADING)
        amber = rng.choice([m for m in _CARD_LEADING if m != red])
        falling = rng.choice([m for m in _TREND_LEADING if m not in (red, amber)])
        slipping = rng.choice([m for m in _TREND_LEADING if m not in (red, amber, falling)])
        lagging_red = rng.choice(_CARD_LAGGING)
        factors = {}
        for metric in _TARGETS:
            if metric == red:
                factors[metric] = rng.uniform(0.55, 0.8)
            elif metric == amber:
                factors[metric] = rng.uniform(0.93, 0.97)
            elif metric == lagging_red:
                factors[metric] = rng.uniform(0.6, 0.8)
            else:
                factors[metric] = rng.uniform(1.03, 1.25)
        actuals = {m: round(_TARGETS[m] * f, 1) for m, f in factors.items()}
        card = leading_first(scorecard(actuals, _TARGETS))
        trends = {}
        for metric in _TRENDS:
            if metric == falling:
                trends[metric] = rng.uniform(-55, -32)
            elif metric == slipping:
                trends[metric] = rng.uniform(-18, -12)
            elif metric == "sourced_revenue" and lagging_red == metric:
                trends[metric] = rng.uniform(-30, -15)
            else:
                trends[metric] = rng.uniform(-6, 18)
        trends = pd.Series({m: round(v, 1) for m, v in trends.items()}, name=self.alliance)
        gap_dim, low_dim, note_dim = rng.sample(DIMENSIONS, 3)
        sides = self.partners
        scores = {}
        for dimension in DIMENSIONS:
            base = rng.uniform(3.4, 4.1)
            row = [round(base + rng.uniform(-0.15, 0.15), 2) for _ in sides]
            if dimension == gap_dim:
                row[rng.randrange(3)] = round(base - rng.uniform(1.25, 1.5), 2)
            elif dimension == low_dim:
                base = rng.uniform(2.75, 2.95)
                row = [round(base + rng.uniform(-0.1, 0.1), 2) for _ in sides]
                row[rng.randrange(3)] = round(rng.uniform(2.05, 2.3), 2)
            elif dimension == note_dim:
                row[rng.randrange(3)] = round(base - rng.uniform(0.6, 0.8), 2)
            scores[dimension] = row
        table = pd.DataFrame(scores, index=list(sides)).T
        gaps = gaps_between(table)
        gaps["gap"] = gaps["gap"].round(2)
        health = float(table.to_numpy().mean())
        return Dashboard(self.alliance, 12, 36, card, trends, gaps, health, tuple(sides))

    def dashboard(self):
        """The quarter's dashboard (a :class:`~toolkit.steering.dashboard.Dashboard`)."""
        return self._board

    # -- Part 2 and 3: the design, the agenda and the issues ----------------------------
    @cached_property
    def _governance(self) -> tuple[Design, tuple[AgendaItem, ...], tuple[Issue, ...]]:
        rng = _rng(self.number, "design")
        a, b, c = self.partners
        ids = {
            # ids of this assignment's own, apart from the lessons' and the examples' ids
            "steering": rng.choice(("steerco", "exec-board", "sc-board")),
            "management": rng.choice(("mgmt-team", "alliance-team", "ops-board")),
            "sales": rng.choice(("joint-sales", "bid-desk", "gtm")),
            "technical": rng.choice(("tech-group", "architecture", "solutions")),
        }
        decides = {role: [] for role in ids}
        for decision, _title, owners in _DECISIONS:
            if owners:
                decides[rng.choice(owners)].append(decision)
        steer_days = rng.randint(8, 14)
        mgmt_days = rng.randint(8, 12)
        late_kind = rng.choice(("stalls", "late"))
        stuck_group = rng.choice(("sales", "technical"))
        other_group = "technical" if stuck_group == "sales" else "sales"
        # the late issue needs a decision of the management team or the steering committee;
        # its deadline leaves room for a fix of the working group's limit
        late_tier = rng.choice(("steering", "management"))
        above = mgmt_days + (steer_days if late_tier == "steering" else 0)
        slack = rng.randint(10, 16)
        deadline = above + slack
        stuck_limit = None if late_kind == "stalls" else slack + 8
        limits = {stuck_group: stuck_limit, other_group: rng.randint(4, 7)}
        trio = (a, b, c)

        def seats(title, role, function=None):
            return [Member(f"{title} {p.split()[0]}", p, role, function) for p in trio]

        people = {
            "steering": seats("Sponsor", "executive_sponsor")
            + seats("Manager", "alliance_manager"),
            "management": seats("Manager", "alliance_manager"),
            "sales": seats("Seller", "member", "sales"),
            "technical": seats("Architect", "member", "technical"),
        }
        bodies = [
            Body(ids["steering"], "Joint Steering Committee", "steering", 90,
                 people["steering"], decides["steering"], None, steer_days),
            Body(ids["management"], "Alliance Management Team", "management", 30,
                 people["management"], decides["management"], ids["steering"], mgmt_days),
            Body(ids["sales"], "Joint Sales Group", "operational", 14, people["sales"],
                 decides["sales"], ids["management"], limits["sales"]),
            Body(ids["technical"], "Joint Technical Group", "operational", 14,
                 people["technical"], decides["technical"], ids["management"],
                 limits["technical"]),
        ]  # fmt: skip
        design = Design(f"{self.alliance} alliance", list(self.partners), bodies)
        if not decides["sales"] + decides["technical"]:  # a working group decides something
            decides["management"].remove("bid_staffing")
            decides["sales"].append("bid_staffing")
        titles = {d: t for d, t, _o in _DECISIONS}
        group_owned = rng.choice(decides["sales"] + decides["technical"])
        others = [d for d, _t, o in _DECISIONS if o and d != group_owned]
        picked = [group_owned, *rng.sample(others, 4), "event_calendar"]
        picked = [(d, titles[d]) for d in picked]
        rng.shuffle(picked)
        market = self._who[2]
        agenda = tuple(
            AgendaItem(d.replace("_", "-"), t.format(market=market, b=b, c=c), d) for d, t in picked
        )
        late_decision = rng.choice(decides[late_tier])
        # the two issues settled in time: raised in the other group, for a decision it, the
        # management team or the steering committee owns
        reachable = decides[other_group] + decides["management"] + decides["steering"]
        kinds = rng.sample([d for d in reachable if d in _ISSUE_KINDS and d != late_decision], 2)
        customers = [_CUSTOMERS[self.number]]  # the late issue's id is this variant's alone
        customers += rng.sample([x for x in _CUSTOMERS if x != customers[0]], 2)
        raised = [
            (late_decision, ids[stuck_group], deadline),
            (kinds[0], ids[other_group], rng.randint(38, 50)),
            (kinds[1], ids[other_group], rng.randint(38, 50)),
        ]
        issues = []
        for (decision, start, days), customer in zip(raised, customers, strict=True):
            stem, title = _ISSUE_KINDS[decision]
            text = title.format(b=b, c=c, customer=customer.title())
            issues.append(
                Issue(f"{stem}-{customer}", f"{text}; the answer is due in {days} days",
                      decision, start, days)
            )  # fmt: skip
        order = rng.sample(range(3), 3)
        return design, agenda, tuple(issues[i] for i in order)

    @property
    def design(self) -> Design:
        """The alliance's governance design (a fresh copy each time)."""
        import copy

        return copy.deepcopy(self._governance[0])

    @property
    def agenda(self) -> tuple[AgendaItem, ...]:
        """The items proposed for this quarter's meeting."""
        return self._governance[1]

    @property
    def issues(self) -> tuple[Issue, ...]:
        """The issues raised this quarter, each walking up the escalation path."""
        return self._governance[2]

    def agenda_table(self) -> pd.DataFrame:
        """The agenda: each item's title and the decision it needs, in plain words."""
        from toolkit.governance.model import name_of

        return pd.DataFrame(
            [{"agenda item": i.title, "decision it needs": name_of(i.decision)}
             for i in self.agenda]
        ).set_index("agenda item")  # fmt: skip

    def bodies_table(self) -> pd.DataFrame:
        """The design's bodies by name: tier, what each decides, where it escalates, its limit."""
        from toolkit.governance.model import name_of

        bodies = self._governance[0].bodies
        names = {b.id: b.name for b in bodies}
        return pd.DataFrame(
            [
                {
                    "body": b.name,
                    "tier": name_of(b.tier),
                    "decides": ", ".join(name_of(d) for d in b.decides) or "(nothing)",
                    "escalates to": names.get(b.escalates_to, "") if b.escalates_to else "",
                    "time limit (days)": "none"
                    if b.escalation_days is None
                    else str(b.escalation_days),
                    "meets every (days)": b.meets_every_days,
                }
                for b in bodies
            ]
        ).set_index("body")

    # -- Part 4: the business plan -----------------------------------------------------
    @cached_property
    def _plan(self) -> tuple[Goal, Funnel]:
        rng = _rng(self.number, "plan")
        funnel = Funnel(
            qualify_rate=rng.choice((0.3, 0.35, 0.4, 0.45, 0.5)),
            accept_rate=rng.choice((0.5, 0.6, 0.7, 0.75)),
            win_rate=rng.choice((0.2, 0.25, 0.3, 0.35)),
            deal_size=float(rng.choice((40, 50, 60, 75, 80, 90))),
            sales_cycle=rng.randint(4, 9),
        )
        goal = Goal(revenue=float(rng.choice(range(300, 1001, 50))), month=rng.randint(22, 30))
        return goal, funnel

    @property
    def goal(self) -> Goal:
        """The revenue goal of the joint business plan."""
        return self._plan[0]

    @property
    def funnel(self) -> Funnel:
        """The alliance's funnel rates, deal size and sales cycle."""
        return self._plan[1]

    # -- Part 5: the portfolio ---------------------------------------------------------
    @cached_property
    def alliances(self) -> tuple[PortfolioAlliance, ...]:
        """Six other alliances of Acme Software, with importance criteria and health checks."""
        rng = _rng(self.number, "portfolio")
        names = rng.sample([n for n in _ALLIANCES if n != self.alliance], 6)
        # one of each call, two more at random, one of them read wrongly from Acme's side alone
        calls = ["invest", "fix", "maintain", "exit", rng.choice(("fix", "exit")), None]
        calls[-1] = rng.choice(("invest", "maintain"))
        rng.shuffle(calls)
        flip = next(i for i, c in enumerate(calls) if c in ("fix", "exit"))
        out = []
        for i, (name, call) in enumerate(zip(names, calls, strict=True)):
            important = call in ("invest", "fix")
            pairs = [(f, m) for f in range(1, 6) for m in range(1, 6)]
            pairs = [p for p in pairs if (sum(p) / 2 >= 3.5 if important else sum(p) / 2 <= 2.5)]
            fit, market = rng.choice(pairs)
            healthy = call in ("invest", "maintain")
            health = rng.uniform(3.75, 4.3) if healthy else rng.uniform(2.7, 3.25)
            if i == flip:  # Acme sees it healthy, the partner does not
                health = rng.uniform(3.0, 3.25)
                us = health + rng.uniform(0.65, 0.85)
            else:
                us = health + rng.uniform(-0.2, 0.2)
            them = 2 * health - us
            # the dimensions vary around each side's mean, which stays the side's own: Acme's
            # side alone reads an alliance differently only where the case means it to
            spread = [rng.uniform(-0.3, 0.3) for _dimension in DIMENSIONS]
            centre = sum(spread) / len(spread)
            rows = {}
            for dimension, d in zip(DIMENSIONS, spread, strict=True):
                rows[dimension] = [round(us + d - centre, 2), round(them - d + centre, 2)]
            scores = pd.DataFrame(rows, index=["Acme Software", "partner"]).T
            partner = _COMPANIES[(self.number + 3 * i) % len(_COMPANIES)]
            out.append(PortfolioAlliance(name, partner, fit, market, scores))
        return tuple(out)

    def alliance_names(self) -> list[str]:
        """The six alliances of the portfolio."""
        return [a.name for a in self.alliances]

    def importance_table(self) -> pd.DataFrame:
        """Each portfolio alliance's two importance criteria (1-5), as the strategy team rated."""
        return pd.DataFrame(
            [{"alliance": a.name, "partner": a.partner, "fit": a.fit, "market": a.market}
             for a in self.alliances]
        ).set_index("alliance")  # fmt: skip

    def health_check(self, alliance: str) -> pd.DataFrame:
        """One portfolio alliance's latest health check: each dimension's average per side."""
        from toolkit.ui.messages import did_you_mean

        for a in self.alliances:
            if a.name == alliance:
                return a.scores.copy()
        names = self.alliance_names()
        hint = did_you_mean(str(alliance), names)
        msg = f"no alliance {alliance!r} in your portfolio.{hint} Alliances: {', '.join(names)}"
        raise ValueError(msg)

    # -- what the notebook shows -------------------------------------------------------
    def intro_text(self) -> Text:
        """The introduction naming the student's alliance and partners."""
        a, b, c = self.partners
        return Text(
            f"**Your alliance.** *{self.alliance}* joins {a}, {b} and {c} to sell one offer "
            f"to {self._who[2]}. You are Acme's alliance manager, and you prepare quarter 12's "
            "steering committee. The numbers are yours alone: a classmate's alliance has other "
            "partners, other numbers and other answers."
        )

    def plan_text(self) -> Text:
        """Part 4's question."""
        g, f = self.goal, self.funnel
        return Text(
            f"The partners want **{g.revenue:g} k$ of partner-sourced revenue a month by month "
            f"{g.month}**. Their funnel: {f.qualify_rate:.0%} of leads are qualified and "
            f"registered, {f.accept_rate:.0%} of registrations become opportunities, "
            f"{f.win_rate:.0%} of opportunities are won, deals average {f.deal_size:g} k$ and "
            f"the sales cycle is {f.sales_cycle} months."
        )


def case_for(number: int, assigned=None) -> SteeringCase:
    """The case of variant ``number``."""
    return VARIANTS.case(number, assigned)


# --- the grader's side: answers computed from the case, never stored --------------------
def apply_limits(design: Design, limits: dict) -> Design:
    """A copy of ``design`` with the bodies' time limits changed (body id -> days)."""
    import copy

    changed = copy.deepcopy(design)
    for body_id, days in limits.items():
        body = changed.body(str(body_id).strip())
        if body is None:
            ids = ", ".join(b.id for b in changed.bodies)
            msg = f"no body {body_id!r} in the design; bodies: {ids}"
            raise ValueError(msg)
        body.escalation_days = days
    return changed


def fix_problems(case: SteeringCase, limits) -> list[str]:
    """What is wrong with a fix of the time limits (an empty list: every issue in time)."""
    if not isinstance(limits, dict) or not limits:
        return ["the fix must be a dict of body id -> days, like {'sales': 10}"]
    low, high = LIMIT_RANGE
    problems = []
    for body_id, days in limits.items():
        if isinstance(days, bool) or not isinstance(days, int) or not low <= days <= high:
            problems.append(f"{body_id}: a time limit is a whole number of days, {low} to {high}")
    if problems:
        return problems
    try:
        design = apply_limits(case.design, limits)
    except ValueError as error:
        return [str(error)]
    for issue in case.issues:
        walk = walk_escalation(design, issue)
        if not walk.in_time:
            problems.append(f"{issue.id}: {walk.summary()}")
    return problems


# --- what the instructor's list of variants shows (see toolkit.variants.registry) --------
def facts(number: int) -> dict:
    """The key facts of a variant (what it asks, not the answers)."""
    case = case_for(number)
    g, f = case.goal, case.funnel
    return {
        "alliance": f"{case.alliance} ({', '.join(case.partners)})",
        "goal": f"{g.revenue:g} k$ a month by month {g.month}, {f.sales_cycle}-month cycle",
        "portfolio": ", ".join(case.alliance_names()),
    }


VARIANTS = VariantSet(
    assignment=ASSIGNMENT,
    build=SteeringCase,
    facts=facts,
    sample=(9, 26),
)
