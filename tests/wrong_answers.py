"""Plausible wrong answers, one table for every assignment with variants.

``WRONG[assignment](key, number)`` takes a variant's answer key (``grading_cases.variant_key``)
and its number, and gives student -> (answers, answer files, the autograded cells that must
lose their points). Each is a slip a student could make: a rule applied to the wrong data, a
step forgotten, a neighbouring answer. The grading tests hand them in through the real
nbgrader and check that each loses its own cells' points and no other.
"""

from __future__ import annotations

import json

from toolkit.governance import dumps, loads

GOV = "governance-design"
READ = "reading-the-indicators"
STEER = "steering-committee"


# --- governance-design ----------------------------------------------------------------
def _design(key: dict, name: str):
    return loads(key["files"][name])


def _changed(key: dict, answer: str, loses: set[str], **values) -> tuple[dict, dict, set[str]]:
    """The key's answers with ``answer`` changed by ``values``; ``loses``: the cells it fails."""
    answers = key["answers"]
    return {**answers, answer: {**answers[answer], **values}}, key["files"], loses


def _filed(key: dict, name: str, design, loses: set[str]) -> tuple[dict, dict, set[str]]:
    """The key's answers with the file ``name`` replaced by ``design``; ``loses`` as above."""
    return key["answers"], {**key["files"], name: dumps(design)}, loses


def _body(design, tier: str):
    return next(b for b in design.bodies if b.tier == tier)


OWNERS_FILE = "decision-owners.answer.json"


def _owners_file(case, owners: dict[str, str]) -> str:
    """Part C's answer file as its control saves it when these bodies are picked, one a list."""
    import tempfile
    from pathlib import Path

    from toolkit.governance.assignment import owners_question
    from toolkit.ui.answers import MatchEach

    question = owners_question(case)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / OWNERS_FILE
        control = MatchEach(question, path, variant=case.number)
        options = list(question.options)
        for item, picker in zip(question.items, control.pickers, strict=True):
            picker.value = [options.index(owners[item])]
        assert control.value == owners, control.value
        return path.read_text(encoding="utf-8")


def wrong_governance(key: dict, number: int) -> dict[str, tuple[dict, dict, set[str]]]:
    """Student -> (answers, files, the cells that must lose their points)."""
    from toolkit.governance.cases import case_for

    case = case_for(number)
    owners = json.loads(key["files"][OWNERS_FILE])["data"]["answer"]
    tangled = case.decisions
    ops = next(b.id for b in tangled.bodies if b.tier == "operational")
    middle = _body(tangled, "management").id
    top = _body(tangled, "steering").id
    wrong = {}
    # issue 13: all four core decisions to the operations group, picked in the four lists
    wrong["gov-owners-to-ops"] = (
        key["answers"],
        {**key["files"], OWNERS_FILE: _owners_file(case, dict.fromkeys(owners, ops))},
        {"owners_conflicts", "owners_gaps"},
    )
    # a conflict settled in the wrong tier; a gap filled in the wrong tier: one list changed
    conflict, gap = case.conflicts[0], case.gaps[0]
    flip = {"steering": middle, "management": top}
    for student, key_name, cell in (
        ("gov-conflict-wrong-tier", conflict, "owners_conflicts"),
        ("gov-gap-wrong-tier", gap, "owners_gaps"),
    ):
        tier = "management" if key_name == "joint_business_plan" else "steering"
        picked = _owners_file(case, {**owners, key_name: flip[tier]})
        wrong[student] = (key["answers"], {**key["files"], OWNERS_FILE: picked}, {cell})
    # issue 13: alliance managers who are not the two people the case names
    design = _design(key, "governance-design.json")
    named = {p.name for p in case.managers}
    for body in design.bodies:
        for member in body.members:
            if member.name in named:
                member.name = f"Someone Else {member.partner}"
    wrong["gov-other-managers"] = _filed(
        key, "governance-design.json", design, {"case_design_requirements"}
    )
    # a workable-looking design with a decision in two bodies (not workable)
    design = _design(key, "governance-design.json")
    _body(design, "management").decides.append("strategy")
    wrong["gov-not-workable"] = _filed(
        key, "governance-design.json", design, {"case_design_workable"}
    )
    # the working group's issues take longer than the case allows
    design = _design(key, "governance-design.json")
    _body(design, "management").escalation_days = case.escalation_days
    wrong["gov-slow-escalation"] = _filed(
        key, "governance-design.json", design, {"case_design_requirements"}
    )
    # issue 13: the draft's errors gone, but a partner's sponsor demoted (a new error)
    repaired = _design(key, "repaired-design.json")
    sponsor = next(m for m in _body(repaired, "steering").members if m.role == "executive_sponsor")
    sponsor.role = "member"
    wrong["gov-sponsor-demoted"] = _filed(key, "repaired-design.json", repaired, {"repair_seats"})
    # an unfinished repair: the steering committee still escalates
    repaired = _design(key, "repaired-design.json")
    top_body, middle_body = _body(repaired, "steering"), _body(repaired, "management")
    top_body.escalates_to, top_body.escalation_days = middle_body.id, 30
    wrong["gov-repair-unfinished"] = _filed(key, "repaired-design.json", repaired, {"repair_paths"})
    # a repair that drops a person of the draft
    repaired = _design(key, "repaired-design.json")
    group = next(b for b in repaired.bodies if b.tier == "operational" and len(b.members) > 1)
    group.members.pop()
    wrong["gov-repair-person-lost"] = _filed(
        key, "repaired-design.json", repaired, {"repair_design_kept"}
    )
    return wrong


