"""The workbook's widgets: the participant's own alliance, part by part, with no code to type.

One :class:`Workbook` keeps the alliance in the participant's own folder (``my-alliance.json``,
saved on every change and read back after a kernel restart). Each part of the workbook is a
thin widget on the course's skeleton (:class:`~toolkit.ui.widget.CourseWidget`): it declares
its controls, and each handler is one line into an edit of :mod:`toolkit.own_alliance.edits`.
A part redraws when the parts of the alliance it shows change.

Examples
--------
>>> import tempfile
>>> book = Workbook(tempfile.mkdtemp())
>>> part = book.about()
>>> part.alliance_name.value = "Kite + Harbour"
>>> for box, name in zip(part.partner_names, ["Kite", "Harbour"]):
...     box.value = name
>>> part.save_button.click()
>>> Workbook(book.folder).alliance.partner_names()
['Kite', 'Harbour']
"""

from __future__ import annotations

import datetime as dt
import html
import os
import weakref
from dataclasses import fields
from pathlib import Path

import ipywidgets as w

from toolkit.own_alliance import edits
from toolkit.own_alliance.charter import section_html
from toolkit.own_alliance.files import TAKE_HOME, AllianceFileError, load, save, write_take_home
from toolkit.own_alliance.model import ESCALATION_LEVELS, SCORE_DIMENSIONS, Alliance
from toolkit.ui.parts import part
from toolkit.ui.saved import keep_aside
from toolkit.ui.widget import CourseWidget

__all__ = [
    "AboutPart",
    "ActionsPart",
    "DecisionsPart",
    "EscalationPart",
    "FiguresPart",
    "GovernancePart",
    "HealthPart",
    "LagPart",
    "MeasuresPart",
    "MeetingsPart",
    "PlanPart",
    "ScorecardPart",
    "TakeHomePart",
    "Workbook",
]

_STYLE = {"description_width": "initial"}
_WIDE = {"width": "min(100%, 38rem)"}
_RACI = [
    ("— (not involved)", ""),
    ("R: responsible", "R"),
    ("A: accountable", "A"),
    ("A and R", "AR"),
    ("C: consulted", "C"),
    ("I: informed", "I"),
]
_UNANSWERED = "not answered"


def _text(description: str, value: str = "", placeholder: str = "") -> w.Text:
    """A text box named by ``description``; it reports a change when the participant leaves it."""
    return part(
        w.Text,
        value=value,
        description=description,
        placeholder=placeholder,
        continuous_update=False,
        style=_STYLE,
        layout=_WIDE,
    )


def _words(text: str) -> str:
    return text.replace("_", " ")


class Workbook:
    """The participant's alliance, kept in their own ``folder``; it makes the workbook's parts.

    Parameters
    ----------
    folder : str or path-like
        Where everything is saved and written (default: the notebook's own folder).
    """

    def __init__(self, folder: str | os.PathLike = "."):
        self.folder = Path(folder)
        self.path = self.folder / TAKE_HOME["saved"]
        self.problem = ""
        self.alliance = Alliance("")
        if self.path.exists():
            try:
                self.alliance = load(self.path)
            except AllianceFileError as err:
                kept = keep_aside(self.path)
                self.problem = f"{err}. The file is kept as {kept.name}; starting afresh."
        self._listeners: list = []
        #: the leading and lagging measure of the lag reading (set by the lag part)
        self.pair: tuple[str, str] | None = None

    def apply(self, edit, *args) -> Alliance:
        """Apply ``edit(alliance, *args)``, save, and tell the parts what changed.

        A ``ValueError`` from the edit reaches the caller with nothing changed.
        """
        before, after = self.alliance, edit(self.alliance, *args)
        self.alliance = after
        save(after, self.path)
        changed = {
            f.name for f in fields(Alliance) if getattr(before, f.name) != getattr(after, f.name)
        }
        for ref in list(self._listeners):
            part = ref()
            if part is None:
                self._listeners.remove(ref)
            elif changed & part.shows:
                part.refresh()
        return after

    def listen(self, part) -> None:
        """Redraw ``part`` (its :meth:`refresh`) when what it :attr:`shows` changes."""
        self._listeners.append(weakref.ref(part))

    # the parts, in the workbook's order
    def about(self):
        """The alliance: name, partners, stage."""
        return AboutPart(self)

    def governance(self):
        """The governance builder, and the design taken into the charter."""
        return GovernancePart(self)

    def decision_rights(self):
        """The RACI of the core decisions."""
        return DecisionsPart(self)

    def escalation(self):
        """The escalation path with its time limits."""
        return EscalationPart(self)

    def meetings(self):
        """The meeting cadence of each body."""
        return MeetingsPart(self)

    def measures(self):
        """The scorecard's measures and targets."""
        return MeasuresPart(self)

    def figures(self):
        """The spreadsheet: written, filled in, loaded back."""
        return FiguresPart(self)

    def scorecard(self):
        """The scorecard with the actuals."""
        return ScorecardPart(self)

    def lag(self):
        """The lag reading of a leading and a lagging measure."""
        return LagPart(self)

    def health(self):
        """The two-sided health check and its gaps."""
        return HealthPart(self)

    def actions(self):
        """The action plan."""
        return ActionsPart(self)

    def plan(self):
        """The joint business plan."""
        return PlanPart(self)

    def take_home(self):
        """The charter, spreadsheet and calendar written at once."""
        return TakeHomePart(self)


