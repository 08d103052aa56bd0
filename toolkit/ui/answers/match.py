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
>>> [d.description for d in match.pickers]
['Pricing of the joint offer', 'Hiring the alliance lead']
>>> match.pickers[0].value = "exec"
>>> match.value
{'pricing': 'exec'}
>>> print(match.describe())
You sent “Pricing of the joint offer” to the Alder Executive Board.
Not matched yet: Hiring the alliance lead.
>>> MatchEach(routes, path).pickers[0].label     # after a restart
'Alder Executive Board'
"""

from __future__ import annotations

import ipywidgets as w

from toolkit.ui.answers.base import LABEL_STYLE, AnswerControl
from toolkit.ui.answers.questions import CANNOT_TELL, CANNOT_TELL_TEXT, Matching

__all__ = ["NOT_MATCHED", "MatchEach"]

#: what a drop-down shows before its item is matched
NOT_MATCHED = "Not matched yet"


class MatchEach(AnswerControl):
    """A drop-down for each item, labelled by the item's name, offering the options' names.

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
        options = [(NOT_MATCHED, ""), *((name, key) for key, name in q.options.items())]
        if q.cannot_tell:
            options.append((CANNOT_TELL_TEXT, CANNOT_TELL))
        saved = self._answer or {}
        self.pickers = [
            w.Dropdown(
                options=options,
                value=saved.get(item, ""),
                description=name,
                style=LABEL_STYLE,
                layout=w.Layout(width="auto"),
            )
            for item, name in q.items.items()
        ]
        self.when_changed(self.pickers, lambda _c: self._picked())
        heading = w.HTML(f"<b>{_escape(q.label)}</b>")
        return [heading, *self.pickers]

    def _picked(self) -> None:
        self._set(
            {
                item: picker.value
                for item, picker in zip(self.question.items, self.pickers, strict=True)
                if picker.value
            }
        )


def _escape(text: str) -> str:
    import html

    return html.escape(text)
