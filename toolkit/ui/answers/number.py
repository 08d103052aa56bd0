"""Numbers: one with its unit (:class:`NumberAnswer`), or a small table (:class:`NumberTable`).

Each number is typed into a native text box labelled by what it sets and its sensible range
("Months until the first revenue (1 to 36 months)"). What is typed is read when the box is
left or Enter is pressed: a number out of range, or no number at all, is said inline in plain
words, the typed text stays for the participant to fix, and the file keeps the last good
answer.

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.ui.answers.questions import Column, Number, TableOfNumbers
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> months = Number("Months until the first revenue", unit="months", low=1, high=36,
...                 cannot_tell=True)
>>> answer = NumberAnswer(months, folder / "my-months.answer.json")
>>> answer.number.description
'Months until the first revenue (1 to 36 months)'
>>> answer.number.value = "40"
>>> answer.value, "outside the sensible range" in answer.message.value
(None, True)
>>> answer.number.value = "18"
>>> answer.value, answer.message.value
(18, '')
>>> answer.cannot_tell.value = True
>>> answer.value, answer.number.disabled
('cannot-tell', True)
>>> plan = TableOfNumbers("Your plan", rows={"leads": "Partner leads"},
...              columns=[Column("target", "target", "leads", 1, 500),
...                       Column("month", "by month", "", 1, 36)])
>>> table = NumberTable(plan, folder / "my-plan.answer.json")
>>> [box.description for box in table.boxes.values()]
['Partner leads: target (1 to 500 leads)', 'Partner leads: by month (1 to 36)']
>>> table.boxes["leads", "target"].value = "190"
>>> table.value
{'leads': {'target': 190}}
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit.ui.answers.base import LABEL_STYLE, AnswerControl
from toolkit.ui.answers.questions import CANNOT_TELL, CANNOT_TELL_TEXT, Number, TableOfNumbers
from toolkit.ui.parts import part

__all__ = ["NumberAnswer", "NumberTable"]


def _text(number) -> str:
    if number is None:
        return ""
    return f"{number:g}" if isinstance(number, float) else str(number)


def _cannot_tell_box(answer) -> w.Checkbox:
    return part(
        w.Checkbox,
        value=answer == CANNOT_TELL,
        description=CANNOT_TELL_TEXT,
        indent=False,
        layout={"width": "auto"},
    )


class NumberAnswer(AnswerControl):
    """One number, typed into a labelled text box; "the data cannot tell yet" when allowed.

    Parameters
    ----------
    question : Number
        The question (label, unit, sensible range).
    path : str or path-like
        The exercise's answer file.
    variant : int or str, optional
        The variant shown (see :class:`~toolkit.ui.answers.base.AnswerControl`).
    """

    question_type = Number

    def _build(self):
        q = self.question
        told = self._answer == CANNOT_TELL
        self.number = part(
            w.Text,
            value="" if told else _text(self._answer),
            description=f"{q.label} ({q.range_text})",
            continuous_update=False,
            disabled=told,
            style=LABEL_STYLE,
            layout={"width": "auto"},
        )
        self.when_changed([self.number], lambda _c: self._typed())
        inputs = [self.number]
        self.cannot_tell = None
        if q.cannot_tell:
            self.cannot_tell = _cannot_tell_box(self._answer)
            self.when_changed([self.cannot_tell], lambda _c: self._typed())
            inputs.append(self.cannot_tell)
        return [part(w.HBox, inputs, layout={"flex_flow": "row wrap", "align_items": "center"})]

    def _typed(self) -> None:
        told = bool(self.cannot_tell and self.cannot_tell.value)
        self.number.disabled = told
        if told:
            self._set(CANNOT_TELL)
            return
        try:
            answer = self.question.parse_text(self.number.value)
        except ValueError as err:
            self.refuse(str(err))
            return
        self._set(answer)


class NumberTable(AnswerControl):
    """A small table of numbers: a row of labelled text boxes for each row of the question.

    ``boxes`` maps ``(row id, column id)`` to its text box. A box left blank is not answered
    yet; a box with bad input is said inline, and the others are still saved.
    """

    question_type = TableOfNumbers

    def _build(self):
        q = self.question
        told = self._answer == CANNOT_TELL
        saved = {} if told or self._answer is None else self._answer
        self.boxes: dict[tuple[str, str], w.Text] = {}
        rows = []
        for row in q.rows:
            line = []
            for column in q.columns:
                cell = q.cell(row, column)
                box = part(
                    w.Text,
                    value=_text(saved.get(row, {}).get(column.id)),
                    description=f"{cell.label} ({cell.range_text})",
                    continuous_update=False,
                    disabled=told,
                    style=LABEL_STYLE,
                    layout={"width": "auto"},
                )
                self.boxes[row, column.id] = box
                line.append(box)
            rows.append(part(w.HBox, line, layout={"flex_flow": "row wrap"}))
        self.when_changed(self.boxes.values(), lambda _c: self._typed())
        inputs = [part(w.HTML, f"<b>{html.escape(q.label)}</b>"), *rows]
        self.cannot_tell = None
        if q.cannot_tell:
            self.cannot_tell = _cannot_tell_box(self._answer)
            self.when_changed([self.cannot_tell], lambda _c: self._typed())
            inputs.append(self.cannot_tell)
        return inputs

    def _typed(self) -> None:
        told = bool(self.cannot_tell and self.cannot_tell.value)
        for box in self.boxes.values():
            box.disabled = told
        if told:
            self._set(CANNOT_TELL)
            return
        answer: dict[str, dict] = {}
        problems = []
        before = self._answer if isinstance(self._answer, dict) else {}
        columns = {c.id: c for c in self.question.columns}
        for (row, col), box in self.boxes.items():
            try:
                number = self.question.cell(row, columns[col]).parse_text(box.value)
            except ValueError as err:
                problems.append(str(err))
                number = before.get(row, {}).get(col)  # the last good number stays
            if number is not None and number != CANNOT_TELL:
                answer.setdefault(row, {})[col] = number
        self._set(answer)
        if problems:
            self.refuse(" ".join(problems))
