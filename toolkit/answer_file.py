"""The JSON file beside a notebook in which a widget keeps a student's answers.

Every widget of the indicator lessons saves what the student did on each change and reads it
back when its cell runs again (after a kernel restart too), so nothing is lost, and the graded
exercises read the same file. A file that cannot be read is kept aside by
:func:`toolkit.store.load_json` and the widget starts fresh with an inline message.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> answers = AnswerFile(folder / "my-answers.json", kind="demo")
>>> answers.load({"n": 0})
{'n': 0}
>>> answers.save({"n": 1})
>>> AnswerFile(folder / "my-answers.json", kind="demo").load({})
{'n': 1}
"""

from __future__ import annotations

import html
from pathlib import Path

from toolkit.store import StoreError, load_json, save_json

__all__ = ["AnswerFile", "error_html", "info_html"]


def error_html(text: str) -> str:
    """An inline error message for a widget (never a traceback)."""
    return (
        '<div role="alert" style="border-left:4px solid #c53030;padding:2px 8px;color:#742a2a">'
        f"{html.escape(text)}</div>"
    )


def info_html(text: str, colour: str = "#2b6cb0") -> str:
    """An inline note for a widget."""
    return (
        f'<div role="status" style="border-left:4px solid {colour};padding:2px 8px">'
        f"{html.escape(text)}</div>"
    )


class AnswerFile:
    """One widget's answers on disk: ``{"kind": ..., "data": ...}`` in a JSON file."""

    def __init__(self, path: str | Path, *, kind: str):
        self.path = Path(path)
        self.kind = kind
        self.problem = ""  # why the last load started fresh, for the widget to show

    def load(self, default):
        """The saved data, or ``default`` when there is none or it cannot be read."""
        self.problem = ""
        try:
            content = load_json(self.path, None)
        except StoreError as err:
            self.problem = f"{err}. Your earlier answers were kept aside; starting fresh."
            return default
        if content is None:
            return default
        if not isinstance(content, dict) or content.get("kind") != self.kind:
            self.problem = (
                f"{self.path.name} does not hold {self.kind} answers; starting fresh "
                "(the file is left as it is until you make a change)."
            )
            return default
        return content.get("data", default)

    def save(self, data) -> None:
        """Write the data (atomically)."""
        save_json(self.path, {"kind": self.kind, "data": data})
