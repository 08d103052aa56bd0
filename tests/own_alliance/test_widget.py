"""The workbook's widgets without a browser: a made-up company's alliance completed through them.

Traits are set the way the browser sets them and buttons clicked through their handlers; then
the take-home files are written and read back. Brightpath (a start-up) and Omnicorp are made
up (``conftest.py``: its ``alliance`` fixture gives the figures typed into the spreadsheet).
"""

import html
import json
from dataclasses import replace

import ipywidgets as w
import openpyxl
import pytest

from toolkit.own_alliance import TAKE_HOME, load, load_workbook, write_template
from toolkit.own_alliance.widget import Workbook
from toolkit.selfstudy import progress


@pytest.fixture
def course_home(tmp_path, monkeypatch):
    """A progress file of the test's own."""
    monkeypatch.setenv("ALLIANCE_COURSE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _text(part) -> str:
    """What a part shows and says, as text."""
    import re

    return re.sub(r"<[^>]+>", " ", part.view.value + " " + part.message.value)


def _describe(book: Workbook) -> None:
    part = book.about()
    part.alliance_name.value = "Brightpath + Omnicorp"
    for box, name in zip(part.partner_names, ["Brightpath", "Omnicorp", ""], strict=True):
        box.value = name
    part.brings[0].value = "A route-planning engine"
    part.needs[0].value = "Reach into large logistics accounts"
    part.brings[1].value = "2,000 enterprise accounts"
    part.needs[1].value = "A modern planning product to sell"
    part.stage.value = "growth"
    part.save_button.click()
    assert "Saved" in part.message.value, part.message.value


def _fill_months(path, figures: dict) -> None:
    """Type the monthly figures into the template's months sheet, as a person would."""
    book = openpyxl.load_workbook(path)
    sheet = book["months"]
    header = [c.value for c in sheet[1]]
    for r, (month, values) in enumerate(sorted(figures.items()), start=2):
        sheet.cell(r, 1, month)
        for c, name in enumerate(header[1:], start=2):
            if name in values:
                sheet.cell(r, c, values[name])
    book.save(path)


def _upload(part, path) -> None:
    """What the browser's file upload sets: the file's name and its bytes."""
    data = path.read_bytes()
    part.upload.set_state(
        {"value": [{"name": path.name, "type": "", "size": len(data),
                    "content": memoryview(data), "last_modified": 1_800_000_000_000}]}
    )  # fmt: skip


def test_an_alliance_completed_through_the_widgets(tmp_path, course_home, alliance):
    """Is a made-up alliance completed with the widgets only, and its charter written?"""
    book = Workbook(tmp_path)
    _describe(book)

    gov = book.governance()
    assert gov.builder.template_picker.value == "enterprise-three-tier"  # two partners, growth
    gov.builder.template_picker.value = "lean-startup-enterprise"
    gov.builder.start_button.click()
    gov.first_meeting.value = "2027-01-11"
    gov.use_button.click()
    assert book.alliance.design is not None and book.alliance.raci and book.alliance.meetings

    rights = book.decision_rights()
    assert "no problem found" in _text(rights)
    (decision, party), box = next(iter(rights.cells.items()))
    owner = next(p for (d, p), b in rights.cells.items() if d == decision and "A" in b.value)
    other = next(p for (d, p) in rights.cells if d == decision and p != owner)
    rights.cells[decision, other].value = "A"  # two accountable bodies: the rule says no
    assert "are all accountable" in _text(rights)
    rights.cells[decision, other].value = "I"
    assert "are all accountable" not in _text(rights)
    assert book.alliance.raci[decision][other] == "I"

    path = book.escalation()
    path.days["working_group"].value = "five"
    assert "write a whole number" in path.message.value
    path.days["working_group"].value = "7"
    path.last_resort.value = "arbitration"
    path.last_who.value = "ICC arbitration, London"
    assert [s.level for s in book.alliance.escalation][-1] == "arbitration"
    assert book.alliance.escalation[0].days == 7
    assert "no problem found" in _text(path)

    meetings = book.meetings()
    every, first = next(iter(meetings.boxes.values()))
    every.value = "28"
    assert "meetings in the year from 2027-01-11" in _text(meetings)

    measures = book.measures()
    for name, target in (("deal_registrations", "45"), ("sourced_revenue", "500")):
        measures.catalogue.value = name
        measures.target.value = target
        measures.add_button.click()
    measures.own_label.value = "Joint webinars"
    measures.own_kind.value = "leading"
    measures.own_perspective.value = "relationship"
    measures.own_unit.value = "webinars a month"
    measures.own_target.value = "three"
    measures.add_own_button.click()
    assert "write a number" in measures.message.value  # nothing added
    measures.own_target.value = "3"
    measures.add_own_button.click()
    assert [m.name for m in book.alliance.measures] == [
        "deal_registrations",
        "sourced_revenue",
        "joint_webinars",
    ]

    figures = book.figures()
    figures.write_button.click()
    sheet = tmp_path / TAKE_HOME["spreadsheet"]
    assert sheet.exists()
    _fill_months(sheet, alliance.figures)  # the made-up company's 30 months
    _upload(figures, sheet)
    assert len(book.alliance.figures) == 30
    assert "30 months" in figures.message.value and not figures.problems.value

    card = book.scorecard()
    assert "against a target of 45" in _text(card)
    lag = book.lag()
    lag.leading.value, lag.lagging.value = "deal_registrations", "sourced_revenue"
    assert "What to tell an executive" in _text(lag) and book.pair == lag.pair

    health = book.health()
    for side, commitment in (("Brightpath", 5), ("Omnicorp", 2)):
        for person in range(2):
            health.side.value = side
            health.respondent.value = f"{side[0]}{person}"
            for d, box in health.scores.items():
                box.value = commitment if d == "commitment" else 4
            health.add_button.click()
    assert "Brightpath 2, Omnicorp 2" in health.counts.value
    assert "Commitment" in _text(health) or "commitment" in _text(health)

    actions = book.actions()
    actions.action.value = "Name a second Omnicorp sponsor"
    actions.owner.value = "Tom Berg (Omnicorp)"
    actions.due.value = "31 March"
    actions.add_button.click()
    assert "YYYY-MM-DD" in actions.message.value and not book.alliance.actions
    actions.due.value = "2027-03-31"
    actions.dimension.value = "commitment"
    actions.add_button.click()
    assert book.alliance.actions[0].owner == "Tom Berg (Omnicorp)"

    plan = book.plan()
    plan.revenue.value, plan.start.value, plan.by.value = "600", "2027-01", "2028-06"
    plan.plan_button.click()
    assert "Each target, worked backwards from the goal" in plan.view.value

    home = book.take_home()
    home.year_from.value = "2027-01-01"
    paths = home.write()
    assert {p.name for p in paths.values()} == set(TAKE_HOME.values())
    charter = paths["charter"].read_text(encoding="utf-8")
    assert "Brightpath + Omnicorp: alliance charter" in charter
    assert "Tom Berg (Omnicorp)" in charter and "ICC arbitration, London" in charter
    assert "http" not in charter.replace("http://www.w3.org", "")
    assert b"BEGIN:VEVENT" in paths["calendar"].read_bytes()
    again = load_workbook(paths["spreadsheet"])
    assert again.figures == book.alliance.figures
    assert "10 of 10 checks passed" in home.view.value or "These checks passed" in home.view.value
    assert progress.status_of("your-alliance.charter") == progress.PASSED

    # a kernel restart: the same folder gives back everything, the lag pair too
    restarted = Workbook(tmp_path)
    assert restarted.alliance == load(paths["saved"]) == book.alliance
    assert restarted.lag().pair == ("deal_registrations", "sourced_revenue")
    assert restarted.about().partner_names[1].value == "Omnicorp"


def test_a_messy_file_names_its_problems_inline(tmp_path):
    """Does a file with text in a number column show the problem in words, and keep the rest?"""
    book = Workbook(tmp_path)
    _describe(book)
    measures = book.measures()
    measures.catalogue.value, measures.target.value = "deal_registrations", "40"
    measures.add_button.click()
    messy = tmp_path / "months.csv"
    messy.write_text("month,deal_registrations\n2027-01,31\n2027-02,about forty\n2027-03,38\n")
    figures = book.figures()
    figures.file_path.value = str(messy)
    figures.load_button.click()
    said = html.unescape(figures.problems.value)
    assert "Sheet 'months', row 3, column 'deal_registrations': expected a number" in said
    assert sorted(book.alliance.figures) == ["2027-01", "2027-02", "2027-03"]
    assert book.alliance.figures["2027-03"] == {"deal_registrations": 38}
    figures.file_path.value = str(tmp_path / "nowhere.xlsx")
    figures.load_button.click()  # a missing file: a problem named, never a traceback
    assert "no such file" in figures.problems.value


def test_writing_the_template_again_keeps_the_filled_in_file(tmp_path):
    """Does pressing 'Write the spreadsheet' twice keep what was typed into the first file?"""
    book = Workbook(tmp_path)
    _describe(book)
    figures = book.figures()
    figures.write_button.click()
    sheet = tmp_path / TAKE_HOME["spreadsheet"]
    write_template(replace(book.alliance, figures={"2027-01": {}}), sheet)
    typed = sheet.read_bytes()
    figures.write_button.click()
    assert (tmp_path / "my-alliance.previous.xlsx").read_bytes() == typed
    assert "kept as my-alliance.previous.xlsx" in figures.message.value


def test_a_damaged_saved_alliance_is_kept_aside(tmp_path):
    """Is a saved alliance that cannot be read kept aside and named, never dropped?"""
    (tmp_path / TAKE_HOME["saved"]).write_text('{"format": "own-alliance/1", "name": 7}')
    book = Workbook(tmp_path)
    part = book.about()
    assert "my-alliance.json.damaged" in part.message.value
    assert (tmp_path / "my-alliance.json.damaged").exists()
    assert json.loads((tmp_path / "my-alliance.json.damaged").read_text())["name"] == 7


def test_wrong_partners_are_refused_in_words(tmp_path):
    """Is an alliance of one partner refused in a sentence, with nothing saved?"""
    book = Workbook(tmp_path)
    part = book.about()
    part.alliance_name.value = "Solo"
    part.partner_names[0].value = "Brightpath"
    part.save_button.click()
    assert "Name two or three partners (you named 1)" in part.message.value
    assert not (tmp_path / TAKE_HOME["saved"]).exists()


def _controls(widget):
    found = []
    for child in getattr(widget, "children", ()):
        if isinstance(child, w.Text | w.Dropdown | w.Button | w.FileUpload | w.ToggleButton):
            found.append(child)
        found += _controls(child)
    return found


def test_every_control_is_named(tmp_path):
    """Does every control of every part say what it sets (its visible name)?"""
    book = Workbook(tmp_path)
    _describe(book)
    parts = [
        getattr(book, name)()
        for name in ("about", "decision_rights", "escalation", "measures", "figures", "lag",
                     "health", "actions", "plan", "take_home")
    ]  # fmt: skip
    parts.append(book.governance())
    for part in parts:
        names = [control.description.strip() for control in _controls(part)]
        assert all(names), f"{type(part).__name__}: {names}"
        # two controls of a part never share a name (a screen reader could not tell them apart;
        # the measures' two target boxes did, found by the browser walk)
        twice = {n for n in names if names.count(n) > 1}
        assert not twice, f"{type(part).__name__}: {twice}"


def test_three_partners_import_their_survey_and_see_each_pair(tmp_path):
    """With three partners, is the three-partner template suggested, and do answers imported
    from a CSV file show a gap for each pair of partners?"""
    book = Workbook(tmp_path)
    part = book.about()
    part.alliance_name.value = "Kite + Harbour + Vela"
    for box, name in zip(part.partner_names, ["Kite", "Harbour", "Vela"], strict=True):
        box.value = name
    part.save_button.click()
    assert book.governance().builder.template_picker.value == "three-partner-alliance"
    rows = ["respondent,side,trust,communication,commitment,strategic_value,"
            "operational_effectiveness,governance"]  # fmt: skip
    for side, trust in (("Kite", 5), ("Harbour", 4), ("Vela", 2)):
        rows += [f"{side[0]}{i},{side},{trust},3,4,4,3,3" for i in range(2)]
    survey = tmp_path / "survey.csv"
    survey.write_text("\n".join(rows) + "\n", encoding="utf-8")
    health = book.health()
    figures = book.figures()
    figures.file_path.value = str(survey)
    figures.load_button.click()
    assert "6 survey answers" in figures.message.value
    assert "Kite 2, Harbour 2, Vela 2" in health.counts.value
    shown = html.unescape(health.view.value)
    for pair in ("Kite – Harbour", "Kite – Vela", "Harbour – Vela"):  # a row for each pair
        assert f"<td>trust</td><td>{pair}</td>" in shown, pair
    assert "<td>trust</td><td>Kite – Vela</td><td>3.0</td><td>Kite</td>" in shown


def test_the_workbook_is_in_the_course_and_private(tmp_path):
    """Is the workbook in the course outline after lesson 05, does it say that nothing of the
    participant's alliance is submitted or leaves the machine, and is no cell to be edited?"""
    import nbformat
    from conftest import ROOT

    from toolkit.selfstudy import outline

    names = [lesson.notebook for lesson in outline.LESSONS]
    assert (
        names.index("06-your-alliance.ipynb") == names.index("05-the-steering-committee.ipynb") + 1
    )
    nb = nbformat.read(ROOT / "notebooks" / "06-your-alliance.ipynb", as_version=4)
    text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "Nothing of your own alliance is part of any assignment or submission" in text
    assert "nothing leaves your machine" in text
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert not any("..." in c or "YOUR CODE" in c for c in code)
    assert all(len(c.splitlines()) <= 4 for c in code)


def test_a_template_takes_the_participants_own_partners(tmp_path):
    """Started from a template (whose partners are the course's Brightpath and Omnicorp), does
    the design name the participant's own alliance and partners, in the builder and the charter?
    (Found by the browser walk: a charter of 'Fernhill + Calder' showed Brightpath's people.)"""
    from toolkit.own_alliance.charter import section_html
    from toolkit.own_alliance.widget import GovernancePart

    book = Workbook(tmp_path)
    gov = GovernancePart(book, chart=False)  # built before the alliance is described (Run All)
    part = book.about()
    part.alliance_name.value = "Fernhill + Calder"
    for box, name in zip(part.partner_names, ["Fernhill Labs", "Calder Health"], strict=False):
        box.value = name
    part.stage.value = "launch"
    part.save_button.click()
    assert gov.builder.template_picker.value == "lean-startup-enterprise"
    gov.builder.start_button.click()
    design = gov.builder.design
    assert design.alliance == "Fernhill + Calder"
    assert design.partners == ["Fernhill Labs", "Calder Health"]
    seats = {m.partner for b in design.bodies for m in b.members}
    assert seats == {"Fernhill Labs", "Calder Health"}
    said = html.unescape(gov.builder.message.value)
    assert "Fernhill Labs in the seats of Brightpath" in said and "examples" in said
    assert "Workable: no errors" in gov.builder.review_panel.value
    gov.use_button.click()
    charter = section_html(book.alliance, "governance")
    assert "Brightpath" not in charter and "Omnicorp" not in charter
    assert "Calder Health" in charter

    gov.builder.template_picker.value = ""  # an empty design keeps the alliance's partners
    gov.builder.start_button.click()
    assert gov.builder.design.partners == ["Fernhill Labs", "Calder Health"]
    assert not gov.builder.design.bodies


def test_the_stage_reads_in_words_and_the_lag_shows_the_pair_it_reads(tmp_path, alliance):
    """Does the stage drop-down show words ('Renewal or exit', not 'renewal_or_exit'), and
    do the lag drop-downs show the pair whose reading is shown (they were blank while the
    reading below them read the first leading and lagging measures)?"""
    from toolkit.own_alliance import save

    part = Workbook(tmp_path).about()
    assert ("Renewal or exit", "renewal_or_exit") in [tuple(o) for o in part.stage._options_full]
    save(alliance, tmp_path / TAKE_HOME["saved"])
    book = Workbook(tmp_path)
    lag = book.lag()
    assert lag.pair == ("deal_registrations", "sourced_revenue") == book.pair
    assert "follows deal registrations by about 3 months" in _text(lag)


def test_the_calendar_year_follows_the_meetings_and_keeps_what_was_typed(tmp_path, alliance):
    """Built before the design is taken in (Run All), does the calendar's year start at the
    first meeting once there is one, is a start the participant typed kept after a restart,
    and are the files written last time named after it?"""
    book = Workbook(tmp_path)
    home = book.take_home()
    book.apply(lambda a: alliance)
    assert home.year_from.value == "2027-01-11"  # the made-up alliance's first meeting
    home.year_from.value = "2027-02-01"
    assert home.write() is not None
    restarted = Workbook(tmp_path).take_home()
    assert restarted.year_from.value == "2027-02-01"
    assert "alliance-charter.html" in restarted.written.value
    assert "Already in your folder" in restarted.written.value


def test_a_second_pick_of_the_lag_pair_is_read_and_kept(tmp_path, alliance):
    """Does picking another leading measure read that one (the redraw put back the pair picked
    before, or the default one: found by the browser walk), and is it the pair after a restart?"""
    from toolkit.own_alliance import save

    save(alliance, tmp_path / TAKE_HOME["saved"])
    book = Workbook(tmp_path)
    lag = book.lag()
    for leading, label in (("joint_webinars", "joint webinars"),
                           ("trained_sellers", "trained / certified partner sellers")):  # fmt: skip
        lag.leading.value = leading
        assert lag.pair == (leading, "sourced_revenue") == book.pair
        assert f"follows {label}" in _text(lag)
    assert Workbook(tmp_path).lag().pair == ("trained_sellers", "sourced_revenue")