def _resaved(key: dict, name: str, question, answer, number: int) -> dict:
    """The key's files with ``name`` saved again as its control saves ``answer``."""
    from toolkit.ui.answers.questions import saved_form

    content = {"kind": question.kind, "data": saved_form(question, answer, number)}
    return {**key["files"], name: json.dumps(content, indent=2)}


def wrong_reading(key: dict, number: int) -> dict[str, tuple[dict, dict, set[str]]]:
    """Student -> (answers, files, the cells that must lose their points).

    Each wrong answer is one wrong choice in one widget, saved as the widget saves it.
    """
    from toolkit.health.assignment import (
        BAND_FILE,
        GAP_FILE,
        band_question,
        bands_within,
        gap_question,
    )
    from toolkit.health.model import health_index, perception_gaps
    from toolkit.indicators.assignment import (
        FALLING_FILE,
        LAG_FILE,
        falling_question,
        lag_question,
    )
    from toolkit.indicators.variants import case_for as portfolio

    case = portfolio(number)
    files = key["files"]

    def saved(name: str) -> object:
        return json.loads(files[name])["data"]["answer"]

    sorting = json.loads(files["my-indicator-sorting.json"])
    first = case.metrics[0]
    flipped = {"leading": "lagging", "lagging": "leading"}[sorting["data"]["answers"][first]]
    sorting["data"]["answers"][first] = flipped
    # the lag one month off: the explorer's slider left at a neighbouring bar
    lag = saved(LAG_FILE)
    # reading the revenue column instead of the leading ones
    truth = saved(FALLING_FILE)
    by_revenue = case.trends()["sourced_revenue"].sort_values()
    revenue_read = sorted(by_revenue.index[: len(truth)])
    if revenue_read == sorted(truth):
        revenue_read = sorted(by_revenue.index[len(truth) : 2 * len(truth)])
    # the healthy line read the wrong way round: the band next to the index's own
    bands = list(band_question().options)
    right = bands_within(health_index(case.survey()))
    at = bands.index(right[0])
    neighbour = next(b for b in (*bands[at + 1 : at + 2], *bands[at - 1 : at]) if b not in right)
    # the second-longest line of the chart
    second = perception_gaps(case.survey())["gap"].sort_values().index[-2]
    return {
        "read-one-metric-flipped": (
            {},
            {**files, "my-indicator-sorting.json": json.dumps(sorting)},
            {"classify_metrics"},
        ),
        "read-lag-one-off": (
            {},
            _resaved(key, LAG_FILE, lag_question(case), lag + 1, number),
            {"revenue_lag"},
        ),
        "read-revenue-column": (
            {},
            _resaved(key, FALLING_FILE, falling_question(case), revenue_read, number),
            {"falling_revenue"},
        ),
        "read-one-falling-missing": (
            {},
            _resaved(key, FALLING_FILE, falling_question(case), truth[:1], number),
            {"falling_revenue"},
        ),
        "read-band-next-to-it": (
            {},
            _resaved(key, BAND_FILE, band_question(), neighbour, number),
            {"health_band"},
        ),
        "read-second-largest-gap": (
            {},
            _resaved(key, GAP_FILE, gap_question(), second, number),
            {"largest_gap"},
        ),
    }


