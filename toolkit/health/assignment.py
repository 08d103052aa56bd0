"""Part 4 of the graded assignment ``reading-the-indicators``: the student's own health check.

The participant reads the health check of one alliance of their portfolio
(:func:`health_check_view`: its health index, each side's average per dimension with the gap,
and the dumbbell chart) and answers two judgements with controls, no code typed:

- where the health index falls among the course's bands (:func:`band_question`, saved in
  ``"health-band.answer.json"``);
- which dimension has the largest perception gap (:func:`gap_question`, saved in
  ``"largest-gap.answer.json"``), the dimensions shown by their plain names.

The visible checks look at whether each part is answered; the instructor's grading decides
whether it is right (:func:`band_of_survey`, :func:`largest_gap_of`), so each report ends with
"these checks passed; your instructor's grading may check more".

Examples
--------
>>> gap_question().options["operational_effectiveness"]
'operational effectiveness'
>>> gap_question().describe("trust")
'You named trust as the dimension with the largest perception gap.'
>>> check_largest_gap("trust").passed, check_largest_gap(None).passed
(True, False)
>>> band_question().describe("healthy")
"Where this health check's index falls: Healthy (3.5 to 4.6)."
>>> bands_within(3.502), bands_within(3.9)
(['typical-low', 'healthy'], ['healthy'])
"""

from __future__ import annotations

import pandas as pd

from toolkit.health.bands import BANDS
from toolkit.health.model import DIMENSIONS, health_index, perception_gaps
from toolkit.selfstudy.checks import Check, Hints, Report, is_blank
from toolkit.ui.answers import OneOf

__all__ = [
    "BAND_FILE",
    "GAP_FILE",
    "answer_band",
    "answer_largest_gap",
    "band_question",
    "bands_within",
    "check_band",
    "check_gaps",
    "check_largest_gap",
    "gap_question",
    "gap_values",
    "health_check_view",
    "hint_gaps",
    "largest_gap_of",
]

#: the answer files of Part 4 (the notebook names them in quotes too)
GAP_FILE = "largest-gap.answer.json"
BAND_FILE = "health-band.answer.json"
#: an index this close to a band's line may be read on either side of it (the widget shows
#: two decimals)
BAND_TOLERANCE = 0.005
_BAND_IDS = ("below-typical", "typical-low", "healthy", "above-typical")


def _plain(dimension: str) -> str:
    return dimension.replace("_", " ")


def gap_question() -> OneOf:
    """Part 4b: the dimension with the largest perception gap, by its plain name."""
    return OneOf(
        "Dimension with the largest perception gap",
        {d: _plain(d) for d in DIMENSIONS},
        sentence="You named {} as the dimension with the largest perception gap",
    )


def _band_name(band) -> str:
    high = f"{band.high:.1f}" if band.high <= 5 else "5.0"
    return f"{band.name[:1].upper()}{band.name[1:]} ({band.low:.1f} to {high})"


def band_question() -> OneOf:
    """Part 4a: where the health index falls among the course's bands (lesson 04)."""
    return OneOf(
        "Where this health check's index falls",
        {key: _band_name(band) for key, band in zip(_BAND_IDS, BANDS, strict=True)},
    )


def answer_largest_gap(case, path: str = GAP_FILE):
    """The control that answers Part 4b for ``case`` (radio buttons, saved in ``path``)."""
    from toolkit.ui.answers import answer_control

    return answer_control(gap_question(), path, variant=case.number)


def answer_band(case, path: str = BAND_FILE):
    """The control that answers Part 4a for ``case`` (radio buttons, saved in ``path``)."""
    from toolkit.ui.answers import answer_control

    return answer_control(band_question(), path, variant=case.number)


def largest_gap_of(survey: pd.DataFrame) -> str:
    """The dimension with the largest perception gap in ``survey`` (what Part 4b asks)."""
    return str(perception_gaps(survey)["gap"].astype(float).idxmax())


def bands_within(index: float, tolerance: float = BAND_TOLERANCE) -> list[str]:
    """The band ids an index may be read in: its own, and a neighbour's when on the line."""
    return [
        key
        for key, band in zip(_BAND_IDS, BANDS, strict=True)
        if band.low - tolerance <= index < band.high + tolerance
    ]


