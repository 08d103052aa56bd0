"""``DecisionRules``: the same proposals under consensus, majority and a lead partner.

A grid of tick boxes holds where each partner stands on each proposal (ticked: for it); the
chart shows what each proposal comes to under the three rules. Change a vote or the lead
partner and watch consensus block what the other rules settle. Below, a slider sets how
likely any one partner is to back a proposal, and a chart shows how fast unanimity becomes
unlikely as partners are added. Votes, lead partner and slider are saved beside the notebook
(``my-decision-rules.json``).

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-decision-rules.json"
>>> rules = DecisionRules(path=path, chart=False)
>>> rules.votes["hospitals"]["Orbit Systems"].value = True
>>> DecisionRules(path=path, chart=False).table().loc["hospitals", "consensus"]
'approved'
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import ipywidgets as w
import pandas as pd

from toolkit.steering.controls import slider
from toolkit.steering.decisions.chart import chance_chart, outcomes_chart
from toolkit.steering.decisions.model import (
    LEAD_PARTNER,
    PROPOSALS,
    Proposal,
    chance_table,
    outcomes_table,
)
from toolkit.ui.parts import part
from toolkit.ui.render import chart_widget, show_in
from toolkit.ui.widget import CourseWidget

__all__ = ["DecisionRules", "parse_saved"]

DEFAULT_FILE = "my-decision-rules.json"


def parse_saved(content) -> dict:
    """The saved votes, lead partner and chance, checked."""
    if not isinstance(content, dict):
        msg = "expected the votes, the lead partner and the chance"
        raise ValueError(msg)
    votes = content.get("votes", {})
    if not isinstance(votes, dict) or not all(
        isinstance(v, dict) and all(isinstance(x, bool) for x in v.values()) for v in votes.values()
    ):
        msg = "'votes' must map each proposal to partner -> true or false"
        raise ValueError(msg)
    chance = content.get("chance", 0.8)
    if isinstance(chance, bool) or not isinstance(chance, int | float) or not 0.5 <= chance <= 1:
        msg = f"the chance must be a number from 0.5 to 1, got {chance!r}"
        raise ValueError(msg)
    return {"votes": votes, "lead": content.get("lead"), "chance": float(chance)}


class DecisionRules(CourseWidget):
    """Tick boxes for each partner's position, the outcome under each rule, and unanimity's odds.

    Parameters
    ----------
    proposals : tuple of Proposal, optional
        The proposals (default: Constellation's, :data:`~toolkit.steering.decisions.PROPOSALS`).
    path : str or Path, optional
        The file beside the notebook that keeps the votes.
    chart : bool, optional
        Draw the charts.
    """

    kind = "decision-rules"

    def __init__(
        self,
        proposals: tuple[Proposal, ...] = PROPOSALS,
        *,
        path: str | Path = DEFAULT_FILE,
        chart: bool = True,
    ):
        super().__init__(path)
        self.proposals = proposals
        self.chart = chart
        saved = self.restore(parse_saved, {})
        partners = list(proposals[0].votes)
        kept = saved.get("votes", {})
        self.votes: dict[str, dict[str, w.Checkbox]] = {}
        rows = [
            part(
                w.HBox,
                [part(w.HTML, "<b>Proposal</b>", layout={"width": "300px"})]
                + [part(w.HTML, f"<b>{p}</b>", layout={"width": "150px"}) for p in partners],
            )
        ]
        for proposal in proposals:
            boxes = {}
            for partner in partners:
                value = kept.get(proposal.id, {}).get(partner, proposal.votes[partner])
                boxes[partner] = part(
                    w.Checkbox,
                    value=bool(value),
                    description=f"{partner.split()[0]} for",
                    tooltip=f"{partner} is for: {proposal.title}",
                    indent=False,
                    layout={"width": "150px"},
                )
            self.votes[proposal.id] = boxes
            rows.append(
                part(
                    w.HBox,
                    [part(w.HTML, proposal.title, layout={"width": "300px"}), *boxes.values()],
                )
            )
        lead = saved.get("lead")
        self.lead = part(
            w.Dropdown,
            options=partners,
            value=lead
            if lead in partners
            else (LEAD_PARTNER if LEAD_PARTNER in partners else partners[0]),
            description="Lead partner",
            style={"description_width": "initial"},
        )
        self.chance = slider(
            saved.get("chance", 0.8),
            min=0.5,
            max=0.95,
            step=0.05,
            description="Chance that one partner backs a proposal",
            percent=True,
        )
        self.reset_button = part(
            w.Button, description="Put the votes back as they were", layout={"width": "auto"}
        )
        self.reset_button.on_click(lambda _b: self.reset())
        self.summary = part(w.HTML)
        self.outcomes_picture = chart_widget()
        self.chance_picture = chart_widget()
        every_box = [b for boxes in self.votes.values() for b in boxes.values()]
        self.when_changed([*every_box, self.lead], lambda _c: self.update())
        self.when_changed([self.chance], lambda _c: self._odds())
        self.children = [
            part(w.VBox, rows),
            part(w.HBox, [self.lead, self.reset_button]),
            self.message,
            self.summary,
            self.outcomes_picture,
            self.chance,
            self.chance_picture,
        ]
        self.update()
        self._odds()

    def current(self) -> tuple[Proposal, ...]:
        """The proposals with the votes as ticked now."""
        return tuple(
            replace(p, votes={k: bool(b.value) for k, b in self.votes[p.id].items()})
            for p in self.proposals
        )

    def table(self) -> pd.DataFrame:
        """The outcomes under each rule, for the votes as ticked now."""
        return outcomes_table(self.current(), lead=self.lead.value)

    def reset(self) -> None:
        """Put every vote back as the proposals have it."""
        with self.quiet():
            for proposal in self.proposals:
                for partner, box in self.votes[proposal.id].items():
                    box.value = proposal.votes[partner]
        self.update()

    def update(self) -> None:
        """Recompute the outcomes, redraw, and save."""
        self.show_notice()
        table = self.table()
        blocked = {
            rule: int((table[rule] == "blocked").sum())
            for rule in ("consensus", "majority", "lead_partner")
        }
        self.summary.value = (
            f"<p>Of {len(table)} proposals, consensus leaves <b>{blocked['consensus']}</b> "
            f"blocked, majority {blocked['majority']} and a lead partner "
            f"{blocked['lead_partner']}.</p>"
        )
        if self.chart:  # another lead partner may leave every outcome as it was
            self.draw(self.outcomes_picture, lambda: outcomes_chart(table), table.to_json())
        self._save()

    def _odds(self) -> None:
        if self.chart:
            chance = float(self.chance.value)
            show_in(self.chance_picture, chance_chart(chance_table(chance), chance))
        self._save()

    def _save(self) -> None:
        self.save(
            {
                "votes": {
                    pid: {k: bool(b.value) for k, b in boxes.items()}
                    for pid, boxes in self.votes.items()
                },
                "lead": self.lead.value,
                "chance": float(self.chance.value),
            }
        )
