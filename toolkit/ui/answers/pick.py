"""Pick one option, or several: :class:`PickOne` and :class:`PickSeveral`.

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.ui.answers.questions import OneOf, SeveralOf
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> bodies = {"exec": "Alder Executive Board", "jsc": "Joint Steering Committee"}
>>> pricing = OneOf("Body that decides pricing", bodies, cannot_tell=True,
...                 sentence="You sent the pricing item to {}")
>>> pick = PickOne(pricing, folder / "my-pricing.answer.json")
>>> pick.choices.options
['Alder Executive Board', 'Joint Steering Committee', 'The data cannot tell yet']
>>> pick.choices.value = [0]
>>> pick.value, pick.describe()
('exec', 'You sent the pricing item to the Alder Executive Board.')
>>> PickOne(pricing, folder / "my-pricing.answer.json").value   # after a restart
'exec'
>>> leads = SeveralOf("Leading indicators", {"regs": "Deal registrations", "rev": "Revenue"})
>>> several = PickSeveral(leads, folder / "my-leading.answer.json")
>>> several.choices.value = [0, 1]
>>> several.value
['regs', 'rev']
"""

from __future__ import annotations

from toolkit.ui.answers.base import AnswerControl
from toolkit.ui.answers.choices import ChoiceGroup
from toolkit.ui.answers.questions import CANNOT_TELL, CANNOT_TELL_TEXT, OneOf, SeveralOf

__all__ = ["NOT_YET", "PickOne", "PickSeveral"]

#: what an empty drop-down shows (and saves as no answer)
NOT_YET = "Not answered yet"


def _keys(question) -> list[str]:
    """The ids in the order shown, "the data cannot tell yet" last when allowed."""
    return [*question.options, *([CANNOT_TELL] if question.cannot_tell else [])]


def _names(question) -> list[str]:
    return [*question.options.values(), *([CANNOT_TELL_TEXT] if question.cannot_tell else [])]


class PickOne(AnswerControl):
    """Pick one option: radio buttons under the question's label (a drop-down for long lists).

    ``choices`` is the :class:`~toolkit.ui.answers.choices.ChoiceGroup`; its ``value`` is the
    position of the picked option (``[]`` for none), "the data cannot tell yet" last.

    Parameters
    ----------
    question : OneOf
        The question.
    path : str or path-like
        The exercise's answer file.
    variant : int or str, optional
        The variant shown (see :class:`~toolkit.ui.answers.base.AnswerControl`).
    dropdown : bool, optional
        A drop-down instead of radio buttons (for more than about seven options).
    """

    question_type = OneOf

    def __init__(self, question: OneOf, path, *, variant=None, dropdown: bool = False, **kwargs):
        self.dropdown = dropdown
        super().__init__(question, path, variant=variant, **kwargs)

    def _build(self):
        keys = _keys(self.question)
        self.choices = ChoiceGroup(
            self.question.label, _names(self.question), dropdown=self.dropdown, blank=NOT_YET
        )
        with self.quiet():
            self.choices.value = [keys.index(self._answer)] if self._answer else []
        self.when_changed([self.choices], lambda _c: self._picked())
        return [self.choices]

    def _picked(self) -> None:
        keys = _keys(self.question)
        self._set(keys[self.choices.value[0]] if self.choices.value else None)


class PickSeveral(AnswerControl):
    """Pick any number of options: check boxes under the question's label.

    "The data cannot tell yet", when allowed, is a check box of its own that stands alone:
    ticking it clears the others, and ticking another option clears it.
    """

    question_type = SeveralOf

    def _build(self):
        self.choices = ChoiceGroup(self.question.label, _names(self.question), multiple=True)
        self._show(self._answer)
        self.when_changed([self.choices], self._picked)
        return [self.choices]

    def _show(self, answer) -> None:
        keys = _keys(self.question)
        picked = [CANNOT_TELL] if answer == CANNOT_TELL else list(answer or [])
        with self.quiet():
            self.choices.value = [keys.index(k) for k in picked]

    def _picked(self, change) -> None:
        keys = _keys(self.question)
        before = {keys[i] for i in change["old"]}
        now = [keys[i] for i in change["new"]]
        if CANNOT_TELL in now and len(now) > 1:  # "cannot tell" stands alone
            now = (
                [CANNOT_TELL] if CANNOT_TELL not in before else [k for k in now if k != CANNOT_TELL]
            )
        answer = CANNOT_TELL if now == [CANNOT_TELL] else now
        self._show(answer)
        self._set(answer)
