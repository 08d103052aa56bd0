"""The alliance as plain data: RACI and escalation rules, meetings, saving and loading."""

import datetime as dt

import pytest
from icalendar import Calendar

from toolkit.governance import CORE_DECISIONS, template
from toolkit.own_alliance import (
    AllianceFileError,
    EscalationStep,
    Meeting,
    calendar_ics,
    default_escalation,
    escalation_findings,
    load,
    meeting_calendar,
    raci_findings,
    raci_from_design,
    save,
)


def codes(findings):
    return sorted(f.code for f in findings)


def full_raci():
    return {d: {"JSC": "A", "AMT": "R", "Working group": "I"} for d in CORE_DECISIONS}


def test_a_sound_raci_has_no_findings():
    assert raci_findings(full_raci()) == []


@pytest.mark.parametrize(
    "change, code",
    [
        (lambda r: r.pop("investment"), "raci-core-missing"),
        (lambda r: r["strategy"].update(AMT="A"), "raci-many-accountable"),
        (lambda r: r["strategy"].update(JSC="R"), "raci-no-accountable"),
        (lambda r: r["strategy"].update(AMT="X"), "raci-bad-letter"),
        (lambda r: r.update(pricing={"JSC": "A"}), "raci-no-responsible"),
    ],
)
def test_each_raci_rule_finds_its_fault(change, code):
    """Does each rule fire on the one fault it is about, and only that one?"""
    raci = full_raci()
    change(raci)
    assert code in codes(raci_findings(raci))


def test_raci_against_a_design_names_unknown_parties_and_other_deciders():
    design = template("enterprise-three-tier")
    raci = raci_from_design(design)
    assert raci_findings(raci, design) == []
    jsc = design.bodies[0].name
    manager = next(b.name for b in design.bodies if "strategy" not in b.decides and b.name != jsc)
    raci["strategy"] = {jsc: "R", manager: "A", "The board": "I"}
    assert {"raci-not-decider", "raci-unknown-party"} <= set(codes(raci_findings(raci, design)))


def test_escalation_rules():
    assert escalation_findings(default_escalation()) == []
    slow = [
        EscalationStep("working_group", days=30),
        EscalationStep("alliance_managers", days=20),
        EscalationStep("steering_committee", days=20),
        EscalationStep("chief_executives", days=30),
        EscalationStep("arbitration"),
    ]
    assert codes(escalation_findings(slow)) == ["escalation-slow"]
    backwards = [
        EscalationStep("steering_committee", days=10),
        EscalationStep("alliance_managers", days=None),
        EscalationStep("mediation"),
    ]
    assert codes(escalation_findings(backwards)) == [
        "escalation-days-missing",
        "escalation-no-chiefs",
        "escalation-order",
    ]


def test_meeting_calendar_moves_weekends_to_monday_and_ics_holds_each_meeting():
    meetings = [
        Meeting("Steering committee", 90, "2027-01-11"),
        Meeting("Alliance managers", 14, "2027-01-09"),
    ]  # a Saturday
    dates = meeting_calendar(meetings, "2027-01-01")
    assert all(dt.date.fromisoformat(d["date"]).weekday() < 5 for d in dates)
    assert dates[0] == {"date": "2027-01-11", "body": "Alliance managers", "minutes": 60}
    assert (
        sum(d["body"] == "Alliance managers" for d in dates) == 26
    )  # 9 Jan + 14 k, within the year
    from toolkit.own_alliance import Alliance

    ics = calendar_ics(Alliance("Kite + Harbour", meetings=meetings), "2027-01-01")
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert len(events) == len(dates)
    assert [e.decoded("dtstart").date().isoformat() for e in events] == [d["date"] for d in dates]
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_calendar_file_is_exactly_what_icalendar_writes_long_lines_folded():
    """Is the .ics byte for byte icalendar's own ``to_ical()`` of the same calendar, where a
    long name (non-ASCII letters too) makes lines that must be folded?"""
    from toolkit.own_alliance import Alliance
    from toolkit.own_alliance.meetings import ical_calendar

    name = "Kite Lógistica + Harbour Fühlung, the long-named alliance of two firms"
    alliance = Alliance(name, meetings=[Meeting("Joint steering committee", 30, "2027-01-11")])
    ics = calendar_ics(alliance, "2027-01-01")
    assert ics == ical_calendar(alliance, "2027-01-01").to_ical()
    assert b"\r\n " in ics  # some lines were folded
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert len(events) == len(meeting_calendar(alliance.meetings, "2027-01-01"))
    assert {str(e["summary"]) for e in events} == {f"{name}: Joint steering committee"}


