"""The governance builder: a widget to build a design by clicking, with a live review.

The widget is a thin view on the course's skeleton (:class:`~toolkit.ui.widget.CourseWidget`):
each button hands what the student typed to a pure function of :mod:`toolkit.governance.edits`,
then saves the design beside the notebook (as a design file, the format of
:mod:`toolkit.governance.files`), reviews it and redraws the chart. Input that cannot be used
shows an inline message and leaves the design, the review and the saved file as they were.
Re-running the cell (after a kernel restart, for example) loads the saved file again, so
nothing the student built is lost.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-governance.json"
>>> builder = GovernanceBuilder(path, template="lean-startup-enterprise", chart=False)
>>> builder.body_name.value = "Joint Marketing Group"
>>> builder.tier_picker.value = "operational"
>>> builder.add_body_button.click()
>>> [b.name for b in builder.design.bodies][-1]
'Joint Marketing Group'
>>> GovernanceBuilder(path, chart=False).design == builder.design   # reloaded from the file
True
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as w

from toolkit.governance import edits
from toolkit.governance.chart import decision_chart, governance_chart
from toolkit.governance.files import DesignError, dumps, from_dict, load, save
from toolkit.governance.model import (
    CORE_DECISIONS,
    FUNCTIONS,
    ROLES,
    TIERS,
    Design,
    body_labels,
    code_of,
    name_of,
)
from toolkit.governance.review import CADENCE_RANGES, USUAL_CADENCE, counts, review
from toolkit.governance.templates import TEMPLATES, template_titles
from toolkit.ui.messages import box
from toolkit.ui.parts import part, shared
from toolkit.ui.render import chart_widget
from toolkit.ui.saved import load_saved
from toolkit.ui.widget import CourseWidget

__all__ = ["GovernanceBuilder"]

UNDO_LIMIT = 50
_WIDE = {"width": "320px"}
_STYLE = {"description_width": "110px"}


def _html_list(items: list[str]) -> str:
    return "<ul style='margin:2px 0 6px 0'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def review_html(design: Design) -> str:
    """The review panel's content: counts, then errors and warnings with their hints."""
    findings = review(design)
    n = counts(findings)
    head = "✔ Workable: no errors" if not n["error"] else "✘ Not workable yet"
    summary = (
        f"{head} — {n['error']} error{'s' * (n['error'] != 1)}, "
        f"{n['warning']} warning{'s' * (n['warning'] != 1)}"
    )
    parts = [f"<b>{html.escape(summary)}</b>"]
    for severity, title in (
        ("error", "Errors (the structure cannot work)"),
        ("warning", "Warnings (workable, but weak)"),
    ):
        items = [
            f"<code>{f.code}</code> {html.escape(f.message)} <i>Fix: {html.escape(f.hint)}</i>"
            for f in findings
            if f.severity == severity
        ]
        if items:
            parts.append(f"<div>{title}:</div>{_html_list(items)}")
    return box("".join(parts), "error" if n["error"] else "ok", escape=False, role="status")


