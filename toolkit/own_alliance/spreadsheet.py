"""The participant's figures in and out of a spreadsheet (``.xlsx``, or CSV files).

:func:`write_template` writes the workbook a participant fills in Excel or LibreOffice: a
sheet each for the alliance (``about``), its measures and targets (``metrics``), the monthly
figures (``months``) and the health-check answers (``survey``), with drop-down lists where a
value has choices. :func:`load_workbook` reads it back, checked against the published schema
(``workbook.json`` beside this module, a Frictionless data package), and keeps every row it
can: each problem is a :class:`Problem` naming the sheet, row and column, what was expected,
what was found and what was done about it. It never raises for what is in the file.

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.own_alliance.model import Alliance, Partner, measure_from_catalogue
>>> alliance = Alliance("Kite + Harbour", [Partner("Kite"), Partner("Harbour")],
...                     measures=[measure_from_catalogue("deal_registrations", 40)],
...                     figures={"2027-01": {"deal_registrations": 31}})
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-alliance.xlsx"
>>> write_template(alliance, path)
>>> loaded = load_workbook(path)
>>> loaded.problems, loaded.figures
([], {'2027-01': {'deal_registrations': 31}})
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from toolkit.indicators import KINDS, PERSPECTIVES
from toolkit.own_alliance.cells import (
    CellError,
    is_blank,
    read_choice,
    read_month,
    read_number,
    read_score,
    shown,
)
from toolkit.own_alliance.model import QUARTER_VALUES, SCORE_DIMENSIONS, Alliance, Measure
from toolkit.steering import STAGES

__all__ = [
    "OUTPUT_SHEETS",
    "SCHEMA_PATH",
    "SHEETS",
    "Problem",
    "WorkbookData",
    "load_workbook",
    "schema",
    "write_template",
]

SCHEMA_PATH = Path(__file__).with_name("workbook.json")
#: the sheets the participant fills, in order
SHEETS = ("about", "metrics", "months", "survey")
#: sheets the course writes for the participant to read; loading skips them
OUTPUT_SHEETS = ("read me", "scorecard", "lists")
_ABOUT_ITEMS = ("alliance", "partner 1", "partner 2", "partner 3", "stage")
_HEADER_ROWS = 10  # the header is looked for in the first rows of a sheet
_DATE_FORMAT = "mmm yyyy"


@cache
def _descriptor() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def schema(sheet: str) -> dict:
    """The published Frictionless table schema of one sheet (a copy to read).

    Examples
    --------
    >>> [f["name"] for f in schema("metrics")["fields"]][:3]
    ['name', 'label', 'kind']
    """
    for resource in _descriptor()["resources"]:
        if resource["name"] == sheet:
            return json.loads(json.dumps(resource["schema"]))
    msg = f"no sheet {sheet!r} in the workbook schema; its sheets: {', '.join(SHEETS)}"
    raise ValueError(msg)


@dataclass(frozen=True)
class Problem:
    """One problem in a spreadsheet: where it is, what was expected and found, what was done.

    ``row`` is the row number as the spreadsheet shows it (``None`` for the whole sheet);
    ``column`` the column's header (``None`` for the whole row).
    """

    sheet: str
    row: int | None
    column: str | None
    expected: str
    found: str
    outcome: str

    def __str__(self) -> str:
        where = f"Sheet '{self.sheet}'"
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: expected {self.expected}, found {self.found}; {self.outcome}."


@dataclass
class WorkbookData:
    """What :func:`load_workbook` read: the usable part of each sheet, and every problem."""

    source: str
    about: dict = field(default_factory=dict)
    measures: list[Measure] = field(default_factory=list)
    figures: dict[str, dict] = field(default_factory=dict)
    survey: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def apply_to(self, alliance: Alliance) -> Alliance:
        """The alliance updated with what the file holds (the file wins where it has data).

        The name, partners and stage change only where the ``about`` sheet gives them;
        measures, figures and survey answers are the file's when it has any.
        """
        from toolkit.own_alliance.model import Partner

        changes = {}
        if self.about.get("alliance"):
            changes["name"] = self.about["alliance"]
        names = [self.about.get(f"partner {i}") for i in (1, 2, 3)]
        names = [n for n in names if n]
        if names:
            known = {p.name: p for p in alliance.partners}
            changes["partners"] = [known.get(n, Partner(n)) for n in names]
        if self.about.get("stage"):
            changes["stage"] = self.about["stage"]
        if self.measures:
            changes["measures"] = list(self.measures)
        if self.figures:
            changes["figures"] = {k: dict(v) for k, v in self.figures.items()}
        if self.survey:
            changes["survey"] = [dict(a) for a in self.survey]
        return replace(alliance, **changes)

    def report(self) -> str:
        """Every problem, one a line (or a sentence saying there is none)."""
        if not self.problems:
            return f"{self.source}: read with no problems."
        lines = [f"{self.source}: {len(self.problems)} problem(s); every usable row was kept."]
        return "\n".join([*lines, *(f"- {p}" for p in self.problems)])


# ====================================================================== writing

#: the header row of each sheet: bold on a pale blue fill
_HEADER_STYLE = {"bold": True, "bg_color": "#DDE7F0", "pattern": 1}


def _lists(alliance: Alliance) -> dict[str, list]:
    """The drop-down lists, by name (the hidden ``lists`` sheet holds one a column)."""
    return {
        "kind": list(KINDS),
        "perspective": list(PERSPECTIVES),
        "better": ["higher", "lower"],
        "quarter": list(QUARTER_VALUES),
        "side": alliance.partner_names() or ["partner 1", "partner 2"],
        "stage": list(STAGES),
    }


def _list_ranges(lists: dict[str, list]) -> dict[str, str]:
    """Each drop-down list's cell range on the ``lists`` sheet (``=lists!$A$2:$A$3``)."""
    from xlsxwriter.utility import xl_col_to_name

    ranges = {}
    for c, (name, values) in enumerate(lists.items()):
        letter = xl_col_to_name(c)
        ranges[name] = f"=lists!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _rows(ws, rows, row: int = 1, col: int = 0) -> None:
    """Write ``rows`` from cell (``row``, ``col``), 0-based, down and to the right.

    An empty or not-a-number value stays an empty cell.
    """
    for r, values in enumerate(rows, start=row):
        for c, value in enumerate(values, start=col):
            if value is not None and value == value:
                ws.write(r, c, value)