class _Part(CourseWidget):
    """A part of the workbook: it edits the workbook's alliance and redraws what it shows."""

    kind = "own-alliance-part"
    #: the fields of :class:`Alliance` this part shows; it redraws when one changes
    shows: frozenset = frozenset()

    def __init__(self, book: Workbook, path=None):
        super().__init__(path or book.path.with_name("my-alliance-part.json"))
        self.book = book
        self.view = part(w.HTML)
        book.listen(self)

    @property
    def alliance(self) -> Alliance:
        return self.book.alliance

    def _apply(self, edit, *args, done: str = "Saved.") -> bool:
        try:
            self.book.apply(edit, *args)
        except ValueError as err:
            self.say(str(err), "error")
            return False
        self.say(done, "ok")
        return True

    def refresh(self) -> None:
        """Redraw from the alliance."""
        self._draw()

    def _draw(self) -> None:
        """What a part shows (parts that show something override this)."""

    def _section(self, key: str, **options) -> None:
        self.view.value = section_html(self.alliance, key, prefix=f"{key}-{id(self)}", **options)


class AboutPart(_Part):
    """The alliance: its name, two or three partners with what each brings and needs, its stage."""

    def __init__(self, book: Workbook):
        super().__init__(book)
        from toolkit.steering import STAGES

        a = self.alliance
        partners = [*a.partners, *([None] * 3)][:3]
        self.alliance_name = _text("Alliance name", a.name, "Kite + Harbour")
        self.partner_names = [
            _text(f"Partner {i}", p.name if p else "", "a company's name")
            for i, p in enumerate(partners, 1)
        ]
        self.brings = [
            _text(f"What partner {i} brings", p.brings if p else "")
            for i, p in enumerate(partners, 1)
        ]
        self.needs = [
            _text(f"What partner {i} needs", p.needs if p else "")
            for i, p in enumerate(partners, 1)
        ]
        self.stage = part(
            w.Dropdown,
            options=[(stage.label, key) for key, stage in STAGES.items()],
            value=a.stage if a.stage in STAGES else next(iter(STAGES)),
            description="Stage",
            style=_STYLE,
        )
        self.save_button = part(w.Button, description="Save the alliance", icon="check")
        self.save_button.on_click(lambda _b: self._apply(edits.describe, *self._values()))
        rows = [self.alliance_name]
        for trio in zip(self.partner_names, self.brings, self.needs, strict=True):
            rows.append(part(w.VBox, list(trio), layout={"margin": "0.4rem 0"}))
        self.children = [*rows, self.stage, self.save_button, self.message]
        if book.problem:
            self.say(book.problem, "error")

    def _values(self):
        partners = [
            (n.value, b.value, d.value)
            for n, b, d in zip(self.partner_names, self.brings, self.needs, strict=True)
        ]
        return self.alliance_name.value, partners, self.stage.value


