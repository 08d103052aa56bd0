"""The skeleton every course widget is built on: a container that keeps the student's work.

A course widget is an ipywidgets ``VBox`` (so it displays by itself and composes inside an
``HBox`` or a ``Tab``) whose logic lives in pure functions of its concept folder. The skeleton
does the parts every widget needs, once:

- **restore** the student's saved answers from the file beside the notebook, through the
  widget's own ``parse`` function; a file that cannot be used is kept aside, never dropped,
  and the widget says so once, inline (:mod:`toolkit.ui.saved`);
- **save** on every change, with an inline message (not a traceback) when the disk refuses;
- **say** things in the course's one message style (:mod:`toolkit.ui.messages`);
- **sync controls quietly**: setting the sliders from the state does not fire the handlers
  that turn slider moves into new states.

Examples
--------
>>> import tempfile, pathlib
>>> import ipywidgets as w
>>> class Counter(CourseWidget):
...     kind = "counter"
...     def __init__(self, path):
...         super().__init__(path)
...         self.count = self.restore(int, 0)
...         self.slider = w.IntSlider(description="Count")
...         with self.quiet():
...             self.slider.value = self.count
...         self.when_changed([self.slider], self._moved)
...         self.children = [self.slider, self.message]
...     def _moved(self, change):
...         self.count = change["new"]
...         self.save(self.count)
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-counter.json"
>>> Counter(path).slider.value = 3
>>> Counter(path).count
3
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import contextmanager

import ipywidgets as w

from toolkit.ui.messages import box
from toolkit.ui.saved import AnswerFile

__all__ = ["CourseWidget"]


class CourseWidget(w.VBox):
    """Base class of the course's widgets; subclasses set :attr:`kind` and their children.

    Parameters
    ----------
    path : str or path-like
        The answer file beside the notebook.
    **kwargs
        Passed to ``ipywidgets.VBox``.
    """

    #: what the answer file holds; a file of another kind is kept aside, not overwritten
    kind = "course-widget"

    def __init__(self, path: str | os.PathLike, **kwargs):
        super().__init__(**kwargs)
        self.answer_file = AnswerFile(path, kind=self.kind)
        self.message = w.HTML()
        self._quiet = False
        self._notice = ""

    @property
    def path(self):
        """The answer file's path."""
        return self.answer_file.path

    # -- keeping the student's work ----------------------------------------------------
    def restore(self, parse: Callable, default):
        """The saved answers through ``parse``, or ``default`` (with a notice shown once).

        ``parse`` turns the saved data into the widget's state and raises ``ValueError``
        (or ``TypeError``/``KeyError``) with a plain reason when it does not fit.
        """
        value = self.answer_file.load(default, parse)
        self._notice = self.answer_file.problem
        return value

    def save(self, data) -> bool:
        """Save ``data`` in the answer file; on failure say so inline and return False."""
        try:
            self.answer_file.save(data)
        except OSError as err:
            self.say(
                f"Could not save to {self.answer_file.path.name} ({err}); your work is kept in "
                "this session only.",
                "error",
            )
            return False
        return True

    # -- talking to the student ----------------------------------------------------------
    def say(self, text: str, tone: str = "info") -> None:
        """Show ``text`` in the widget's message line (an empty text clears it)."""
        self.message.value = box(text, tone) if text else ""

    def show_notice(self) -> bool:
        """Show the restore notice once, or clear the message line; True if there was one."""
        notice, self._notice = self._notice, ""
        self.say(notice, "error")
        return bool(notice)

    # -- controls ------------------------------------------------------------------------
    @contextmanager
    def quiet(self):
        """Within this block, control changes do not reach the :meth:`when_changed` handlers."""
        before, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = before

    def when_changed(self, controls: Iterable[w.Widget], handler: Callable) -> None:
        """Call ``handler(change)`` when a control's value changes, except while quiet."""

        def guarded(change):
            if not self._quiet:
                handler(change)

        for control in controls:
            control.observe(guarded, names="value")
