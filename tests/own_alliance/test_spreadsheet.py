"""The spreadsheet template, and reading it back the way people really fill it in.

Every messy workbook here is written with openpyxl the way a person leaves it after Excel
or LibreOffice: text typed where a number goes, a title above the header, a sheet renamed.
"""

import datetime as dt
import json

import openpyxl
import pytest
from frictionless import Package
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.own_alliance import (
    SCHEMA_PATH,
    SCORE_DIMENSIONS,
    SHEETS,
    Alliance,
    Partner,
    load_workbook,
    measure_from_catalogue,
    own_scorecard,
    schema,
    write_template,
)

# ------------------------------------------------------------------ helpers


def small_alliance() -> Alliance:
    return Alliance(
        "Kite + Harbour",
        [Partner("Kite"), Partner("Harbour")],
        measures=[
            measure_from_catalogue("deal_registrations", 40),
            measure_from_catalogue("sourced_revenue", 500),
        ],
    )


def workbook(path, sheets: dict) -> str:
    """Write ``{title: rows}`` as a workbook, cells exactly as given."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return str(path)


ABOUT = [
    ["item", "value"],
    ["alliance", "Kite + Harbour"],
    ["partner 1", "Kite"],
    ["partner 2", "Harbour"],
    ["stage", "Growth"],
]
METRICS = [
    ["name", "label", "kind", "perspective", "unit", "target", "better", "quarter"],
    [
        "deal_registrations",
        "Deal registrations",
        "leading",
        "operational",
        "a month",
        40,
        "higher",
        "average",
    ],
    [
        "sourced_revenue",
        "Partner-sourced revenue",
        "lagging",
        "financial",
        "k$",
        500,
        "higher",
        "average",
    ],
]
HEAD = ["month", "deal_registrations", "sourced_revenue"]


def problems_at(data, sheet, row=None, column=None):
    return [
        p
        for p in data.problems
        if p.sheet == sheet
        and (row is None or p.row == row)
        and (column is None or p.column == column)
    ]


# ------------------------------------------------------------------ the schema and template


def test_published_schema_is_a_valid_frictionless_package():
    """Is workbook.json a data package Frictionless accepts, with one resource per sheet?"""
    descriptor = json.loads(SCHEMA_PATH.read_text())
    report = Package.validate_descriptor(descriptor)
    assert report.valid, report.errors
    assert [r.name for r in Package(descriptor).resources] == list(SHEETS)


def test_template_has_the_sheets_headers_and_drop_downs(tmp_path):
    """Does the template have a sheet each, the schema's headers, and drop-down lists?"""
    path = tmp_path / "my-alliance.xlsx"
    write_template(small_alliance(), path)
    wb = openpyxl.load_workbook(path)
    assert set(SHEETS) <= set(wb.sheetnames)
    metrics = wb["metrics"]
    assert [c.value for c in metrics[1]] == [f["name"] for f in schema("metrics")["fields"]]
    assert [c.value for c in wb["months"][1]] == HEAD
    survey_heads = [c.value for c in wb["survey"][1]]
    assert survey_heads == [f["name"] for f in schema("survey")["fields"]]
    # a list rule on kind (column C) pointing at the two kinds, and 1-5 on the survey scores
    rules = {str(r.sqref): r for r in metrics.data_validations.dataValidation}
    kind = next(r for ref, r in rules.items() if ref.startswith("C2"))
    assert kind.type == "list"
    lists = wb["lists"]
    col = kind.formula1.split("$")[1]
    assert [lists[f"{col}{i}"].value for i in (2, 3)] == ["leading", "lagging"]
    scores = [
        r for r in wb["survey"].data_validations.dataValidation if r.formula1 == '"1,2,3,4,5"'
    ]
    assert len(scores) == 6
    side = next(
        r for r in wb["survey"].data_validations.dataValidation if str(r.sqref).startswith("B2")
    )
    col = side.formula1.split("$")[1]
    assert [lists[f"{col}{i}"].value for i in (2, 3)] == ["Kite", "Harbour"]


def test_template_round_trips(tmp_path, alliance):
    """Written, read back: the same measures, figures and answers, with no problem."""
    path = tmp_path / "my-alliance.xlsx"
    write_template(alliance, path)
    data = load_workbook(path)
    assert data.problems == []
    assert data.measures == alliance.measures
    assert data.figures == alliance.figures
    assert data.survey == alliance.survey
    back = data.apply_to(Alliance("blank"))
    assert (back.name, back.partner_names(), back.stage) == (
        alliance.name,
        alliance.partner_names(),
        alliance.stage,
    )