class GovernancePart(_Part):
    """The governance builder (empty, or a template of the right size), then into the charter."""

    shows = frozenset({"design", "partners", "stage"})

    def __init__(self, book: Workbook, *, chart: bool = True):
        super().__init__(book)
        from toolkit.governance import GovernanceBuilder

        a = self.alliance
        self.builder = GovernanceBuilder(
            book.folder / "my-alliance-governance.json",
            start=a.design,
            alliance=a.name,
            partners=a.partner_names(),
            chart=chart,
        )
        # after the builder's own handler: a template's partners become the alliance's
        self.builder.start_button.on_click(lambda _b: self._fit())
        self.first_meeting = _text("First meeting of every body (YYYY-MM-DD)", _next_monday())
        self.use_button = part(w.Button, description="Use this design in my charter", icon="check")
        self.use_button.on_click(
            lambda _b: self._apply(
                edits.use_design,
                self.builder.design,
                self.first_meeting.value,
                done="The design is in your charter, with a first RACI, meetings and escalation "
                "path to adjust below.",
            )
        )
        self.children = [
            self.view,
            self.builder,
            self.first_meeting,
            self.use_button,
            self.message,
        ]
        self.refresh()

    def _fit(self) -> None:
        """Make the design just started the alliance's own (its name and partners)."""
        fitted, renamed = edits.fit_design(self.builder.design, self.alliance)
        if fitted == self.builder.design:
            return
        self.builder.replace(fitted)
        seats = ", ".join(f"{new} in the seats of {old}" for old, new in renamed.items())
        picker = self.builder.template_picker
        start = f"the template “{picker.label}”" if picker.value else "an empty design"
        self.builder.say(
            f"Started from {start} for "
            f"{self.alliance.name}"
            + (
                f", with {seats}. Its people are examples: put your own in their place "
                "(3. Members of the body picked)"
                if seats
                else ""
            )
            + f". Saved to {self.builder.path.name}.",
            "ok",
        )

    def _draw(self) -> None:
        if len(self.alliance.partner_names()) < 2:
            self.view.value = (
                "<p>Describe the alliance above first (its partners and stage): this part then "
                "picks the governance template of the right size for it.</p>"
            )
            return
        name = edits.suggested_template(self.alliance)
        with self.quiet():
            self.builder.template_picker.value = name
        self.view.value = (
            f"<p>For an alliance of {len(self.alliance.partner_names())} partners at the "
            f"<b>{html.escape(self.alliance.stage)}</b> stage, the template of the right size is "
            f"<b>{html.escape(name)}</b>: it is picked in <i>Start from</i>; press "
            f"<i>Start over</i> to use it, or build from an empty design.</p>"
        )


class DecisionsPart(_Part):
    """Decision rights as a RACI: a drop-down per decision and body, checked by the rules."""

    shows = frozenset({"design", "raci"})

    def __init__(self, book: Workbook):
        super().__init__(book)
        self.grid = part(w.VBox)
        self.cells: dict[tuple[str, str], w.Dropdown] = {}
        self.children = [self.grid, self.message, self.view]
        self.refresh()

    def _parties(self) -> list[str]:
        a = self.alliance
        return [b.name for b in a.design.bodies] if a.design else a.partner_names()

    def _draw(self) -> None:
        from toolkit.governance import CORE_DECISIONS

        a = self.alliance
        parties = self._parties()
        decisions = list(dict.fromkeys([*CORE_DECISIONS, *a.raci]))
        if set(self.cells) != {(d, p) for d in decisions for p in parties}:
            self.cells, rows = {}, []
            for d in decisions:
                row = []
                for p in parties:
                    box = part(
                        w.Dropdown,
                        options=_RACI,
                        description=f"{_words(d).capitalize()}: {p}",
                        style=_STYLE,
                    )
                    self.cells[d, p] = box
                    self.when_changed(
                        [box], lambda c, d=d, p=p: self._apply(edits.set_raci, d, p, c["new"])
                    )
                    row.append(box)
                rows.append(part(w.HTML, f"<b>{html.escape(_words(d).capitalize())}</b>"))
                rows.append(part(w.HBox, row, layout={"flex_flow": "row wrap"}))
            self.grid.children = rows
        with self.quiet():
            for (d, p), box in self.cells.items():
                box.value = self._letters(a.raci.get(d, {}).get(p, ""))
        self._section("raci")

    @staticmethod
    def _letters(cell: str) -> str:
        letters = "".join(sorted(set(str(cell).upper()) & set("RACI"), key="ARCI".index))
        return letters if letters in dict(_RACI).values() else ""


