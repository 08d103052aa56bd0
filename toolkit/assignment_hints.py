"""Tiered hints for the graded assignments: a nudge, a pointer, then a worked example.

Each assignment part has its own :class:`toolkit.checks.Hints`; a student calls it in the
"Stuck?" cell under the part, once per tier. Worked examples use *other* alliances, bodies
and metrics than the assignment, so no hint gives an answer away.

Examples
--------
>>> hint_owners.given = 0
>>> str(hint_owners()).startswith("Hint 1 of 3: Each of the four core decisions")
True
"""

from __future__ import annotations

from toolkit.checks import Hints

__all__ = [
    "hint_case",
    "hint_classify",
    "hint_falling",
    "hint_gaps",
    "hint_lag",
    "hint_owners",
    "hint_repair",
]

# --- governance-design ---------------------------------------------------------------------
hint_case = Hints(
    "governance-design.case-design",
    [
        "Turn the case into a checklist: which partners, which people with which role, which "
        "joint work needs a group, and how many days an issue may take to reach the top.",
        "Build from the top down: a steering body with the two sponsors and the two alliance "
        "managers, a management body with the alliance managers, and a joint working group "
        "for the sales effort with people from both sides. Then give each lower body an "
        "'Escalates to' and a number of days, and add the days up along the path.",
        "Worked example for another alliance, 'Brightpath + Omnicorp': an Alliance Board "
        "(both sponsors and both alliance managers, every 90 days), an Alliance Managers team "
        "(every 14 days, escalating to the board after 10 days) and a Go-to-Market Group (every "
        "7 days, escalating to the managers after 5 days): its path to the top takes 5 + 10 = "
        "15 days. Start a builder from 'lean-startup-enterprise' to look at it.",
    ],
)

hint_repair = Hints(
    "governance-design.repair",
    [
        "Read the review panel of the repair builder: each error names the body and says "
        "what is missing.",
        "Fix one error at a time and keep everything else: pick the body the review names, "
        "add the missing person or change its setting, and never remove a body or a person. "
        "A decision listed by two bodies is fixed by taking it from one of them.",
        "Worked example on another draft: a management team set to escalate to 'nobody' gives "
        "`no-escalation`; picking the steering committee under 'Escalates to', typing 10 "
        "days and clicking 'Apply settings' makes it go away, and nothing else changes.",
    ],
)

hint_owners = Hints(
    "governance-design.decision-owners",
    [
        "Each of the four core decisions needs exactly one owner: a decision with two owners "
        "is a conflict, one with none is a gap.",
        "The chart shows each body's id in brackets; the rule of thumb in the text says which "
        "tier owns direction and which owns the joint plan. Write the ids, not the names.",
        "Worked example for another alliance whose bodies are 'board' (steering) and 'ops' "
        '(management): owners = {"pricing": "board", "launch_plan": "ops"} gives each of '
        "those two decisions one owner.",
    ],
)

# --- reading-the-indicators ----------------------------------------------------------------
hint_classify = Hints(
    "reading.classify",
    [
        "For each metric ask: does it count joint work the partners can do this month, or a "
        "result that comes out of work done months ago?",
        "Activities, enablement and pipeline come before a deal closes, so they lead; money "
        "received, deals won and how customers feel about what they bought come after, so "
        "they lag. Read each metric's definition in the widget before you click.",
        "Worked example with metrics that are not in the assignment: 'partner webinars held' "
        "counts work done now, so it leads; 'support tickets per customer' measures what "
        "happened after a sale, so it lags.",
    ],
)

hint_lag = Hints(
    "reading.lag",
    [
        "Revenue follows the joint work by some months: compare the two series shifted by "
        "0, 1, 2, … 12 months and see where they line up best.",
        "`best_lag(leading, lagging)` does the shifting for you, on month-to-month changes; "
        "`data.series(alliance, metric)` gives each series. Use Granite's two series.",
        "Worked example: for Summit, best_lag(data.series('Summit', 'deal_registrations'), "
        "data.series('Summit', 'sourced_revenue')) returns Summit's lag in months; "
        "lag_correlations(...) shows the whole table, with the strongest row at that lag.",
    ],
)

hint_falling = Hints(
    "reading.falling",
    [
        "Revenue is lagging: today's revenue tells you about work done long ago. Look at "
        "what the leading columns did recently.",
        "In the table, look for alliances whose leading indicators dropped sharply over the "
        "last 6 months, whatever their revenue column says today.",
        "Worked example with made-up numbers: if alliance 'Zeta' shows sourced_revenue +8 % "
        "but deal registrations -55 % and pipeline -40 %, its revenue will fall once its "
        "sales cycle has passed, so 'Zeta' belongs in the list.",
    ],
)

hint_gaps = Hints(
    "reading.largest-gap",
    [
        "A perception gap is the difference between how the partners rate the same "
        "dimension of the alliance.",
        "`perception_gaps(survey)` gives one row per dimension with each side's mean and the "
        "gap; the largest gap is the row with the biggest value in the 'gap' column.",
        "Worked example with made-up numbers: one side rates trust 4.2 and the other 3.1 (gap "
        "1.1), communication 3.9 and 3.6 (gap 0.3): the largest gap is trust.",
    ],
)
