"""What a health index means: the course's one set of bands, stated once, quoted by every lesson.

A health index (the average of a health check's dimensions, 1 to 5; :func:`health_index`) is
read against two lines that answer two different questions:

- **the typical range**, 3.2 to 4.6 (:data:`TYPICAL`): where practitioners say the averages of
  real health checks usually fall (a rule of thumb, not a research result). Below it, the
  partners rate their work together unusually low; above it, unusually high (worth checking
  that both sides and all roles answered);
- **the portfolio's healthy line**, 3.5 (:data:`HEALTHY`): the course's own line for the
  portfolio call (:mod:`toolkit.steering.portfolio`). At or above it an alliance counts as
  healthy (invest if important, maintain if not); below it as not healthy (fix if important,
  exit or rethink if not).

So an index can be typical and still below the healthy line (3.2 to 3.5): ordinary for an
alliance, but not good enough to leave alone. :data:`BANDS` puts the two lines together, and
:func:`health_reading` says in one sentence what an index means.

Examples
--------
>>> band_of(2.67).name, band_of(3.39).name, band_of(3.9).name
('below the typical range', 'typical, below the healthy line', 'healthy')
>>> print(health_reading(2.666))
A health index of 2.7 of 5: below the typical range (3.2 to 4.6 of 5). For the portfolio it counts as not healthy (below 3.5): fix it if the alliance is important, exit or rethink it if not.
"""  # noqa: E501

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from toolkit.ui.sentence import Reading

__all__ = [
    "BANDS",
    "HEALTHY",
    "TYPICAL",
    "Band",
    "Reading",
    "band_of",
    "bands_table",
    "health_reading",
]

#: where the averages of real health checks usually fall (a practitioners' rule of thumb)
TYPICAL = (3.2, 4.6)
#: the course's line for the portfolio call: at or above it an alliance counts as healthy
HEALTHY = 3.5


@dataclass(frozen=True)
class Band:
    """A band of the health index: from ``low`` (included) to ``high`` (excluded)."""

    name: str
    low: float
    high: float
    meaning: str
    portfolio: str


NOT_HEALTHY = (
    f"not healthy (below {HEALTHY}): fix it if the alliance is important, exit or rethink it if not"
)
IS_HEALTHY = f"healthy ({HEALTHY} or more): invest if the alliance is important, maintain if not"

#: the bands, lowest first
BANDS = (
    Band(
        "below the typical range",
        1.0,
        TYPICAL[0],
        f"below the typical range ({TYPICAL[0]} to {TYPICAL[1]} of 5)",
        NOT_HEALTHY,
    ),
    Band(
        "typical, below the healthy line",
        TYPICAL[0],
        HEALTHY,
        f"in the typical range ({TYPICAL[0]} to {TYPICAL[1]} of 5), in its lower part",
        NOT_HEALTHY,
    ),
    Band(
        "healthy",
        HEALTHY,
        TYPICAL[1],
        f"in the typical range ({TYPICAL[0]} to {TYPICAL[1]} of 5), in its upper part",
        IS_HEALTHY,
    ),
    Band(
        "above the typical range",
        TYPICAL[1],
        5.01,
        f"above the typical range ({TYPICAL[0]} to {TYPICAL[1]} of 5): check that both "
        "partners and all roles answered",
        IS_HEALTHY,
    ),
)


def band_of(index: float) -> Band:
    """The band a health index (1 to 5) falls in.

    Examples
    --------
    >>> band_of(3.5).name, band_of(4.6).name
    ('healthy', 'above the typical range')
    >>> band_of(7)
    Traceback (most recent call last):
    ...
    ValueError: a health index runs from 1 to 5; got 7
    """
    if not 1 <= index <= 5:
        msg = f"a health index runs from 1 to 5; got {index}"
        raise ValueError(msg)
    return next(b for b in BANDS if b.low <= index < b.high)


def health_reading(index: float) -> Reading:
    """One sentence: the index rounded, its band, and what it means for the portfolio call."""
    band = band_of(index)
    return Reading(
        f"A health index of {index:.1f} of 5: {band.meaning}. "
        f"For the portfolio it counts as {band.portfolio}."
    )


def bands_table() -> pd.DataFrame:
    """The bands as a table a participant reads: range, what it means, the portfolio call.

    Examples
    --------
    >>> list(bands_table().columns)
    ['what it means', 'for the portfolio']
    """
    rows = [
        {
            "health index": f"{b.low:.1f} to {min(b.high, 5):.1f}"
            if b.high <= 5
            else f"{b.low:.1f} or more",
            "what it means": b.meaning[:1].upper() + b.meaning[1:],
            "for the portfolio": b.portfolio[:1].upper() + b.portfolio[1:],
        }
        for b in BANDS
    ]
    return pd.DataFrame(rows).set_index("health index")
