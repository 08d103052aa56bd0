"""Load the course data (``datasets/``) and check it on the way in.

Every loader reads one CSV file described in ``datasets/datapackage.json`` and checks it
against that data dictionary: the columns that must be there, the type of each value, and the
allowed range. A problem raises :class:`DataError` with a message that names the file, the row
and column, and what was expected, so that a wrong file never ends in a cryptic traceback.
The same checks run on a survey a student loads from their own CSV file.

Examples
--------
>>> panel("Summit").loc[1:3, "deal_registrations"].tolist()
[0, 297, 32]
>>> series("Summit", "sourced_revenue").index.name
'month'
>>> sorted(alliances()["alliance"])[:3]
['Bluepeak', 'Cedar', 'Constellation']
>>> survey("Delta", quarter=8)["side"].value_counts().to_dict()
{'us': 4, 'partner': 4}
"""

from __future__ import annotations

import json
import sys
from functools import cache, lru_cache, wraps
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.ui.messages import did_you_mean

__all__ = [
    "DATASETS",
    "DataError",
    "alliance_names",
    "alliances",
    "catalogue_file",
    "check_table",
    "panel",
    "read_survey",
    "schema",
    "series",
    "survey",
]

#: where an installed toolkit's wheel puts the course data (``sys.prefix`` / this)
INSTALLED_DATA = Path("share") / "alliance-course" / "datasets"


def _datasets() -> Path:
    """The course data: beside ``toolkit/`` in a checkout, else where the wheel installed it."""
    beside = Path(__file__).resolve().parents[2] / "datasets"
    if beside.is_dir():
        return beside
    return Path(sys.prefix) / INSTALLED_DATA


DATASETS = _datasets()
_RESOURCE_BY_FILE = {
    "metrics.csv": "metrics",
    "alliances.csv": "alliances",
    "panel.csv": "panel",
    "health_checks.csv": "health_checks",
}


class DataError(ValueError):
    """A data file is missing or does not match the data dictionary; says where and why."""


@lru_cache(maxsize=1)
def _package() -> dict:
    path = DATASETS / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        msg = (
            f"{path}: the data dictionary is missing; in a checkout of the course, run "
            "`python -m instructor.generator`; elsewhere, reinstall the toolkit"
        )
        raise DataError(msg) from None


def schema(resource: str) -> dict:
    """The Frictionless table schema of one resource (``"panel"``, ``"health_checks"``, ...)."""
    for res in _package()["resources"]:
        if res["name"] == resource:
            return res["schema"]
    names = [r["name"] for r in _package()["resources"]]
    msg = f"no resource {resource!r} in datapackage.json; choose one of {', '.join(names)}"
    raise DataError(msg)


def _describe(field: dict) -> str:
    kind = {
        "integer": "a whole number",
        "number": "a number",
        "boolean": "True or False",
        "yearmonth": "a month like 2024-05",
        "string": "text",
    }[field["type"]]
    c = field.get("constraints", {})
    if "enum" in c:
        return "one of " + ", ".join(map(str, c["enum"]))
    if "minimum" in c and "maximum" in c:
        return f"{kind} from {c['minimum']} to {c['maximum']}"
    if "minimum" in c:
        return f"{kind} of at least {c['minimum']}"
    return kind