def test_template_filled_by_hand_reads_back_equal(tmp_path):
    """A blank template filled in cell by cell (as a person does) reads back as typed."""
    path = tmp_path / "my-alliance.xlsx"
    write_template(small_alliance(), path)
    wb = openpyxl.load_workbook(path)
    months = wb["months"]
    typed = {"2027-01": (31, 410.5), "2027-02": (35, 380), "2027-03": (44, 520)}
    for month, (regs, revenue) in typed.items():
        year, m = map(int, month.split("-"))
        months.append([dt.datetime(year, m, 1), regs, revenue])
    wb["survey"].append(["A. Diaz", "Kite", 4, 4, 5, 5, 3, 4])
    wb["survey"].append(["B. Okafor", "Harbour", 3, 2, 2, 4, 3, 3])
    wb.save(path)
    data = load_workbook(path)
    assert data.problems == []
    assert data.figures == {
        k: {"deal_registrations": a, "sourced_revenue": b} for k, (a, b) in typed.items()
    }
    assert [a["side"] for a in data.survey] == ["Kite", "Harbour"]
    assert data.survey[1]["commitment"] == 2


def test_next_quarter_same_file_with_new_months_updates_everything(tmp_path, alliance):
    """Three new months added to the same file: the scorecard moves to the new quarter."""
    path = tmp_path / "my-alliance.xlsx"
    write_template(alliance, path)
    before = own_scorecard(alliance)
    wb = openpyxl.load_workbook(path)
    ws = wb["months"]
    names = [c.value for c in ws[1]]
    for m in (7, 8, 9):
        row = {
            "deal_registrations": 50 + m,
            "sourced_revenue": 600,
            "joint_webinars": 3,
            "trained_sellers": 120,
        }
        ws.append([dt.datetime(2027, m, 1), *(row[n] for n in names[1:])])
    wb.save(path)
    data = load_workbook(path)
    # the figures stopped in June 2027 (30 months from January 2025): no gap, no problem
    assert data.problems == []
    updated = data.apply_to(alliance)
    after = own_scorecard(updated)
    assert (before.attrs["quarter"], after.attrs["quarter"]) == ("2027 Q2", "2027 Q3")
    regs = after.set_index("metric").loc["deal_registrations"]
    assert regs["actual"] == pytest.approx(58.0)
    assert regs["status"] == "green"


# ------------------------------------------------------------------ the mess people make


def test_header_on_the_second_row(tmp_path):
    """A title above the header: read from the header row, and the title row is named."""
    months = [
        ["Monthly figures, Kite + Harbour"],
        HEAD,
        [dt.datetime(2027, 1, 1), 30, 400],
        [dt.datetime(2027, 2, 1), 32, 420],
    ]
    data = load_workbook(
        workbook(tmp_path / "f.xlsx", {"about": ABOUT, "metrics": METRICS, "months": months})
    )
    assert data.figures["2027-02"] == {"deal_registrations": 32, "sourced_revenue": 420}
    [p] = problems_at(data, "months")
    assert p.row == 2 and "row 2" in p.found and "text on row(s) 1" in p.found
    assert "Sheet 'months', row 2" in str(p)


def test_thousands_separators_and_currency_signs(tmp_path):
    """'$12,500', '€ 1.200,50' and '1 300' typed as text are read as numbers, and named."""
    months = [
        HEAD,
        ["2027-01", "1,250", "$12,500"],
        ["2027-02", "1 300", "€ 1.200,50"],
        ["2027-03", 40, 13000],
    ]
    data = load_workbook(workbook(tmp_path / "f.xlsx", {"metrics": METRICS, "months": months}))
    assert data.figures["2027-01"] == {"deal_registrations": 1250, "sourced_revenue": 12500}
    assert data.figures["2027-02"] == {"deal_registrations": 1300, "sourced_revenue": 1200.5}
    named = {(p.row, p.column): p for p in problems_at(data, "months")}
    assert set(named) == {
        (2, "deal_registrations"),
        (2, "sourced_revenue"),
        (3, "deal_registrations"),
        (3, "sourced_revenue"),
    }
    assert named[(2, "sourced_revenue")].outcome == "read as 12500"
    assert named[(2, "sourced_revenue")].found == "'$12,500'"


def test_month_names_instead_of_dates(tmp_path):
    """'Jan 2027', 'February 2027', 'Mar-27' and '04/2027' become months, each named."""
    months = [
        HEAD,
        ["Jan 2027", 30, 400],
        ["February 2027", 31, 410],
        ["Mar-27", 33, 420],
        ["04/2027", 34, 430],
        ["March", 35, 440],
    ]
    data = load_workbook(workbook(tmp_path / "f.xlsx", {"metrics": METRICS, "months": months}))
    assert list(data.figures) == ["2027-01", "2027-02", "2027-03", "2027-04"]
    month_problems = problems_at(data, "months", column="month")
    assert [p.row for p in month_problems if p.outcome.startswith("read as")] == [2, 3, 4, 5]
    # a month without its year cannot be placed: named, and its row is not used
    [no_year] = [p for p in month_problems if p.row == 6]
    assert (no_year.found, no_year.outcome) == ("'March'", "this row was skipped")