def _sheet(book, name: str, header: list[str], widths=None, *, style=None):
    """A sheet whose first row, ``header``, is bold on a pale blue fill and stays in view."""
    ws = book.add_worksheet(name)
    for c, title in enumerate(header):
        ws.write_string(0, c, title, style)
        ws.set_column(c, c, (widths or {}).get(title, 16))
    ws.freeze_panes(1, 0)
    return ws


def _choose(ws, column: int, source, title: str, rows: int = 200, row: int | None = None) -> None:
    """A drop-down list on ``column`` (0-based) from row 2 to ``rows + 1``, or on ``row`` only.

    ``source`` is a range of the ``lists`` sheet or a list of the values themselves.
    """
    first, last = (row, row) if row is not None else (1, rows)
    rule = {"validate": "list", "source": source, "ignore_blank": True}
    rule.update(input_title=title[:32], input_message="Choose from the list.")
    rule.update(error_title=title[:32], error_message="Choose a value from the list.")
    ws.data_validation(first, column, last, column, rule)


def _read_me(book, alliance: Alliance) -> None:
    ws = book.add_worksheet("read me")
    lines = [
        f"Your own alliance: {alliance.name}",
        None,
        "Fill in the sheets 'about', 'metrics', 'months' and 'survey', then load this file "
        "back in the workbook notebook (06-your-alliance).",
        "metrics: one measure a row. Cells with a small arrow have a drop-down list.",
        "months: one month a row (a date, 2027-01 or Jan 2027), one column per measure.",
        "survey: one person's answers a row; each score 1 (strongly disagree) to 5 "
        "(strongly agree). Leave a cell empty when a question was not answered.",
        "Next quarter, add the new months below the others and load the same file again.",
        "The file stays on your computer: nothing of it is sent anywhere.",
    ]
    _rows(ws, [[line] for line in lines], row=0)
    ws.set_column(0, 0, 110)


