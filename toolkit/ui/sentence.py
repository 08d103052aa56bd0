"""A sentence built from the data, as a lesson shows it beside the numbers it states.

Lessons state figures in sentences computed from the data (never typed into the text), so a
regenerated data set cannot leave a stale number behind. Such a sentence is a
:class:`Reading`: a ``str`` that a notebook shows as plain text, without quotes.

Examples
--------
>>> Reading("The first revenue comes in month 8.")
The first revenue comes in month 8.
"""

from __future__ import annotations

__all__ = ["Reading"]


class Reading(str):
    """A sentence about the data; shown in a notebook as plain text, without quotes."""

    def __repr__(self) -> str:
        return str(self)