class DesignFile:
    """The builder's answer file: the design itself, as a design file (``alliance-governance/1``).

    It is what :class:`~toolkit.ui.widget.CourseWidget` keeps a widget's work in (``path``,
    ``problem``, ``load``, ``save``), so the file the builder saves is the file the assignment
    grades and a student can share: no wrapper around the design. A saved file that is not a
    design is kept aside, and ``problem`` names the place (:func:`toolkit.ui.saved.load_saved`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from toolkit.governance.templates import template
    >>> file = DesignFile(pathlib.Path(tempfile.mkdtemp()) / "my-governance.json")
    >>> file.save(template("lean-startup-enterprise"))
    >>> file.load(None).alliance, file.problem
    ('Brightpath + Omnicorp lean alliance', '')
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.problem = ""

    def load(self, default, parse=None):
        """The saved design (``parse`` turns the file's JSON into one), or ``default``."""
        parse = parse or (lambda data: from_dict(data, name=self.path.name))
        value, self.problem = load_saved(self.path, parse, default)
        return value

    def save(self, design: Design) -> None:
        """Write the design to the file (atomically)."""
        save(design, self.path)


class GovernanceBuilder(CourseWidget):
    """Build a governance design by clicking; it is reviewed, drawn and saved on every change.

    Parameters
    ----------
    path : str or path-like, optional
        The JSON file beside the notebook where the design is saved (and reloaded from).
    template : str, optional
        Start from this template (see :data:`toolkit.governance.TEMPLATES`) when there is no
        saved file yet.
    start : Design or str or path-like, optional
        Start from this design, or from the design in this file, when there is no saved file.
    alliance, partners : optional
        The alliance's name and partners of an empty start.
    chart : bool, optional
        Draw the live chart (switch off only where no picture is needed).
    """

    kind = "governance-design"

    def __init__(
        self,
        path: str | os.PathLike = "my-governance.json",
        *,
        template: str | None = None,
        start=None,
        alliance: str = "",
        partners=(),
        chart: bool = True,
    ):
        super().__init__(path)
        self._undo: list[Design] = []
        self._draw = chart
        self._build_controls()
        design = self.restore(lambda data: from_dict(data, name=self.path.name), None)
        trouble = [self.answer_file.problem]
        if design is None:
            try:
                design = self._starting_design(template, start, alliance, partners)
            except (DesignError, ValueError) as err:
                trouble.append(f"The starting design could not be read: {err}")
                design = Design(alliance, list(partners), [])
        self._design = design
        self.children = self._layout()
        self._refresh()
        if any(trouble):
            self.say(" ".join(t for t in trouble if t), "error")
        elif self.path.exists():
            self.say(f"Loaded your saved design from {self.path.name}.", "ok")

    def open_answer_file(self, path: str | os.PathLike) -> DesignFile:
        """The design file beside the notebook (not a wrapped answer file)."""
        return DesignFile(path)

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, with a still picture for places that cannot run it.

        JupyterLab shows the widget; a static view (nbgrader feedback, exported HTML, a
        notebook reopened without its kernel) shows the review and chart as they were.
        """
        data = super()._repr_mimebundle_(**kwargs)
        n = len(self._design.bodies)
        data["text/plain"] = (
            f"<governance builder: {n} bod{'y' if n == 1 else 'ies'}, saved in {self.path.name}>"
        )
        data["text/html"] = (
            f"<div><p><b>Governance builder</b> (saved in "
            f"{html.escape(self.path.name)})</p>{self.review_panel.value}"
            f"{self.chart.value}</div>"
        )
        return data

    # ------------------------------------------------------------ the design

    @property
    def design(self) -> Design:
        """A copy of the current design (changing it does not change the builder)."""
        return self._design.copy()

    def replace(self, design: Design) -> None:
        """Put a whole design in the builder (it can be undone, and it is saved)."""
        self._apply(lambda _: design.copy(), "Design replaced.")

    @staticmethod
    def _starting_design(template, start, alliance, partners) -> Design:
        if start is not None:
            return start.copy() if isinstance(start, Design) else load(start)
        if template:
            return TEMPLATES[template]() if template in TEMPLATES else _unknown(template)
        return Design(alliance, list(dict.fromkeys(partners)), [])

    # ------------------------------------------------------------ controls

    def _build_controls(self):
        text = dict(style=_STYLE, layout=_WIDE)
        titles = template_titles()
        self.template_picker = part(
            w.Dropdown,
            options=[("an empty design", "")] + [(t.rstrip("."), n) for n, t in titles.items()],
            description="Start from",
            **text,
        )
        self.start_button = part(
            w.Button,
            description="Start over",
            icon="refresh",
            tooltip="Replace the design by the one picked (undo works)",
        )
        self.alliance_text = part(
            w.Text, description="Alliance", placeholder="Nimbus + Titan", **text
        )
        self.partners_text = part(
            w.Text, description="Partners", placeholder="Nimbus, Titan", **text
        )
        self.alliance_button = part(w.Button, description="Set alliance")
        self.body_picker = part(w.Dropdown, description="Body", options=[], **text)
        self.body_name = part(
            w.Text, description="Name", placeholder="Joint Steering Committee", **text
        )
        self.add_body_button = part(w.Button, description="Add body", icon="plus")
        self.rename_button = part(w.Button, description="Rename body")
        self.remove_body_button = part(w.Button, description="Remove body", icon="trash")
        self.tier_picker = part(w.Dropdown, description="Tier", options=_named(TIERS), **text)
        self.cadence_text = part(
            w.Text, description="Meets every", placeholder="days, e.g. 90", **text
        )
        self.escalates_picker = part(
            w.Dropdown, description="Escalates to", options=[("nobody", "")], **text
        )
        self.escalation_days_text = part(
            w.Text, description="after (days)", placeholder="e.g. 10", **text
        )
        self.settings_button = part(w.Button, description="Apply settings", icon="check")
        self.member_picker = part(w.Select, description="Members", options=[], rows=5, **text)
        self.member_name = part(w.Text, description="Person", placeholder="Ana Ruiz", **text)
        self.member_partner = part(w.Combobox, description="Partner", options=[], **text)
        self.member_role = part(w.Dropdown, description="Role", options=_named(ROLES), **text)
        self.member_function = part(
            w.Combobox,
            description="Function",
            options=[name_of(f) for f in FUNCTIONS],
            placeholder="optional, e.g. Sales",
            **text,
        )
        self.add_member_button = part(w.Button, description="Add member", icon="user-plus")
        self.remove_member_button = part(w.Button, description="Remove member", icon="user-times")
        self.decision_text = part(
            w.Combobox,
            description="Decision",
            placeholder="e.g. Strategy",
            options=[name_of(d) for d in CORE_DECISIONS],
            **text,
        )
        self.assign_button = part(w.Button, description="Give to body")
        self.unassign_button = part(w.Button, description="Take from body")
        self.undo_button = part(w.Button, description="Undo", icon="undo")
        self.json_toggle = part(w.ToggleButton, description="Show design as JSON", icon="code")
        self.review_panel = part(w.HTML)
        self.json_view = w.HTML(layout=w.Layout(display="none"))  # shown and hidden: its own
        self.chart = chart_widget()
        self.decisions_view = chart_widget()
        self.pictures = w.Tab(children=[self.chart, self.decisions_view])
        self.pictures.set_title(0, "Structure")
        self.pictures.set_title(1, "Decision rights")

        handlers = {
            self.start_button: self._on_start,
            self.alliance_button: self._on_alliance,
            self.add_body_button: self._on_add_body,
            self.rename_button: self._on_rename,
            self.remove_body_button: self._on_remove_body,
            self.settings_button: self._on_settings,
            self.add_member_button: self._on_add_member,
            self.remove_member_button: self._on_remove_member,
            self.assign_button: self._on_assign,
            self.unassign_button: self._on_unassign,
            self.undo_button: self._on_undo,
        }
        for button, handler in handlers.items():
            button.layout = shared(w.Layout, width="auto", min_width="120px")
            button.on_click(handler)
        self.json_toggle.layout = shared(w.Layout, width="auto")
        self.when_changed([self.body_picker], lambda _: self._fill_body_fields())
        self.when_changed([self.tier_picker], lambda _: self._fit_cadence_to_tier())
        self.json_toggle.observe(lambda _: self._show_json(), names="value")
        self.pictures.observe(lambda _: self._draw_pictures(), names="selected_index")

    def _layout(self):
        def row(*items):
            return part(w.HBox, list(items))

        def head(text):
            return part(w.HTML, f"<b>{text}</b>")

        return [
            head("1. The alliance"),
            row(self.template_picker, self.start_button),
            row(self.alliance_text, self.partners_text, self.alliance_button),
            head("2. Bodies: pick one to change it, or type a name and add a new one"),
            row(self.body_picker, self.body_name),
            row(self.add_body_button, self.rename_button, self.remove_body_button),
            row(self.tier_picker, self.cadence_text),
            row(self.escalates_picker, self.escalation_days_text, self.settings_button),
            head("3. Members of the body picked"),
            row(
                self.member_picker,
                part(
                    w.VBox,
                    [self.member_name, self.member_partner, self.member_role, self.member_function],
                ),
            ),
            row(self.add_member_button, self.remove_member_button),
            head("4. Decisions owned by the body picked"),
            row(self.decision_text, self.assign_button, self.unassign_button),
            row(self.undo_button, self.json_toggle),
            self.message,
            head("Review"),
            self.review_panel,
            self.pictures,
            self.json_view,
        ]

    # ------------------------------------------------------------ changing the design

    def _apply(self, change, done: str):
        """Run ``change(design) -> design``; on bad input say why and keep everything as it was."""
        try:
            new = change(self._design)
        except edits.EditError as err:
            self.say(str(err), "error")
            return False
        except Exception as err:  # never a traceback for a student
            self.say(f"That change could not be made ({err}); your design is unchanged.", "error")
            return False
        if not self.save(new, unsaved="your design is unchanged."):
            return False
        self._undo = [*self._undo[-UNDO_LIMIT + 1 :], self._design]
        self._design = new
        self._refresh()
        self.say(f"{done} Saved to {self.path.name}.", "ok")
        return True

    def _picked(self):
        return self.body_picker.value

    def _picked_name(self) -> str:
        """The picked body as a sentence names it ("the Alliance Board"), for the messages.

        Each message names what it changed, so two clicks in a row (two decisions given to
        one body) say two different things: a participant, and a screen reader, can tell
        that the second click did something.
        """
        body = self._picked_body()
        return f"the {body.name}" if body is not None else "the body"

    def _picked_body(self):
        index, bodies = self._picked(), self._design.bodies
        return bodies[index] if isinstance(index, int) and 0 <= index < len(bodies) else None

    def _on_start(self, _):
        name = self.template_picker.value
        if name:
            title = template_titles()[name].rstrip(".")
            self._apply(lambda _: TEMPLATES[name](), f"Started from the template “{title}”.")
        else:
            self._apply(
                lambda d: Design(d.alliance, list(d.partners), []),
                "Started an empty design (same alliance and partners).",
            )

    def _on_alliance(self, _):
        self._apply(
            lambda d: edits.set_alliance(d, self.alliance_text.value, self.partners_text.value),
            "Alliance and partners set.",
        )

    def _on_add_body(self, _):
        name = self.body_name.value
        if self._apply(
            lambda d: edits.add_body(d, name, self.tier_picker.value, self.cadence_text.value),
            f"Added {name.strip()}.",
        ):
            self.body_picker.value = len(self._design.bodies) - 1

    def _on_rename(self, _):
        before, name = self._picked_name(), self.body_name.value
        self._apply(
            lambda d: edits.rename_body(d, self._picked(), name),
            f"Renamed {before} to {' '.join(name.split())}.",
        )

    def _on_remove_body(self, _):
        self._apply(
            lambda d: edits.remove_body(d, self._picked()), f"Removed {self._picked_name()}."
        )

    def _on_settings(self, _):
        self._apply(
            lambda d: edits.set_body(
                d,
                self._picked(),
                self.tier_picker.value,
                self.cadence_text.value,
                self.escalates_picker.value,
                self.escalation_days_text.value,
            ),
            f"Settings of {self._picked_name()} applied.",
        )

    def _on_add_member(self, _):
        self._apply(
            lambda d: edits.add_member(
                d,
                self._picked(),
                self.member_name.value,
                self.member_partner.value,
                self.member_role.value,
                _function_code(self.member_function.value),
            ),
            f"Added {' '.join(self.member_name.value.split())} to {self._picked_name()}.",
        )

    def _on_remove_member(self, _):
        index, body = self.member_picker.value, self._picked_body()
        members = body.members if body is not None else []
        who = members[index].name if isinstance(index, int) and 0 <= index < len(members) else ""
        self._apply(
            lambda d: edits.remove_member(d, self._picked(), index),
            f"Removed {who} from {self._picked_name()}.",
        )

    def _on_assign(self, _):
        decision = self.decision_text.value
        self._apply(
            lambda d: edits.assign_decision(d, self._picked(), decision),
            f"{name_of(code_of(decision))} given to {self._picked_name()}.",
        )

    def _on_unassign(self, _):
        decision = self.decision_text.value
        self._apply(
            lambda d: edits.unassign_decision(d, self._picked(), decision),
            f"{name_of(code_of(decision))} taken from {self._picked_name()}.",
        )

    def _on_undo(self, _):
        if not self._undo:
            self.say("Nothing to undo.", "error")
            return
        previous = self._undo[-1]
        if not self.save(previous, unsaved="nothing was undone."):
            return
        self._undo.pop()
        self._design = previous
        self._refresh()
        self.say(f"Undone. Saved to {self.path.name}.", "ok")

    # ------------------------------------------------------------ showing the design

    def _refresh(self):
        design = self._design
        picked = self.body_picker.value
        with self.quiet():
            labels = body_labels(design)
            self.body_picker.options = [(label, i) for i, label in enumerate(labels)]
            if design.bodies:
                keep = picked if isinstance(picked, int) and picked < len(design.bodies) else 0
                self.body_picker.value = keep
            self.escalates_picker.options = [("nobody", "")] + [
                (labels[i], design.bodies[i].id) for i in _first_per_id(design)
            ]
            self.member_partner.options = design.distinct_partners()
            decided = [k for b in design.bodies for k in b.decides]
            self.decision_text.options = [
                name_of(k) for k in dict.fromkeys([*CORE_DECISIONS, *decided])
            ]
            self.alliance_text.value = design.alliance or ""
            self.partners_text.value = ", ".join(p for p in design.distinct_partners() if p)
        self._fill_body_fields()
        self.review_panel.value = review_html(design)
        self._draw_pictures()
        self._show_json()

    def _fit_cadence_to_tier(self):
        """A tier picked by hand brings a cadence that fits it, if the box's does not.

        The box still holds the last body's cadence: left as it is, a working group added
        after the steering committee would meet every 90 days.
        """
        low, high = CADENCE_RANGES[self.tier_picker.value]
        try:
            days = int(self.cadence_text.value)
        except ValueError:
            days = None
        if days is None or not low <= days <= high:
            self.cadence_text.value = str(USUAL_CADENCE[self.tier_picker.value])

    def _fill_body_fields(self):
        with self.quiet():  # showing a body's tier is not picking one
            self._show_body_fields()

    def _show_body_fields(self):
        index = self.body_picker.value
        if not isinstance(index, int) or not 0 <= index < len(self._design.bodies):
            self.member_picker.options = []
            return
        body = self._design.bodies[index]
        self.body_name.value = body.name
        self.tier_picker.value = body.tier if body.tier in TIERS else TIERS[0]
        self.cadence_text.value = str(body.meets_every_days)
        ids = [v for _, v in self.escalates_picker.options]
        self.escalates_picker.value = body.escalates_to if body.escalates_to in ids else ""
        days = body.escalation_days
        self.escalation_days_text.value = "" if days is None else str(days)
        self.member_picker.options = [
            (
                f"{m.name} ({m.partner}) — {name_of(m.role)}"
                + (f", {name_of(m.function).lower()}" if m.function else ""),
                i,
            )
            for i, m in enumerate(body.members)
        ]

    def _draw_pictures(self):
        if not self._draw:
            return
        if self.pictures.selected_index == 1:
            self.decisions_view.value = decision_chart(self._design).svg
        else:
            self.chart.value = governance_chart(self._design).svg

    def _show_json(self):
        shown = self.json_toggle.value
        self.json_view.layout.display = None if shown else "none"
        if shown:
            self.json_view.value = f"<pre>{html.escape(dumps(self._design))}</pre>"


def _named(codes) -> list[tuple[str, str]]:
    """Drop-down options: the name a participant reads, the code the design file keeps."""
    return [(name_of(code), code) for code in codes]


def _function_code(text: str) -> str:
    """A member's function as typed, or its code where it is a usual one ("Sales": sales)."""
    code = code_of(text) if str(text or "").strip() else ""
    return code if code in FUNCTIONS else text


def _first_per_id(design: Design):
    """The index of the first body with each id (escalations reach only that one)."""
    seen = set()
    for i, body in enumerate(design.bodies):
        if body.id not in seen:
            seen.add(body.id)
            yield i


def _unknown(name):
    msg = f"no template named {name!r}; choose one of: {', '.join(TEMPLATES)}"
    raise ValueError(msg)
