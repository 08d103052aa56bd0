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
  that turn slider moves into new states;
- **redraw only what changed** (:meth:`CourseWidget.draw`): a chart is drawn again only when
  what it shows is not what it showed last;
- **carry the course's style rules** (:func:`stylesheet`) for the few parts of ipywidgets
  whose default look falls short of WCAG 2.1 AA contrast, and the **keyboard guard**
  (:class:`~toolkit.ui.keys.KeyboardGuard`), so the arrow keys on a drop-down choose an option
  instead of moving to another cell (one of each per kernel, shown in every course widget).

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
import traitlets

from toolkit._lazy import freeze_once
from toolkit.ui.keys import KeyboardGuard
from toolkit.ui.messages import as_sentence, box
from toolkit.ui.parts import part, shared
from toolkit.ui.saved import AnswerFile

__all__ = ["COURSE_CSS", "CourseWidget", "stylesheet"]

#: The course's style rules for ipywidgets' own parts, inside a course widget
#: (``.course-widget``): a tab that is not selected has its label at 4.45:1 on JupyterLab's
#: light theme; it gets the main text colour (over ipywidgets' own, more specific rule).
COURSE_CSS = (
    ".course-widget .lm-TabBar-tab { color: var(--jp-ui-font-color1, #1a202c) !important; }"
)


def stylesheet() -> w.HTML:
    """An invisible widget holding :data:`COURSE_CSS`; a course widget carries one.

    Examples
    --------
    >>> stylesheet().value.startswith("<style>.course-widget")
    True
    """
    return w.HTML(f"<style>{COURSE_CSS}</style>", layout=w.Layout(display="none"))


#: the keyboard guard and the stylesheet every course widget of this kernel carries
_CARRIED: list = []


def _carried() -> tuple[KeyboardGuard, w.HTML]:
    """The keyboard guard and the stylesheet, made once per kernel and carried by every widget.

    A widget shows in any number of places, and neither holds anything of a widget's own (the
    guard's script sets one listener for the whole page; the style rules are the same
    everywhere), so one of each spares every course widget five widgets to make and send (a
    lesson such as 05 has thirty course widgets). A closed one is made again.
    """
    if not _CARRIED or any(widget.comm is None for widget in _CARRIED):
        _CARRIED[:] = [KeyboardGuard(), stylesheet()]
        freeze_once()  # the first course widget: the kernel's imports are all there
    return _CARRIED[0], _CARRIED[1]


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
        self._keyboard_guard, self._stylesheet = _carried()
        kwargs.setdefault("layout", shared(w.Layout))  # a course widget is never restyled
        super().__init__(**kwargs)
        self.add_class("course-widget")
        self.answer_file = self.open_answer_file(path)
        self.message = part(w.HTML)
        self._quiet = False
        self._notice = ""
        self._shown: dict[int, object] = {}  # what each chart box shows (see draw)

    def __repr__(self) -> str:
        """A short plain description, for a page that cannot show the widget itself.

        ipywidgets' own spells out every child widget (some thirty thousand characters for the
        steering dashboard, several milliseconds whenever a cell shows one) and then cuts it
        to its first 110 characters, which say nothing to a reader.
        """
        answers = getattr(self, "answer_file", None)
        saved = f", saved in {os.path.basename(answers.path)}" if answers is not None else ""
        return f"<{type(self).__name__}{saved}>"

    def open_answer_file(self, path: str | os.PathLike):
        """The answer file: ``{"kind": ..., "data": ...}`` as JSON (:class:`.saved.AnswerFile`).

        A widget whose work has a file format of its own (the governance builder saves a design
        file) returns an object with the same ``path``, ``problem``, ``load`` and ``save``.
        """
        return AnswerFile(path, kind=self.kind)

    @traitlets.validate("children")
    def _with_stylesheet(self, proposal):
        """Whatever children a subclass sets, the keyboard guard and the style rules come last."""
        carried = (self._keyboard_guard, self._stylesheet)
        children = tuple(c for c in proposal["value"] if all(c is not x for x in carried))
        return (*children, *carried)

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

    def save(self, data, *, unsaved: str = "your work is kept in this session only.") -> bool:
        """Save ``data`` in the answer file; on failure say so inline and return False.

        ``unsaved`` ends the message: what became of the work the disk refused.
        """
        try:
            self.answer_file.save(data)
        except OSError as err:
            self.say(f"Could not save to {self.answer_file.path.name} ({err}); {unsaved}", "error")
            return False
        return True

    # -- talking to the student ----------------------------------------------------------
    def say(self, text: str, tone: str = "info") -> None:
        """Show ``text`` in the widget's message line, as a sentence (an empty text clears it).

        The text is read as a sentence (:func:`.messages.as_sentence`): a model's error
        ("no plan can reach ...") starts with a capital and ends with a stop.
        """
        self.message.value = box(as_sentence(text), tone) if text else ""

    def show_notice(self) -> bool:
        """Show the restore notice once, or clear the message line; True if there was one."""
        notice, self._notice = self._notice, ""
        self.say(notice, "error")
        return bool(notice)

    # -- pictures ------------------------------------------------------------------------
    def draw(self, box: w.HTML, chart: Callable[[], object], what) -> bool:
        """Draw ``chart()`` into ``box`` unless it shows ``what`` already; True if drawn.

        ``what`` is everything the chart is made from (compared with ``==``), so a change
        that leaves the picture as it was (a body off the issue's path given another time
        limit) costs no drawing.
        """
        if id(box) in self._shown and self._shown[id(box)] == what:
            return False
        from toolkit.ui.render import show_in

        show_in(box, chart())
        self._shown[id(box)] = what
        return True

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