def check_table(table: pd.DataFrame, resource: str | dict, *, source: str) -> pd.DataFrame:
    """Check a raw table (all text) against a resource's schema and return it typed.

    Parameters
    ----------
    table : pandas.DataFrame
        The table as read, every cell a string (empty string = missing).
    resource : str or dict
        The resource whose schema applies (``"panel"``, ``"health_checks"``, ...), or a
        table schema itself.
    source : str
        The file name to show in messages.

    Returns
    -------
    pandas.DataFrame
        The same table with typed columns (integers with gaps as ``Int64``).

    Raises
    ------
    DataError
        When a column is missing, or a value has the wrong type or is out of range; the
        message names ``source``, the row (as numbered in a spreadsheet, header = row 1),
        the column and what was expected.
    """
    fields = (resource if isinstance(resource, dict) else schema(resource))["fields"]
    required = [f["name"] for f in fields if f.get("constraints", {}).get("required")]
    missing = [name for name in required if name not in table.columns]
    if missing:
        msg = (
            f"{source}: missing column(s) {', '.join(missing)}; "
            f"expected the columns {', '.join(f['name'] for f in fields)}"
        )
        raise DataError(msg)
    out = {}
    for field in fields:
        name = field["name"]
        if name not in table.columns:
            continue
        raw = table[name].fillna("").astype(str).str.strip()
        empty = raw == ""
        c = field.get("constraints", {})
        expected = _describe(field)

        def fail(rows, what, name=name, expected=expected):
            row = int(rows[0]) + 2
            value = table[name].iloc[int(rows[0])]
            msg = (
                f"{source}, row {row}, column {name!r}: {what} (got {value!r}); expected {expected}"
            )
            raise DataError(msg)

        if c.get("required") and empty.any():
            fail(empty[empty].index.map(table.index.get_loc), "empty cell")
        kind = field["type"]
        if kind in ("integer", "number"):
            values = pd.to_numeric(raw.where(~empty), errors="coerce")
            bad = values.isna() & ~empty
            if kind == "integer":
                bad |= values.notna() & (values % 1 != 0)
            if bad.any():
                fail(bad[bad].index.map(table.index.get_loc), "not " + expected.split(" from")[0])
            low, high = c.get("minimum"), c.get("maximum")
            out_of_range = pd.Series(False, index=raw.index)
            if low is not None:
                out_of_range |= values < low
            if high is not None:
                out_of_range |= values > high
            if out_of_range.any():
                fail(out_of_range[out_of_range].index.map(table.index.get_loc), "out of range")
            out[name] = values.astype("Int64") if kind == "integer" else values.astype(float)
        elif kind == "boolean":
            mapping = {"true": True, "false": False, "1": True, "0": False}
            lowered = raw.str.lower()
            bad = ~lowered.isin(mapping) & ~empty
            if bad.any():
                fail(bad[bad].index.map(table.index.get_loc), "not True or False")
            out[name] = lowered.map(mapping).astype("boolean")
        else:
            if "enum" in c:
                bad = ~raw.isin([str(v) for v in c["enum"]]) & ~empty
                if bad.any():
                    fail(bad[bad].index.map(table.index.get_loc), "not an allowed value")
            out[name] = raw.where(~empty)
    return pd.DataFrame(out, index=table.index)


#: how a typed read stores each kind of the data dictionary (the rest is text)
_STORED_AS = {"integer": "Int64", "number": "float64", "boolean": "boolean"}


def _read_typed(path: Path, fields: list[dict]) -> pd.DataFrame | None:
    """The file read straight into its types if every value passes :func:`check_table`'s rules.

    The quick way in for the course's own files, which are valid (and for a participant's
    survey file, which mostly is): one typed read, then the same rules checked on each
    column's values at once. ``None`` for anything else (a value that
    does not parse, is out of range or not allowed, text with spaces around it, a missing
    column), which :func:`check_table` then reads again to say where and why.
    """
    try:
        table = pd.read_csv(
            path,
            dtype={f["name"]: _STORED_AS.get(f["type"], "str") for f in fields},
            keep_default_na=False,
            na_values=[""],
        )
    except (ValueError, TypeError):
        return None
    present = [f for f in fields if f["name"] in table.columns]
    if any(f["name"] not in table.columns for f in fields if _constraints(f).get("required")):
        return None
    if not all(_passes(table[f["name"]], f) for f in present):
        return None
    return table[[f["name"] for f in present]]


def _constraints(field: dict) -> dict:
    return field.get("constraints", {})


