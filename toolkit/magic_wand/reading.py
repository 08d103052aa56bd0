"""A simulation in words: the months a lesson states, read from the run beside it.

Examples
--------
>>> from toolkit.magic_wand.model import simulate
>>> print(timeline(simulate(effort=0.8, months=24, sales_cycle=6)))
Joint work starts in month 1. The first deals are registered in month 2; the open pipeline is largest in month 24; the first revenue comes in month 8, and revenue is highest in month 24.
"""  # noqa: E501

from __future__ import annotations

import pandas as pd

from toolkit.ui.sentence import Reading

__all__ = ["timeline"]


def _first(column: pd.Series) -> int | None:
    positive = column[column > 1e-9]
    return int(positive.index[0]) if len(positive) else None


def timeline(run: pd.DataFrame) -> Reading:
    """When the work starts, the first registration, the pipeline's peak and the revenue."""
    start = _first(run["effort"])
    if start is None:
        return Reading("There is no joint work in this simulation, and so no revenue.")
    registered = _first(run["registrations"])
    revenue = _first(run["revenue"])
    said = [f"Joint work starts in month {start}."]
    if registered is None:
        return Reading(f"{said[0]} No deal is registered, and so no revenue comes.")
    said.append(
        f"The first deals are registered in month {registered}; the open pipeline is largest "
        f"in month {int(run['pipeline'].idxmax())};"
    )
    if revenue is None:
        said.append(f"no revenue comes in the {len(run)} months shown.")
    else:
        said.append(
            f"the first revenue comes in month {revenue}, and revenue is highest in month "
            f"{int(run['revenue'].idxmax())}."
        )
    return Reading(" ".join(said))