def test_a_year_of_several_bodies_is_exactly_what_icalendar_writes(monkeypatch):
    """With bodies meeting weekly, fortnightly and quarterly (their meetings interleaved, some
    moved off a weekend), is the .ics still byte for byte icalendar's ``to_ical()``, also when
    an id is too long to write as it is (then icalendar writes every event)?"""
    from toolkit.own_alliance import Alliance, meetings
    from toolkit.own_alliance.meetings import ical_calendar

    alliance = Alliance(
        "Kite + Harbour; Fühlung",
        meetings=[
            Meeting("Steering committee", 91, "2027-01-11"),
            Meeting("Joint team", 7, "2027-01-04"),
            Meeting("Alliance managers", 14, "2027-01-09"),
        ],
    )
    ics = calendar_ics(alliance, "2027-01-01")
    assert ics == ical_calendar(alliance, "2027-01-01").to_ical()
    assert ics.count(b"BEGIN:VEVENT") == len(meeting_calendar(alliance.meetings, "2027-01-01"))
    when = meetings._when
    monkeypatch.setattr(meetings, "_when", lambda a, row: (*when(a, row)[:2], "x" * 80))
    long_ids = calendar_ics(alliance, "2027-01-01")
    assert long_ids == ical_calendar(alliance, "2027-01-01").to_ical() != ics
    assert b"\r\n " in long_ids.split(b"UID:", 1)[1][:90]  # the id's line folded


def test_the_plain_data_names_its_own_problems(alliance):
    assert alliance.problems() == []
    alliance.partners = alliance.partners[:1]
    alliance.stage = "honeymoon"
    alliance.measures.append(alliance.measures[0])
    assert alliance.problems() == [
        "An alliance here has two or three partners; this one has 1.",
        "Stage 'honeymoon' is not one of: launch, growth, maturity, renewal_or_exit.",
        "Measure 'deal_registrations' is listed twice.",
    ]


def test_alliance_saves_and_loads_equal(tmp_path, alliance):
    """Nothing typed is lost: the whole made-up alliance, design included, comes back equal."""
    path = save(alliance, tmp_path / "my-alliance.json")
    assert load(path) == alliance


def test_a_broken_saved_file_names_the_place(tmp_path, alliance):
    path = tmp_path / "my-alliance.json"
    save(alliance, path)
    path.write_text(path.read_text().replace('"owner"', '"who"', 1))
    with pytest.raises(AllianceFileError, match=r"my-alliance.json, actions\[0\]: .*owner"):
        load(path)
    path.write_text("{not json")
    with pytest.raises(AllianceFileError, match="not readable JSON"):
        load(path)


def test_the_charter_check_passes_for_a_complete_alliance_and_names_what_is_missing(alliance):
    from toolkit.own_alliance import Alliance, Partner, check_charter

    assert check_charter(alliance).passed
    alliance.raci["strategy"]["Alliance Managers"] = "A"
    alliance.survey = [a for a in alliance.survey if a["side"] == "Brightpath"]
    report = check_charter(alliance)
    failed = [c.what for c in report.checks if not c.passed]
    assert failed == [
        "Every decision has exactly one accountable body",
        "Both sides answered the health check",
    ]
    assert "Alliance Board and Alliance Managers are all accountable" in report.checks[2].look_at
    empty = check_charter(Alliance("X", [Partner("X")]))
    assert sum(c.passed for c in empty.checks) == 0