def _passes(values: pd.Series, field: dict) -> bool:
    """Whether a column read into its type keeps every rule of its field (see :func:`_read_typed`).

    Worked on the column's plain values, which is several times quicker than pandas' own
    operations on a column this size.
    """
    c = _constraints(field)
    if field["type"] in _STORED_AS:
        numbers = values.to_numpy(dtype=float, na_value=np.nan)
        given = numbers[~np.isnan(numbers)]
        if c.get("required") and len(given) < len(numbers):
            return False
        return not (
            ("minimum" in c and (given < c["minimum"]).any())
            or ("maximum" in c and (given > c["maximum"]).any())
        )
    texts = values.to_numpy(dtype=object, na_value=None).tolist()
    given = [t for t in texts if t is not None]
    if c.get("required") and len(given) < len(texts):
        return False
    distinct = set(given)
    if "" in distinct or any(t.strip() != t for t in distinct):
        return False
    return "enum" not in c or distinct <= {str(v) for v in c["enum"]}


def _read(name: str) -> pd.DataFrame:
    path = DATASETS / name
    if not path.is_file():
        msg = (
            f"{path}: file not found; in a checkout of the course, run `python -m "
            "instructor.generator` to write the course data; elsewhere, reinstall the toolkit"
        )
        raise DataError(msg)
    resource = _RESOURCE_BY_FILE[name]
    typed = _read_typed(path, schema(resource)["fields"])
    if typed is not None:
        return typed
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return check_table(raw, resource, source=name)


@cache
def _cached(name: str) -> pd.DataFrame:
    return _read(name)


def catalogue_file() -> pd.DataFrame:
    """The metric catalogue as read from ``datasets/metrics.csv``."""
    return _cached("metrics.csv").copy()


def alliances() -> pd.DataFrame:
    """The fictional alliances (``datasets/alliances.csv``)."""
    return _cached("alliances.csv").copy()


def alliance_names() -> list[str]:
    """Names of the alliances, in the order of the data."""
    return alliances()["alliance"].tolist()


def _check_alliance(alliance: str) -> str:
    names = alliance_names()
    if alliance in names:
        return alliance
    hint = did_you_mean(alliance, names, cutoff=0.4)
    msg = f"no alliance called {alliance!r}.{hint} The alliances are: {', '.join(names)}"
    raise ValueError(msg)


def per_read(*names: str):
    """Decorator: a function of the course data files ``names``, worked out once per read of them.

    A lesson asks the same questions of the data many times over (an alliance's rows, every
    alliance's latest health); each answer is kept, by the function's arguments, with the
    tables it was worked out from, so data read again (another data folder) is asked again.
    What the function returns is shared: its callers do not change it.

    Examples
    --------
    >>> @per_read("alliances.csv")
    ... def names_of(kind):
    ...     return tuple(alliances()[kind])
    >>> names_of("alliance") is names_of("alliance")
    True
    """

    def decorate(compute):
        kept: dict[tuple, tuple[tuple, object]] = {}  # arguments -> (the tables read, answer)

        @wraps(compute)
        def once(*args):
            tables = tuple(_cached(name) for name in names)
            hit = kept.get(args)
            if hit is None or any(a is not b for a, b in zip(hit[0], tables, strict=True)):
                hit = kept[args] = (tables, compute(*args))
            return hit[1]

        return once

    return decorate


@per_read("panel.csv")
def _alliance_rows(alliance: str) -> pd.DataFrame:
    """One alliance's rows of the panel, indexed by month: taken once per panel read."""
    table = _cached("panel.csv")
    one = table[table["alliance"] == alliance]
    return one.set_index(one["month"].astype(int).rename("month")).drop(columns="month")


def panel(alliance: str | None = None) -> pd.DataFrame:
    """The monthly panel (``datasets/panel.csv``); one alliance indexed by month if named."""
    if alliance is None:
        return _cached("panel.csv").copy()
    return _alliance_rows(_check_alliance(alliance)).copy()


