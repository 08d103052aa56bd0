"""The agenda and who decides: each item of the meeting goes to the body that owns its decision.

- :mod:`~toolkit.steering.agenda.model`: the agenda of Constellation's quarterly meeting, its
  governance design and the routing rule;
- :mod:`~toolkit.steering.agenda.widget`: :class:`AgendaRouter`, to send each item to a body,
  beside the decision-rights matrix;
- its picture is the design's decision-rights matrix
  (:func:`toolkit.governance.decision_chart`);
- :mod:`~toolkit.steering.agenda.lesson`: the lesson's check and hints.

Examples
--------
>>> from toolkit.steering import agenda
>>> agenda.route(agenda.constellation_design(), "pricing")
('management', 'owns the decision')
"""

from toolkit._lazy import lazy_names
from toolkit.steering.agenda.model import (
    AGENDA,
    CONSTELLATION_FILE,
    CONSTELLATION_PARTNERS,
    AgendaItem,
    agenda_item,
    by_id,
    constellation_design,
    owners_of,
    route,
    route_agenda,
)

__all__ = [
    "AGENDA",
    "CONSTELLATION_FILE",
    "CONSTELLATION_PARTNERS",
    "AgendaItem",
    "AgendaRouter",
    "agenda_item",
    "by_id",
    "constellation_design",
    "owners_of",
    "route",
    "route_agenda",
]

# the widget (and ipywidgets) load only when first used
__getattr__ = lazy_names(__name__, {"AgendaRouter": "toolkit.steering.agenda.widget"})
