"""Saving what a student builds, so that nothing is lost on a kernel restart.

Widgets save their state (a governance design, sorted metrics, a survey, slider settings) as
a small JSON file beside the notebook on every change, and load it again when the cell is
re-run; the progress record is saved the same way. Writes are atomic (a temporary file, then
a rename), so a crash never leaves half a file. A saved file that cannot be used (not JSON, or
JSON that no longer fits) is never overwritten or dropped: it is kept aside as
``<name>.damaged`` (``<name>.damaged-2`` and so on when one is there already), and the caller
gets a message naming the kept file, which the widget shows inline.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my-answer.json"
>>> save_json(path, {"metric": "revenue", "kind": "lagging"})
>>> load_json(path)
{'metric': 'revenue', 'kind': 'lagging'}
>>> load_json(path.with_name("missing.json"), default={})
{}
>>> answers = AnswerFile(path.with_name("my-answers.json"), kind="demo")
>>> answers.load({"n": 0})
{'n': 0}
>>> answers.save({"n": 1})
>>> AnswerFile(path.with_name("my-answers.json"), kind="demo").load({})
{'n': 1}
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["AnswerFile", "StoreError", "keep_aside", "load_json", "load_saved", "save_json"]


class StoreError(ValueError):
    """A saved file exists but cannot be read; the message names the file and what was wrong."""


def save_json(path: str | os.PathLike, data) -> None:
    """Write ``data`` as indented JSON to ``path`` atomically."""
    _write(Path(path), _as_json(data))


def _as_json(data) -> str:
    """``data`` as the text :func:`save_json` writes."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _stamp(path: Path) -> tuple | None:
    """What tells one version of the file from another (each atomic write is a new file)."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def keep_aside(path: str | os.PathLike) -> Path:
    """Rename a saved file that cannot be used to ``<name>.damaged`` and return the new path.

    An earlier kept file is never overwritten: the next one is ``<name>.damaged-2``, then
    ``-3`` and so on.
    """
    path = Path(path)
    aside = path.with_name(path.name + ".damaged")
    number = 2
    while aside.exists():
        aside = path.with_name(f"{path.name}.damaged-{number}")
        number += 1
    path.replace(aside)
    return aside


def load_json(path: str | os.PathLike, default=None, *, keep_damaged: bool = True):
    """Read JSON from ``path``; ``default`` when the file does not exist.

    A file that is not valid JSON raises :class:`StoreError` naming the file, the line and
    the column; with ``keep_damaged`` it is first kept aside (:func:`keep_aside`) so that the
    student's next save does not overwrite it.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return default
    except (OSError, UnicodeDecodeError) as err:
        msg = f"{path.name}: cannot be read ({err}); expected a JSON text file"
        raise StoreError(msg) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        if keep_damaged:
            keep_aside(path)
        msg = (
            f"{path.name}: not valid JSON at line {err.lineno}, column {err.colno} "
            f"({err.msg}); expected a JSON document"
        )
        raise StoreError(msg) from None


def load_saved(path: str | os.PathLike, parse: Callable, default):
    """Load a saved file and turn it into what the caller keeps, or keep it aside.

    Parameters
    ----------
    path : path-like
        The saved file.
    parse : callable
        Turns the file's JSON content into the caller's value; raises ``ValueError`` (or
        ``TypeError``/``KeyError``) with a plain message when the content does not fit.
    default
        What to use when there is no file, or when it cannot be used.

    Returns
    -------
    tuple
        ``(value, problem)``: ``problem`` is ``""`` when the file was used or missing, else a
        sentence for the student naming the file kept aside.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "my-count.json"
    >>> _ = path.write_text('{"n": "many"}')
    >>> def parse(content):
    ...     return int(content["n"])
    >>> value, problem = load_saved(path, parse, 0)
    >>> value, problem.startswith("Your saved file my-count.json could not be used")
    (0, True)
    >>> sorted(p.name for p in path.parent.iterdir())
    ['my-count.json.damaged']
    """
    path = Path(path)
    try:
        content = load_json(path, None)
    except StoreError as err:
        return default, (
            f"Your saved file could not be read ({err}); it was kept as "
            f"{path.name}.damaged and you start afresh."
        )
    if content is None:
        return default, ""
    try:
        return parse(content), ""
    except (ValueError, TypeError, KeyError, AttributeError) as err:
        aside = keep_aside(path)
        return default, (
            f"Your saved file {path.name} could not be used ({err}); it was kept as "
            f"{aside.name} and you start afresh."
        )


class AnswerFile:
    """One widget's answers on disk: ``{"kind": ..., "data": ...}`` in a JSON file.

    Parameters
    ----------
    path : path-like
        The file beside the notebook.
    kind : str
        What the file holds (``"lag-explorer"``, ...); a file of another kind is kept aside,
        never overwritten.
    """

    def __init__(self, path: str | os.PathLike, *, kind: str):
        self.path = Path(path)
        self.kind = kind
        self.problem = ""  # why the last load started afresh, for the widget to show
        self._on_disk: tuple | None = None  # (the file's stamp, its text) as last read or written

    def load(self, default, parse: Callable | None = None):
        """The saved data (through ``parse`` when given), or ``default``; see :func:`load_saved`."""
        read = {}

        def unwrap(content):
            if not isinstance(content, dict) or content.get("kind") != self.kind:
                msg = f"it does not hold {self.kind} answers"
                raise ValueError(msg)
            read["content"] = content
            data = content.get("data", default)
            return parse(data) if parse else data

        stamp = _stamp(self.path)  # before reading: a file changed since is never taken as read
        value, self.problem = load_saved(self.path, unwrap, default)
        used = stamp is not None and "content" in read and not self.problem
        self._on_disk = (stamp, _as_json(read["content"])) if used else None
        return value

    def peek(self, default):
        """The saved data, or ``default``, without keeping anything aside (for checks)."""
        try:
            content = load_json(self.path, None, keep_damaged=False)
        except StoreError:
            return default
        if not isinstance(content, dict) or content.get("kind") != self.kind:
            return default
        return content.get("data", default)

    def save(self, data) -> None:
        """Write the data (atomically), unless the file holds exactly this already.

        A widget saves whenever it shows something new, and on the way up it shows what it
        read: the file is written only when its text would change, or when it is not the
        version this widget last read or wrote (another widget may have written it since).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> answers = AnswerFile(pathlib.Path(tempfile.mkdtemp()) / "my-count.json", kind="count")
        >>> answers.save(3)
        >>> stamp = answers.path.stat().st_ino
        >>> again = AnswerFile(answers.path, kind="count")
        >>> again.load(0)
        3
        >>> again.save(3)  # what it read: the file is not written again
        >>> answers.path.stat().st_ino == stamp
        True
        >>> again.save(4)
        >>> answers.path.stat().st_ino == stamp, AnswerFile(answers.path, kind="count").load(0)
        (False, 4)
        """
        text = _as_json({"kind": self.kind, "data": data})
        if self._on_disk is not None and self._on_disk == (_stamp(self.path), text):
            return
        _write(self.path, text)
        self._on_disk = (_stamp(self.path), text)