def health_check_view(survey: pd.DataFrame, title: str):
    """The health check of ``survey`` as the participant reads it: index, table and chart.

    Like the lesson's health check widget, it shows the figures and names no answer in words.
    """
    import html

    import ipywidgets as w

    from toolkit.health.chart import gap_chart
    from toolkit.ui.display import frame_html, table_html
    from toolkit.ui.render import chart_widget

    gaps = perception_gaps(survey)
    shown = gaps.drop(columns="higher").astype(float).map(lambda v: f"{v:.2f}")
    shown.index = [_plain(d) for d in shown.index]
    intro = (
        f"<p><b>{html.escape(title)}</b>: {len(survey)} answers. Health index: "
        f"<b>{health_index(survey):.2f}</b> of 5.</p><p>Each side's average score per "
        "dimension (1 to 5), and the gap between them:</p>"
    )
    table = table_html(
        shown,
        frame_html(shown, classes="gaps", border=0),
        label="Perception gaps: each side's average score per dimension, and the gap",
    )
    return w.VBox([w.HTML(intro), w.HTML(table), chart_widget(gap_chart(gaps))])


def check_band(answer) -> Report:
    """Part 4a: a band is picked (whether it is the right one, the grading decides)."""
    checks = [
        Check(
            "You picked where the health index falls",
            not is_blank(answer),
            "Read the health index above against the bands, then pick one of them.",
        )
    ]
    return Report("reading.health-band", checks, hidden_tests=True)


def check_largest_gap(answer) -> Report:
    """Part 4b: one of the six dimensions is picked."""
    text = "" if is_blank(answer) else str(answer).strip().lower().replace(" ", "_")
    checks = [
        Check(
            "You picked a dimension",
            not is_blank(answer),
            "Find the longest line in the chart (or the biggest gap in the table) and pick "
            "its dimension.",
        ),
        Check(
            "It is one of the six dimensions",
            text in DIMENSIONS,
            f"Pick one of: {', '.join(_plain(d) for d in DIMENSIONS)}.",
        ),
    ]
    return Report("reading.largest-gap", checks, hidden_tests=True)


# --- kept for notebooks released before Part 4 was answered with controls ----------------
def gap_values(gaps) -> pd.Series | None:
    """The gap of each dimension in an answer, or None when it holds none.

    The answer may be the table of :func:`~toolkit.health.model.perception_gaps` (its
    ``gap`` column), a Series, or a dictionary ``{dimension: gap}``. Signs do not matter (a
    gap is a distance).

    Examples
    --------
    >>> gap_values({"trust": -0.5, "governance": 0.25}).to_dict()
    {'trust': 0.5, 'governance': 0.25}
    >>> gap_values("trust") is None
    True
    """
    if isinstance(gaps, pd.DataFrame):
        if "gap" not in gaps.columns:
            return None
        gaps = gaps["gap"]
    if isinstance(gaps, dict):
        gaps = pd.Series(gaps, dtype=object)
    if not isinstance(gaps, pd.Series):
        return None
    try:
        values = pd.to_numeric(gaps, errors="raise").astype(float).abs()
    except (TypeError, ValueError):
        return None
    values.index = [str(i).strip().lower().replace(" ", "_") for i in values.index]
    return values


def check_gaps(gaps) -> Report:
    """The gaps table typed as code (notebooks released before the controls)."""
    values = gap_values(gaps)
    checks = [
        Check(
            "The answer holds gaps (use perception_gaps)",
            values is not None,
            "Write it like gaps = perception_gaps(survey).",
        ),
        Check(
            "It has one gap per dimension",
            values is not None and set(values.index) == set(DIMENSIONS),
            "Compute it from the survey of the alliance and quarter asked for.",
        ),
    ]
    return Report("reading.largest-gap", checks, hidden_tests=True)


hint_gaps = Hints(
    "reading.largest-gap",
    [
        "A perception gap is the difference between how the partners rate the same "
        "dimension of the alliance; the health index is the average over the dimensions, "
        "both partners weighted equally.",
        "In the health check above, the table's 'gap' column and the length of each line in "
        "the chart show the gaps; the bands table says what each range of the health index "
        "means.",
        "Worked example with made-up numbers: one side rates trust 4.2 and the other 3.1 (gap "
        "1.1), communication 3.9 and 3.6 (gap 0.3): the largest gap is trust. An index of 3.4 "
        "is typical, below the healthy line (3.2 to 3.5).",
    ],
)