class EscalationPart(_Part):
    """The escalation path: who handles an issue at each rung, for how many days, then who else."""

    shows = frozenset({"escalation"})

    def __init__(self, book: Workbook):
        super().__init__(book)
        from toolkit.own_alliance.model import default_escalation

        steps = {s.level: s for s in self.alliance.escalation or default_escalation()}
        self.who, self.days = {}, {}
        rows = []
        for level in (
            "working_group",
            "alliance_managers",
            "steering_committee",
            "chief_executives",
        ):
            step = steps.get(level)
            name = ESCALATION_LEVELS[level]
            self.who[level] = _text(f"{name}: who", step.who if step else name)
            self.days[level] = _text(
                f"{name}: days before it goes up",
                "" if not step or step.days is None else str(step.days),
            )
            rows.append(
                part(w.HBox, [self.who[level], self.days[level]], layout={"flex_flow": "row wrap"})
            )
        last = "arbitration" if "arbitration" in steps else "mediation"
        self.last_resort = part(
            w.Dropdown,
            options=[("Mediation", "mediation"), ("Arbitration", "arbitration")],
            value=last,
            description="Then, if the chief executives cannot settle it",
            style=_STYLE,
        )
        self.last_who = _text(
            "Who mediates or arbitrates", steps[last].who if last in steps else ""
        )
        for level in self.who:
            self.when_changed(
                [self.who[level], self.days[level]], lambda _c, lv=level: self._rung(lv)
            )
        self.when_changed(
            [self.last_resort, self.last_who],
            lambda _c: self._apply(
                edits.set_escalation, self.last_resort.value, self.last_who.value, ""
            ),
        )
        self.children = [*rows, self.last_resort, self.last_who, self.view, self.message]
        self.refresh()

    def _rung(self, level: str) -> None:
        self._apply(edits.set_escalation, level, self.who[level].value, self.days[level].value)

    def _draw(self) -> None:
        self._section("escalation")


class MeetingsPart(_Part):
    """The meeting cadence: how often each body meets and when it first meets."""

    shows = frozenset({"design", "meetings"})

    def __init__(self, book: Workbook):
        super().__init__(book)
        self.rows = part(w.VBox)
        self.boxes: dict[str, tuple[w.Text, w.Text]] = {}
        self.children = [self.rows, self.view, self.message]
        self.refresh()

    def _draw(self) -> None:
        a = self.alliance
        bodies = [b.name for b in a.design.bodies] if a.design else []
        if list(self.boxes) != bodies:
            self.boxes = {}
            rows = []
            for body in bodies:
                every = _text(f"{body}: meets every (days)")
                first = _text(f"{body}: first meeting (YYYY-MM-DD)")
                self.boxes[body] = (every, first)
                self.when_changed(
                    [every, first],
                    lambda _c, body=body: self._apply(
                        edits.set_meeting, body, *(box.value for box in self.boxes[body])
                    ),
                )
                rows.append(part(w.HBox, [every, first], layout={"flex_flow": "row wrap"}))
            self.rows.children = rows
        meetings = {m.body: m for m in a.meetings}
        with self.quiet():
            for body, (every, first) in self.boxes.items():
                if body in meetings:
                    every.value, first.value = str(meetings[body].every_days), meetings[body].first
        start = min((m.first for m in a.meetings), default=_next_monday())
        self._section("meetings", year_from=start)