def write_template(alliance: Alliance, path, *, scorecard=None) -> None:
    """Write the spreadsheet the participant fills in, holding what the alliance has so far.

    XlsxWriter writes it (openpyxl reads it back); a text is written as text, never taken
    for a formula or a link.

    Parameters
    ----------
    alliance : Alliance
        Its name, partners and stage, measures, figures and survey answers go in the sheets.
    path : str or os.PathLike
        Where to write the ``.xlsx`` file.
    scorecard : pandas.DataFrame, optional
        A scorecard (:func:`toolkit.own_alliance.analysis.own_scorecard`) to add as a
        ``scorecard`` sheet, for reading; loading the file again skips it.
    """
    from xlsxwriter import Workbook

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    book = Workbook(str(path), options)
    header = book.add_format(_HEADER_STYLE)
    lists = _lists(alliance)
    ranges = _list_ranges(lists)
    _read_me(book, alliance)

    ws = _sheet(book, "about", ["item", "value"], {"value": 40}, style=header)
    names = alliance.partner_names()
    values = [alliance.name, *(names + ["", "", ""])[:3], alliance.stage]
    _rows(ws, [[item, value or None] for item, value in zip(_ABOUT_ITEMS, values, strict=True)])
    _choose(ws, 1, ranges["stage"], "stage", row=len(_ABOUT_ITEMS))

    fields = [f["name"] for f in schema("metrics")["fields"]]
    ws = _sheet(book, "metrics", fields, {"name": 26, "label": 34, "unit": 22}, style=header)
    rows = [
        [
            m.name,
            m.label,
            m.kind,
            m.perspective,
            m.unit or None,
            m.target,
            "lower" if m.lower_is_better else "higher",
            m.quarter,
        ]
        for m in alliance.measures
    ]
    _rows(ws, rows)
    for name in ("kind", "perspective", "better", "quarter"):
        _choose(ws, fields.index(name), ranges[name], name)

    measures = [m.name for m in alliance.measures]
    ws = _sheet(book, "months", ["month", *measures], {"month": 12}, style=header)
    date = book.add_format({"num_format": _DATE_FORMAT})
    for r, month in enumerate(sorted(alliance.figures), start=1):
        year, number = map(int, month.split("-"))
        ws.write_datetime(r, 0, dt.date(year, number, 1), date)
        _rows(ws, [[alliance.figures[month].get(name) for name in measures]], row=r, col=1)

    fields = [f["name"] for f in schema("survey")["fields"]]
    ws = _sheet(book, "survey", fields, {d: 14 for d in SCORE_DIMENSIONS}, style=header)
    _rows(ws, [[answer.get(name) for name in fields] for answer in alliance.survey])
    _choose(ws, 1, ranges["side"], "side")
    for c in range(2, len(fields)):
        _choose(ws, c, ["1", "2", "3", "4", "5"], "score 1 to 5")

    if scorecard is not None:
        columns = ["perspective", "label", "kind", "actual", "target", "status", "in_words"]
        ws = _sheet(book, "scorecard", columns, {"label": 34, "in_words": 80}, style=header)
        _rows(ws, [[row.get(n) for n in columns] for row in scorecard.to_dict("records")])

    ws = book.add_worksheet("lists")
    for c, (name, values) in enumerate(lists.items()):
        ws.write_column(0, c, [name, *values])
    ws.hide()
    book.close()


# ====================================================================== reading


def _key(text) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text or "").strip().lower()).strip("_")


def _read_xlsx(path: Path, problems: list[Problem]) -> dict[str, list[list]]:
    from openpyxl import load_workbook as open_xlsx
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = open_xlsx(path, read_only=True, data_only=True)
        # a damaged workbook may open and fail on reading: read it all here, inside the try
        sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}
        wb.close()
        return sheets
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
    ) as err:
        problems.append(
            Problem(
                path.name,
                None,
                None,
                "an Excel workbook (.xlsx)",
                f"a file that cannot be opened as one ({err})",
                "nothing was read; save it from Excel or LibreOffice as .xlsx",
            )
        )
        return {}


