"""Where the toolkit's old import paths went, so notebooks released to a cohort keep working.

The toolkit used to be some fifteen flat modules (``toolkit.metrics``, ``toolkit.charts``,
``toolkit.reading_checks``, ...). It now has one folder per concept (the steering committee's
six concepts too, whose widgets, charts and lesson checks were modules of
``toolkit.steering``; the indicators' two widgets too, once ``sorter.py`` and
``explorer.py``). Student notebooks released before the move import the old paths; they
keep working for the cohort that has them: each old module is made on import from
:data:`MOVED`, and each of its names is the very object at its new home (a hint given through
the old name counts on the new one). Looking a name up through an old path issues a
``PendingDeprecationWarning`` that names the new home (silent in a student's notebook, shown by
the test suite); ``help()`` on an old module lists every move.

Remove this module, and the names in :data:`RENAMED`, once no released notebook uses them.

Examples
--------
>>> import warnings
>>> warnings.simplefilter("ignore", PendingDeprecationWarning)
>>> import toolkit.metrics
>>> from toolkit.indicators.lags import lag_correlations
>>> toolkit.metrics.lag_correlations is lag_correlations
True
>>> new_home("toolkit.reading_checks", "lag_report")
'toolkit.indicators.assignment.check_lag'
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings

__all__ = ["MOVED", "RENAMED", "install", "new_home", "resolve"]


def _names(module: str, *names: str) -> dict[str, str]:
    return dict.fromkeys(names, module)


#: old module -> {old name: "new.module" or "new.module:new_name"}
MOVED: dict[str, dict[str, str]] = {
    "toolkit.charts": _names(
        "toolkit.ui.render",
        "DEFERRED_MIME",
        "RENDERER",
        "chart_widget",
        "describe",
        "enable_offline",
        "render_deferred",
        "renderer_name",
        "show_in",
        "to_svg",
    ),
    "toolkit.store": _names("toolkit.ui.saved", "StoreError", "load_json", "save_json"),
    "toolkit.answer_file": {
        "AnswerFile": "toolkit.ui.saved",
        "error_html": "toolkit.ui.messages",
        "info_html": "toolkit.ui.messages",
    },
    "toolkit.checks": _names(
        "toolkit.selfstudy.checks",
        "ALL_VISIBLE_NOTE",
        "PASSED_NOTE",
        "Check",
        "Hint",
        "Hints",
        "Report",
        "digest",
        "is_blank",
        "matches",
    ),
    "toolkit.progress": _names(
        "toolkit.selfstudy.progress",
        "ATTEMPTED",
        "NOT_STARTED",
        "PASSED",
        "load",
        "on_change",
        "progress_file",
        "record",
        "status_of",
    ),
    "toolkit.course": _names(
        "toolkit.selfstudy.outline", "ASSIGNMENTS", "LESSONS", "Exercise", "Lesson", "exercise_ids"
    ),
    "toolkit.progress_view": _names(
        "toolkit.selfstudy.view", "ProgressView", "summary_line", "table"
    ),
    # the generator's names (PROFILES, build, ...) are the instructor package's now
    "toolkit.datagen": {
        "DATASETS": "toolkit.data.loaders",
        "DIMENSIONS": "toolkit.health.model",
        "ITEMS": "toolkit.health.model",
    },
    "toolkit.catalogue": _names(
        "toolkit.indicators.catalogue", "KINDS", "METRICS", "PERSPECTIVES", "Metric"
    ),
    "toolkit.metrics": {
        "catalog": "toolkit.indicators.catalogue:catalogue",
        **_names("toolkit.indicators.catalogue", "kind_of", "metric_name"),
        # best_lag now returns a reading; released notebooks expect the number of months
        "best_lag": "toolkit.indicators.lags:lag_in_months",
        "lag_correlations": "toolkit.indicators.lags",
        "indicator_trends": "toolkit.indicators.trends",
        **_names(
            "toolkit.scorecard.model",
            "DEFAULT_TARGETS",
            "LOWER_IS_BETTER",
            "STOCKS",
            "quarter_actuals",
            "rag",
            "scorecard",
            "scorecard_findings",
        ),
        **_names(
            "toolkit.health.model",
            "dimension_scores",
            "health_index",
            "item_columns",
            "perception_gaps",
        ),
    },
    "toolkit.simulator": _names(
        "toolkit.magic_wand.model",
        "Scenario",
        "first_revenue_month",
        "simulate",
        "simulate_scenario",
    ),
    "toolkit.metric_charts": {
        "lag_chart": "toolkit.indicators.chart",
        "correlation_chart": "toolkit.indicators.chart",
        "scorecard_chart": "toolkit.scorecard.chart",
        "STATUS_COLOURS": "toolkit.scorecard.chart",
        "gap_chart": "toolkit.health.chart",
        "pipeline_chart": "toolkit.magic_wand.chart",
    },
    "toolkit.metric_sorter": {
        "MetricSorter": "toolkit.indicators.widget",
        **_names("toolkit.indicators.model", "feedback", "load_answers", "score"),
    },
    "toolkit.lag_explorer": {
        "LagExplorer": "toolkit.indicators.widget",
        **_names("toolkit.indicators.model", "ExplorerState", "explore"),
    },
    "toolkit.health_check": {
        "HealthCheck": "toolkit.health.widget",
        "check_answer": "toolkit.health.model",
        "survey_from_answers": "toolkit.health.model",
    },
    "toolkit.intro": {
        "first_look": "toolkit.magic_wand.widget",
        "first_revenue_chart": "toolkit.magic_wand.chart",
        "first_revenue_table": "toolkit.magic_wand.model",
        "check_first_revenue_month": "toolkit.magic_wand.lesson",
        "hint": "toolkit.magic_wand.lesson:hint_first_revenue_month",
    },
    "toolkit.indicator_exercises": {
        **_names(
            "toolkit.magic_wand.lesson",
            "FIRST_REVENUE",
            "check_first_revenue",
            "hint_first_revenue",
        ),
        **_names(
            "toolkit.indicators.lesson",
            "LAG",
            "check_sorting",
            "hint_sorting",
        ),
        # the released lesson asked for Northwind's lag; the lesson now asks for another
        "check_best_lag": "toolkit.indicators.lesson:check_northwind_lag",
        "hint_best_lag": "toolkit.indicators.lesson:hint_northwind_lag",
        **_names("toolkit.scorecard.lesson", "check_scorecard", "hint_scorecard"),
        **_names("toolkit.health.lesson", "GAP", "check_largest_gap", "hint_largest_gap"),
    },
    "toolkit.reading_checks": {
        **_names("toolkit.indicators.assignment", "ASSIGNMENT_METRICS", "SORTING_FILE"),
        "sorting_report": "toolkit.indicators.assignment:check_classify",
        "lag_report": "toolkit.indicators.assignment:check_lag",
        "falling_report": "toolkit.indicators.assignment:check_falling",
        "gaps_report": "toolkit.health.assignment:check_gaps",
        "largest_gap_report": "toolkit.health.assignment:check_largest_gap",
    },
    "toolkit.assignment_hints": {
        **_names("toolkit.governance.assignment", "hint_case", "hint_owners", "hint_repair"),
        **_names("toolkit.indicators.assignment", "hint_classify", "hint_falling", "hint_lag"),
        "hint_gaps": "toolkit.health.assignment",
    },
    # the steering committee in concept folders (agenda, decisions, escalation, dashboard, plan,
    # portfolio), each with model, chart, widget and lesson; one widget name, widget.py
    "toolkit.governance.builder": _names("toolkit.governance.widget", "GovernanceBuilder"),
    "toolkit.steering.router": _names("toolkit.steering.agenda.widget", "AgendaRouter"),
    "toolkit.steering.voting": _names("toolkit.steering.decisions.widget", "DecisionRules"),
    "toolkit.steering.walker": _names("toolkit.steering.escalation.widget", "EscalationWalk"),
    "toolkit.steering.board": _names("toolkit.steering.dashboard.widget", "SteeringDashboard"),
    "toolkit.steering.planner": _names("toolkit.steering.plan.widget", "BusinessPlanner"),
    "toolkit.steering.portfolio_map": _names("toolkit.steering.portfolio.widget", "PortfolioMap"),
    # the indicators' two widgets in widget.py, the model code they held in model.py
    "toolkit.indicators.sorter": {
        "MetricSorter": "toolkit.indicators.widget",
        "DEFAULT_FILE": "toolkit.indicators.model:SORTER_FILE",
        **_names(
            "toolkit.indicators.model",
            "BY_NAME",
            "KIND",
            "feedback",
            "load_answers",
            "parse_answers",
            "score",
        ),
    },
    "toolkit.indicators.explorer": {
        **_names("toolkit.indicators.widget", "LagExplorer", "parse_saved"),
        "DEFAULT_FILE": "toolkit.indicators.widget:EXPLORER_FILE",
        **_names(
            "toolkit.indicators.model",
            "LABELS",
            "LAGGING",
            "LEADING",
            "MAX_LAG",
            "ExplorerState",
            "explore",
        ),
    },
    "toolkit.steering.chart": {
        **_names("toolkit.steering.dashboard.chart", "trend_chart"),
        **_names("toolkit.steering.escalation.chart", "escalation_chart"),
        **_names(
            "toolkit.steering.decisions.chart", "OUTCOME_COLOURS", "chance_chart", "outcomes_chart"
        ),
        **_names("toolkit.steering.plan.chart", "plan_chart"),
        **_names("toolkit.steering.portfolio.chart", "CALL_COLOURS", "portfolio_chart"),
    },
    "toolkit.steering.lesson": {
        **_names(
            "toolkit.steering.dashboard.lesson", "DISCUSS", "check_discussion", "hint_discussion"
        ),
        **_names("toolkit.steering.agenda.lesson", "check_agenda", "hint_agenda"),
        **_names(
            "toolkit.steering.escalation.lesson",
            "ESCALATION_ISSUE",
            "check_escalation",
            "hint_escalation",
        ),
        **_names("toolkit.steering.decisions.lesson", "check_blocked", "hint_blocked"),
        **_names("toolkit.steering.plan.lesson", "PLAN", "PLAN_MOST", "check_plan", "hint_plan"),
        **_names(
            "toolkit.steering.portfolio.lesson",
            "PORTFOLIO_ALLIANCES",
            "check_portfolio",
            "hint_portfolio",
        ),
    },
}

#: names renamed inside modules that kept their path: module -> {old name: new name}
RENAMED: dict[str, dict[str, str]] = {
    "toolkit.governance.lesson": {"sponsor_hint": "hint_sponsor", "case_hint": "hint_case"},
    "toolkit.data": {"catalog_table": "catalogue_file"},
}


def new_home(module: str, name: str) -> str:
    """The full new dotted name of an old ``module.name``."""
    if module in RENAMED and name in RENAMED[module]:
        return f"{module}.{RENAMED[module][name]}"
    target = MOVED[module][name]
    home, _, new_name = target.partition(":")
    return f"{home}.{new_name or name}"


def resolve(module: str, name: str):
    """The object an old ``module.name`` stands for (with a warning naming its new home)."""
    table = {**MOVED.get(module, {}), **RENAMED.get(module, {})}
    if name not in table:
        msg = f"module {module!r} has no attribute {name!r}"
        raise AttributeError(msg)
    where = new_home(module, name)
    home, _, attribute = where.rpartition(".")
    warnings.warn(
        f"{module}.{name} has moved to {where}; the old name works for the current cohort only",
        PendingDeprecationWarning,
        stacklevel=3,
    )
    return getattr(importlib.import_module(home), attribute)


class _OldModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Makes each old module of :data:`MOVED` on import, as thin re-exports."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname in MOVED:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return None  # the default module object

    def exec_module(self, module):
        name = module.__name__
        moves = "\n".join(
            f"- ``{old}`` -> ``{new_home(name, old)}``" for old in sorted(MOVED[name])
        )
        module.__doc__ = (
            f"Moved: ``{name}`` is kept for notebooks released before the toolkit was "
            f"arranged by concept. Every name now lives elsewhere:\n\n{moves}\n"
        )
        module.__all__ = sorted(MOVED[name])
        module.__getattr__ = lambda attribute: resolve(name, attribute)
        module.__dir__ = lambda: sorted(MOVED[name])


def install() -> None:
    """Let the old module paths import (called once by ``import toolkit``)."""
    if not any(isinstance(finder, _OldModules) for finder in sys.meta_path):
        sys.meta_path.append(_OldModules())