def test_a_blank_row_between_the_data(tmp_path):
    """A blank row is skipped and named; the rows after it are read."""
    months = [HEAD, ["2027-01", 30, 400], [None, None, None], ["2027-02", 31, 410]]
    data = load_workbook(workbook(tmp_path / "f.xlsx", {"metrics": METRICS, "months": months}))
    assert list(data.figures) == ["2027-01", "2027-02"]
    [p] = problems_at(data, "months")
    assert (p.row, p.found, p.outcome) == (3, "an empty row", "it was skipped")


def test_a_missing_month(tmp_path):
    """A month left out is named; the months around it are kept."""
    months = [HEAD, ["2027-01", 30, 400], ["2027-02", 31, 410], ["2027-04", 33, 430]]
    data = load_workbook(workbook(tmp_path / "f.xlsx", {"metrics": METRICS, "months": months}))
    assert list(data.figures) == ["2027-01", "2027-02", "2027-04"]
    [p] = problems_at(data, "months")
    assert p.column == "month" and p.found == "no row for 2027-03"


def test_text_in_a_number_column(tmp_path):
    """'n/a' and 'about 40' leave their cell empty, named; the row's other figures stay."""
    months = [HEAD, ["2027-01", "n/a", 400], ["2027-02", "about 40", 410], ["2027-03", 33, 420]]
    data = load_workbook(workbook(tmp_path / "f.xlsx", {"metrics": METRICS, "months": months}))
    assert data.figures["2027-01"] == {"deal_registrations": None, "sourced_revenue": 400}
    assert data.figures["2027-02"]["sourced_revenue"] == 410
    named = problems_at(data, "months", column="deal_registrations")
    assert [(p.row, p.expected, p.found) for p in named] == [
        (2, "a number", "'n/a'"),
        (3, "a number", "'about 40'"),
    ]
    assert str(named[0]) == (
        "Sheet 'months', row 2, column 'deal_registrations': expected a number, found 'n/a'; "
        "the cell was left empty."
    )


def test_a_second_sheet_renamed(tmp_path):
    """The metrics sheet renamed 'Targets 2027': found by its headers, and named."""
    months = [HEAD, ["2027-01", 30, 400]]
    data = load_workbook(
        workbook(tmp_path / "f.xlsx", {"about": ABOUT, "Targets 2027": METRICS, "months": months})
    )
    assert [m.name for m in data.measures] == ["deal_registrations", "sourced_revenue"]
    assert data.figures["2027-01"]["sourced_revenue"] == 400
    [p] = problems_at(data, "Targets 2027")
    assert "read as the 'metrics' sheet" in p.outcome


def test_survey_words_out_of_range_and_unknown_side(tmp_path):
    """'Agree' reads as 4; a 7 is emptied; a side that is no partner skips the row."""
    survey = [
        ["respondent", "side", *SCORE_DIMENSIONS],
        ["A", "kite", "Agree", 4, 7, 5, 3, 4],
        ["B", "Harbor Inc", 3, 3, 3, 3, 3, 3],
        ["C", "Harbour", 2, 3, None, 4, 4, 2],
    ]
    data = load_workbook(workbook(tmp_path / "f.xlsx", {"about": ABOUT, "survey": survey}))
    assert [(a["respondent"], a["side"]) for a in data.survey] == [("A", "Kite"), ("C", "Harbour")]
    assert data.survey[0]["trust"] == 4 and data.survey[0]["commitment"] is None
    by_place = {(p.row, p.column): p for p in problems_at(data, "survey")}
    assert by_place[(2, "commitment")].expected == "a whole number from 1 to 5"
    assert by_place[(3, "side")].expected == "one of: Kite, Harbour"
    assert by_place[(3, "side")].outcome == "this row was skipped"
    assert by_place[(2, "trust")].outcome == "read as 4"


def test_metrics_sheet_problems_keep_the_good_rows(tmp_path):
    """A wrong kind, a text target and a name given twice: each named, good rows kept."""
    metrics = [
        METRICS[0],
        METRICS[1],
        ["webinars", "Joint webinars", "leadng", "relationship", "", 3, "higher", "average"],
        ["Joint Webinars", "", "Leading", "Relationship", "", "three", "", ""],
        ["deal_registrations", "again", "leading", "operational", "", 5, "higher", "average"],
    ]
    data = load_workbook(workbook(tmp_path / "f.xlsx", {"metrics": metrics}))
    assert [m.name for m in data.measures] == ["deal_registrations", "joint_webinars"]
    own = data.measures[1]
    assert (own.kind, own.perspective, own.target, own.label) == (
        "leading",
        "relationship",
        None,
        "Joint webinars",
    )
    rows = {(p.row, p.column) for p in problems_at(data, "metrics")}
    assert {(3, "kind"), (4, "target"), (4, "name"), (5, "name")} <= rows