def _read_csv(path: Path, problems: list[Problem]) -> dict[str, list[list]]:
    raw = path.read_bytes()
    text = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:  # neither: latin-1 reads every byte, and a wrong letter shows in a name
        text = raw.decode("latin-1")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    return {path.stem: [[c if c != "" else None for c in r] for r in rows]}


_SIGNATURES = {
    "about": {"item", "value"},
    "metrics": {"name", "kind"},
    "months": {"month"},
    "survey": {"side"},
}


def _header_row(rows: list[list], sheet: str) -> int | None:
    """The index of the first row (of the first few) that holds the sheet's key headers."""
    for i, row in enumerate(rows[:_HEADER_ROWS]):
        if _SIGNATURES[sheet] <= {_key(c) for c in row if not is_blank(c)}:
            return i
    return None


def _match_sheets(raw: dict, problems: list[Problem]) -> dict[str, tuple[str, list[list]]]:
    """Each expected sheet: the sheet that holds it (by name, else by its headers)."""
    found, taken = {}, set()
    for title, rows in raw.items():
        if _key(title) in SHEETS and _key(title) not in found:
            found[_key(title)] = (title, rows)
            taken.add(title)
    for sheet in SHEETS:
        if sheet in found:
            continue
        for title, rows in raw.items():
            if title in taken or _key(title).replace("_", " ") in OUTPUT_SHEETS:
                continue
            if _header_row(rows, sheet) is not None:
                found[sheet] = (title, rows)
                taken.add(title)
                problems.append(
                    Problem(
                        title,
                        None,
                        None,
                        f"a sheet named '{sheet}'",
                        f"a sheet named '{title}'",
                        f"read as the '{sheet}' sheet, since its headers are the {sheet} sheet's",
                    )
                )
                break
    for title in raw:
        if title not in taken and _key(title).replace("_", " ") not in OUTPUT_SHEETS:
            problems.append(
                Problem(
                    title,
                    None,
                    None,
                    f"one of the sheets {', '.join(SHEETS)}",
                    "a sheet whose headers match none of them",
                    "it was not read",
                )
            )
    return found


@dataclass
class _Table:
    """One sheet's data rows as read: values by column, and each row's sheet row number."""

    sheet: str
    columns: list[str]
    rows: list[dict] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)


def _table(sheet: str, title: str, rows: list[list], problems: list[Problem], aliases=None):
    start = _header_row(rows, sheet)
    if start is None:
        need = ", ".join(sorted(_SIGNATURES[sheet]))
        problems.append(
            Problem(
                title,
                None,
                None,
                f"a header row with {need}",
                f"none in its first {_HEADER_ROWS} rows",
                "the sheet was not read",
            )
        )
        return None
    if start > 0:
        above = [i + 1 for i in range(start) if any(not is_blank(c) for c in rows[i])]
        what = f"text on row(s) {', '.join(map(str, above))}" if above else "empty rows"
        problems.append(
            Problem(
                title,
                start + 1,
                None,
                "the headers on row 1",
                f"the headers on row {start + 1}, under {what}",
                f"read from row {start + 1}; the rows above it were skipped",
            )
        )
    headers = rows[start]
    columns = []
    for head in headers:
        name = _key(head)
        name = (aliases or {}).get(name, name)
        columns.append(name if name and name not in columns else None)
        if not is_blank(head) and columns[-1] is None:
            problems.append(
                Problem(
                    title,
                    start + 1,
                    str(head).strip(),
                    "each header once",
                    "it a second time",
                    "its column was not read",
                )
            )
    table = _Table(title, [c for c in columns if c])
    body = rows[start + 1 :]
    last = max((i for i, r in enumerate(body) if any(not is_blank(c) for c in r)), default=-1)
    for i, row in enumerate(body[: last + 1]):
        number = start + 2 + i
        if all(is_blank(c) for c in row):
            problems.append(
                Problem(title, number, None, "a row of data", "an empty row", "it was skipped")
            )
            continue
        cells = {}
        for c, name in enumerate(columns):
            if name is not None:
                cells[name] = row[c] if c < len(row) else None
        extra = [v for c, v in enumerate(row) if c >= len(columns) and not is_blank(v)]
        if extra:
            problems.append(
                Problem(
                    title,
                    number,
                    None,
                    "values only under a header",
                    f"{shown(extra[0])} in a column with no header",
                    "that value was not read",
                )
            )
        table.rows.append(cells)
        table.numbers.append(number)
    return table


