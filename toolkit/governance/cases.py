"""The cases of the ``governance-design`` assignment: one per variant, all of one difficulty.

Every variant (1 to :data:`COUNT`, and 0 for practice) has three alliances of its own:

- **Part A**, a case to design for: two companies and what they do together, the executive
  sponsors and alliance managers the contract names, a joint working group of one function,
  an escalation budget in days and how often the steering committee meets;
- **Part B**, a hurried draft to repair: four mistakes drawn from three families (who sits
  where, escalation, decisions), which the review reports as four or five errors;
- **Part C**, tangled decision rights: of the four core decisions two have two owners, one
  has none and one sits in a body of the wrong tier; body ids differ between variants.

Company names, people, numbers and ids are drawn per variant from fixed pools, so two
variants never share an alliance, a named person set, or a steering or management body id in
Part C (its ids carry a company's name): an answer copied from another variant does not fit.
Nothing here holds an answer: the cases are the questions, and the grading checks properties
of what the student builds.

Examples
--------
>>> case = case_for(17)
>>> case.number, len(case.partners), case.escalation_days in BUDGETS
(17, 2, True)
>>> len(set(draft_errors(case.draft))) >= 3
True
>>> sorted(case.conflicts + case.gaps) == sorted(CORE_DECISIONS)
True
>>> len({case_for(n).alliance for n in range(COUNT + 1)}) == COUNT + 1
True
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import ClassVar

from toolkit.governance.model import CORE_DECISIONS, Body, Design, Member
from toolkit.governance.review import review
from toolkit.ui.messages import Text
from toolkit.variants.registry import VariantCase, VariantSet, count_of

__all__ = [
    "BUDGETS",
    "CADENCES",
    "COUNT",
    "DIRECTION",
    "GROUPS",
    "PATH_CODES",
    "SEAT_CODES",
    "VARIANTS",
    "Case",
    "Person",
    "case_for",
    "draft_errors",
    "rule_of_thumb_tier",
]

ASSIGNMENT = "governance-design"
COUNT = count_of(ASSIGNMENT)
#: escalation budgets (days from the working group to the steering committee)
BUDGETS = (15, 20, 25, 30)
#: steering cadences: the longest gap between meetings, in days, and how the case says it
CADENCES = {
    30: "at least once a month",
    60: "at least every two months",
    90: "at least once a quarter",
}
#: the joint working group a case asks for: function -> (group name, one of its people)
GROUPS = {
    "sales": ("joint sales working group", "salesperson"),
    "marketing": ("joint marketing working group", "marketer"),
    "technical": ("joint technical integration group", "engineer"),
    "customer_success": ("joint customer success group", "customer success manager"),
}
#: the decisions that give direction (the steering body's, by the lesson's rule of thumb)
DIRECTION = ("strategy", "investment", "dispute_resolution")
#: review errors about who sits where, and about escalation paths and decision rights
SEAT_CODES = (
    "too-few-partners",
    "unknown-partner",
    "empty-body",
    "one-sided-body",
    "no-executive-sponsor",
    "no-alliance-manager",
)
PATH_CODES = (
    "duplicate-body",
    "no-steering-body",
    "no-management-body",
    "no-escalation",
    "bad-escalation",
    "decision-unowned",
    "decision-conflict",
)

# 41 company-name stems, one per variant and part (none is an alliance of the course data)
_STEMS = (
    "Aurora", "Cobalt", "Orbit", "Vela", "Lumen", "Boreal", "Corvid", "Dune", "Ember", "Fjord",
    "Ionic", "Juniper", "Kestrel", "Lyra", "Mosaic", "Nova", "Onyx", "Prism", "Quill", "Rune",
    "Sable", "Tern", "Umber", "Vireo", "Willow", "Yarrow", "Zephyr", "Alder", "Brio", "Calder",
    "Drift", "Eider", "Fable", "Garnet", "Heron", "Indigo", "Jasper", "Kiln", "Lark", "Marlin",
    "Nimble",
)  # fmt: skip
# (first company: suffix, what it is), (second company: suffix, what it is), what they launch
_SCENARIOS = (
    (("Health", "a maker of connected medical devices"), ("Cloud", "a cloud provider"),
     "a joint remote-patient-monitoring service for hospitals"),
    (("Bank", "a retail bank"), ("Pay", "a payments start-up"),
     "card terminals with small-business loans for independent shops"),
    (("Motors", "a maker of delivery vans"), ("Charge", "a charging-network operator"),
     "electric delivery fleets with charging included"),
    (("Telecom", "a mobile operator"), ("Robotics", "a maker of factory robots"),
     "private 5G networks with connected robots for factories"),
    (("Foods", "a food producer"), ("Pack", "a packaging maker"),
     "a range of groceries in recyclable packaging for supermarkets"),
    (("Insurance", "an insurer"), ("Sensors", "a maker of in-car sensors"),
     "car insurance priced on how people drive"),
    (("Pharma", "a pharmaceutical company"), ("Analytics", "an AI start-up"),
     "faster clinical trials that match patients to studies"),
    (("Power", "an energy utility"), ("Home", "a smart-thermostat maker"),
     "home energy management for the utility's customers"),
    (("Air", "an airline"), ("Hotels", "a hotel chain"),
     "flight-and-hotel bundles sold in both companies' apps"),
    (("Software", "a business-software vendor"), ("Consulting", "a consulting firm"),
     "a fixed-price move to the cloud for mid-sized firms"),
    (("Chips", "a chip designer"), ("Cameras", "a maker of security cameras"),
     "cameras that spot safety risks on building sites"),
    (("Logistics", "a logistics company"), ("Fashion", "a fashion retailer"),
     "same-day delivery and easy returns for online shoppers"),
)  # fmt: skip
_FIRST = (
    "Maria", "David", "Sofia", "Liam", "Irene", "Paul", "Kai", "Nina", "Sara", "Omar", "Ruth",
    "Jonas", "Amir", "Clara", "Leo", "Ida", "Eva", "Tim", "Anya", "Bruno", "Chloe", "Diego",
    "Elif", "Farah", "Gabriel", "Hannah", "Ivan", "Jana", "Kofi", "Lena", "Mateo", "Noor",
    "Oscar", "Priya", "Quentin", "Rosa", "Stefan", "Tara", "Ugo", "Vera",
)  # fmt: skip
_LAST = (
    "Lopez", "Chen", "Reyes", "Walsh", "Moss", "Dunn", "Berg", "Vos", "Lind", "Haas", "Klein",
    "Shah", "Dietz", "Holm", "Sanz", "Roth", "Adeyemi", "Bauer", "Costa", "Dubois", "Eriksen",
    "Fontaine", "Gupta", "Horvat", "Ibarra", "Jansen", "Kowalski", "Laine", "Mensah", "Novak",
    "Okafor", "Petrov", "Quinn", "Rossi", "Silva", "Tanaka", "Ueda", "Varga", "Weber", "Yilmaz",
)  # fmt: skip
_TITLES = (
    "chief operating officer",
    "chief commercial officer",
    "executive vice-president for partnerships",
    "chief strategy officer",
    "head of the enterprise business",
    "vice-president for new ventures",
)
_STEERING = (
    ("jsc", "Joint Steering Committee"),
    ("esc", "Executive Steering Committee"),
    ("board", "Alliance Board"),
    ("exco", "Executive Council"),
    ("gsc", "Global Steering Committee"),
    ("lead", "Leadership Forum"),
    ("sc", "Strategy Council"),
)
_MANAGEMENT = (
    ("amt", "Alliance Management Team"),
    ("jmt", "Joint Management Team"),
    ("core", "Core Team"),
    ("ams", "Alliance Managers"),
    ("pmo", "Partnership Office"),
    ("apt", "Alliance Programme Team"),
    ("jot", "Joint Operating Team"),
)
_OPERATIONAL = {
    "sales": ("field", "Joint Field Team"),
    "marketing": ("mkt", "Joint Marketing Group"),
    "technical": ("tech", "Integration Team"),
    "customer_success": ("cs", "Customer Success Group"),
    "operations": ("ops", "Joint Operations Group"),
}
_OTHER_DECISIONS = {"sales": "account_planning", "marketing": "campaigns",
                    "technical": "release_planning", "customer_success": "renewal_plays",
                    "operations": "route_planning"}  # fmt: skip
# the draft's mistakes, by family: each variant has one of every family and one more
_SEAT_STORIES = ("manager-missing", "sponsor-as-member", "empty-group")
_PATH_STORIES = (
    "steering-escalates",
    "management-escalates-down",
    "dangling-escalation",
    "no-escalation",
)
# the body each escalation mistake changes (two mistakes never change the same body)
_TOUCHES = {
    "steering-escalates": "steering",
    "management-escalates-down": "management",
    "dangling-escalation": "operational",
    "no-escalation": "operational",
}
_DECISION_STORIES = ("conflict", "unowned")


@dataclass(frozen=True)
class Person:
    """Someone a case names: name, company and (for a sponsor) their job title."""

    name: str
    company: str
    title: str = ""

    def member(self, role: str, function: str | None = None) -> Member:
        """The person as a member of a body, with a role (and a function)."""
        return Member(self.name, self.company, role, function)


@dataclass(frozen=True)
class Case(VariantCase):
    """One variant of the assignment: the Part A case, the Part B draft, the Part C decisions."""

    assignment: ClassVar[str] = ASSIGNMENT
    number: int
    partners: tuple[str, str]
    descriptions: tuple[str, str]
    purpose: str
    sponsors: tuple[Person, Person]
    managers: tuple[Person, Person]
    group_function: str
    escalation_days: int
    steering_every_days: int
    draft_stories: tuple[str, ...]
    conflicts: tuple[str, ...]
    gaps: tuple[str, ...]
    _draft: Design = field(repr=False, compare=False)
    _decisions: Design = field(repr=False, compare=False)
    assigned: object = field(default=None, repr=False, compare=False)

    # -- Part A ------------------------------------------------------------------------
    @property
    def alliance(self) -> str:
        """The Part A alliance's name (``"A + B"``)."""
        return " + ".join(self.partners)

    @property
    def group_name(self) -> str:
        """The joint working group the case asks for, in words."""
        return GROUPS[self.group_function][0]

    def case_text(self) -> Text:
        """Part A's case and requirements, as the notebook shows them."""
        (a, b), (what_a, what_b) = self.partners, self.descriptions
        (sa, sb), (ma, mb) = self.sponsors, self.managers
        name, person = GROUPS[self.group_function]
        cadence = CADENCES[self.steering_every_days]
        lines = [
            f"**The case.** *{a}*, {what_a}, and *{b}*, {what_b}, are launching {self.purpose}.",
            "",
            "Their governance must meet these requirements:",
            "",
            f"1. The partners are exactly **{a}** and **{b}**.",
            "2. The design is **workable**: the review finds no errors.",
            f"3. The executive sponsors are the people named in the contract: **{sa.name}** "
            f"({_of(a)} {sa.title}) and **{sb.name}** ({_of(b)} {sb.title}). Both sit on the "
            "steering body with the role `executive_sponsor`.",
            f"4. The alliance managers are **{ma.name}** ({a}) and **{mb.name}** ({b}), with "
            "the role `alliance_manager` on the management body.",
            f"5. There is a **{name}**: an operational body with at least one {person} "
            f"(function `{self.group_function}`) from each company.",
            f"6. An issue raised in the {name} reaches the steering committee **within "
            f"{self.escalation_days} days**: add up the escalation days along its path.",
            "7. Every body that escalates says after how many days it does.",
            f"8. The steering committee meets **{cadence}** (every "
            f"{self.steering_every_days} days or more often).",
        ]
        return Text("\n".join(lines))

    # -- Part B ------------------------------------------------------------------------
    @property
    def draft(self) -> Design:
        """Part B's hurried draft (a fresh copy each time)."""
        return self._draft.copy()

    def draft_text(self) -> Text:
        """Part B's introduction, naming the draft's alliance."""
        first, second = self._draft.partners
        return Text(
            f"{first} and {second} drafted their governance in a hurry. Their draft is below, "
            "and the review finds several errors in it:"
        )

    # -- Part C ------------------------------------------------------------------------
    @property
    def decisions(self) -> Design:
        """Part C's design with tangled decision rights (a fresh copy each time)."""
        return self._decisions.copy()

    def decisions_text(self) -> Text:
        """Part C's introduction, naming its alliance."""
        first, second = self._decisions.partners
        return Text(
            f"{first} and {second} disagree about who decides what. In their design, some "
            "core decisions have two owners, one has none and one sits with a body of the "
            "wrong tier:"
        )

    # -- Part D ------------------------------------------------------------------------
    def champion_text(self) -> Text:
        """Part D's question, about the first company's sponsor."""
        sponsor, (a, b) = self.sponsors[0], self.partners
        return Text(
            f"**In 100 to 200 words**, explain how {sponsor.name}, {_of(a)} sponsor, should "
            f"champion the alliance with {b} *inside {a}*: with whom, how, and why it "
            "matters for the alliance's results."
        )