class MeasuresPart(_Part):
    """The scorecard's measures: from the catalogue or named, each with its kind and target."""

    shows = frozenset({"measures"})

    def __init__(self, book: Workbook):
        super().__init__(book)
        from toolkit.indicators import KINDS, PERSPECTIVES, catalogue

        table = catalogue()
        options = [(f"{row.label} ({row.kind})", name) for name, row in table.iterrows()]
        self.catalogue = part(
            w.Dropdown,
            options=options,
            description="From the catalogue",
            style=_STYLE,
            layout=_WIDE,
        )
        self.target = _text("Its quarterly target", placeholder="a number, e.g. 40")
        self.add_button = part(w.Button, description="Add this measure", icon="plus")
        self.add_button.on_click(
            lambda _b: self._apply(
                edits.add_catalogue_measure, self.catalogue.value, self.target.value
            )
        )
        self.own_label = _text("Or name your own measure", placeholder="Joint webinars")
        self.own_kind = part(w.Dropdown, options=list(KINDS), description="Its kind", style=_STYLE)
        self.own_perspective = part(
            w.Dropdown, options=list(PERSPECTIVES), description="Its perspective", style=_STYLE
        )
        self.own_unit = _text("Its unit", placeholder="webinars a month")
        self.own_target = _text("Quarterly target of your measure", placeholder="a number, e.g. 3")
        self.add_own_button = part(w.Button, description="Add my own measure", icon="plus")
        self.add_own_button.on_click(
            lambda _b: self._apply(
                edits.add_own_measure,
                self.own_label.value,
                self.own_kind.value,
                self.own_perspective.value,
                self.own_unit.value,
                self.own_target.value,
            )
        )
        self.remove_picker = part(w.Dropdown, description="Measure to remove", style=_STYLE)
        self.remove_button = part(w.Button, description="Remove measure", icon="trash")
        self.remove_button.on_click(
            lambda _b: self._apply(edits.remove_measure, self.remove_picker.value)
        )
        self.children = [
            self.catalogue,
            self.target,
            self.add_button,
            self.own_label,
            self.own_kind,
            self.own_perspective,
            self.own_unit,
            self.own_target,
            self.add_own_button,
            self.view,
            self.remove_picker,
            self.remove_button,
            self.message,
        ]
        self.refresh()

    def _draw(self) -> None:
        ms = self.alliance.measures
        self.remove_picker.options = [(m.label, m.name) for m in ms]
        rows = "".join(
            f"<tr><td>{html.escape(m.label)}</td><td>{m.kind}</td><td>{m.perspective}</td>"
            f"<td>{'' if m.target is None else f'{m.target:,g}'} {html.escape(m.unit)}</td></tr>"
            for m in ms
        )
        self.view.value = (
            "<table><caption>Your measures</caption><thead><tr><th scope='col'>Measure</th>"
            "<th scope='col'>Kind</th><th scope='col'>Perspective</th><th scope='col'>Target</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
            if ms
            else "<p>No measure yet: add one leading and one lagging measure at least.</p>"
        )