# --- steering-committee -----------------------------------------------------------------
def wrong_steering(key: dict, number: int) -> dict[str, tuple[dict, dict, set[str]]]:
    """Student -> (answers, files, the cells that must lose their points).

    Each wrong answer is one wrong choice in one control, saved as that control saves it.
    """
    from instructor.keys.steering_committee import truth
    from toolkit.steering.assignment import FILES, saved_text
    from toolkit.steering.cases import LIMIT_RANGE, case_for
    from toolkit.steering.dashboard import discussion_plan
    from toolkit.steering.portfolio import portfolio_call

    case = case_for(number)
    t = truth(number)

    def answered(part: str, answer, loses: set[str]) -> tuple[dict, dict, set[str]]:
        files = {**key["files"], FILES[part]: saved_text(part, case, answer)}
        return key["answers"], files, loses

    verdicts = discussion_plan(case.dashboard())
    # a red result put on the agenda as if it were a driver
    red_result = next(k for k, v in verdicts.items() if v.verdict == "may" and "result" in v.reason)
    steering = next(b.id for b in case.design.bodies if b.tier == "steering")
    other_issue = next(i.id for i in case.issues if i.id != t["late_issue"])
    ((body, days),) = t["limits"].items()
    # one day more than the most lenient limit that works: the late issue still misses
    slow = {body: {"days": days + 1}} if days < LIMIT_RANGE[1] else {steering: {"days": 3}}
    # the leading targets dated at the goal month: the sales cycle forgotten
    undated = {s: {**v, "by_month": case.goal.month} for s, v in t["plan"].items()}
    # health read from Acme's side alone
    acme_calls = {
        a.name: portfolio_call(a.importance, float(a.scores["Acme Software"].mean()))
        for a in case.alliances
    }
    assert acme_calls != t["calls"]
    # an unhealthy alliance that every side sees unhealthy, picked as the one read differently
    unhealthy = next(n for n, c in t["calls"].items() if c in ("fix", "exit") and n != t["reading"])
    return {
        "wrong-red-result": answered("must", [*t["must_discuss"], red_result], {"must_discuss"}),
        "wrong-all-to-steering": answered(
            "owners", dict.fromkeys(t["owners"], steering), {"owners_routed"}
        ),
        "wrong-other-issue": answered("late", other_issue, {"escalation_late_issue"}),
        "wrong-fix-too-slow": answered("limits", slow, {"escalation_fix"}),
        "wrong-plan-undated": answered("plan", undated, {"business_plan"}),
        "wrong-calls-acme-side": answered("calls", acme_calls, {"portfolio_calls"}),
        "wrong-reading-unhealthy": answered("reading", unhealthy, {"portfolio_reading"}),
    }


WRONG = {GOV: wrong_governance, READ: wrong_reading, STEER: wrong_steering}