def _of(company: str) -> str:
    """The possessive of a company's name ("Cobalt Cloud's", "Umber Sensors'")."""
    return f"{company}'" if company.endswith("s") else f"{company}'s"


def rule_of_thumb_tier(decision: str) -> str:
    """The tier the lesson's rule of thumb gives a core decision."""
    return "steering" if decision in DIRECTION else "management"


def draft_errors(design: Design) -> list[str]:
    """The error codes the review reports for a design, one per finding."""
    return [f.code for f in review(design) if f.severity == "error"]


# --- building a variant ------------------------------------------------------------------
def _company(stem_index: int, suffix: str) -> str:
    return f"{_STEMS[stem_index % len(_STEMS)]} {suffix}"


def _pair(number: int, part: int) -> tuple[tuple[str, str], tuple[str, str], str]:
    """Companies, descriptions and purpose of part 0 (A), 1 (B) or 2 (C) of a variant."""
    first, second, purpose = _SCENARIOS[(number + 5 * part) % len(_SCENARIOS)]
    offsets = ((0, 5), (13, 18), (27, 32))[part]
    names = (_company(number + offsets[0], first[0]), _company(number + offsets[1], second[0]))
    return names, (first[1], second[1]), purpose


def _people(rng: random.Random, count: int) -> list[str]:
    return [
        f"{f} {s}" for f, s in zip(rng.sample(_FIRST, count), rng.sample(_LAST, count), strict=True)
    ]


