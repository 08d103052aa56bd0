"""Reading one spreadsheet cell the way people really fill it in.

Each reader takes a cell's value (what openpyxl or the CSV reader gives) and returns the value
it means and, when it had to interpret something, a note saying how it was read; a cell it
cannot read raises :class:`CellError` saying what it found. Thousands separators, currency
signs, ``%``, month names and Likert words are read; a word in a number column is not.

Examples
--------
>>> read_number("$12,500")
(12500, 'read as 12500')
>>> read_month("March 2026")
('2026-03', 'read as 2026-03')
>>> read_number("n/a")
Traceback (most recent call last):
...
toolkit.own_alliance.cells.CellError: 'n/a'
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "LIKERT_WORDS",
    "CellError",
    "is_blank",
    "read_choice",
    "read_month",
    "read_number",
    "read_score",
    "shown",
]

#: words people write instead of a 1-5 score
LIKERT_WORDS = {
    "strongly disagree": 1,
    "disagree": 2,
    "neutral": 3,
    "neither agree nor disagree": 3,
    "agree": 4,
    "strongly agree": 5,
}
_MONTHS = {
    name: i
    for i in range(1, 13)
    for name in (
        dt.date(2000, i, 1).strftime("%B").lower(),
        dt.date(2000, i, 1).strftime("%b").lower(),
    )
}
_MONTHS["sept"] = 9
_CURRENCY = re.compile(r"(?i)^(?:[$€£¥]|usd|eur|gbp|chf|k\$)\s*|\s*(?:[$€£¥]|usd|eur|gbp|chf|k\$)$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; ``args[0]`` is what it shows."""


def shown(value) -> str:
    """How a cell's value is named in a message: text quoted, dates as dates."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, str):
        return repr(value.strip())
    return repr(value) if not isinstance(value, int | float) else f"{value:g}"


def is_blank(value) -> bool:
    """Whether a cell is empty (nothing, or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


def read_number(value) -> tuple[float | int | None, str]:
    """A number from a cell: ``1,200``, ``€ 1.200,50``, ``(300)``, ``12%`` are read.

    Examples
    --------
    >>> read_number("1 200"), read_number("€1.200,50"), read_number(7)
    ((1200, 'read as 1200'), (1200.5, 'read as 1200.5'), (7, ''))
    """
    if is_blank(value):
        return None, ""
    if isinstance(value, bool):
        raise CellError(shown(value))
    if isinstance(value, int | float):
        return value, ""
    text = str(value).strip().replace("\u00a0", " ").replace("\u202f", " ")
    core = _CURRENCY.sub("", text).strip()
    negative = core.startswith("(") and core.endswith(")")
    core = core.strip("()").strip().removesuffix("%").strip()
    core = core.replace(" ", "").replace("'", "")
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", core):
        core = core.replace(",", "")
    elif re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+(,\d+)?", core):
        core = core.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[-+]?\d+,\d{1,2}", core):
        core = core.replace(",", ".")
    try:
        number = float(core)
    except ValueError:
        raise CellError(shown(value)) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError(shown(value))
    number = -number if negative else number
    result = int(number) if number.is_integer() else number
    return result, "" if core == text else f"read as {result:g}"


def read_month(value) -> tuple[str | None, str]:
    """A month as ``YYYY-MM`` from a date, ``2026-03``, ``03/2026``, ``Mar 2026`` or ``March-26``.

    Examples
    --------
    >>> read_month(dt.datetime(2026, 3, 1)), read_month("2026-03")
    (('2026-03', ''), ('2026-03', ''))
    >>> read_month("Mar-26")
    ('2026-03', 'read as 2026-03')
    """
    if is_blank(value):
        return None, ""
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}", ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel date serial that lost its format
            day = _EXCEL_EPOCH + dt.timedelta(days=int(value))
            key = f"{day.year:04d}-{day.month:02d}"
            return key, f"read as {key}"
        raise CellError(shown(value))
    text = str(value).strip()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-\d{1,2})?(?:[ T].*)?", text)
    if found and 1 <= int(found.group(2)) <= 12:
        key = f"{found.group(1)}-{int(found.group(2)):02d}"
        return key, "" if re.fullmatch(r"\d{4}-\d{2}", text) else f"read as {key}"
    found = re.fullmatch(r"(\d{1,2})[/.](\d{4})", text)
    if found and 1 <= int(found.group(1)) <= 12:
        key = f"{found.group(2)}-{int(found.group(1)):02d}"
        return key, f"read as {key}"
    found = re.fullmatch(r"([A-Za-z]+)\.?[\s\-/']*(\d{4}|\d{2})", text)
    if found and found.group(1).lower() in _MONTHS:
        year = int(found.group(2))
        year += 2000 if year < 100 else 0
        key = f"{year:04d}-{_MONTHS[found.group(1).lower()]:02d}"
        return key, f"read as {key}"
    raise CellError(shown(value))


def read_score(value) -> tuple[int | float | None, str]:
    """A 1-5 answer: a number, ``"4"``, ``"4 - agree"`` or a Likert word such as ``"Agree"``.

    Out-of-range numbers are returned as they are (the schema's check names them).

    Examples
    --------
    >>> read_score("Strongly agree"), read_score(3), read_score("4 - agree")
    ((5, 'read as 5'), (3, ''), (4, 'read as 4'))
    """
    if is_blank(value):
        return None, ""
    if isinstance(value, str):
        text = value.strip().lower()
        if text in LIKERT_WORDS:
            return LIKERT_WORDS[text], f"read as {LIKERT_WORDS[text]}"
        found = re.fullmatch(r"([1-5])\s*[-–:.)]\s*[a-z ]+", text)
        if found:
            return int(found.group(1)), f"read as {found.group(1)}"
    number, note = read_number(value)
    return number, note


def read_choice(value, choices, words: dict | None = None) -> tuple[str | None, str]:
    """One of ``choices``, whatever the case and spacing (``words`` maps other ways to say it).

    Examples
    --------
    >>> read_choice(" Leading ", ["leading", "lagging"])
    ('leading', '')
    """
    if is_blank(value):
        return None, ""
    text = re.sub(r"\s+", " ", str(value).strip())
    for choice in choices:
        if text.lower() == str(choice).lower():
            return choice, ""
    for word, choice in (words or {}).items():
        if text.lower() == word.lower():
            return choice, f"read as {choice}"
    raise CellError(shown(value))
