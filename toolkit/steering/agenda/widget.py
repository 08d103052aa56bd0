"""``AgendaRouter``: send each agenda item to the body that owns the decision.

One drop-down per agenda item lists the bodies of the design; pick where each item goes. The
design's decision-rights matrix is drawn below, so the owner of each decision can be read off
it, and the widget says for each pick whether that body owns the decision (an item whose
decision nobody owns goes down to the management team). The picks are saved beside the
notebook (``my-agenda.json``).

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-agenda.json"
>>> router = AgendaRouter(path=path, chart=False)
>>> router.pickers["framework-discount"].value = "management"
>>> AgendaRouter(path=path, chart=False).routing
{'framework-discount': 'management'}
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from toolkit.governance.chart import decision_chart
from toolkit.governance.model import Design, body_labels, name_of
from toolkit.steering.agenda.model import AGENDA, AgendaItem, constellation_design, route
from toolkit.ui.parts import part
from toolkit.ui.render import chart_widget, show_in
from toolkit.ui.widget import CourseWidget

__all__ = ["AgendaRouter", "parse_saved"]

DEFAULT_FILE = "my-agenda.json"
NOT_YET = ""


def parse_saved(content) -> dict[str, str]:
    """The saved picks, checked: a dict of agenda item id -> body id."""
    if not isinstance(content, dict) or not isinstance(content.get("routing", {}), dict):
        msg = "expected the agenda's picks: a dict of item -> body"
        raise ValueError(msg)
    routing = content.get("routing", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in routing.items()):
        msg = "each agenda item must be sent to a body id written as text"
        raise ValueError(msg)
    return dict(routing)


class AgendaRouter(CourseWidget):
    """A drop-down per agenda item: which body takes it.

    Parameters
    ----------
    design : Design, optional
        The governance design whose bodies decide (default: Constellation's).
    items : tuple of AgendaItem, optional
        The agenda (default :data:`toolkit.steering.agenda.AGENDA`).
    path : str or Path, optional
        The file beside the notebook that keeps the picks.
    chart : bool, optional
        Draw the decision-rights matrix.
    """

    kind = "agenda-router"

    def __init__(
        self,
        design: Design | None = None,
        items: tuple[AgendaItem, ...] = AGENDA,
        *,
        path: str | Path = DEFAULT_FILE,
        chart: bool = True,
    ):
        super().__init__(path)
        self.design = design or constellation_design()
        self.items = items
        saved = self.restore(parse_saved, {})
        # each body by its name and tier, as the decision-rights matrix shows it
        bodies = list(
            zip(body_labels(self.design), (b.id for b in self.design.bodies), strict=True)
        )
        ids = {b.id for b in self.design.bodies}
        self.pickers = {
            item.id: part(
                w.Dropdown,
                options=[("— pick a body —", NOT_YET), *bodies],
                value=saved.get(item.id) if saved.get(item.id) in ids else NOT_YET,
                description=item.title,
                style={"description_width": "initial"},
                layout={"width": "auto"},
            )
            for item in items
        }
        self.when_changed(self.pickers.values(), lambda _c: self.update())
        self.feedback = part(w.HTML)
        self.matrix = chart_widget()
        if chart:
            show_in(self.matrix, decision_chart(self.design))
        self.children = [
            part(w.HTML, "<b>Where does each item go?</b>"),
            *self.pickers.values(),
            self.message,
            self.feedback,
            self.matrix,
        ]
        self.update()

    @property
    def routing(self) -> dict[str, str]:
        """The picks so far: agenda item id -> body id (items not yet picked are left out)."""
        return {key: p.value for key, p in self.pickers.items() if p.value != NOT_YET}

    def update(self) -> None:
        """Say for each pick whether that body owns the decision, and save."""
        self.show_notice()
        lines = []
        for item in self.items:
            picked = self.pickers[item.id].value
            if picked == NOT_YET:
                continue
            body = self.design.body(picked)
            owner, reason = route(self.design, item.decision)
            decision = html.escape(name_of(item.decision).lower())
            if picked == owner:
                why = "owns" if reason == "owns the decision" else "takes what nobody owns:"
                mark = f"✔ {html.escape(body.name)} {why} {decision}"
            else:
                mark = (
                    f"✘ {html.escape(body.name)} does not own {decision}: "
                    "look it up in the decision-rights matrix"
                )
            lines.append(f"<li>{mark}</li>")
        done = len(self.routing)
        self.feedback.value = f"<p>{done} of {len(self.items)} items sent to a body.</p>" + (
            f"<ul>{''.join(lines)}</ul>" if lines else ""
        )
        self.save({"routing": self.routing})
