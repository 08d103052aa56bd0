"""Match each item to one option: :class:`MatchEach` (an agenda item to a body).

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.ui.answers.questions import Matching
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-routes.answer.json"
>>> routes = Matching(
...     "Where each agenda item goes",
...     items={"pricing": "Pricing of the joint offer", "hiring": "Hiring the alliance lead"},
...     options={"exec": "Alder Executive Board", "jsc": "Joint Steering Committee"},
...     sentence="You sent “{item}” to {option}")
>>> match = MatchEach(routes, path)
>>> [d.legend for d in match.pickers]
['Pricing of the joint offer', 'Hiring the alliance lead']
>>> match.pickers[0].value = [0]
>>> match.value
{'pricing': 'exec'}
>>> print(match.describe())
You sent “Pricing of the joint offer” to the Alder Executive Board.
Not matched yet: Hiring the alliance lead.
>>> MatchEach(routes, path).pickers[0].picked()     # after a restart
['Alder Executive Board']
"""

from __future__ import annotations

import html

import ipywidgets as w

from toolkit.ui.answers.base import AnswerControl
from toolkit.ui.answers.choices import ChoiceGroup
from toolkit.ui.answers.questions import CANNOT_TELL, CANNOT_TELL_TEXT, Matching
from toolkit.ui.parts import part

__all__ = ["NOT_MATCHED", "MatchEach"]

#: what a drop-down shows before its item is matched
NOT_MATCHED = "Not matched yet"


class MatchEach(AnswerControl):
    """A drop-down for each item, labelled by the item's name, offering the options' names.

    ``pickers`` are the drop-downs (:class:`~toolkit.ui.answers.choices.ChoiceGroup`), one per
    item in order; each ``value`` is the picked option's position (``[]`` for none), "the data
    cannot tell yet" last.

    Parameters
    ----------
    question : Matching
        The question (its label heads the list of drop-downs).
    path : str or path-like
        The exercise's answer file.
    variant : int or str, optional
        The variant shown (see :class:`~toolkit.ui.answers.base.AnswerControl`).
    """

    question_type = Matching

    def _build(self):
        q = self.question
        self._keys = [*q.options, *([CANNOT_TELL] if q.cannot_tell else [])]
        names = [*q.options.values(), *([CANNOT_TELL_TEXT] if q.cannot_tell else [])]
        saved = self._answer or {}
        self.pickers = []
        # the drop-downs line up after the longest item name (up to 24 characters' room)
        width = f"{min(24, max(len(n) for n in q.items.values())) * 0.6 + 1:.1f}em"
        for item, name in q.items.items():
            picker = ChoiceGroup(name, names, dropdown=True, blank=NOT_MATCHED, label_width=width)
            with self.quiet():
                picker.value = [self._keys.index(saved[item])] if item in saved else []
            self.pickers.append(picker)
        self.when_changed(self.pickers, lambda _c: self._picked())
        heading = part(w.HTML, f"<b>{html.escape(q.label)}</b>")
        return [heading, *self.pickers]

    def _picked(self) -> None:
        self._set(
            {
                item: self._keys[picker.value[0]]
                for item, picker in zip(self.question.items, self.pickers, strict=True)
                if picker.value
            }
        )
