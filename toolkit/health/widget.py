"""``HealthCheck``: load or enter a health-check survey, read its index and perception gaps.

Two ways in: pick an alliance and quarter from the course data, or enter your own answers
(one person at a time: their side and a 1-5 score per dimension) or load them from a CSV
file. The widget shows the health index, each side's average per dimension with the gap,
and a dumbbell chart. Your own answers are saved beside the notebook
(``my-health-check.json``) and come back when the cell runs again.

Examples
--------
>>> answers = [{"side": "us", "trust": 5, "governance": 4},
...            {"side": "partner", "trust": 3, "governance": 3}]
>>> survey = survey_from_answers(answers)
>>> list(survey.columns)
['respondent', 'side', 'trust_1', 'governance_1']
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from toolkit import data
from toolkit.answer_file import AnswerFile, error_html
from toolkit.datagen import DIMENSIONS
from toolkit.metrics import health_index, perception_gaps

__all__ = ["HealthCheck", "check_answer", "survey_from_answers"]

DEFAULT_FILE = "my-health-check.json"
KIND = "health-check"
COURSE, OWN = "Course data", "My own answers"


def check_answer(answer: dict) -> dict:
    """One person's answers, checked: ``side`` is us/partner, each score a whole number 1-5.

    Raises
    ------
    ValueError
        Naming the field that is wrong and what is allowed.
    """
    if not isinstance(answer, dict):
        msg = "an answer is a dict like {'side': 'us', 'trust': 4, ...}"
        raise ValueError(msg)
    side = str(answer.get("side", "")).strip().lower()
    if side not in ("us", "partner"):
        msg = f"side must be 'us' or 'partner', got {answer.get('side')!r}"
        raise ValueError(msg)
    clean = {"side": side}
    for key, value in answer.items():
        if key == "side":
            continue
        if key not in DIMENSIONS:
            msg = f"unknown dimension {key!r}; use {', '.join(DIMENSIONS)}"
            raise ValueError(msg)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            msg = f"{key} must be a whole number from 1 to 5, got {value!r}"
            raise ValueError(msg)
        clean[key] = value
    if len(clean) == 1:
        msg = "an answer needs at least one score"
        raise ValueError(msg)
    return clean


def survey_from_answers(answers: list[dict]) -> pd.DataFrame:
    """A survey table (as ``health_checks.csv``) from entered answers, one item per dimension."""
    rows = []
    for i, answer in enumerate(answers, start=1):
        a = check_answer(answer)
        row = {"respondent": f"R{i}", "side": a["side"]}
        row.update({f"{d}_1": a[d] for d in DIMENSIONS if d in a})
        rows.append(row)
    dims = [f"{d}_1" for d in DIMENSIONS if any(f"{d}_1" in r for r in rows)]
    return pd.DataFrame(rows, columns=["respondent", "side", *dims])


class HealthCheck:
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
        import ipywidgets as w

        from toolkit.charts import chart_widget

        self.file = AnswerFile(path, kind=KIND)
        saved = self.file.load({})
        self.answers: list[dict] = []
        for answer in saved.get("answers", []) if isinstance(saved, dict) else []:
            try:
                self.answers.append(check_answer(answer))
            except ValueError:
                continue
        names = data.alliance_names()
        quarters = sorted(int(q) for q in data.survey()["quarter"].dropna().unique())
        self.source = w.ToggleButtons(
            options=[COURSE, OWN],
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
            options=[("our side", "us"), ("the partner", "partner")], description="Side"
        )
        self.sliders = {
            d: w.IntSlider(
                value=3,
                min=1,
                max=5,
                description=d.replace("_", " "),
                style={"description_width": "180px"},
                layout=w.Layout(width="420px"),
            )
            for d in DIMENSIONS
        }
        self.add_button = w.Button(description="Add this person's answers", icon="plus")
        self.remove_button = w.Button(description="Remove the last person", icon="minus")
        self.upload = w.FileUpload(accept=".csv", multiple=False, description="Load a CSV")
        self.add_button.on_click(lambda _b: self.add_answer(self.current_answer()))
        self.remove_button.on_click(lambda _b: self.remove_last())
        self.upload.observe(self._uploaded, names="value")
        self.message = w.HTML()
        self._notice = self.file.problem  # shown once, with the first picture
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
        for control in (self.source, self.alliance, self.quarter):
            control.observe(lambda _c: self.update(), names="value")
        self.widget = w.VBox(
            [
                self.source,
                self.course_box,
                self.own_box,
                self.message,
                self.readout,
                self.table,
                self.picture,
            ]
        )
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
            self.message.value = error_html(str(err))
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
                self.message.value = error_html(str(err))
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
        from toolkit.charts import show_in
        from toolkit.metric_charts import gap_chart

        own = self.source.value == OWN
        self.course_box.layout.display = "none" if own else None
        self.own_box.layout.display = None if own else "none"
        self._save()
        survey = self.survey()
        self.message.value = error_html(self._notice) if self._notice else ""
        self._notice = ""
        if survey.empty:
            self.readout.value = "<p>No answers yet: add a person's answers with the form.</p>"
            self.table.value = ""
            self.picture.value = ""
            return
        try:
            index = health_index(survey)
        except ValueError as err:
            self.message.value = error_html(str(err))
            return
        people = len(survey)
        self.readout.value = f"<p>Health index: <b>{index:.2f}</b> of 5 ({people} answers).</p>"
        try:
            gaps = perception_gaps(survey)
        except ValueError as err:
            self.table.value = ""
            self.picture.value = ""
            self.message.value = error_html(f"{err}: add answers from both sides to see gaps.")
            return
        self.table.value = gaps.round(2).to_html(classes="gaps", border=0)
        largest = gaps["gap"].idxmax()
        self.readout.value += (
            f"<p>Largest perception gap: <b>{html.escape(largest.replace('_', ' '))}</b> "
            f"({gaps.loc[largest, 'gap']:.2f} points).</p>"
        )
        show_in(self.picture, gap_chart(gaps))

    def _save(self) -> None:
        try:
            self.file.save(
                {
                    "source": self.source.value,
                    "alliance": self.alliance.value,
                    "quarter": int(self.quarter.value),
                    "answers": self.answers,
                }
            )
        except OSError as err:
            self.message.value = error_html(f"Could not save ({err}).")

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
