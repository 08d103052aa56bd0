"""steering-committee's questions and check cells, without nbgrader.

The questions show the case's own names (never ids), say what was answered in a sentence,
and the check cells of the source notebook (visible checks and hidden tests alike), run on
answer files saved as the controls save them, accept every correct answer and reject each
plausible wrong one, in one plain sentence. The real nbgrader round trip is in
``tests/grading/test_steering_committee.py``.
"""

import re

import nbformat
import pytest
from conftest import ROOT
from wrong_answers import wrong_steering

from instructor.keys.steering_committee import answers, truth
from toolkit.selfstudy.failed import CheckFailed
from toolkit.steering import assignment as sc
from toolkit.steering.cases import case_for
from toolkit.variants.assign import VARIANT_ENV

NAME = "steering-committee"
SOURCE = ROOT / "grading" / "source" / NAME / f"{NAME}.ipynb"
SAMPLES = [0, 9, 26]


def _ids(case) -> set[str]:
    """Every id of the case a participant must never have to read."""
    return (
        {b.id for b in case.design.bodies}
        | {i.id for i in case.agenda}
        | {i.id for i in case.issues}
        | set(sc.PLAN_ROWS)
    )


@pytest.mark.parametrize("number", SAMPLES)
def test_every_option_is_shown_by_the_name_a_participant_reads(number):
    """Are the options, items and rows of every part names, never the case's ids?"""
    case = case_for(number)
    shown = []
    for make in (sc.must_question, sc.late_question, sc.reading_question):
        shown += list(make(case).options.values())
    for make in (sc.owners_question, sc.calls_question):
        question = make(case)
        shown += [*question.items.values(), *question.options.values()]
    for make in (sc.limits_question, sc.plan_question):
        shown += list(make(case).rows.values())
    assert not set(shown) & _ids(case)
    assert not [name for name in shown if re.fullmatch(r"[a-z_-]+", name)], shown
    owners = sc.owners_question(case)
    assert set(owners.options.values()) == {b.name for b in case.design.bodies}
    assert set(owners.items.values()) == {i.title for i in case.agenda}


def test_each_part_says_in_words_what_was_answered():
    """Does each question turn a saved answer into the sentence the instructor reads?"""
    case, t = case_for(26), truth(26)
    pricing = next(i for i in case.agenda if i.decision == "pricing")
    names = {b.id: b.name for b in case.design.bodies}
    owners = sc.owners_question(case).describe({pricing.id: t["owners"][pricing.id]})
    assert owners.startswith(f"You sent “{pricing.title}” to the {names[t['owners'][pricing.id]]}.")
    assert "Not matched yet: " in owners
    ((body, days),) = t["limits"].items()
    limits = sc.limits_question(case).describe({body: {"days": days}})
    assert limits == f"You gave the {names[body]} a time limit of {days} days; the other " + (
        "bodies keep theirs."
    )
    must = sc.must_question(case).describe(t["must_discuss"][:1])
    assert must.startswith("You put these items on the meeting's must-discuss list: ")
    calls = sc.calls_question(case).describe(t["calls"])
    first = case.alliance_names()[0]
    assert f"{first}: {t['calls'][first].capitalize()}." in calls
    plan = sc.plan_question(case).describe(t["plan"])
    assert "Deal registrations a month: target " in plan and ", by month " in plan


def test_a_time_limit_outside_the_range_is_refused(tmp_path):
    """Is a limit of 2 or 90 days said inline, with the last good limits kept in the file?"""
    case = case_for(26)
    control = sc.answer_limits(case, tmp_path / sc.LIMITS_FILE)
    box = next(iter(control.boxes.values()))
    box.value = "10"
    box.value = "90"
    assert "outside the sensible range (3 to 60 days)" in control.message.value
    said, report = sc.part_report("limits", case, tmp_path / sc.LIMITS_FILE)
    assert report.passed and "a time limit of 10 days" in said


EMPTY_LIST = re.compile(r":\s*(?:\.(?!\.)|[;,)(]|$)|,\s*(?:\.(?!\.)|[,;])")


@pytest.mark.parametrize("part", sorted(sc.FILES))
def test_reports_read_as_sentences_for_any_answer(part, tmp_path):
    """Not answered, answered partly or fully: is every line a sentence, never an empty list?"""
    case, t = case_for(0), truth(0)
    full = {
        "must": t["must_discuss"],
        "owners": t["owners"],
        "late": t["late_issue"],
        "limits": {b: {"days": d} for b, d in t["limits"].items()},
        "plan": t["plan"],
        "calls": t["calls"],
        "reading": t["reading"],
    }[part]
    partly = dict(list(full.items())[:1]) if isinstance(full, dict) else full
    path = tmp_path / sc.FILES[part]
    for answer in (None, partly, full):
        path.unlink(missing_ok=True)
        if answer is not None:
            path.write_text(sc.saved_text(part, case, answer), encoding="utf-8")
        said, report = sc.part_report(part, case, path)
        lines = [said] + [c.what for c in report.checks]
        lines += [c.look_at for c in report.checks if not c.passed]
        assert not [line for line in lines if EMPTY_LIST.search(line)], lines
        assert report.passed == (
            answer is not None and (answer is full or part not in ("plan", "owners", "calls"))
        )
        assert "all tests passed" not in str(report).lower()


def _test_cells() -> dict[str, str]:
    nb = nbformat.read(SOURCE, as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: c.source
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    }


def _failing_cells(folder, files: dict[str, str], number: int, monkeypatch) -> dict[str, str]:
    """Run every test cell (hidden tests too) beside ``files``: grade id -> its sentence."""
    for name in sc.FILES.values():
        (folder / name).unlink(missing_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv(VARIANT_ENV, f"{NAME}:{number}")
    failed = {}
    for grade_id, source in _test_cells().items():
        try:
            exec(compile(source, grade_id, "exec"), {"print": lambda *a, **k: None})
        except CheckFailed as failure:
            failed[grade_id] = failure.sentence
    return failed


@pytest.mark.parametrize("number", SAMPLES)
def test_hidden_tests_pass_the_key_and_reject_each_wrong_answer(number, tmp_path, monkeypatch):
    """Do the test cells pass the key's files, and fail each wrong answer in its cells only?"""
    key = answers({"case": case_for(number)})
    assert key["answers"] == {}
    assert _failing_cells(tmp_path, key["files"], number, monkeypatch) == {}
    blank = _failing_cells(tmp_path, {}, number, monkeypatch)
    assert set(blank) == set(_test_cells())
    assert all(s.startswith("0 of 1 checks passed. Not yet:") for s in blank.values())
    for student, (_answers, files, loses) in wrong_steering(key, number).items():
        failed = _failing_cells(tmp_path, files, number, monkeypatch)
        assert set(failed) == loses, student
        assert all("\n" not in s and s.endswith(".") for s in failed.values()), failed


def test_another_variants_files_are_not_graded(tmp_path, monkeypatch):
    """Do the key files of variant 9 earn nothing in variant 26's notebook?"""
    files = answers({"case": case_for(9)})["files"]
    failed = _failing_cells(tmp_path, files, 26, monkeypatch)
    assert set(failed) == set(_test_cells())
