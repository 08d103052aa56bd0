"""``EscalationWalk``: watch an issue climb a design's escalation path, and fix the design.

Pick an issue; the chart shows its path, day by day, from the working group where it was
raised up to the body that settles it (or to where it stalls), with the deadline as a dashed
line. Move the **day** slider (or press **5 days on**) to follow it; the sentence under the
slider says where the issue is and how much of each time limit is left.

Then fix the design: pick a body and change its time limit, where it escalates to, or how
often it meets, or give the issue's decision to another body. Every change goes through the
governance edits (:mod:`toolkit.governance.edits`), the review keeps an eye on the rest of the
design, and the design is saved beside the notebook (``my-escalation.json``).

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-escalation.json"
>>> walk = EscalationWalk(path=path, chart=False)
>>> walk.walk.verdict
'stalled'
>>> walk.body.value = "bids"
>>> walk.limit.value = "5"
>>> EscalationWalk(path=path, chart=False).walk.stages[0].limit   # saved, restored
5
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import ipywidgets as w

from toolkit.governance import edits
from toolkit.governance.files import from_dict, to_dict
from toolkit.governance.model import Design, body_labels, name_of
from toolkit.governance.review import counts, review
from toolkit.steering.agenda.model import by_id, constellation_design
from toolkit.steering.controls import slider
from toolkit.steering.escalation.chart import escalation_chart
from toolkit.steering.escalation.model import ISSUES, Issue, Walk, status_on_day, walk_escalation
from toolkit.ui.messages import box
from toolkit.ui.parts import part
from toolkit.ui.render import chart_widget
from toolkit.ui.widget import CourseWidget

__all__ = ["EscalationWalk", "parse_saved"]

DEFAULT_FILE = "my-escalation.json"
NOBODY = ""
STEP_DAYS = 5  # how far the day buttons move


def parse_saved(content, issues: Sequence[Issue] = ISSUES) -> tuple[Design, str]:
    """The saved design and issue, checked (a ``ValueError`` says what no longer fits)."""
    if not isinstance(content, dict) or "design" not in content:
        msg = "expected a governance design and an issue"
        raise ValueError(msg)
    design = from_dict(content["design"], name="the saved design")
    issue = by_id(issues, str(content.get("issue", issues[0].id)), "issue").id
    return design, issue


class EscalationWalk(CourseWidget):
    """An issue walked up the escalation path of a design you can fix.

    Parameters
    ----------
    design : Design, optional
        The design to start from (default: Constellation's; saved work wins over it).
    issue : str, optional
        The id of the issue to walk first (default: the first of ``issues``).
    issues : sequence of Issue, optional
        The issues to choose from (default: the lesson's,
        :data:`~toolkit.steering.escalation.ISSUES`; an assignment passes its case's).
    path : str or Path, optional
        The file beside the notebook that keeps the design.
    chart : bool, optional
        Draw the chart (tests of the controls can leave it out).
    """

    kind = "escalation-walk"

    def __init__(
        self,
        design: Design | None = None,
        issue: str | None = None,
        *,
        issues: Sequence[Issue] = ISSUES,
        path: str | Path = DEFAULT_FILE,
        chart: bool = True,
    ):
        super().__init__(path)
        self.issues = tuple(issues)
        self.start = design or constellation_design()
        first = by_id(self.issues, issue, "issue").id if issue else self.issues[0].id
        self.design, issue_id = self.restore(
            lambda saved: parse_saved(saved, self.issues), (self.start.copy(), first)
        )
        self.chart = chart
        self.walk: Walk | None = None
        self.issue = part(
            w.Dropdown,
            options=[(i.title, i.id) for i in self.issues],
            value=issue_id,
            description="Issue",
            layout={"width": "auto"},
        )
        self.day = slider(0, min=0, max=60, description="Day since the issue was raised")
        # buttons with words (ipywidgets' Play has three unnamed icon buttons)
        self.back = part(w.Button, description="◀ 5 days back", layout={"width": "auto"})
        self.forward = part(w.Button, description="5 days on ▶", layout={"width": "auto"})
        self.back.on_click(lambda _b: self.step_days(-STEP_DAYS))
        self.forward.on_click(lambda _b: self.step_days(STEP_DAYS))
        self.where = part(w.HTML)
        self.verdict = part(w.HTML)
        self.picture = chart_widget()
        style = {"description_width": "initial"}
        wide = {"width": "360px"}
        self.body = part(w.Dropdown, description="Change the body", style=style, layout=wide)
        self.limit = part(
            w.Text,
            description="Time limit in days (blank: none)",
            continuous_update=False,
            style=style,
        )
        self.target = part(w.Dropdown, description="Escalates to", style=style, layout=wide)
        self.cadence = part(
            w.Text, description="Meets every (days)", continuous_update=False, style=style
        )
        self.owner = part(w.Dropdown, description="Owner of the decision", style=style, layout=wide)
        self.reset_button = part(
            w.Button, description="Start again from the original design", layout={"width": "auto"}
        )
        self.reset_button.on_click(lambda _b: self.reset())
        self.review_line = part(w.HTML)
        self._fill_controls()
        self.when_changed([self.issue], lambda _c: self._new_issue())
        self.when_changed([self.body], lambda _c: self._fill_controls())
        self.when_changed([self.limit, self.target, self.cadence], lambda _c: self._edit_body())
        self.when_changed([self.owner], lambda _c: self._move_decision())
        self.when_changed([self.day], lambda _c: self._show_day())
        self.children = [
            self.issue,
            part(w.HBox, [self.day, self.back, self.forward], layout={"flex_flow": "row wrap"}),
            self.where,
            self.verdict,
            self.picture,
            part(w.HTML, "<b>Fix the design</b>"),
            self.body,
            part(w.HBox, [self.limit, self.target]),
            part(w.HBox, [self.cadence, self.owner]),
            self.reset_button,
            self.message,
            self.review_line,
        ]
        self.update()

    # -- the design --------------------------------------------------------------------
    def _index(self) -> int:
        return next(i for i, b in enumerate(self.design.bodies) if b.id == self.body.value)

    def _fill_controls(self) -> None:
        """Show the chosen body's settings in the controls (without firing the edits)."""
        ids = [b.id for b in self.design.bodies]
        bodies = list(zip(body_labels(self.design), ids, strict=True))  # name and tier
        with self.quiet():
            self.body.options = bodies
            if self.body.value not in ids:
                self.body.value = self._first_on_path()
            chosen = self.design.body(self.body.value)
            self.target.options = [("nobody", NOBODY)] + [
                (name, key) for name, key in bodies if key != chosen.id
            ]
            self.target.value = chosen.escalates_to if chosen.escalates_to in ids else NOBODY
            self.limit.value = "" if chosen.escalation_days is None else str(chosen.escalation_days)
            self.cadence.value = str(chosen.meets_every_days)
            decision = self._issue().decision
            owners = [b.id for b in self.design.bodies if decision in b.decides]
            self.owner.description = f"Owner of {name_of(decision).lower()}"
            self.owner.options = [("nobody", NOBODY), *bodies]
            self.owner.value = owners[0] if owners else NOBODY

    def _issue(self) -> Issue:
        return by_id(self.issues, self.issue.value, "issue")

    def _new_issue(self) -> None:
        """Show the new issue's walk, with its starting body picked for editing."""
        with self.quiet():
            self.body.value = self._first_on_path()
        self.update()

    def _first_on_path(self) -> str:
        start = self._issue().start
        return start if self.design.body(start) else self.design.bodies[0].id

    def _apply(self, change) -> None:
        """Apply one edit; an edit that cannot be made is said inline and changes nothing."""
        try:
            self.design = change()
        except edits.EditError as err:
            self.say(str(err), "error")
            self._fill_controls()
            return
        self.say("")
        self._fill_controls()
        self.update()

    def _edit_body(self) -> None:
        index = self._index()
        body = self.design.bodies[index]
        self._apply(
            lambda: edits.set_body(
                self.design,
                index,
                body.tier,
                self.cadence.value,
                self.target.value,
                self.limit.value,
            )
        )

    def _move_decision(self) -> None:
        decision = self._issue().decision
        new_owner = self.owner.value

        def move():
            design = self.design
            for i, b in enumerate(design.bodies):
                if decision in b.decides:
                    design = edits.unassign_decision(design, i, decision)
            if new_owner != NOBODY:
                index = next(i for i, b in enumerate(design.bodies) if b.id == new_owner)
                design = edits.assign_decision(design, index, decision)
            return design

        self._apply(move)

    def reset(self) -> None:
        """Go back to the design the widget started from."""
        self.design = self.start.copy()
        self.say("")
        self._fill_controls()
        self.update()

    # -- the walk ----------------------------------------------------------------------
    def update(self) -> None:
        """Walk the issue through the design, redraw, and save."""
        issue = self._issue()
        try:
            walk = walk_escalation(self.design, issue)
        except ValueError as err:
            self.say(str(err), "error")
            return
        self.walk = walk
        self._fill_controls()
        self.show_notice()
        end = walk.last_day + 10
        with self.quiet():
            self.day.max = end
            self.day.value = min(self.day.value, end)
        tone = "ok" if walk.in_time else "error"
        mark = "✔" if walk.in_time else "✘"
        self.verdict.value = box(f"{mark} {walk.summary()}", tone)
        n = counts(review(self.design))
        self.review_line.value = (
            f"<p>Review of the design: {n['error']} error{'s' * (n['error'] != 1)}, "
            f"{n['warning']} warning{'s' * (n['warning'] != 1)}"
            + (" (an error means the structure cannot work: fix it too)" if n["error"] else "")
            + ".</p>"
        )
        self._show_day()
        self.save({"design": to_dict(self.design), "issue": issue.id})

    def step_days(self, days: int) -> None:
        """Move the day slider by ``days`` (kept within its range)."""
        self.day.value = min(max(self.day.value + days, self.day.min), self.day.max)

    def _show_day(self) -> None:
        if self.walk is None:
            return
        self.where.value = f"<p>{html.escape(status_on_day(self.walk, self.day.value))}</p>"
        if self.chart:
            walk, day = self.walk, self.day.value
            self.draw(self.picture, lambda: escalation_chart(walk, day=day), (walk, day))
