"""The student's progress view: every lesson and exercise with its status.

Statuses come from the local progress file (:mod:`toolkit.selfstudy.progress`) and the list
of exercises from the course outline (:mod:`toolkit.selfstudy.outline`). The view refreshes
by itself whenever a check runs in the same kernel, and shows the saved record after a restart.
Nothing leaves the machine.

Examples
--------
>>> import os, tempfile
>>> os.environ["ALLIANCE_COURSE_HOME"] = tempfile.mkdtemp()
>>> summary_line().startswith("0 of ")
True
>>> table()[["exercise", "status"]].iloc[0].tolist()
['When does the first revenue appear?', 'not started']
>>> del os.environ["ALLIANCE_COURSE_HOME"]
"""

from __future__ import annotations

import html
import weakref

import ipywidgets as w
import pandas as pd

from toolkit.selfstudy import outline, progress

__all__ = ["ProgressView", "summary_line", "table"]

_COLOUR = {
    progress.NOT_STARTED: "#718096",
    progress.ATTEMPTED: "#b7791f",
    progress.PASSED: "#276749",
}
_MARK = {progress.NOT_STARTED: "○", progress.ATTEMPTED: "◐", progress.PASSED: "●"}


def table() -> pd.DataFrame:
    """One row per exercise of the course: where it is, its title, its status and attempts."""
    record = progress.load()
    rows = []
    for kind, lessons in (("lesson", outline.LESSONS), ("assignment", outline.ASSIGNMENTS)):
        for lesson in lessons:
            for ex in lesson.exercises:
                entry = record.get(ex.id, {})
                rows.append(
                    {
                        "kind": kind,
                        "notebook": lesson.notebook,
                        "lesson": lesson.title,
                        "exercise": ex.title,
                        "id": ex.id,
                        "status": entry.get("status", progress.NOT_STARTED),
                        "attempts": int(entry.get("attempts", 0)),
                    }
                )
    return pd.DataFrame(
        rows, columns=["kind", "notebook", "lesson", "exercise", "id", "status", "attempts"]
    )


def summary_line() -> str:
    """One sentence for the start notebook: how many exercises passed and were tried."""
    t = table()
    passed = int((t["status"] == progress.PASSED).sum())
    tried = int((t["status"] == progress.ATTEMPTED).sum())
    return (
        f"{passed} of {len(t)} exercises have passed their checks, {tried} more attempted "
        f"(saved in {progress.progress_file()})."
    )


def _html() -> str:
    t = table()
    parts = [f"<p><b>{html.escape(summary_line())}</b></p>"]
    for lesson, rows in t.groupby("lesson", sort=False):
        items = "".join(
            f'<li style="color:{_COLOUR[r.status]}">{_MARK[r.status]} '
            f"{html.escape(r.exercise)} — {html.escape(r.status)}</li>"
            for r in rows.itertuples()
        )
        parts.append(
            f"<div><i>{html.escape(lesson)}</i> ({html.escape(rows.notebook.iloc[0])})"
            f"<ul style='margin:2px 0 8px 0;list-style:none'>{items}</ul></div>"
        )
    return "".join(parts)


class ProgressView(w.VBox):
    """A widget listing every lesson and exercise: not started / attempted / checks passed."""

    def __init__(self):
        super().__init__()
        self.panel = w.HTML()
        self.refresh_button = w.Button(description="Refresh", icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.children = [self.panel, self.refresh_button]
        ref = weakref.WeakMethod(self.refresh)  # a re-run cell's old view is let go
        progress.on_change(lambda _exercise, _status: ref() and ref()())
        self.refresh()

    def refresh(self) -> None:
        """Read the progress file again and redraw."""
        self.panel.value = _html()