def test_csv_files_load_too(tmp_path):
    """The metrics and months sheets saved as CSV (semicolons, as European Excel does)."""
    (tmp_path / "metrics.csv").write_text(
        "\n".join(";".join("" if v is None else str(v) for v in r) for r in METRICS),
        encoding="utf-8",
    )
    (tmp_path / "figures.csv").write_text(
        'month;deal_registrations;sourced_revenue\n2027-01;30;"1.250"\n2027-02;31;1300\n',
        encoding="utf-8",
    )
    data = load_workbook([tmp_path / "metrics.csv", tmp_path / "figures.csv"])
    assert data.figures["2027-01"] == {"deal_registrations": 30, "sourced_revenue": 1250}
    assert any("read as the 'months' sheet" in p.outcome for p in data.problems)


@pytest.mark.parametrize(
    "name, content",
    [("broken.xlsx", b"this is not a spreadsheet"), ("notes.txt", b"hello"), ("gone.xlsx", None)],
)
def test_unreadable_files_give_one_problem_never_a_traceback(tmp_path, name, content):
    """A file that is no workbook, of another type, or missing: one problem naming it."""
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    data = load_workbook(path)
    assert data.measures == [] and data.figures == {}
    assert len(data.problems) == 1 and data.problems[0].sheet == name
    assert data.problems[0].outcome.startswith("nothing was read")


def test_stage_has_a_drop_down_of_the_lifecycle_stages(tmp_path):
    path = tmp_path / "my-alliance.xlsx"
    write_template(small_alliance(), path)
    wb = openpyxl.load_workbook(path)
    [rule] = wb["about"].data_validations.dataValidation
    assert str(rule.sqref) == "B6" and wb["about"]["A6"].value == "stage"
    col = rule.formula1.split("$")[1]
    assert [wb["lists"][f"{col}{i}"].value for i in range(2, 6)] == [
        "launch",
        "growth",
        "maturity",
        "renewal_or_exit",
    ]


cells = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["Mar 2027", "$1,200", "n/a", "leading", "Agree", "month", "side"]),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(grid=st.lists(st.lists(cells, max_size=8), max_size=8), extra=cells)
def test_any_sheet_content_loads_without_a_traceback(tmp_path, grid, extra):
    """Whatever is typed in any sheet, loading names problems and never raises; what it
    keeps is usable by the analysis."""
    from toolkit.own_alliance import figures_table, health_gaps, own_scorecard

    path = tmp_path / "any.xlsx"
    sheets = {
        "about": [*ABOUT, *grid],
        "metrics": [*METRICS, *grid],
        "months": [HEAD, *grid, [extra]],
        "survey": [["side", *SCORE_DIMENSIONS], *grid, ["Kite", extra]],
    }
    data = load_workbook(workbook(path, sheets))
    assert all(str(p).startswith("Sheet '") for p in data.problems)
    names = [m.name for m in data.measures]
    assert all(list(v) == names for v in data.figures.values())
    assert all(a["side"] in ("Kite", "Harbour") for a in data.survey)
    alliance = data.apply_to(Alliance("A"))
    figures_table(alliance)
    own_scorecard(alliance)
    if {a["side"] for a in alliance.survey} == {"Kite", "Harbour"}:
        try:
            health_gaps(alliance)
        except ValueError as err:  # no dimension answered by both sides: said in words
            assert "answers" in str(err) or "item columns" in str(err)


def test_every_sheets_header_row_stands_out(tmp_path, alliance):
    """Is each sheet's first row bold on a pale blue fill, and the rows below it plain?"""
    path = tmp_path / "alliance.xlsx"
    write_template(alliance, path, scorecard=own_scorecard(alliance))
    book = openpyxl.load_workbook(path)
    for name in ("about", "metrics", "months", "survey", "scorecard"):
        sheet = book[name]
        header = [c for c in sheet[1] if c.value is not None]
        assert header and all(c.font.b for c in header), name
        # the colour's last six digits (the first two, its opacity, are written as opaque)
        assert {(c.fill.fill_type, c.fill.fgColor.rgb[-6:]) for c in header} == {
            ("solid", "DDE7F0")
        }, name
        assert not any(c.font.b for c in sheet[2]), name
        assert sheet.freeze_panes == "A2"
