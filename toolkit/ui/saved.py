"""Saving what a student builds, so that nothing is lost on a kernel restart.

Widgets save their state (a governance design, sorted metrics, a survey) as a small JSON
file beside the notebook on every change, and load it again when the cell is re-run. Writes
are atomic (a temporary file, then a rename), so a crash never leaves half a file; a file
that cannot be read is kept aside as ``<name>.damaged`` and the widget starts fresh with an
inline message instead of a traceback.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-answer.json"
>>> save_json(path, {"metric": "revenue", "kind": "lagging"})
>>> load_json(path)
{'metric': 'revenue', 'kind': 'lagging'}
>>> load_json(path.with_name("missing.json"), default={})
{}
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

__all__ = ["StoreError", "load_json", "save_json"]


class StoreError(ValueError):
    """A saved file exists but cannot be read; the message names the file and what was wrong."""


def save_json(path: str | os.PathLike, data) -> None:
    """Write ``data`` as indented JSON to ``path`` atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, ensure_ascii=False)
            handle.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_json(path: str | os.PathLike, default=None, *, keep_damaged: bool = True):
    """Read JSON from ``path``; ``default`` when the file does not exist.

    A file that is not valid JSON raises :class:`StoreError` naming the file, the line and
    the column; with ``keep_damaged`` it is first renamed to ``<name>.damaged`` so that the
    student's next save does not overwrite it.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        if keep_damaged:
            path.replace(path.with_name(path.name + ".damaged"))
        msg = (
            f"{path.name}: not valid JSON at line {err.lineno}, column {err.colno} "
            f"({err.msg}); expected a JSON document"
        )
        raise StoreError(msg) from None