def _cell(table: _Table, i: int, column: str, reader, expected: str, problems, *args):
    """One cell read with ``reader``; a problem named (and ``None`` returned) when it cannot."""
    value = table.rows[i].get(column)
    try:
        result, note = reader(value, *args)
    except CellError as err:
        problems.append(
            Problem(
                table.sheet,
                table.numbers[i],
                column,
                expected,
                err.args[0],
                "the cell was left empty",
            )
        )
        return None
    if note:
        problems.append(
            Problem(table.sheet, table.numbers[i], column, expected, shown(value), note)
        )
    return result


def _frictionless(table: _Table, fields: list[dict], typed: list[dict], problems) -> list[dict]:
    """Check the typed rows against the schema with Frictionless; drop what breaks it.

    A cell that breaks a constraint of its own (a range, a list) is left empty; a row that
    breaks a rule of the row (a required cell empty, a month given twice) is skipped.
    """
    from frictionless import Resource, Schema

    names = [f["name"] for f in fields]
    data = [names] + [[row.get(n) for n in names] for row in typed]
    resource = Resource(data=data, schema=Schema.from_descriptor({"fields": fields}))
    report = resource.validate(limit_errors=10_000)
    by_name = {f["name"]: f for f in fields}
    skipped = set()
    # Frictionless passes over a row left with no value at all (a blank row): its required
    # cells are checked here, as they are for every other row
    required = [f["name"] for f in fields if f.get("constraints", {}).get("required")]
    for i, row in enumerate(typed):
        if all(row.get(n) is None for n in names):
            skipped.add(i)
            _skip_row(problems, Problem(table.sheet, table.numbers[i], required[0], "a value",
                                        "an empty cell", "this row was skipped"))  # fmt: skip
    for error in report.tasks[0].errors if report.tasks else []:
        position = getattr(error, "row_number", None)
        if position is None:
            continue
        i = position - 2
        name = getattr(error, "field_name", None)
        if i in skipped:
            continue
        row = typed[i]
        if error.type in ("primary-key", "unique-error"):
            skipped.add(i)
            problems.append(
                Problem(
                    table.sheet,
                    table.numbers[i],
                    name or names[0],
                    f"each {name or names[0]} once",
                    f"{row.get(name or names[0])} again, after an earlier row",
                    "this row was skipped",
                )
            )
        elif error.type == "constraint-error" and "required" in error.note:
            skipped.add(i)
            _skip_row(
                problems,
                Problem(
                    table.sheet,
                    table.numbers[i],
                    name,
                    "a value",
                    "an empty cell",
                    "this row was skipped",
                ),
            )
        elif name in by_name and i not in skipped:
            problems.append(
                Problem(
                    table.sheet,
                    table.numbers[i],
                    name,
                    _expected(by_name[name]),
                    shown(row.get(name)),
                    "the cell was left empty",
                )
            )
            row[name] = None
    return [row for i, row in enumerate(typed) if i not in skipped]


def _skip_row(problems: list[Problem], problem: Problem) -> None:
    """Name a row skipped for an empty required cell: the cell's own problem says it, if any."""
    for k, earlier in enumerate(problems):
        same = (earlier.sheet, earlier.row, earlier.column) == (
            problem.sheet,
            problem.row,
            problem.column,
        )
        if same and earlier.outcome == "the cell was left empty":
            problems[k] = replace(earlier, outcome=problem.outcome)
            return
    problems.append(problem)


def _expected(f: dict) -> str:
    c = f.get("constraints", {})
    if "enum" in c:
        return "one of: " + ", ".join(map(str, c["enum"]))
    if "minimum" in c and "maximum" in c:
        kind = "a whole number" if f["type"] == "integer" else "a number"
        return f"{kind} from {c['minimum']:g} to {c['maximum']:g}"
    if "minimum" in c:
        return f"a number of {c['minimum']:g} or more"
    if "pattern" in c:
        return "a name in lower case with underscores (joint_webinars)"
    return {"number": "a number", "integer": "a whole number"}.get(f["type"], "a value")


