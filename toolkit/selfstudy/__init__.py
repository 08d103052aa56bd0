"""Studying on your own: honest checks, tiered hints, a progress record and the course outline.

- :mod:`toolkit.selfstudy.checks`: :class:`~toolkit.selfstudy.checks.Report` ("these checks
  passed"), :class:`~toolkit.selfstudy.checks.Hints` and the checks every exercise shares;
- :mod:`toolkit.selfstudy.failed`: :class:`~toolkit.selfstudy.failed.CheckFailed`, a failed
  check shown as one plain sentence (no traceback) that nbgrader still counts as failed;
- :mod:`toolkit.selfstudy.progress`: the student's own progress file;
- :mod:`toolkit.selfstudy.outline`: every lesson and assignment with its exercises;
- :mod:`toolkit.selfstudy.view`: the progress view of the start notebook.
"""

from toolkit._lazy import lazy_names
from toolkit.selfstudy.checks import (
    Check,
    Hint,
    Hints,
    Report,
    answered,
    digest,
    is_blank,
    is_whole,
    matches,
    whole_number,
)
from toolkit.selfstudy.failed import CheckFailed, require, require_report
from toolkit.selfstudy.outline import ASSIGNMENTS, LESSONS, Exercise, Lesson, exercise_ids

__all__ = [
    "ASSIGNMENTS",
    "LESSONS",
    "Check",
    "CheckFailed",
    "Exercise",
    "Hint",
    "Hints",
    "Lesson",
    "ProgressView",
    "Report",
    "answered",
    "digest",
    "exercise_ids",
    "is_blank",
    "is_whole",
    "matches",
    "require",
    "require_report",
    "summary_line",
    "whole_number",
]


# the progress view (and ipywidgets) load only when first used
__getattr__ = lazy_names(
    __name__, {"ProgressView": "toolkit.selfstudy.view", "summary_line": "toolkit.selfstudy.view"}
)
