"""Messages read as sentences: no check, whatever the wrong answer, lists an empty set.

Every exercise check of the course is called with each kind of wrong answer a participant
could give (left blank, the wrong type, an empty list or dict, unknown names, a broken
design), and every line of its report is scanned for a list with nothing in it
("seen alike by all partners: .", "No such body: ;") or for words about a ``...`` that the
participant never saw.
"""

import functools
import importlib
import inspect
import itertools
import re

import pytest

from toolkit.selfstudy.checks import Report

MODULES = [
    "toolkit.magic_wand.lesson",
    "toolkit.indicators.lesson",
    "toolkit.indicators.assignment",
    "toolkit.governance.lesson",
    "toolkit.governance.assignment",
    "toolkit.scorecard.lesson",
    "toolkit.health.lesson",
    "toolkit.health.assignment",
    "toolkit.steering.dashboard.lesson",
    "toolkit.steering.agenda.lesson",
    "toolkit.steering.escalation.lesson",
    "toolkit.steering.decisions.lesson",
    "toolkit.steering.plan.lesson",
    "toolkit.steering.portfolio.lesson",
    "toolkit.steering.assignment",
]

# an empty list where a list was announced: "of: ;", "for: (", "at: .", "finds:" at the end
EMPTY_LIST = re.compile(r":\s*(?:\.(?!\.)|[;,)(]|$)|,\s*(?:\.(?!\.)|[,;])")
# a passed check that speaks of the ... which a participant using a widget never saw
DOTS = re.compile(r"\breplaced the \.\.\.")

WRONG = [
    ...,
    None,
    0,
    7.5,
    True,
    "",
    "nonsense",
    [],
    {},
    ["nonsense"],
    ("nonsense", "other"),
    {"nonsense": "x"},
    {"Harbor": "grow"},
    {"registrations": "a", "month": 2},
]


def _governance_designs():
    from toolkit.governance.cases import case_for
    from toolkit.governance.model import Design

    case = case_for(0)
    return [case.draft, case.decisions, Design(alliance="Empty")]


def _checks():
    for name in MODULES:
        module = importlib.import_module(name)
        for fname, function in inspect.getmembers(module, inspect.isfunction):
            if fname.startswith("check_") and function.__module__ == name:
                yield pytest.param(function, id=f"{name.rsplit('.', 2)[1]}.{fname}")


def _arguments(function):
    """Each call to try: every wrong answer in every answer parameter (two at a time)."""
    params = [
        p
        for p in inspect.signature(function).parameters.values()
        if p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD
    ]
    answers = [p.name for p in params if p.name != "case"]
    fixed = {}
    if any(p.name == "case" for p in params):
        if "steering" in function.__module__:
            from toolkit.steering.cases import case_for
        else:
            from toolkit.governance.cases import case_for
        fixed["case"] = case_for(0)
    choices = {}
    for p in params:
        if p.name == "case":
            continue
        # a design read from a file or a builder is always a design; one the student hands
        # in (lesson 05's repair) may be anything
        only_designs = p.annotation in ("Design", "Design | None")
        is_design = p.name in ("design", "original", "repaired")
        choices[p.name] = (_governance_designs() if is_design else []) + (
            [] if only_designs else WRONG
        )
    if not answers:
        yield fixed
        return
    if len(answers) == 1:
        for value in choices[answers[0]]:
            yield {**fixed, answers[0]: value}
        return
    for values in itertools.product(*(choices[a] for a in answers)):
        yield {**fixed, **dict(zip(answers, values, strict=True))}


def empty_lists(report: Report) -> list[str]:
    """The lines of a report that list an empty set, or speak of a ... never seen."""
    lines = []
    for check in report.checks:
        shown = [check.what] + ([check.look_at] if not check.passed and check.look_at else [])
        lines += [text for text in shown if EMPTY_LIST.search(text) or DOTS.search(text)]
    return lines


def test_the_scan_catches_the_messages_of_issue_24():
    """Would the scan have caught the empty lists participants met?"""
    from toolkit.selfstudy.checks import Check

    for text in (
        "These are on target and not falling, or seen alike by all partners: .",
        "No such body: ; the bodies are bids, delivery",
        "Nobody owns the decision of: ; the team that runs the alliance takes it.",
        "Not a call: .",
        "Look again at the map for:  (with the course's ratings).",
        "The review finds: ",
    ):
        assert empty_lists(Report("demo", [Check("A check", False, text)])), text
    assert empty_lists(Report("demo", [Check("You replaced the ... with an answer", True)]))
    fine = Check("Names", False, 'Not a call: \'grow\'. Write {"a": ..., "b": 1, ...}.')
    assert not empty_lists(Report("demo", [fine]))


# what a check reads from the course data is the same on every call: read it once (the
# portfolio check works out only the four calls it asks about, quickly enough as it is)
SLOW = {
    "toolkit.steering.dashboard.lesson": ("quarterly_dashboard",),
}


@pytest.mark.parametrize("check", _checks())
def test_no_check_lists_an_empty_set(check, monkeypatch):
    """Does every message of the check read as a sentence, for every kind of wrong answer?"""
    module = importlib.import_module(check.__module__)
    for name in SLOW.get(check.__module__, ()):
        monkeypatch.setattr(module, name, functools.cache(getattr(module, name)))
    seen = {}
    for arguments in _arguments(check):
        report = check(**arguments)
        assert isinstance(report, Report)
        for line in empty_lists(report):
            seen.setdefault(line, repr(arguments)[:80])
    assert not seen, f"{check.__name__}: {seen}"
