"""The lesson's self-checks: right answers pass, wrong ones fail, no answer is stored."""

import inspect

from govfixtures import lean_case_design

from toolkit.governance import lesson, template
from toolkit.governance.lesson import check_case_design, check_missing_sponsor, mystery_design


def test_missing_sponsor_answer_is_derived_not_stored():
    """Is the sponsor check computed from the review (no partner name in the source)?"""
    source = inspect.getsource(lesson)
    assert '"Gridway"' not in source and "'Gridway'" not in source
    assert check_missing_sponsor(" gridway ").passed
    assert not check_missing_sponsor("Solaris").passed
    assert not check_missing_sponsor(...).passed
    assert not check_missing_sponsor(3).passed


def test_missing_sponsor_follows_the_design():
    """Does the mystery design really lack exactly one partner's sponsor?"""
    from toolkit.governance import review

    codes = [f.code for f in review(mystery_design()) if f.severity == "error"]
    assert codes == ["no-executive-sponsor"]


def test_case_check_accepts_any_sound_lean_design():
    """Does a lean template renamed to the case's partners pass every check?"""
    report = check_case_design(lean_case_design())
    assert report.passed, str(report)


def test_case_check_rejects_a_big_board_and_an_empty_design():
    """Does a design with a 10-person board, or no design at all, fail the case check?"""
    assert not check_case_design(lesson.empty_case()).passed
    big = template("enterprise-three-tier")
    report = check_case_design(big)
    assert not report.passed
    failed = {c.what for c in report.checks if not c.passed}
    assert "The partners are the two companies of the case" in failed
