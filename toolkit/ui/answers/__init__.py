"""Answer controls: every shape of answer the course asks for, answered without typing code.

A question is plain data (:mod:`toolkit.ui.answers.questions`); its control is a thin widget on
the course's skeleton (:class:`~toolkit.ui.widget.CourseWidget`) that shows the options by the
names a participant reads, saves the ids on every change to the exercise's answer file, comes
back after a kernel restart, and sets aside (with a notice) a file saved for another variant.

============================  ==========================================  ===================
Question                      Control                                     ``value``
============================  ==========================================  ===================
:class:`OneOf`                :class:`PickOne` (radio buttons/drop-down)   an option id
:class:`SeveralOf`            :class:`PickSeveral` (check boxes)           a list of ids
:class:`Matching`             :class:`MatchEach` (a drop-down per item)    ``{item: option}``
:class:`Number`               :class:`NumberAnswer` (a text box)           a number
:class:`TableOfNumbers`       :class:`NumberTable` (a text box per cell)   ``{row: {col: n}}``
============================  ==========================================  ===================

Each ``value`` is ``None`` before anything is answered, and :data:`CANNOT_TELL` when the
question allows "the data cannot tell yet" and that is the answer. ``describe()`` says what was
answered in one sentence. :func:`answer_control` makes the right control for a question;
:func:`read_saved` reads a saved answer without any widget (for check cells while grading), and
:func:`describe_saved` says it in a sentence.

Examples
--------
>>> import tempfile, pathlib
>>> from toolkit.ui.answers import OneOf, answer_control, read_saved
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-call.answer.json"
>>> call = OneOf("Your call for Alder", {"grow": "Invest to grow", "fix": "Fix the basics"},
...              cannot_tell=True)
>>> control = answer_control(call, path, variant=4)
>>> type(control).__name__
'PickOne'
>>> control.choices.value = [2]
>>> control.value, read_saved(call, path, variant=4)
('cannot-tell', 'cannot-tell')
>>> control.describe()
'Your call for Alder: you answered that the data cannot tell yet.'
"""

from toolkit._lazy import lazy_names
from toolkit.ui.answers.questions import (
    CANNOT_TELL,
    CANNOT_TELL_TEXT,
    Column,
    Matching,
    Number,
    OneOf,
    Question,
    SeveralOf,
    TableOfNumbers,
    describe_saved,
    read_saved,
)

__all__ = [
    "CANNOT_TELL",
    "CANNOT_TELL_TEXT",
    "AnswerControl",
    "ChoiceGroup",
    "Column",
    "MatchEach",
    "Matching",
    "Number",
    "NumberAnswer",
    "NumberTable",
    "OneOf",
    "PickOne",
    "PickSeveral",
    "Question",
    "SeveralOf",
    "TableOfNumbers",
    "answer_control",
    "describe_saved",
    "read_saved",
]

_CONTROLS = {
    "pick-one": "PickOne",
    "pick-several": "PickSeveral",
    "match-each": "MatchEach",
    "number": "NumberAnswer",
    "number-table": "NumberTable",
}


def answer_control(question: Question, path, *, variant=None, **kwargs):
    """The control that answers ``question``, saving to ``path`` (see the table above).

    Parameters
    ----------
    question : Question
        What is asked.
    path : str or path-like
        The exercise's answer file, beside the notebook.
    variant : int or str, optional
        The variant the notebook shows; a file saved for another one is set aside.
    **kwargs
        Passed to the control (``dropdown=True`` for a long :class:`OneOf`).
    """
    if not isinstance(question, Question):
        msg = f"answer_control needs a question (OneOf, SeveralOf, ...), got {question!r}"
        raise TypeError(msg)
    import toolkit.ui.answers as answers

    return getattr(answers, _CONTROLS[question.kind])(question, path, variant=variant, **kwargs)


# the controls (ipywidgets, anywidget) load only when first used; the questions do not need them
__getattr__ = lazy_names(
    __name__,
    {
        "AnswerControl": "toolkit.ui.answers.base",
        "ChoiceGroup": "toolkit.ui.answers.choices",
        "PickOne": "toolkit.ui.answers.pick",
        "PickSeveral": "toolkit.ui.answers.pick",
        "MatchEach": "toolkit.ui.answers.match",
        "NumberAnswer": "toolkit.ui.answers.number",
        "NumberTable": "toolkit.ui.answers.number",
    },
)