class FiguresPart(_Part):
    """Your monthly figures: the spreadsheet written, filled in a spreadsheet program, read back."""

    shows = frozenset({"measures", "figures", "survey"})

    def __init__(self, book: Workbook):
        super().__init__(book)
        self.spreadsheet = book.folder / TAKE_HOME["spreadsheet"]
        self.write_button = part(w.Button, description="Write the spreadsheet", icon="file-excel-o")
        self.write_button.on_click(lambda _b: self._write())
        self.upload = part(
            w.FileUpload,
            accept=".xlsx,.csv",
            multiple=True,
            description="Upload the filled-in file",
        )
        self.upload.observe(lambda c: self._uploaded(c["new"]), names="value")
        self.file_path = _text("Or its path", str(self.spreadsheet))
        self.load_button = part(w.Button, description="Load this file", icon="upload")
        self.load_button.on_click(lambda _b: self._load([self.file_path.value]))
        self.problems = part(w.HTML)
        self.children = [
            self.write_button,
            self.upload,
            self.file_path,
            self.load_button,
            self.message,
            self.problems,
            self.view,
        ]
        self.refresh()

    def _write(self) -> None:
        from toolkit.own_alliance.spreadsheet import write_template

        kept = ""
        if self.spreadsheet.exists():
            old = self.spreadsheet.with_name("my-alliance.previous.xlsx")
            self.spreadsheet.replace(old)
            kept = f" The file that was there is kept as {old.name}."
        write_template(self.alliance, self.spreadsheet)
        self.say(
            f"Written: {self.spreadsheet.name} in your folder "
            f"({self.spreadsheet.parent.resolve()})."
            f"{kept} Fill in its months (and survey) sheets, save it, then load it below.",
            "ok",
        )

    def _uploaded(self, files) -> None:
        saved = []
        for item in files:
            target = self.book.folder / f"uploaded-{Path(item['name']).name}"
            target.write_bytes(bytes(item["content"]))
            saved.append(target)
        if saved:
            self._load(saved)

    def _load(self, paths) -> None:
        from toolkit.own_alliance.spreadsheet import load_workbook

        data = load_workbook([Path(str(p).strip()) for p in paths], measures=self.alliance.measures)
        self.problems.value = _problems_html(data)
        self._apply(
            edits.load_figures,
            data,
            done=f"Loaded {data.source}: "
            f"{len(data.figures)} months, {len(data.survey)} survey answers.",
        )

    def _draw(self) -> None:
        from toolkit.own_alliance.analysis import figures_table
        from toolkit.ui.display import table_html

        table = figures_table(self.alliance)
        if table.empty:
            self.view.value = "<p>No monthly figures yet.</p>"
            return
        labels = {m.name: m.label for m in self.alliance.measures}
        shown = table.rename(columns=labels)
        shown.index = shown.index.strftime("%b %Y")
        self.view.value = table_html(shown, label="Your monthly figures, one row a month")


def _problems_html(data) -> str:
    if not data.problems:
        return ""
    items = "".join(f"<li>{html.escape(str(p))}</li>" for p in data.problems)
    return (
        f"<p>{html.escape(data.source)}: {len(data.problems)} problem(s); every usable row was "
        f"kept. Put them right in the file and load it again.</p><ul>{items}</ul>"
    )


class ScorecardPart(_Part):
    """The scorecard with your actuals for the latest quarter, each with its status in words."""

    shows = frozenset({"measures", "figures"})

    def __init__(self, book: Workbook):
        super().__init__(book)
        self.children = [self.view, self.message]
        self.refresh()

    def _draw(self) -> None:
        self._section("scorecard")


class LagPart(_Part):
    """The lag reading of your own pair of measures, its verdict and what to tell an executive."""

    kind = "own-alliance-lag"
    shows = frozenset({"measures", "figures"})

    def __init__(self, book: Workbook):
        super().__init__(book, book.folder / "my-alliance-lag.json")
        saved = self.restore(lambda d: (str(d["leading"]), str(d["lagging"])), None)
        self.leading = part(w.Dropdown, description="Leading measure", style=_STYLE, layout=_WIDE)
        self.lagging = part(w.Dropdown, description="Lagging measure", style=_STYLE, layout=_WIDE)
        self._saved = saved
        self.when_changed([self.leading, self.lagging], lambda _c: self._picked())
        self.children = [self.leading, self.lagging, self.view, self.message]
        self.refresh()
        self.show_notice()

    @property
    def pair(self):
        """The leading and lagging measure read, or ``None`` while one is missing."""
        if self.leading.value and self.lagging.value:
            return self.leading.value, self.lagging.value
        return None

    def _picked(self) -> None:
        if self.pair:
            self._saved = self.pair  # what the redraw keeps (not the pair picked before)
            self.save({"leading": self.pair[0], "lagging": self.pair[1]})
        self.refresh()

    def _draw(self) -> None:
        ms = self.alliance.measures
        with self.quiet():
            for box, kind, i in ((self.leading, "leading", 0), (self.lagging, "lagging", 1)):
                box.options = [(m.label, m.name) for m in ms if m.kind == kind]
                wanted = self._saved[i] if self._saved else None
                if wanted in {m.name for m in ms if m.kind == kind}:
                    box.value = wanted
                elif box.options and box.value is None:  # the pair the reading shows
                    box.index = 0
        self._saved = self.pair or self._saved
        self.book.pair = self.pair
        self._section("lag", pair=self.pair)