def _ids(number: int, shift: int) -> tuple[tuple[str, str], tuple[str, str]]:
    """Steering and management (id, name): a different pair for every variant of a part."""
    k = (number + shift) % 49
    return _STEERING[k % 7], _MANAGEMENT[(k // 7 + k) % 7]


def _body(ident, tier, every, members, decides, up=None, days=None) -> Body:
    return Body(ident[0], ident[1], tier, every, list(members), list(decides), up, days)


def _draft(number: int, rng: random.Random, names: list[str]) -> tuple[Design, tuple[str, ...]]:
    (c1, c2), _what, _purpose = _pair(number, 1)
    s_id, m_id = _ids(number, 17)
    function = rng.choice(sorted(GROUPS))
    o_id = _OPERATIONAL[function]
    sponsor1, sponsor2, manager1, manager2, op1, op2 = (
        Person(n, c) for n, c in zip(names, (c1, c2, c1, c2, c1, c2), strict=True)
    )
    steering = _body(
        s_id, "steering", 90,
        [sponsor1.member("executive_sponsor"), sponsor2.member("executive_sponsor"),
         manager1.member("alliance_manager"), manager2.member("alliance_manager")],
        DIRECTION,
    )  # fmt: skip
    management = _body(
        m_id, "management", 14,
        [manager1.member("alliance_manager"), manager2.member("alliance_manager")],
        ["joint_business_plan"], s_id[0], 10,
    )  # fmt: skip
    field_team = _body(
        o_id, "operational", 7,
        [op1.member("member", function), op2.member("member", function)],
        [_OTHER_DECISIONS[function]], m_id[0], 5,
    )  # fmt: skip
    bodies = [steering, management, field_team]
    stories = [rng.choice(_SEAT_STORIES), rng.choice(_PATH_STORIES), rng.choice(_DECISION_STORIES)]
    touched = {_TOUCHES[stories[1]]}
    extra = [s for s in _PATH_STORIES + _DECISION_STORIES
             if s not in stories and _TOUCHES.get(s) not in touched]  # fmt: skip
    stories.append(rng.choice(extra))
    side = rng.randrange(2)  # which partner the seat mistake hurts
    conflict_key, unowned_key = rng.sample(CORE_DECISIONS, 2)
    for story in stories:
        if story == "manager-missing":
            del management.members[side]
        elif story == "sponsor-as-member":
            steering.members[side].role = "member"
        elif story == "empty-group":
            other = rng.choice([f for f in sorted(_OPERATIONAL) if f != function])
            bodies.append(_body(_OPERATIONAL[other], "operational", 14, [], [], m_id[0], 5))
        elif story == "steering-escalates":
            steering.escalates_to, steering.escalation_days = m_id[0], 30
        elif story == "management-escalates-down":
            management.escalates_to = o_id[0]
        elif story == "dangling-escalation":
            field_team.escalates_to = f"{m_id[0]}-team"
        elif story == "no-escalation":
            field_team.escalates_to = None
        elif story == "conflict":
            owner = management if conflict_key in DIRECTION else steering
            owner.decides.append(conflict_key)
        elif story == "unowned":
            for body in (steering, management):
                body.decides = [d for d in body.decides if d != unowned_key]
    return Design(f"{c1} + {c2}", [c1, c2], bodies), tuple(stories)


def _decisions(number: int, rng: random.Random, names: list[str]):
    (c1, c2), _what, _purpose = _pair(number, 2)
    (s_short, s_name), (m_short, m_name) = _ids(number, 0)
    # ids carry a company's stem, so that no two variants share one (a copied answer fails)
    s_id = (f"{c1.split()[0].lower()}-{s_short}", s_name)
    m_id = (f"{c2.split()[0].lower()}-{m_short}", m_name)
    functions = rng.sample(sorted(_OPERATIONAL), 2)
    people = iter(Person(n, c) for n, c in zip(names, (c1, c2) * 4, strict=False))
    a1, a2, m1, m2 = (next(people) for _ in range(4))
    steering = _body(
        s_id, "steering", 90,
        [a1.member("executive_sponsor"), a2.member("executive_sponsor"),
         m1.member("alliance_manager"), m2.member("alliance_manager")], [],
    )  # fmt: skip
    management = _body(
        m_id, "management", 14,
        [m1.member("alliance_manager"), m2.member("alliance_manager")], ["pricing"], s_id[0], 10,
    )  # fmt: skip
    groups = []
    for function in functions:
        p1, p2 = next(people), next(people)
        groups.append(
            _body(
                _OPERATIONAL[function], "operational", 7,
                [p1.member("member", function), p2.member("member", function)],
                [_OTHER_DECISIONS[function]], m_id[0], 5,
            )
        )  # fmt: skip
    right = {
        k: steering if rule_of_thumb_tier(k) == "steering" else management for k in CORE_DECISIONS
    }
    states = ["conflict", "conflict", "wrong", "unowned"]
    rng.shuffle(states)
    conflicts, gaps = [], []
    for key, state in zip(CORE_DECISIONS, states, strict=True):
        others = [b for b in (steering, management, *groups) if b is not right[key]]
        if state == "conflict":
            right[key].decides.append(key)
            rng.choice(others).decides.append(key)
            conflicts.append(key)
        else:
            if state == "wrong":
                rng.choice(others).decides.append(key)
            gaps.append(key)
    design = Design(f"{c1} + {c2}", [c1, c2], [steering, management, *groups])
    return design, tuple(conflicts), tuple(gaps)


def _build(number: int) -> Case:
    rng = random.Random(f"governance-design/{number}")
    names = _people(rng, 18)
    (a, b), descriptions, purpose = _pair(number, 0)
    titles = rng.sample(_TITLES, 2)
    sponsors = (Person(names[0], a, titles[0]), Person(names[1], b, titles[1]))
    managers = (Person(names[2], a), Person(names[3], b))
    draft, stories = _draft(number, rng, names[4:10])
    decisions, conflicts, gaps = _decisions(number, rng, names[10:18])
    return Case(
        number=number,
        partners=(a, b),
        descriptions=descriptions,
        purpose=purpose,
        sponsors=sponsors,
        managers=managers,
        group_function=rng.choice(sorted(GROUPS)),
        escalation_days=rng.choice(BUDGETS),
        steering_every_days=rng.choice(sorted(CADENCES)),
        draft_stories=stories,
        conflicts=conflicts,
        gaps=gaps,
        _draft=draft,
        _decisions=decisions,
    )


def case_for(number: int, assigned=None) -> Case:
    """The case of variant ``number`` (0 is practice; 1 to :data:`COUNT` are graded)."""
    return VARIANTS.case(number, assigned)


# --- what the instructor's list of variants shows (see toolkit.variants.registry) ------------
def facts(number: int) -> dict:
    """The key facts of a variant (its questions, not their answers)."""
    case = case_for(number)
    draft, tangled = case.draft, case.decisions
    return {
        "case": case.alliance,
        "sponsors": ", ".join(p.name for p in case.sponsors),
        "managers": ", ".join(p.name for p in case.managers),
        "group": case.group_name,
        "escalation": f"{case.escalation_days} days",
        "steering": f"every {case.steering_every_days} days",
        "draft": draft.alliance,
        "draft errors": ", ".join(sorted(set(draft_errors(draft)))),
        "decisions": tangled.alliance,
        "bodies": ", ".join(b.id for b in tangled.bodies),
        "two owners": ", ".join(case.conflicts),
        "no or wrong owner": ", ".join(case.gaps),
    }


VARIANTS = VariantSet(
    assignment=ASSIGNMENT,
    build=_build,
    facts=facts,
    sample=(3, 17, 29),
)
