"""The line at the top of an assignment: whose case it is, kept in the notebook for the grader.

The banner shows "Case for student `x`: variant 17" (or that this is the practice case) and
stores the same facts, as JSON of its own type, in the cell's output. A student's saved
notebook therefore says which variant it ran with; the grader reads it back
(:func:`recorded`) and flags a notebook that ran another student's case.

Examples
--------
>>> from toolkit.variants.assign import Assigned
>>> bundle = Banner(Assigned("lab", "ana", 17, "hashed", "hub"))._repr_mimebundle_()
>>> bundle["text/plain"]
'Case for student ana: variant 17.'
>>> bundle[VARIANT_MIME]["variant"]
17
>>> from nbformat.v4 import new_code_cell, new_notebook, new_output
>>> cell = new_code_cell("banner", outputs=[new_output("display_data", data=bundle)])
>>> recorded(new_notebook(cells=[cell]))
{'assignment': 'lab', 'student': 'ana', 'variant': 17, 'how': 'hashed'}
"""

from __future__ import annotations

import html

from toolkit.ui.messages import box
from toolkit.variants.assign import Assigned

__all__ = ["VARIANT_MIME", "Banner", "recorded"]

#: the output type that keeps the variant a notebook ran with
VARIANT_MIME = "application/vnd.alliance-course.variant+json"

_PRACTICE = (
    "No student id was found, so this notebook shows a practice case. Your instructor "
    "grades the case of your own student id: on the course hub it appears by itself; "
    "studying on your own computer, type your student id once in 00-start-here, then run "
    "this notebook again from the top."
)
_OWN = (
    "Every student has a case of their own: work on yours, since a classmate's answers do "
    "not fit it."
)
_GRADED = "This is the case your instructor graded."


class Banner:
    """What the top cell of an assignment displays for an :class:`Assigned` variant."""

    def __init__(self, assigned: Assigned):
        self.assigned = assigned

    def text(self) -> str:
        """The banner as plain sentences."""
        a = self.assigned
        if a.practice:
            lines = [f"{a.label()}.", _PRACTICE]
        else:
            lines = [f"{a.label()}.", _GRADED if a.how == "graded" else _OWN]
        if a.problem:
            lines.append(
                f"Note for your instructor: the list of assigned cases could not be read "
                f"({a.problem})."
            )
        return " ".join(lines)

    def __repr__(self) -> str:
        return f"{self.assigned.label()}."

    def _repr_mimebundle_(self, include=None, exclude=None):
        a = self.assigned
        head = (
            f"<b>{html.escape(a.label())}</b>"
            if a.practice
            else f"<b>Case for student <code>{html.escape(str(a.student))}</code>: "
            f"variant {a.number}</b>"
        )
        rest = html.escape(self.text()[len(a.label()) + 1 :])
        return {
            "text/plain": repr(self),
            "text/html": box(f"{head}. {rest}", "hint" if a.practice else "info", escape=False),
            VARIANT_MIME: a.record(),
        }


def recorded(nb) -> dict | None:
    """The variant a saved notebook last ran with (its banner's record), or None if not run."""
    found = None
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) or []:
            data = output.get("data", {}) or {}
            if isinstance(data.get(VARIANT_MIME), dict):
                found = dict(data[VARIANT_MIME])
    return found