class HealthPart(_Part):
    """The two-sided health check: each person's 1-5 scores for their side, and the gaps."""

    shows = frozenset({"partners", "survey", "actions"})

    def __init__(self, book: Workbook):
        super().__init__(book)
        self.side = part(w.Dropdown, description="Side (partner)", style=_STYLE)
        self.respondent = _text("Who answered (a name or initials)")
        self.scores = {
            d: part(
                w.Dropdown,
                options=[_UNANSWERED, 1, 2, 3, 4, 5],
                description=f"{_words(d).capitalize()} (1-5)",
                style=_STYLE,
            )
            for d in SCORE_DIMENSIONS
        }
        self.add_button = part(w.Button, description="Add this answer", icon="plus")
        self.add_button.on_click(
            lambda _b: self._apply(
                edits.add_answer, self.side.value, self.respondent.value, self._scores()
            )
        )
        self.remove_button = part(w.Button, description="Remove the last answer", icon="undo")
        self.remove_button.on_click(lambda _b: self._apply(edits.remove_last_answer))
        self.counts = part(w.HTML)
        self.children = [
            self.side,
            self.respondent,
            *self.scores.values(),
            self.add_button,
            self.remove_button,
            self.message,
            self.counts,
            self.view,
        ]
        self.refresh()

    def _scores(self) -> dict:
        return {
            d: (None if box.value == _UNANSWERED else box.value) for d, box in self.scores.items()
        }

    def _draw(self) -> None:
        names = self.alliance.partner_names()
        with self.quiet():
            self.side.options = names
        counts = [sum(a.get("side") == n for a in self.alliance.survey) for n in names]
        self.counts.value = (
            "<p>Answers so far: "
            + (
                ", ".join(f"{html.escape(n)} {c}" for n, c in zip(names, counts, strict=True))
                or "none"
            )
            + ".</p>"
        )
        self._section("health")


class ActionsPart(_Part):
    """The action plan for the widest gaps: what, who owns it, by when."""

    shows = frozenset({"actions"})

    def __init__(self, book: Workbook):
        super().__init__(book)
        self.action = _text("Action", placeholder="Name a second sponsor at the partner")
        self.owner = _text("Owner", placeholder="a person, and their company")
        self.due = _text("Due (YYYY-MM-DD)", placeholder="2027-03-31")
        self.dimension = part(
            w.Dropdown,
            options=[("any", "")] + [(_words(d), d) for d in SCORE_DIMENSIONS],
            description="For the dimension",
            style=_STYLE,
        )
        self.add_button = part(w.Button, description="Add this action", icon="plus")
        self.add_button.on_click(
            lambda _b: self._apply(
                edits.add_action,
                self.action.value,
                self.owner.value,
                self.due.value,
                self.dimension.value,
            )
        )
        self.remove_picker = part(
            w.Dropdown, description="Action to remove", style=_STYLE, layout=_WIDE
        )
        self.remove_button = part(w.Button, description="Remove action", icon="trash")
        self.remove_button.on_click(
            lambda _b: self._apply(edits.remove_action, self.remove_picker.value)
        )
        self.children = [
            self.action,
            self.owner,
            self.due,
            self.dimension,
            self.add_button,
            self.remove_picker,
            self.remove_button,
            self.message,
        ]
        self.refresh()

    def _draw(self) -> None:
        self.remove_picker.options = [
            (f"{a.action} ({a.owner}, {a.due})", i) for i, a in enumerate(self.alliance.actions)
        ]


