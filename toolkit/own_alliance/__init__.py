"""Your own alliance: every lesson's tool applied to the participant's alliance, and a charter.

- :mod:`~toolkit.own_alliance.model`: the alliance as plain data (partners, stage, measures,
  figures, survey answers, actions, RACI, escalation path, meetings, revenue goal) and the
  rules the RACI and the escalation path are checked by;
- :mod:`~toolkit.own_alliance.spreadsheet`: the ``.xlsx`` template and reading it (or CSV)
  back against the published schema, naming every problem by sheet, row and column;
- :mod:`~toolkit.own_alliance.cells`: reading one cell as people fill it in;
- :mod:`~toolkit.own_alliance.analysis`: the scorecard, lag reading, gaps and plan, through
  the lessons' own functions;
- :mod:`~toolkit.own_alliance.charter`: the charter as one printable HTML document;
- :mod:`~toolkit.own_alliance.meetings`: the year's meetings as an ``.ics`` calendar;
- :mod:`~toolkit.own_alliance.lesson`: the workbook's self-check of the charter, and hints;
- :mod:`~toolkit.own_alliance.files`: saving and loading the alliance, and writing
  everything taken home into the participant's own folder;
- :mod:`~toolkit.own_alliance.edits`: pure edits of the alliance, one a control's handler;
- :mod:`~toolkit.own_alliance.widget`: the workbook's parts (notebook 06), thin widgets made
  by one :class:`~toolkit.own_alliance.widget.Workbook` that keeps the alliance in the
  participant's folder.

Nothing here sends anything anywhere, and nothing of it is part of an assignment.

Examples
--------
>>> from toolkit import own_alliance
>>> own_alliance.measure_from_catalogue("sourced_revenue", 600).kind
'lagging'
"""

from toolkit._lazy import lazy_names
from toolkit.own_alliance.analysis import (
    executive_reply,
    figures_table,
    health_gaps,
    joint_plan,
    lag_reading,
    measure_series,
    own_scorecard,
    quarter_actuals,
    survey_table,
)
from toolkit.own_alliance.charter import SECTIONS, charter_html
from toolkit.own_alliance.files import (
    TAKE_HOME,
    AllianceFileError,
    from_dict,
    load,
    save,
    to_dict,
    write_take_home,
)
from toolkit.own_alliance.lesson import check_charter, hint_charter
from toolkit.own_alliance.meetings import calendar_ics
from toolkit.own_alliance.model import (
    ESCALATION_LEVELS,
    QUARTER_VALUES,
    RACI_LETTERS,
    SCORE_DIMENSIONS,
    Action,
    Alliance,
    EscalationStep,
    Measure,
    Meeting,
    Partner,
    PlanGoal,
    default_escalation,
    escalation_findings,
    measure_from_catalogue,
    meeting_calendar,
    meetings_from_design,
    raci_findings,
    raci_from_design,
)
from toolkit.own_alliance.spreadsheet import (
    SCHEMA_PATH,
    SHEETS,
    Problem,
    WorkbookData,
    load_workbook,
    schema,
    write_template,
)

__all__ = [
    "ESCALATION_LEVELS",
    "QUARTER_VALUES",
    "RACI_LETTERS",
    "SCHEMA_PATH",
    "SCORE_DIMENSIONS",
    "SECTIONS",
    "SHEETS",
    "TAKE_HOME",
    "Action",
    "Alliance",
    "AllianceFileError",
    "EscalationStep",
    "Measure",
    "Meeting",
    "Partner",
    "PlanGoal",
    "Problem",
    "Workbook",
    "WorkbookData",
    "calendar_ics",
    "charter_html",
    "check_charter",
    "default_escalation",
    "escalation_findings",
    "executive_reply",
    "figures_table",
    "from_dict",
    "health_gaps",
    "hint_charter",
    "joint_plan",
    "lag_reading",
    "load",
    "load_workbook",
    "measure_from_catalogue",
    "measure_series",
    "meeting_calendar",
    "meetings_from_design",
    "own_scorecard",
    "quarter_actuals",
    "raci_findings",
    "raci_from_design",
    "save",
    "schema",
    "survey_table",
    "to_dict",
    "write_take_home",
    "write_template",
]

# the workbook's widgets (ipywidgets) load only when first used
__getattr__ = lazy_names(__name__, {"Workbook": "toolkit.own_alliance.widget"})
