"""``HealthCheck``: load or enter a health-check survey, read its index and perception gaps.

Two ways in: pick an alliance and quarter from the course data, or enter your own answers
(one person at a time: their side and a 1-5 score per dimension) or load them from a CSV
file. The widget shows the health index, each side's average per dimension with the gap,
and a dumbbell chart. Your own answers are saved beside the notebook
(``my-health-check.json``) and come back when the cell runs again.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> check = HealthCheck("Delta", 8, path=folder / "my-health-check.json")
>>> check.add_answer({"side": "partner", "trust": 2})
>>> check.source.value, len(check.answers)
('My own answers', 1)
>>> len(HealthCheck(path=folder / "my-health-check.json").answers)   # saved, restored
1
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pandas as pd

from toolkit import data
from toolkit.health.chart import gap_chart
from toolkit.health.model import (
    DIMENSIONS,
    check_answer,
    health_index,
    perception_gaps,
    survey_from_answers,
)
from toolkit.ui.display import frame_html, table_html
from toolkit.ui.render import chart_widget, show_in
from toolkit.ui.slider import Slider
from toolkit.ui.widget import CourseWidget

__all__ = ["HealthCheck", "parse_saved"]

DEFAULT_FILE = "my-health-check.json"
COURSE, OWN = "Course data", "My own answers"


def parse_saved(content) -> dict:
    """The widget's saved state, checked: source, alliance, quarter and every answer.

    Raises
    ------
    ValueError
        When an answer no longer fits (the file is then kept aside, not dropped).
    """
    if not isinstance(content, dict):
        msg = "expected the widget's settings and answers"
        raise ValueError(msg)
    answers = content.get("answers", [])
    if not isinstance(answers, list):
        msg = "'answers' must be a list of answers"
        raise ValueError(msg)
    checked = []
    for number, answer in enumerate(answers, start=1):
        try:
            checked.append(check_answer(answer))
        except ValueError as err:
            msg = f"answer {number}: {err}"
            raise ValueError(msg) from None
    return {
        "source": content.get("source") if content.get("source") in (COURSE, OWN) else COURSE,
        "alliance": content.get("alliance"),
        "quarter": content.get("quarter"),
        "answers": checked,
    }


def _one_side(survey) -> str:
    """Why there are no perception gaps yet, in words: the sides the answers come from."""
    names = dict(SIDE_NAMES)
    sides = [names.get(s, str(s)) for s in dict.fromkeys(survey["side"])] if len(survey) else []
    have = " and ".join(sides) if sides else "nobody yet"
    return (
        f"A perception gap compares our side with the partner's; the answers so far come "
        f"from {have}. Add answers from both sides to see the gaps."
    )


#: the sides of a health check, as the side picker names them
SIDE_NAMES = (("us", "our side"), ("partner", "the partner"))


class HealthCheck(CourseWidget):
    """Load or enter a survey and see the health index and perception gaps.

    Parameters
    ----------
    alliance : str, optional
        The course alliance to start with.
    quarter : int, optional
        The survey round to start with (default: the last one).
    path : str or Path, optional
        The file beside the notebook that keeps your own answers.
    """

    def __init__(
        self,
        alliance: str = "Delta",
        quarter: int | None = None,
        *,
        path: str | Path = DEFAULT_FILE,
    ):
        super().__init__(path)
        saved = self.restore(parse_saved, {})
        self.answers: list[dict] = list(saved.get("answers", []))
        names = data.alliance_names()
        quarters = sorted(int(q) for q in data.survey()["quarter"].dropna().unique())
        self.source = w.ToggleButtons(
            options=[COURSE, OWN],
            description="Answers from",
            style={"description_width": "initial"},
            value=saved.get("source", COURSE) if saved.get("source") in (COURSE, OWN) else COURSE,
        )
        self.alliance = w.Dropdown(
            options=names,
            value=saved.get("alliance", alliance)
            if saved.get("alliance", alliance) in names
            else names[0],
            description="Alliance",
        )
        start_q = saved.get("quarter", quarter or quarters[-1])
        self.quarter = w.Dropdown(
            options=quarters,
            value=start_q if start_q in quarters else quarters[-1],
            description="Quarter",
        )
        self.side = w.Dropdown(
            options=[(name, side) for side, name in SIDE_NAMES], description="Side"
        )
        self.sliders = {
            d: Slider(
                3,
                min=1,
                max=5,
                description=f"{d.replace('_', ' ').capitalize()} (1 to 5)",
                label_width="17em",
            )
            for d in DIMENSIONS
        }
        whole = w.Layout(width="auto")  # the full label, never cut short
        self.add_button = w.Button(
            description="Add this person's answers", icon="plus", layout=whole
        )
        self.remove_button = w.Button(
            description="Remove the last person", icon="minus", layout=whole
        )
        self.upload = w.FileUpload(accept=".csv", multiple=False, description="Load a CSV")
        self.add_button.on_click(lambda _b: self.add_answer(self.current_answer()))
        self.remove_button.on_click(lambda _b: self.remove_last())
        self.upload.observe(self._uploaded, names="value")
        self.readout = w.HTML()
        self.table = w.HTML()
        self.picture = chart_widget()
        self.loaded: pd.DataFrame | None = None  # a survey loaded from a CSV file
        self.course_box = w.HBox([self.alliance, self.quarter])
        self.own_box = w.VBox(
            [
                self.side,
                *self.sliders.values(),
                w.HBox([self.add_button, self.remove_button]),
                self.upload,
            ]
        )
        self.when_changed([self.source, self.alliance, self.quarter], lambda _c: self.update())
        self.children = [
            self.source,
            self.course_box,
            self.own_box,
            self.message,
            self.readout,
            self.table,
            self.picture,
        ]
        self.update()

    # -- state changes ---------------------------------------------------------------
    def current_answer(self) -> dict:
        """The answer the form shows now."""
        return {"side": self.side.value, **{d: int(s.value) for d, s in self.sliders.items()}}

    def add_answer(self, answer: dict) -> None:
        """Add one person's answers (checked), save, and refresh."""
        try:
            self.answers.append(check_answer(answer))
        except ValueError as err:
            self.say(str(err), "error")
            return
        self.loaded = None
        self.source.value = OWN
        self.update()

    def remove_last(self) -> None:
        """Remove the most recently added person's answers."""
        if self.answers:
            self.answers.pop()
        self.update()

    def load_csv(self, content: bytes, name: str = "survey.csv") -> None:
        """Use a survey from CSV text (checked like the course data)."""
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(name).name
            path.write_bytes(content)
            try:
                self.loaded = data.read_survey(path)
            except data.DataError as err:
                self.say(str(err), "error")
                return
        self.source.value = OWN
        self.update()

    def _uploaded(self, change) -> None:
        files = change["new"]
        if files:
            item = files[0]
            self.load_csv(bytes(item["content"]), item.get("name", "survey.csv"))

    # -- the numbers -----------------------------------------------------------------
    def survey(self) -> pd.DataFrame:
        """The survey the widget shows now."""
        if self.source.value == COURSE:
            return data.survey(self.alliance.value, quarter=self.quarter.value)
        if self.loaded is not None:
            return self.loaded
        return survey_from_answers(self.answers)

    def update(self) -> None:
        """Recompute index and gaps for the current survey, redraw, and save."""
        own = self.source.value == OWN
        self.course_box.layout.display = "none" if own else None
        self.own_box.layout.display = None if own else "none"
        self._save()
        survey = self.survey()
        self.show_notice()
        if survey.empty:
            self.readout.value = "<p>No answers yet: add a person's answers with the form.</p>"
            self.table.value = ""
            self.picture.value = ""
            return
        try:
            index = health_index(survey)
        except ValueError as err:
            self.say(str(err), "error")
            return
        people = len(survey)
        self.readout.value = f"<p>Health index: <b>{index:.2f}</b> of 5 ({people} answers).</p>"
        try:
            gaps = perception_gaps(survey)
        except ValueError:
            self.table.value = ""
            self.picture.value = ""
            self.say(_one_side(survey), "info")
            return
        shown = gaps.round(2)
        self.table.value = table_html(
            shown,
            frame_html(shown, classes="gaps", border=0),
            label="Perception gaps: each side's average score per dimension, and the gap",
        )
        # the gaps are for the student to read (an exercise asks for the largest): the table
        # and the chart show them all, and the widget names none
        self.readout.value += (
            "<p>Perception gaps: each dimension's gap is in the table and the chart below "
            "(the longer the line, the further apart the partners see it).</p>"
        )
        show_in(self.picture, gap_chart(gaps))

    def _save(self) -> None:
        self.save(
            {
                "source": self.source.value,
                "alliance": self.alliance.value,
                "quarter": int(self.quarter.value),
                "answers": self.answers,
            }
        )