class PlanPart(_Part):
    """The joint business plan, worked backwards from your own revenue goal."""

    shows = frozenset({"goal"})

    def __init__(self, book: Workbook):
        super().__init__(book)
        goal = self.alliance.goal
        self.revenue = _text(
            "Partner-sourced revenue a month (k$)", f"{goal.revenue:g}" if goal else "", "600"
        )
        self.start = _text("Joint work starts (YYYY-MM)", goal.start if goal else "", "2027-01")
        self.by = _text("Goal reached by (YYYY-MM)", goal.by if goal else "", "2028-06")
        self.plan_button = part(w.Button, description="Work the plan backwards", icon="calculator")
        self.plan_button.on_click(
            lambda _b: self._apply(
                edits.set_goal, self.revenue.value, self.start.value, self.by.value
            )
        )
        self.children = [
            self.revenue,
            self.start,
            self.by,
            self.plan_button,
            self.message,
            self.view,
        ]
        self.refresh()

    def _draw(self) -> None:
        self._section("plan")


class TakeHomePart(_Part):
    """The charter, the spreadsheet with your figures and scorecard, and the calendar, in one go."""

    kind = "own-alliance-take-home"
    #: it follows the first meeting until the participant types a start of their own
    shows = frozenset({"meetings"})

    def __init__(self, book: Workbook):
        super().__init__(book, book.folder / "my-alliance-take-home.json")
        self.typed = self.restore(lambda d: str(d["year_from"]), "")
        self.year_from = _text("The calendar's year starts (YYYY-MM-DD)", self.typed)
        self.when_changed([self.year_from], lambda c: self._typed(c["new"]))
        self.write_button = part(
            w.Button,
            description="Write my charter, spreadsheet and calendar",
            icon="file",
            layout={"width": "auto"},
        )
        self.write_button.on_click(lambda _b: self.write())
        self.written = part(w.HTML)
        self.children = [self.year_from, self.write_button, self.message, self.written, self.view]
        self.refresh()
        self.show_notice()
        there = [p.name for p in self._paths() if p.exists()]
        if there:  # written before this kernel started: say so, the files are still there
            self.written.value = (
                f"<p>Already in your folder: {html.escape(', '.join(there))}. "
                "Press the button again to bring them up to date.</p>"
            )

    def _paths(self) -> list[Path]:
        return [self.book.folder / TAKE_HOME[k] for k in ("charter", "spreadsheet", "calendar")]

    def _typed(self, value: str) -> None:
        self.typed = value.strip()
        self.save({"year_from": self.typed})

    def _draw(self) -> None:
        if not self.typed:
            with self.quiet():
                self.year_from.value = self._start()

    def _start(self) -> str:
        return min((m.first for m in self.alliance.meetings), default=_next_monday())

    def write(self) -> dict | None:
        """Write the take-home files into the participant's folder; what each is -> its path."""
        from toolkit.own_alliance.lesson import check_charter

        try:
            day = dt.date.fromisoformat(self.year_from.value.strip()).isoformat()
        except ValueError:
            self.say(
                "The calendar's year starts: write a date as YYYY-MM-DD "
                f"(got {self.year_from.value!r}).",
                "error",
            )
            return None
        paths = write_take_home(self.alliance, self.book.folder, year_from=day, pair=self.book.pair)
        items = "".join(f"<li>{html.escape(p.name)}</li>" for p in paths.values())
        self.written.value = (
            f"<p>Written in your folder ({html.escape(str(self.book.folder.resolve()))}):</p>"
            f"<ul>{items}</ul><p>Open the charter in a browser and print it to PDF (A4 or Letter). "
            "Next quarter, add the new months to the spreadsheet and load it again.</p>"
        )
        self.view.value = check_charter(self.alliance)._repr_html_()  # notes the progress
        self.say("Your charter, spreadsheet and calendar are written.", "ok")
        return paths


def _next_monday(today: dt.date | None = None) -> str:
    """The next Monday from ``today`` (a first meeting date to start from)."""
    today = today or dt.date.today()
    return (today + dt.timedelta(days=7 - today.weekday())).isoformat()
