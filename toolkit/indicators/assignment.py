"""Visible checks, answer controls and hints of the graded assignment ``reading-the-indicators``.

Every student works on a portfolio of their own (:func:`my_case`, a variant of
:mod:`toolkit.indicators.variants`) and answers every automatic part with a widget, no code
typed:

1. the metrics are sorted in the :class:`~toolkit.indicators.widget.MetricSorter`;
2. the lag is read in the lag explorer on the student's own alliance (:func:`lag_explorer`)
   and given in a number box (:func:`answer_lag`, saved in ``"revenue-lag.answer.json"``);
3. the alliances whose revenue will fall are ticked by name (:func:`answer_falling`, saved in
   ``"falling-revenue.answer.json"``);
4. the health check's judgements (:mod:`toolkit.health.assignment`).

The checks here look only at whether each part is answered (and, for the lag, whether it is
sensible); whether it is right is decided by the instructor's grading, so each report ends with
"these checks passed; your instructor's grading may check more". The hints go from a nudge to
a worked example on *other* alliances and metrics, so none gives an answer away.

Examples
--------
>>> print(check_lag(None))
1 of 2 checks passed.
  ✘ You gave the lag in the box under the explorer — Type a whole number of months in the box and press Enter.
  ✔ Revenue does not follow at once
>>> check_lag(4).passed
True
>>> check_falling(["Atlas"], ["Atlas", "Beacon", "Comet"]).passed
True
"""  # noqa: E501

from __future__ import annotations

from pathlib import Path

from toolkit import data
from toolkit.indicators.model import BY_NAME, MAX_LAG, load_answers
from toolkit.selfstudy.checks import Check, Hints, Report, is_whole
from toolkit.ui.answers import Number, SeveralOf

__all__ = [
    "ASSIGNMENT_METRICS",
    "EXPLORER_FILE",
    "FALLING_FILE",
    "LAG_FILE",
    "SORTING_FILE",
    "answer_falling",
    "answer_lag",
    "check_classify",
    "check_falling",
    "check_lag",
    "describe_sorting",
    "falling_question",
    "hint_classify",
    "hint_falling",
    "hint_lag",
    "lag_explorer",
    "lag_question",
    "my_case",
]

#: the answer files of Parts 2 and 3, and the explorer's settings (the notebook names them in
#: quotes too: course-admin collects the files a notebook names)
LAG_FILE = "revenue-lag.answer.json"
FALLING_FILE = "falling-revenue.answer.json"
EXPLORER_FILE = "my-lag-reading.json"


def my_case():
    """The student's own portfolio (their variant; the practice one when no id is known)."""
    from toolkit.indicators.variants import VARIANTS

    return VARIANTS.mine()


# the metrics part 1 asked to classify before every student had a variant (kept for the
# notebooks released then), and the file the sorter saves them in
ASSIGNMENT_METRICS = (
    "joint_account_plans",
    "win_rate",
    "pipeline_value",
    "renewal_rate",
    "accounts_mapped",
    "avg_deal_size",
    "governance_on_cadence",
    "influenced_revenue",
)
SORTING_FILE = "my-indicator-sorting.json"


def describe_sorting(path: str | Path = SORTING_FILE, metrics=ASSIGNMENT_METRICS) -> str:
    """Part 1 in words: how each metric was sorted (for the check cell and the instructor).

    Examples
    --------
    >>> describe_sorting("no-such-file.json", ["win_rate"])
    'Not answered yet: none of the 1 metrics is sorted in the sorter.'
    """
    answers = load_answers(path)
    done = [f"{BY_NAME[m].label} as {answers[m]}" for m in metrics if m in answers]
    if not done:
        return f"Not answered yet: none of the {len(metrics)} metrics is sorted in the sorter."
    return f"You sorted {len(done)} of {len(metrics)} metrics: " + "; ".join(done) + "."


def check_classify(path: str | Path = SORTING_FILE, metrics=ASSIGNMENT_METRICS) -> Report:
    """Part 1: every metric to sort is sorted in the widget (read from its answer file)."""
    answers = load_answers(path)
    missing = [m for m in metrics if m not in answers]
    checks = [
        Check(
            f"Your sorting is saved in {Path(path).name}",
            bool(answers),
            "Run the sorter cell and click Leading or Lagging for each metric.",
        ),
        Check(
            f"All {len(metrics)} metrics are sorted",
            not missing,
            f"{len(missing)} still to sort.",
        ),
    ]
    return Report("reading.classify", checks, hidden_tests=True)


