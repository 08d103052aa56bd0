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


def wrong_reading(key: dict, number: int) -> dict[str, tuple[dict, dict, set[str]]]:
    """Student -> (answers, files, the cells that must lose their points)."""
    from toolkit.indicators.variants import case_for as portfolio

    case = portfolio(number)
    answers = key["answers"]
    truth = answers["falling_answer"]["falling"]
    sorting = json.loads(key["files"]["my-indicator-sorting.json"])
    first = case.metrics[0]
    flipped = {"leading": "lagging", "lagging": "leading"}[sorting["data"]["answers"][first]]
    sorting["data"]["answers"][first] = flipped
    # reading the revenue column instead of the leading ones
    by_revenue = case.trends()["sourced_revenue"].sort_values()
    revenue_read = sorted(by_revenue.index[: len(truth)])
    if revenue_read == sorted(truth):
        revenue_read = sorted(by_revenue.index[len(truth) : 2 * len(truth)])
    gaps = answers["gaps_answer"]["gaps"]
    second = sorted(gaps, key=gaps.get)[-2]
    from toolkit import data
    from toolkit.health import perception_gaps

    lesson = perception_gaps(data.survey("Delta", quarter=8))["gap"]  # another survey's gaps
    course_gaps = {str(k): round(float(v), 4) for k, v in lesson.items()}
    lag = answers["lag_answer"]["lag_months"]

    return {
        "read-one-metric-flipped": (
            answers,
            {**key["files"], "my-indicator-sorting.json": json.dumps(sorting)},
            {"classify_metrics"},
        ),
        "read-lag-one-off": _changed(key, "lag_answer", {"revenue_lag"}, lag_months=lag + 1),
        "read-revenue-column": _changed(
            key, "falling_answer", {"falling_revenue"}, falling=revenue_read
        ),
        "read-one-falling-missing": _changed(
            key, "falling_answer", {"falling_revenue"}, falling=truth[:1]
        ),
        "read-gaps-of-the-lesson": _changed(
            key, "gaps_answer", {"perception_gaps_table"}, gaps=course_gaps
        ),
        "read-second-largest-gap": _changed(
            key, "gaps_answer", {"largest_gap"}, largest_gap=second
        ),
    }


# --- steering-committee -----------------------------------------------------------------
def wrong_steering(key: dict, number: int) -> dict[str, tuple[dict, dict, set[str]]]:
    """Student -> (answers, files, the cells that must lose their points)."""
    from toolkit.steering.cases import case_for
    from toolkit.steering.dashboard import discussion_plan
    from toolkit.steering.portfolio import portfolio_call

    case = case_for(number)
    answers = key["answers"]

    verdicts = discussion_plan(case.dashboard())
    # a red result put on the agenda as if it were a driver
    red_result = next(k for k, v in verdicts.items() if v.verdict == "may" and "result" in v.reason)
    must = answers["must_answer"]["must_discuss_items"]
    steering = next(b.id for b in case.design.bodies if b.tier == "steering")
    owners = answers["owners_answer"]["owners"]
    late = answers["escalation_answer"]["late_issue"]
    other_issue = next(i.id for i in case.issues if i.id != late)
    fix = answers["escalation_answer"]["new_limits"]
    ((body, days),) = fix.items()
    plan = answers["plan_answer"]["plan_targets"]
    goal_month = case.goal.month
    # the leading targets dated at the goal month: the sales cycle forgotten
    undated = {s: {**v, "by_month": goal_month} for s, v in plan.items()}
    # health read from Acme's side alone
    acme = {
        a.name: {
            "importance": a.importance,
            "health": float(round(a.scores["Acme Software"].mean(), 2)),
        }
        for a in case.alliances
    }
    acme_calls = {n: portfolio_call(r["importance"], r["health"]) for n, r in acme.items()}
    assert acme_calls != answers["portfolio_answer"]["calls"]
    return {
        "wrong-red-result": _changed(
            key, "must_answer", {"must_discuss"}, must_discuss_items=[*must, red_result]
        ),
        "wrong-all-to-steering": _changed(
            key, "owners_answer", {"owners_routed"}, owners=dict.fromkeys(owners, steering)
        ),
        "wrong-other-issue": _changed(
            key, "escalation_answer", {"escalation_late_issue"}, late_issue=other_issue
        ),
        "wrong-fix-too-slow": _changed(
            key, "escalation_answer", {"escalation_fix"}, new_limits={body: days + 5}
        ),
        "wrong-plan-undated": _changed(key, "plan_answer", {"business_plan"}, plan_targets=undated),
        "wrong-calls-acme-side": _changed(
            key, "portfolio_answer", {"portfolio_calls"}, calls=acme_calls
        ),
        "wrong-reasons-acme-side": _changed(
            key, "portfolio_answer", {"portfolio_reasons"}, reasons=acme
        ),
    }


WRONG = {GOV: wrong_governance, READ: wrong_reading, STEER: wrong_steering}
