"""The course's choice group: radio buttons or check boxes under a legend saying what they set.

ipywidgets 8's ``RadioButtons`` draws radio buttons with no shared name and no group label:
each is its own Tab stop, the arrow keys do not move between them, and a screen reader never
hears what the group sets. :class:`ChoiceGroup` is the course's own, built on anywidget (its
JavaScript comes with the toolkit, so it works offline): a ``<fieldset>`` whose ``<legend>``
names the group, and one native radio button (or check box, with ``multiple``) per option,
each labelled by the name a participant reads. With ``dropdown`` it is a native ``<select>``
tied to its ``<label>``, for a long list or one row of a matching; its first entry
(``blank``, "Not answered yet") stands for no answer. JupyterLab's notebook shortcuts stop at
these inputs, so the arrow keys choose instead of moving to another cell (ipywidgets'
``Dropdown`` does not stop them).

In Python ``value`` is the list of the picked options' positions (one at most without
``multiple``); tests pick as the browser does, by setting ``.value``.

Examples
--------
>>> group = ChoiceGroup("Body that decides pricing", ["Alder Executive Board", "Joint team"])
>>> group.value
[]
>>> group.value = [1]
>>> group.picked()
['Joint team']
>>> group.value = [0, 1]
Traceback (most recent call last):
...
traitlets.traitlets.TraitError: Body that decides pricing: pick one option, not 2
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets
import traitlets

from toolkit.ui.parts import shared

__all__ = ["ChoiceGroup"]

_HERE = Path(__file__).resolve().parent


class ChoiceGroup(anywidget.AnyWidget):
    """Native radio buttons (or check boxes) in a fieldset named by its legend.

    Parameters
    ----------
    legend : str
        What the group sets, shown above the options and read by screen readers (required).
    options : sequence of str
        The options' names, as a participant reads them.
    multiple : bool, optional
        Check boxes (pick any number) instead of radio buttons (pick one).
    dropdown : bool, optional
        A drop-down (pick one) instead of radio buttons.
    blank : str, optional
        What the drop-down shows before anything is picked.
    label_width : str, optional
        Room for a drop-down's label (a CSS length such as ``"14em"``), so that a column of
        drop-downs lines up; a longer label wraps, never cut short.
    **kwargs
        Passed to ``anywidget.AnyWidget`` (``value``, ``layout``).
    """

    _esm = _HERE / "choices.js"
    _css = _HERE / "choices.css"

    legend = traitlets.Unicode("").tag(sync=True)
    options = traitlets.List(traitlets.Unicode()).tag(sync=True)
    multiple = traitlets.Bool(False).tag(sync=True)
    dropdown = traitlets.Bool(False).tag(sync=True)
    blank = traitlets.Unicode("Not answered yet").tag(sync=True)
    label_width = traitlets.Unicode("").tag(sync=True)
    value = traitlets.List(traitlets.Int()).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    def __init__(
        self, legend: str, options, *, multiple: bool = False, dropdown: bool = False, **kwargs
    ):
        if not str(legend).strip():
            msg = "a choice group needs a legend saying what it sets (read by screen readers)"
            raise ValueError(msg)
        names = [str(o) for o in options]
        if not names or any(not n.strip() for n in names):
            msg = f"{legend}: a choice group needs options, each with a name; got {names}"
            raise ValueError(msg)
        if multiple and dropdown:
            msg = f"{legend}: a drop-down picks one option; use check boxes to pick several"
            raise ValueError(msg)
        kwargs.setdefault("layout", shared(ipywidgets.Layout))  # never restyled
        super().__init__(
            legend=str(legend), options=names, multiple=multiple, dropdown=dropdown, **kwargs
        )

    @traitlets.validate("value")
    def _picks_fit(self, proposal):
        """Positions within the options, each once, in order; one at most for radio buttons."""
        picked = sorted(set(proposal["value"]))
        wrong = [i for i in picked if not 0 <= i < len(self.options)]
        if wrong:
            msg = f"{self.legend}: no option at position {wrong[0]}"
            raise traitlets.TraitError(msg)
        if not self.multiple and len(picked) > 1:
            msg = f"{self.legend}: pick one option, not {len(picked)}"
            raise traitlets.TraitError(msg)
        return picked

    def picked(self) -> list[str]:
        """The names of the picked options."""
        return [self.options[i] for i in self.value]
