"""What every answer control shares: the question, the answer file, the variant, the sentence.

An answer control is a :class:`~toolkit.ui.widget.CourseWidget` for one
:mod:`question <toolkit.ui.answers.questions>`. It

- shows the question's options by the names a participant reads, and keeps the ids;
- **saves on every change** to the exercise's answer file, as ``{"variant": ..., "answer":
  ...}``, and comes back from it when the cell runs again (after a kernel restart, too);
- **sets aside** a file saved for another variant (or that no longer fits the question) as
  ``<name>.damaged``, with a notice, as the escalation walker does, and starts afresh;
- says what was answered in one sentence under the controls (:meth:`describe`), and what was
  wrong with bad input inline, keeping the last good answer in the file;
- has a plain :attr:`value` (also :attr:`answer`) for the check cells.
"""

from __future__ import annotations

import os

import ipywidgets as w

from toolkit.ui.answers.questions import Question, parse_saved, saved_form
from toolkit.ui.messages import box
from toolkit.ui.parts import part
from toolkit.ui.widget import CourseWidget

__all__ = ["AnswerControl", "LABEL_STYLE"]

#: labels take the room they need (ipywidgets cuts a longer one short at 80 pixels)
LABEL_STYLE = {"description_width": "initial"}


class AnswerControl(CourseWidget):
    """Base class of the answer controls; a subclass builds its inputs in :meth:`_build`.

    Parameters
    ----------
    question : Question
        What is asked (of the subclass's :attr:`question_type`).
    path : str or path-like
        The exercise's answer file, beside the notebook.
    variant : int or str, optional
        The variant the notebook shows (``None``: the practice case or a lesson); a file saved
        for another one is set aside.
    **kwargs
        Passed to ``ipywidgets.VBox``.
    """

    question_type: type = Question

    def __init__(self, question: Question, path: str | os.PathLike, *, variant=None, **kwargs):
        if not isinstance(question, self.question_type):
            msg = (
                f"{type(self).__name__} answers a {self.question_type.__name__} question, "
                f"got {type(question).__name__}"
            )
            raise TypeError(msg)
        self.kind = question.kind
        super().__init__(path, **kwargs)
        self.add_class("course-answer")
        self.question = question
        self.variant = variant
        self._answer = self.restore(lambda data: parse_saved(question, data, variant), None)
        self.sentence = part(w.HTML)
        inputs = self._build()
        self.children = [*inputs, self.message, self.sentence]
        self.show_notice()
        self._show_sentence()

    # -- what the check cells read -----------------------------------------------------
    @property
    def value(self):
        """The answer: the ids the control saves, :data:`CANNOT_TELL`, or ``None``."""
        return self._answer

    @property
    def answer(self):
        """The same as :attr:`value`."""
        return self._answer

    @property
    def answered(self) -> bool:
        """Whether anything was answered yet (picking none of several options is an answer)."""
        return self._answer is not None and self._answer != {}

    def describe(self) -> str:
        """One sentence saying what was answered ("You sent the pricing item to ...")."""
        return self.question.describe(self._answer)

    # -- for subclasses ------------------------------------------------------------------
    def _build(self) -> list[w.Widget]:
        """Make the inputs, show the restored answer in them (quietly), and return them."""
        raise NotImplementedError

    def _set(self, answer) -> bool:
        """Take a new answer from the inputs: check it, keep it, save it, say it.

        Bad input is said inline and changes nothing: the last good answer stays in the file.
        """
        try:
            answer = self.question.check(answer)
        except ValueError as err:
            self.refuse(str(err))
            return False
        self._answer = answer
        if self.save(saved_form(self.question, answer, self.variant)):
            self.say("")
        self._show_sentence()
        return True

    def refuse(self, reason: str) -> None:
        """Say inline why an input could not be used; the saved answer does not change."""
        self.say(f"{reason} Your last saved answer is kept until this is fixed.", "error")

    def _show_sentence(self) -> None:
        tone = "info" if self.answered else "hint"
        self.sentence.value = box(self.describe(), tone)