# --- Part 2: the lag ------------------------------------------------------------------
def lag_question(case) -> Number:
    """Part 2: by how many months ``case``'s lag alliance's revenue follows its registrations."""
    return Number(
        f"Months {case.lag_alliance}'s revenue follows its deal registrations",
        unit="months",
        low=0,
        high=MAX_LAG,
    )


def lag_explorer(case, path: str = EXPLORER_FILE):
    """The lag explorer on the student's own portfolio, open at Part 2's alliance."""
    from toolkit.indicators.widget import LagExplorer

    return LagExplorer(case.lag_alliance, source=case, path=path)


def answer_lag(case, path: str = LAG_FILE):
    """The number box that answers Part 2 (saved in ``path`` for ``case``'s variant)."""
    from toolkit.ui.answers import answer_control

    return answer_control(lag_question(case), path, variant=case.number)


def check_lag(value) -> Report:
    """Part 2: a lag is given (the box takes whole months from 0 to 12), and it is not 0."""
    given = is_whole(value)
    checks = [
        Check(
            "You gave the lag in the box under the explorer",
            given,
            "Type a whole number of months in the box and press Enter.",
        ),
        Check(
            "Revenue does not follow at once",
            not given or value > 0,
            "Registered deals still go through a sales cycle: read the explorer's sentence.",
        ),
    ]
    return Report("reading.lag", checks, hidden_tests=True)


# --- Part 3: the alliances whose revenue will fall -------------------------------------
def falling_question(case) -> SeveralOf:
    """Part 3: the alliances of ``case``'s portfolio, ticked by name."""
    names = case.alliance_names()
    return SeveralOf(
        "Alliances whose revenue will fall next year",
        {n: n for n in names},
        sentence="You named {} as the alliances whose revenue will fall next year",
    )


def answer_falling(case, path: str = FALLING_FILE):
    """The check boxes that answer Part 3 (saved in ``path`` for ``case``'s variant)."""
    from toolkit.ui.answers import answer_control

    return answer_control(falling_question(case), path, variant=case.number)


def check_falling(names, alliances=None) -> Report:
    """Part 3: at least one alliance of the portfolio is ticked, and not all of them.

    ``alliances`` are the names to choose from (default: the course data's alliances).
    """
    known = list(alliances or data.alliance_names())
    ticked = isinstance(names, list | tuple)
    picked = {n for n in names if n in known} if ticked else set()
    checks = [
        Check(
            "You ticked the alliances in the list",
            ticked,
            "Tick each alliance whose revenue will fall; the answer is saved as you tick.",
        ),
        Check(
            "You ticked at least one alliance, and not all of them",
            0 < len(picked) < len(known),
            "Tick the alliances whose leading indicators have fallen, and only those.",
        ),
    ]
    return Report("reading.falling", checks, hidden_tests=True)


hint_classify = Hints(
    "reading.classify",
    [
        "For each metric ask: does it count joint work the partners can do this month, or a "
        "result that comes out of work done months ago?",
        "Activities, enablement and pipeline come before a deal closes, so they lead; money "
        "received, deals won and how customers feel about what they bought come after, so "
        "they lag. Read each metric's definition in the widget before you click.",
        "Worked example with metrics that are not in the assignment: 'partner webinars held' "
        "counts work done now, so it leads; 'support tickets per customer' measures what "
        "happened after a sale, so it lags.",
    ],
)

hint_lag = Hints(
    "reading.lag",
    [
        "Revenue follows the joint work by some months: compare the two series shifted by "
        "0, 1, 2, … 12 months and see where they line up best.",
        "The explorer above does the shifting for you (quarter rhythm taken out, changes "
        "compared): keep both recommended boxes ticked and the whole period, and read the "
        "sentence above the charts and the dark bar.",
        "Worked example from lesson 03: in the course data's explorer, Summit's registrations "
        "and revenue read 'follows ... by about 3 months (clear ...)', and the dark bar stands "
        "at 3: a question about Summit would be answered with 3 months.",
    ],
)

hint_falling = Hints(
    "reading.falling",
    [
        "Revenue is lagging: today's revenue tells you about work done long ago. Look at "
        "what the leading columns did recently.",
        "In the table, look for alliances whose leading indicators dropped sharply over the "
        "last 6 months, whatever their revenue column says today.",
        "Worked example with made-up numbers: if alliance 'Zeta' shows sourced_revenue +8 % "
        "but deal registrations -55 % and pipeline -40 %, its revenue will fall once its "
        "sales cycle has passed, so you would tick Zeta.",
    ],
)
