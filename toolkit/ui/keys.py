"""The course's keyboard guard: the keys a participant presses on a choice reach the choice.

JupyterLab's notebook shortcuts act on a key wherever the focus is unless it is in a text
field, and ipywidgets stops them only in its text fields: in Chromium, ArrowDown on a
``Dropdown`` moved to the next cell instead of choosing the next option, and a typed letter
ran a shortcut ("d d" deletes the cell). :class:`KeyboardGuard` is an invisible anywidget
that every course widget carries (:class:`~toolkit.ui.widget.CourseWidget`); its script marks
each drop-down, list, radio button, check box and slider of a course widget with Lumino's
``data-lm-suppress-shortcuts`` as it gets the focus, so the arrow keys and letters choose, as
they do everywhere else. Its script comes with the toolkit: nothing is fetched.

Examples
--------
>>> guard = KeyboardGuard()
>>> "data-lm-suppress-shortcuts" in guard._esm, guard.layout.display
(True, 'none')
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as w

__all__ = ["KeyboardGuard"]

_HERE = Path(__file__).resolve().parent


class KeyboardGuard(anywidget.AnyWidget):
    """Invisible; in JupyterLab it keeps the notebook's shortcuts off course widgets' choices."""

    _esm = _HERE / "keys.js"

    def __init__(self, **kwargs):
        kwargs.setdefault("layout", w.Layout(display="none"))
        super().__init__(**kwargs)