def _read_about(table: _Table, problems) -> dict:
    about = {}
    for i, row in enumerate(table.rows):
        item = _key(row.get("item")).replace("_", " ")
        value = row.get("value")
        if item not in _ABOUT_ITEMS:
            problems.append(
                Problem(
                    table.sheet,
                    table.numbers[i],
                    "item",
                    "one of: " + ", ".join(_ABOUT_ITEMS),
                    shown(row.get("item")),
                    "this row was skipped",
                )
            )
            continue
        if item == "stage":
            labels = {g.label: key for key, g in STAGES.items()}
            value = _cell(
                table,
                i,
                "value",
                read_choice,
                "one of: " + ", ".join(STAGES),
                problems,
                list(STAGES),
                labels,
            )
        elif not is_blank(value):
            value = str(value).strip()
        if not is_blank(value):
            about[item] = value
    return about


def _read_metrics(table: _Table, problems) -> list[Measure]:
    fields = schema("metrics")["fields"]
    typed = []
    for i, row in enumerate(table.rows):
        name = row.get("name")
        typed.append(
            {
                "name": _key(name) if not is_blank(name) else None,
                "label": None if is_blank(row.get("label")) else str(row["label"]).strip(),
                "kind": _cell(table, i, "kind", read_choice, "leading or lagging", problems, KINDS),
                "perspective": _cell(
                    table,
                    i,
                    "perspective",
                    read_choice,
                    "one of: " + ", ".join(PERSPECTIVES),
                    problems,
                    PERSPECTIVES,
                ),
                "unit": None if is_blank(row.get("unit")) else str(row["unit"]).strip(),
                "target": _cell(table, i, "target", read_number, "a number", problems),
                "better": _cell(
                    table,
                    i,
                    "better",
                    read_choice,
                    "higher or lower",
                    problems,
                    ("higher", "lower"),
                )
                or "higher",
                "quarter": _cell(
                    table,
                    i,
                    "quarter",
                    read_choice,
                    "average or last month",
                    problems,
                    QUARTER_VALUES,
                )
                or "average",
            }
        )
        if typed[-1]["name"] and typed[-1]["name"] != str(name).strip():
            problems.append(
                Problem(
                    table.sheet,
                    table.numbers[i],
                    "name",
                    "a name in lower case with underscores",
                    shown(name),
                    f"read as {typed[-1]['name']}",
                )
            )
        if typed[-1]["label"] is None and typed[-1]["name"]:
            typed[-1]["label"] = typed[-1]["name"].replace("_", " ").capitalize()
    kept = _frictionless(table, fields, typed, problems)
    return [
        Measure(
            r["name"],
            r["label"],
            r["kind"],
            r["perspective"],
            r["unit"] or "",
            r["target"],
            r["better"] == "lower",
            r["quarter"],
        )
        for r in kept
    ]


def _read_months(table: _Table, measures: list[Measure], problems) -> dict[str, dict]:
    names = [m.name for m in measures]
    for column in table.columns[1:]:
        if column not in names and column != "month":
            problems.append(
                Problem(
                    table.sheet,
                    None,
                    column,
                    "a column for a measure on the metrics sheet",
                    f"'{column}', which the metrics sheet does not list",
                    "its figures were not read; add the measure to the metrics sheet",
                )
            )
    for name in names:
        if name not in table.columns:
            problems.append(
                Problem(
                    table.sheet,
                    None,
                    name,
                    f"a column '{name}'",
                    "none",
                    "that measure has no figures yet",
                )
            )
    present = [n for n in names if n in table.columns]
    fields = [
        *schema("months")["fields"],
        *({"name": n, "type": "number"} for n in present),
    ]
    typed = []
    for i in range(len(table.rows)):
        row = {
            "month": _cell(
                table, i, "month", read_month, "a month (a date, 2027-01 or Jan 2027)", problems
            )
        }
        for n in present:
            row[n] = _cell(table, i, n, read_number, "a number", problems)
        typed.append(row)
    kept = _frictionless(table, fields, typed, problems)
    figures = {r["month"]: {n: r.get(n) for n in names} for r in kept}
    months = sorted(figures)
    if months:
        first, last = (tuple(map(int, m.split("-"))) for m in (months[0], months[-1]))
        y, m = first
        while (y, m) < last:
            key = f"{y:04d}-{m:02d}"
            if key not in figures:
                problems.append(
                    Problem(
                        table.sheet,
                        None,
                        "month",
                        f"every month from {months[0]} to {months[-1]}",
                        f"no row for {key}",
                        "that month counts as no data",
                    )
                )
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return dict(sorted(figures.items()))


