"""The shapes of answer the course asks for, as plain data: what is asked, what may be answered.

A question knows its label (what the answer sets), the options a participant reads by name
and the ids it saves, and whether "the data cannot tell yet" is an allowed answer. It checks
an answer (:meth:`check` raises ``ValueError`` with a plain sentence), turns it into a sentence
for the instructor (:meth:`describe`), and reads what a control saved (:func:`read_saved`),
with no widget, so that a check cell works while nbgrader grades.

- :class:`OneOf`: pick one option;
- :class:`SeveralOf`: pick any number of options;
- :class:`Matching`: match each item to one option (an agenda item to a body);
- :class:`Number`: a number with its unit and a sensible range (months, a target);
- :class:`TableOfNumbers`: a small table of numbers (a plan's targets and months).

An answer is the ids a control saves (``None`` before anything is answered), or
:data:`CANNOT_TELL` when the participant says the data cannot tell yet.

Examples
--------
>>> bodies = {"exec": "Alder Executive Board", "jsc": "Joint Steering Committee"}
>>> where = OneOf("Body that decides pricing", bodies, sentence="You sent the pricing item to {}")
>>> where.check("exec")
'exec'
>>> where.describe("exec")
'You sent the pricing item to the Alder Executive Board.'
>>> where.describe(None)
'Not answered yet: Body that decides pricing.'
>>> where.check("board")
Traceback (most recent call last):
...
ValueError: Body that decides pricing: 'board' is not one of the options (exec, jsc)
>>> months = Number("Months until the first revenue", unit="months", low=1, high=36)
>>> months.parse_text(" 18 "), months.describe(18)
(18, 'Months until the first revenue: 18 months.')
>>> months.parse_text("eighteen")
Traceback (most recent call last):
...
ValueError: Months until the first revenue: 'eighteen' is not a whole number; type digits, ...
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from toolkit.ui.saved import AnswerFile

__all__ = [
    "CANNOT_TELL",
    "CANNOT_TELL_TEXT",
    "Column",
    "Matching",
    "Number",
    "TableOfNumbers",
    "OneOf",
    "Question",
    "SeveralOf",
    "options_of",
    "read_saved",
    "saved_form",
]

#: what a control saves, and its ``value``, when the participant says the data cannot tell yet
CANNOT_TELL = "cannot-tell"
#: how that answer reads on screen
CANNOT_TELL_TEXT = "The data cannot tell yet"


def options_of(options, what: str = "options") -> dict[str, str]:
    """Options as ``{id: name}``: from a mapping, or from objects with ``id`` and ``name``.

    Examples
    --------
    >>> from types import SimpleNamespace as O
    >>> options_of([O(id="a", name="Alder"), O(id="b", name="Birch")])
    {'a': 'Alder', 'b': 'Birch'}
    >>> options_of({"a": "Alder", "b": "alder "})
    Traceback (most recent call last):
    ...
    ValueError: two options are both shown as 'alder'; each option needs its own name
    """
    if isinstance(options, Mapping):
        pairs = [(str(k), str(v)) for k, v in options.items()]
    else:
        pairs = []
        for option in options:
            if not (hasattr(option, "id") and hasattr(option, "name")):
                msg = (
                    f"{what}: expected a mapping {{id: name}} or objects with an id and a "
                    f"name, got {option!r}"
                )
                raise TypeError(msg)
            pairs.append((str(option.id), str(option.name)))
    if not pairs:
        msg = f"a question needs at least one of its {what}"
        raise ValueError(msg)
    seen: dict[str, str] = {}
    for key, name in pairs:
        if not name.strip():
            msg = f"{what}: {key!r} has no name to show; give every option the name people read"
            raise ValueError(msg)
        folded = " ".join(name.lower().split())
        if folded in seen:
            msg = f"two {what} are both shown as {folded!r}; each option needs its own name"
            raise ValueError(msg)
        seen[folded] = key
    if len(dict(pairs)) != len(pairs):
        msg = f"{what}: an id appears twice; each option needs its own id"
        raise ValueError(msg)
    return dict(pairs)


def _the(name: str) -> str:
    """A name as it reads inside a sentence ("the Alder Executive Board")."""
    return name if name[:1].islower() or name.lower().startswith("the ") else f"the {name}"


def _label(label: str) -> str:
    if not str(label).strip():
        msg = "an answer control needs a label saying what it sets (read by screen readers)"
        raise ValueError(msg)
    return " ".join(str(label).split())


class Question:
    """What every shape of question shares: a label and "the data cannot tell yet"."""

    kind = "answer"
    label: str
    cannot_tell: bool

    def check(self, answer):
        """``answer`` if it fits the question (``ValueError`` with a plain reason if not)."""
        raise NotImplementedError

    def _describe(self, answer) -> str:
        raise NotImplementedError

    def describe(self, answer) -> str:
        """One sentence saying what was answered, for the participant and the instructor."""
        if answer is None:
            return f"Not answered yet: {self.label}."
        if answer == CANNOT_TELL:
            return f"{self.label}: you answered that the data cannot tell yet."
        return self._describe(self.check(answer))

    def _cannot_tell(self, answer) -> bool:
        if answer != CANNOT_TELL:
            return False
        if not self.cannot_tell:
            msg = f"{self.label}: this question needs an answer (the data can tell here)"
            raise ValueError(msg)
        return True


@dataclass(frozen=True)
class _Choice(Question):
    """What picking among options shares: the label, the options, "cannot tell", a sentence."""

    label: str
    options: Mapping[str, str]
    cannot_tell: bool = False
    sentence: str = ""

    def __post_init__(self):
        object.__setattr__(self, "label", _label(self.label))
        object.__setattr__(self, "options", options_of(self.options))


class OneOf(_Choice):
    """Pick one option.

    Parameters
    ----------
    label : str
        What the answer sets ("Body that decides pricing").
    options : mapping or iterable
        ``{id: name}``, or objects with ``id`` and ``name`` (the case's bodies).
    cannot_tell : bool, optional
        Offer "the data cannot tell yet".
    sentence : str, optional
        How the answer reads, with ``{}`` for the option's name ("You sent the pricing item
        to {}"); default "<label>: <name>".
    """

    kind = "pick-one"

    def check(self, answer):
        """``answer`` if it fits the question (``ValueError`` with a plain reason if not)."""
        if answer is None or self._cannot_tell(answer):
            return answer
        if not isinstance(answer, str) or answer not in self.options:
            msg = f"{self.label}: {answer!r} is not one of the options ({', '.join(self.options)})"
            raise ValueError(msg)
        return answer

    def _describe(self, answer) -> str:
        name = self.options[answer]
        if self.sentence:
            return self.sentence.format(_the(name)) + "."
        return f"{self.label}: {name}."


class SeveralOf(_Choice):
    """Pick any number of options (an empty pick is an answer: "none of them").

    Parameters are those of :class:`OneOf`; ``sentence`` gets the names joined by "and".
    """

    kind = "pick-several"

    def check(self, answer):
        """``answer`` if it fits the question (``ValueError`` with a plain reason if not)."""
        if answer is None or self._cannot_tell(answer):
            return answer
        if isinstance(answer, str) or not isinstance(answer, Iterable):
            msg = f"{self.label}: expected a list of options, got {answer!r}"
            raise ValueError(msg)
        picked = list(answer)
        unknown = [a for a in picked if a not in self.options]
        if unknown:
            msg = (
                f"{self.label}: {', '.join(map(repr, unknown))} not among the options "
                f"({', '.join(self.options)})"
            )
            raise ValueError(msg)
        return [key for key in self.options if key in picked]  # in the options' order

    def _describe(self, answer) -> str:
        names = [self.options[key] for key in answer]
        if not names:
            return f"{self.label}: none of them."
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        if self.sentence:
            return self.sentence.format(joined) + "."
        return f"{self.label}: {joined}."


@dataclass(frozen=True)
class Matching(Question):
    """Match each item to one option (an agenda item to a body, an alliance to a call).

    Parameters
    ----------
    label : str
        What the answer sets ("Where each agenda item goes").
    items, options : mapping or iterable
        ``{id: name}`` each, or objects with ``id`` and ``name``.
    cannot_tell : bool, optional
        Offer "the data cannot tell yet" for each item.
    sentence : str, optional
        How one match reads, with ``{item}`` and ``{option}`` ("You sent the {item} item to
        {option}"); default "<item>: <option>".
    """

    label: str
    items: Mapping[str, str]
    options: Mapping[str, str]
    cannot_tell: bool = False
    sentence: str = ""
    kind = "match-each"

    def __post_init__(self):
        object.__setattr__(self, "label", _label(self.label))
        object.__setattr__(self, "items", options_of(self.items, "items"))
        object.__setattr__(self, "options", options_of(self.options))

    def check(self, answer):
        """A dict ``{item id: option id or CANNOT_TELL}``; items not matched yet are left out."""
        if answer is None:
            return None
        if not isinstance(answer, Mapping):
            msg = f"{self.label}: expected a match for each item, got {answer!r}"
            raise ValueError(msg)
        out = {}
        for item, option in answer.items():
            if item not in self.items:
                msg = f"{self.label}: {item!r} is not one of the items ({', '.join(self.items)})"
                raise ValueError(msg)
            if option is None:
                continue
            if option == CANNOT_TELL and not self.cannot_tell:
                self._cannot_tell(option)
            if option != CANNOT_TELL and option not in self.options:
                msg = (
                    f"{self.label}: {option!r} (for {item!r}) is not one of the options "
                    f"({', '.join(self.options)})"
                )
                raise ValueError(msg)
            out[item] = option
        return {item: out[item] for item in self.items if item in out}

    def describe(self, answer) -> str:
        """One sentence: each match (and what was not matched yet after it)."""
        answer = self.check(answer)
        if not answer:
            return f"Not answered yet: {self.label}."
        parts = []
        for item, option in answer.items():
            name = self.items[item]
            if option == CANNOT_TELL:
                parts.append(f"for {name}, you answered that the data cannot tell yet")
            elif self.sentence:
                parts.append(self.sentence.format(item=name, option=_the(self.options[option])))
            else:
                parts.append(f"{name}: {self.options[option]}")
        left = [name for key, name in self.items.items() if key not in answer]
        text = " ".join(part[:1].upper() + part[1:] + "." for part in parts)
        if left:
            text += f" Not matched yet: {', '.join(left)}."
        return text


def _format(number) -> str:
    return f"{number:g}" if isinstance(number, float) else str(number)


@dataclass(frozen=True)
class Number(Question):
    """A number with its unit and a sensible range.

    Parameters
    ----------
    label : str
        What the number sets ("Months until the first revenue").
    unit : str, optional
        Its unit, shown after it ("months").
    low, high : int or float
        The range a sensible answer lies in (both included).
    whole : bool, optional
        Whole numbers only (default).
    cannot_tell : bool, optional
        Offer "the data cannot tell yet".
    """

    label: str
    unit: str = ""
    low: float = 0
    high: float = 100
    whole: bool = True
    cannot_tell: bool = False
    kind = "number"

    def __post_init__(self):
        object.__setattr__(self, "label", _label(self.label))
        if not self.low < self.high:
            msg = f"{self.label}: the range needs low < high, got {self.low} and {self.high}"
            raise ValueError(msg)

    @property
    def range_text(self) -> str:
        """The range in words ("1 to 36 months")."""
        unit = f" {self.unit}" if self.unit else ""
        return f"{_format(self.low)} to {_format(self.high)}{unit}"

    def check(self, answer):
        """``answer`` if it fits the question (``ValueError`` with a plain reason if not)."""
        if answer is None or self._cannot_tell(answer):
            return answer
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            msg = f"{self.label}: expected a number, got {answer!r}"
            raise ValueError(msg)
        if not math.isfinite(answer):
            msg = f"{self.label}: {answer!r} is not a number to answer with"
            raise ValueError(msg)
        if self.whole and not float(answer).is_integer():
            msg = f"{self.label}: {_format(answer)} is not a whole number; give a whole number"
            raise ValueError(msg)
        if not self.low <= answer <= self.high:
            msg = (
                f"{self.label}: {_format(answer)} is outside the sensible range "
                f"({self.range_text}); give a number from {self.range_text}."
            )
            raise ValueError(msg)
        return int(answer) if self.whole else float(answer)

    def parse_text(self, text: str):
        """What a participant typed, as the answer (blank: ``None``), or a plain ``ValueError``."""
        typed = " ".join(str(text).split())
        if not typed:
            return None
        cleaned = typed.replace(",", "")
        for suffix in (self.unit, self.unit.rstrip("s")):
            if suffix and cleaned.lower().endswith(suffix.lower()):
                cleaned = cleaned[: -len(suffix)].strip()
                break
        try:
            number = int(cleaned) if self.whole else float(cleaned)
        except ValueError:
            kind = "a whole number" if self.whole else "a number"
            example = _format(int((self.low + self.high) / 2) if self.whole else self.low)
            msg = f"{self.label}: {typed!r} is not {kind}; type digits, such as {example}."
            raise ValueError(msg) from None
        return self.check(number)

    def _describe(self, answer) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.label}: {_format(answer)}{unit}."


@dataclass(frozen=True)
class Column:
    """One column of a :class:`TableOfNumbers`: its id, its name, and the numbers it takes."""

    id: str
    name: str
    unit: str = ""
    low: float = 0
    high: float = 100
    whole: bool = True

    def number(self, row_name: str) -> Number:
        """The question one cell of this column asks, for the row ``row_name``."""
        return Number(
            f"{row_name}: {self.name}", unit=self.unit, low=self.low, high=self.high,
            whole=self.whole,
        )  # fmt: skip


@dataclass(frozen=True)
class TableOfNumbers(Question):
    """A small table of numbers: a row for each item, a column for each number it needs.

    Parameters
    ----------
    label : str
        What the table sets ("Your plan's targets").
    rows : mapping or iterable
        ``{id: name}`` (the plan's steps), or objects with ``id`` and ``name``.
    columns : sequence of Column
        The numbers each row takes (a target, a month).
    cannot_tell : bool, optional
        Offer "the data cannot tell yet" for the whole table.
    """

    label: str
    rows: Mapping[str, str]
    columns: tuple[Column, ...] = field(default_factory=tuple)
    cannot_tell: bool = False
    kind = "number-table"

    def __post_init__(self):
        object.__setattr__(self, "label", _label(self.label))
        object.__setattr__(self, "rows", options_of(self.rows, "rows"))
        object.__setattr__(self, "columns", tuple(self.columns))
        if not self.columns:
            msg = f"{self.label}: a table of numbers needs at least one Column"
            raise ValueError(msg)

    def cell(self, row: str, column: Column) -> Number:
        """The question of one cell."""
        return column.number(self.rows[row])

    def check(self, answer):
        """``{row id: {column id: number}}``; cells not filled in yet are left out."""
        if answer is None or self._cannot_tell(answer):
            return answer
        if not isinstance(answer, Mapping):
            msg = f"{self.label}: expected a number for each row, got {answer!r}"
            raise ValueError(msg)
        by_id = {c.id: c for c in self.columns}
        out = {}
        for row, numbers in answer.items():
            if row not in self.rows:
                msg = f"{self.label}: {row!r} is not one of the rows ({', '.join(self.rows)})"
                raise ValueError(msg)
            if not isinstance(numbers, Mapping):
                msg = f"{self.label}: expected numbers for {row!r}, got {numbers!r}"
                raise ValueError(msg)
            for col, number in numbers.items():
                if col not in by_id:
                    msg = f"{self.label}: {col!r} is not one of the columns ({', '.join(by_id)})"
                    raise ValueError(msg)
                if number is not None:
                    out.setdefault(row, {})[col] = self.cell(row, by_id[col]).check(number)
        return {
            row: {c.id: out[row][c.id] for c in self.columns if c.id in out[row]}
            for row in self.rows
            if row in out
        }

    def describe(self, answer) -> str:
        """One sentence: the numbers of each row (and the cells not filled in yet)."""
        if answer == CANNOT_TELL:
            return super().describe(answer)
        answer = self.check(answer)
        if not answer:
            return f"Not answered yet: {self.label}."
        parts = []
        for row, numbers in answer.items():
            cells = []
            for column in self.columns:
                if column.id in numbers:
                    unit = f" {column.unit}" if column.unit else ""
                    cells.append(f"{column.name} {_format(numbers[column.id])}{unit}")
            parts.append(f"{self.rows[row]}: {', '.join(cells)}")
        text = f"{self.label}: " + "; ".join(parts) + "."
        left = [
            f"{name} ({column.name})"
            for key, name in self.rows.items()
            for column in self.columns
            if column.id not in answer.get(key, {})
        ]
        if left:
            text += f" Not filled in yet: {', '.join(left)}."
        return text


# --- what a control saves ------------------------------------------------------------------


def saved_form(question: Question, answer, variant=None) -> dict:
    """What a control writes in its answer file's ``data``: the variant and the answer."""
    return {"variant": variant, "answer": question.check(answer)}


def parse_saved(question: Question, content, variant=None):
    """The answer in a saved file's ``data``, checked; ``ValueError`` if it does not fit.

    A file saved for another variant does not fit: the control keeps it aside, with a notice.
    """
    if not isinstance(content, Mapping) or "answer" not in content:
        msg = "expected an answer and the variant it was given for"
        raise ValueError(msg)
    saved_variant = content.get("variant")
    if _variant_words(saved_variant) != _variant_words(variant):  # 7 and "7" are one variant
        msg = (
            f"it was saved for variant {saved_variant}, and this notebook shows variant {variant}"
            if variant is not None and saved_variant is not None
            else f"it was saved for {_variant_words(saved_variant)}, and this notebook shows "
            f"{_variant_words(variant)}"
        )
        raise ValueError(msg)
    return question.check(content["answer"])


def _variant_words(variant) -> str:
    return "the practice case" if variant is None else f"variant {variant}"


def read_saved(question: Question, path, variant=None):
    """The answer a control saved in ``path`` for ``variant``, or ``None``, without a widget.

    For check cells (they run while nbgrader grades, when no widget is built). A file that is
    missing, damaged, of another question or another variant gives ``None``; nothing is moved.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "my-lag.answer.json"
    >>> lag = Number("Lag in months", unit="months", low=0, high=12)
    >>> AnswerFile(path, kind=lag.kind).save(saved_form(lag, 3, variant=7))
    >>> read_saved(lag, path, variant=7), read_saved(lag, path, variant=8)
    (3, None)
    """
    content = AnswerFile(path, kind=question.kind).peek(None)
    try:
        return parse_saved(question, content, variant)
    except (ValueError, TypeError, KeyError):
        return None


def describe_saved(question: Question, path, variant=None) -> str:
    """What was answered in ``path``, in one sentence (for a check cell's output).

    A notebook read in the formgrader or in the feedback then shows the answer itself, not
    only a score.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "my-pricing.answer.json"
    >>> where = OneOf("Body that decides pricing", {"exec": "Alder Executive Board"},
    ...               sentence="You sent the pricing item to {}")
    >>> describe_saved(where, path, variant=2)
    'Not answered yet: Body that decides pricing.'
    >>> AnswerFile(path, kind=where.kind).save(saved_form(where, "exec", variant=2))
    >>> describe_saved(where, path, variant=2)
    'You sent the pricing item to the Alder Executive Board.'
    """
    return question.describe(read_saved(question, path, variant))