def series(alliance: str, metric: str) -> pd.Series:
    """One metric of one alliance as a Series indexed by month (1, 2, ...)."""
    one = _alliance_rows(_check_alliance(alliance))
    columns = [c for c in one.columns if c not in ("alliance", "period")]
    if metric not in columns:
        hint = did_you_mean(metric, columns, cutoff=0.4)
        msg = f"the panel has no metric {metric!r}.{hint} Metrics: {', '.join(columns)}"
        raise ValueError(msg)
    s = one[metric]
    if str(s.dtype) in ("Int64", "boolean"):
        s = s.astype(float)
    return s.rename(metric)


def survey(alliance: str | None = None, quarter: int | None = None) -> pd.DataFrame:
    """Health-check answers (``datasets/health_checks.csv``), optionally one alliance/quarter."""
    table = _cached("health_checks.csv")
    if alliance is not None and quarter is not None:  # a lesson's usual question: kept rows
        rounds = _survey_rounds()
        rows = rounds.get((_check_alliance(alliance), _whole(quarter)))
        if rows is not None:
            return table.take(rows).reset_index(drop=True)
    if alliance is not None:
        table = table[table["alliance"] == _check_alliance(alliance)]
    if quarter is not None:
        quarters = sorted({int(q) for q in table["quarter"].dropna()})
        if int(quarter) not in quarters:
            msg = f"no survey in quarter {quarter!r}; quarters with answers: {quarters}"
            raise ValueError(msg)
        table = table[table["quarter"] == int(quarter)]
    return table.reset_index(drop=True)


def _whole(quarter) -> int | None:
    """``quarter`` as the whole number it stands for (``None`` if it is not one)."""
    try:
        number = int(quarter)
    except (TypeError, ValueError):
        return None
    return number if number == quarter else None


@per_read("health_checks.csv")
def _survey_rounds() -> dict[tuple[str, int], list[int]]:
    """Where each (alliance, quarter) survey round is in the answers: their row positions."""
    table = _cached("health_checks.csv")
    rounds: dict[tuple[str, int], list[int]] = {}
    keys = zip(table["alliance"].tolist(), table["quarter"].tolist(), strict=True)
    for position, (name, quarter) in enumerate(keys):
        if isinstance(name, str) and quarter is not pd.NA:
            rounds.setdefault((name, int(quarter)), []).append(position)
    return rounds


def read_survey(path: str | Path) -> pd.DataFrame:
    """Read a health-check survey from a student's own CSV file, checked like the course data.

    The file needs the columns ``respondent`` and ``side`` (``us`` or ``partner``) and one or
    more item columns named ``<dimension>_<n>`` with answers from 1 to 5; ``alliance``,
    ``quarter`` and the other columns of ``health_checks.csv`` are optional.
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        msg = f"{path}: file not found; check the name and that it is beside the notebook"
        raise DataError(msg) from None
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        msg = f"{path.name}: not a readable CSV file ({err}); expected comma-separated text"
        raise DataError(msg) from None
    for column in ("respondent", "side"):
        if column not in raw.columns:
            msg = f"{path.name}: missing column {column!r}; expected at least respondent, side"
            raise DataError(msg)
    sub = _survey_schema(raw.columns)
    typed = _read_typed(path, sub["fields"])  # a valid file, the quick way (as course files)
    if typed is not None:
        return typed
    return check_table(raw, sub, source=path.name)


def _survey_schema(columns) -> dict:
    """The schema a participant's survey with these columns is checked against.

    The columns of ``health_checks.csv`` it has, only ``respondent`` and ``side`` required,
    and its own item columns (``ideas_1``) checked like ``trust_1``.
    """
    fields = {f["name"]: dict(f) for f in schema("health_checks")["fields"]}
    for extra in columns:
        if extra not in fields and extra.rsplit("_", 1)[-1].isdigit():
            fields[extra] = {**fields["trust_1"], "name": extra}
    sub = {"fields": [f for n, f in fields.items() if n in columns]}
    for f in sub["fields"]:
        if f["name"] not in ("respondent", "side"):
            f.setdefault("constraints", {})
            f["constraints"] = {k: v for k, v in f["constraints"].items() if k != "required"}
    return sub