def _read_survey(table: _Table, partners: list[str], problems) -> list[dict]:
    fields = schema("survey")["fields"]
    if partners:
        fields[1]["constraints"]["enum"] = list(partners)
    typed = []
    for i, row in enumerate(table.rows):
        side = row.get("side")
        if partners and not is_blank(side):
            side = _cell(
                table, i, "side", read_choice, "one of: " + ", ".join(partners), problems, partners
            )
        answer = {
            "respondent": None if is_blank(row.get("respondent")) else str(row["respondent"]),
            "side": None if is_blank(side) else str(side).strip(),
        }
        for d in SCORE_DIMENSIONS:
            answer[d] = _cell(table, i, d, read_score, "a whole number from 1 to 5", problems)
        typed.append(answer)
    kept = _frictionless(table, fields, typed, problems)
    for n, answer in enumerate(kept, start=1):
        if answer["respondent"] is None:
            answer["respondent"] = f"R{n}"
    return kept


def load_workbook(path, *, measures: list[Measure] | None = None) -> WorkbookData:
    """Read a filled-in workbook (``.xlsx``) or a CSV file of one of its sheets.

    Every row that is usable is kept; every problem is a :class:`Problem` in ``.problems``
    (sheet, row, column, what was expected, what was found, what was done). A file that
    cannot be read at all gives one problem saying so, never an exception.

    Parameters
    ----------
    path : str or os.PathLike, or a list of them
        An ``.xlsx`` file, or one or more ``.csv`` files (each a sheet, named as the sheet
        or recognised by its headers).
    measures : list of Measure, optional
        The measures known already (the workbook's): the months are read against them when
        the file has no metrics sheet, as a CSV file of the months alone.
    """
    paths = [Path(p) for p in path] if isinstance(path, list | tuple) else [Path(path)]
    data = WorkbookData(", ".join(p.name for p in paths))
    raw = {}
    for p in paths:
        if not p.exists():
            data.problems.append(
                Problem(
                    p.name, None, None, "a file at " + str(p), "no such file", "nothing was read"
                )
            )
        elif p.suffix.lower() == ".csv":
            raw.update(_read_csv(p, data.problems))
        elif p.suffix.lower() in (".xlsx", ".xlsm"):
            raw.update(_read_xlsx(p, data.problems))
        else:
            data.problems.append(
                Problem(
                    p.name,
                    None,
                    None,
                    "an .xlsx or .csv file",
                    f"a {p.suffix or 'nameless'} file",
                    "nothing was read",
                )
            )
    sheets = _match_sheets(raw, data.problems)
    if "about" in sheets:
        table = _table("about", *sheets["about"], data.problems)
        if table:
            data.about = _read_about(table, data.problems)
    if "metrics" in sheets:
        table = _table("metrics", *sheets["metrics"], data.problems)
        if table:
            data.measures = _read_metrics(table, data.problems)
    if "months" in sheets:
        known = data.measures or list(measures or [])
        aliases = {_key(m.label): m.name for m in known}
        table = _table("months", *sheets["months"], data.problems, aliases)
        if table:
            data.figures = _read_months(table, known, data.problems)
    if "survey" in sheets:
        table = _table("survey", *sheets["survey"], data.problems)
        if table:
            partners = [
                data.about[f"partner {i}"] for i in (1, 2, 3) if f"partner {i}" in data.about
            ]
            data.survey = _read_survey(table, partners, data.problems)
    return data
