r"""A check that fails in one plain sentence: no traceback, and still a failure for nbgrader.

A test cell that ends in a plain ``assert`` shows the participant a wall of red: the
traceback, the test's own code, an ``AssertionError``. :class:`CheckFailed` is an
``AssertionError`` (so whatever counts failed assertions still counts it) whose
``_render_traceback_`` gives one plain sentence: IPython shows an exception by that method when
it has one, so the cell's error output holds only the sentence. nbgrader scores a test cell by
whether its output holds an error, so the cell still scores 0.

:func:`require` raises it when a condition does not hold; :func:`require_report` when a
:class:`~toolkit.selfstudy.checks.Report` has a check that did not pass.

Examples
--------
>>> require(3 in range(1, 13), "Give a month from 1 to 12.")
>>> require(13 in range(1, 13), "Give a month from 1 to 12.")
Traceback (most recent call last):
...
toolkit.selfstudy.failed.CheckFailed: Give a month from 1 to 12.
>>> CheckFailed("Not answered yet:\n  the body that decides pricing.")._render_traceback_()
['Not answered yet: the body that decides pricing.']
>>> isinstance(CheckFailed("x"), AssertionError)
True
"""

from __future__ import annotations

__all__ = ["CheckFailed", "require", "require_report"]


class CheckFailed(AssertionError):
    """A part not answered yet, or answered wrong, said in one plain sentence.

    Parameters
    ----------
    sentence : str
        What is not right yet and where to look, in plain words (spaces and line breaks are
        folded into single spaces).
    """

    def __init__(self, sentence: str):
        self.sentence = " ".join(str(sentence).split())
        if not self.sentence:
            msg = "a failed check needs a sentence saying what is not right yet"
            raise ValueError(msg)
        super().__init__(self.sentence)

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of the traceback: the sentence alone."""
        return [self.sentence]


def require(condition, sentence: str) -> None:
    """Raise :class:`CheckFailed` with ``sentence`` unless ``condition`` holds."""
    if not condition:
        raise CheckFailed(sentence)


def require_report(report) -> None:
    """Raise :class:`CheckFailed` unless every check of ``report`` passed.

    The sentence says how many checks passed and the first one that did not, with where to
    look ("1 of 2 checks passed. Not yet: The answer matches the chart. Read the month of the
    first bar.").
    """
    failed = [c for c in report.checks if not c.passed]
    if not failed:
        return
    first = failed[0]
    what = first.what.rstrip(".")
    look = f" {first.look_at}" if first.look_at else ""
    raise CheckFailed(f"{report.summary()} Not yet: {what}.{look}")
