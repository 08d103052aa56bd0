"""What the course says to a student, in one look: status boxes, inline errors, suggestions.

Every widget, check report, hint and review panel of the course shows its message through
:func:`box`, so the colours, the marks and the screen-reader roles are the same everywhere:

- ``ok`` (green, role ``status``): something worked or a check passed;
- ``error`` (red, role ``alert``): input that could not be used, said in plain words;
- ``info`` (blue, role ``status``): a neutral note;
- ``hint`` (amber, role ``note``): a hint or a warning that does not block anything.

Colour is never the only carrier of meaning: each tone also starts with a word or a mark
when the caller gives one, and the text itself says what happened. Each box brings its own
light background, so its dark text (:data:`TEXT`) keeps AA contrast (at least 4.5:1) in any
JupyterLab theme, light or dark; each border colour keeps at least 3:1 against that
background, and 4.5:1 against white for text in that colour (WCAG 2.1 AA).

Examples
--------
>>> print(box("Saved.", "ok"))
<div role="status" style="border-left:4px solid #276749;background:#f0fff4;...">Saved.</div>
>>> did_you_mean("Sumit", ["Summit", "Delta"])
" Did you mean 'Summit'?"
>>> did_you_mean("xyz", ["Summit", "Delta"])
''
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Iterable, Mapping

__all__ = ["TEXT", "TONES", "Text", "as_sentence", "box", "did_you_mean", "error_html", "info_html"]

#: tone -> (border colour, screen-reader role, background); the course's one message palette
TONES = {
    "ok": ("#276749", "status", "#f0fff4"),
    "error": ("#9b2c2c", "alert", "#fff5f5"),
    "info": ("#2b6cb0", "status", "#ebf8ff"),
    "hint": ("#975a16", "note", "#fffaf0"),
}
#: the colour of a message's text, on every tone's background
TEXT = "#1a202c"


def as_sentence(text: str) -> str:
    """A message as a sentence: a capital first letter and a full stop at its end.

    Messages built from a model's error (``str(err)``) start in lower case and end without a
    stop ("no plan can reach revenue by month 2: ... Choose month 8 or later"); a
    participant reads them as sentences.

    Examples
    --------
    >>> as_sentence("the period holds fewer than 6 months; move them further apart")
    'The period holds fewer than 6 months; move them further apart.'
    >>> as_sentence("✔ Saved."), as_sentence(""), as_sentence("mine.csv, row 3: out of range")
    ('✔ Saved.', '', 'mine.csv, row 3: out of range.')
    """
    text = " ".join(str(text).split())
    if not text:
        return ""
    first = next((i for i, c in enumerate(text) if c.isalpha()), None)
    word = text[first:].split(" ", 1)[0].rstrip(",:;") if first is not None else ""
    if word.isalpha() and all(not c.isalnum() for c in text[:first]):  # not "mine.csv"
        text = text[:first] + text[first].upper() + text[first + 1 :]
    if text[-1] not in ".!?)”\"'":
        text += "."
    return text


def box(content: str, tone: str = "info", *, escape: bool = True, role: str | None = None) -> str:
    """A message in a box with a coloured left border and the tone's screen-reader role.

    Parameters
    ----------
    content : str
        The message; plain text (escaped) unless ``escape`` is False, for HTML built by the
        caller from escaped parts.
    tone : str, optional
        One of :data:`TONES`.
    escape : bool, optional
        Escape ``content`` as HTML (default).
    role : str, optional
        Another screen-reader role than the tone's (a failed check is a ``status``, not an
        ``alert``: it answers the student's own request).
    """
    if tone not in TONES:
        msg = f"unknown tone {tone!r}; use one of {', '.join(TONES)}"
        raise ValueError(msg)
    colour, default_role, background = TONES[tone]
    role = role or default_role
    body = html.escape(content) if escape else content
    return (
        f'<div role="{role}" style="border-left:4px solid {colour};background:{background};'
        f'padding:4px 10px;color:{TEXT}">{body}</div>'
    )


def error_html(text: str) -> str:
    """An inline error for a widget: what was wrong and what to do (never a traceback)."""
    return box(text, "error")


def info_html(text: str, tone: str = "info") -> str:
    """An inline note for a widget (``tone`` ``ok`` for a success)."""
    return box(text, tone)


def did_you_mean(
    word: str, options: Iterable[str] | Mapping[str, str], *, n: int = 3, cutoff: float = 0.5
) -> str:
    """The closest options to a mistyped word, as `` Did you mean 'a' or 'b'?`` (or ``''``).

    Parameters
    ----------
    word : str
        What the student typed.
    options : iterable of str, or mapping
        The valid names; a mapping compares its keys (spellings, labels) and suggests its
        values (the names to type).
    n : int, optional
        How many suggestions at most.
    cutoff : float, optional
        How close a match must be (0 to 1, see :func:`difflib.get_close_matches`).
    """
    candidates = dict(options) if isinstance(options, Mapping) else {o: o for o in options}
    close = difflib.get_close_matches(str(word), list(candidates), n=n, cutoff=cutoff)
    names = list(dict.fromkeys(candidates[c] for c in close))[:n]
    return f" Did you mean {' or '.join(map(repr, names))}?" if names else ""


class Text(str):
    """Markdown that a notebook shows formatted (and ``print`` shows as it is).

    Examples
    --------
    >>> Text("**Your case.**")._repr_markdown_()
    '**Your case.**'
    """

    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)
