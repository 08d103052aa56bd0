"""The words a participant reads in the executed lessons: complete, and true of the data.

These tests read the lessons the way a participant does, from the outputs of one run of every
lesson (the session's ``executed_notebooks``, shared with ``test_notebooks.py``).
"""

import html
import json
import re

import pytest
from conftest import NOTEBOOKS

# A word cut short by pandas or a widget ("has nowh...", "both w…"), or a column or row
# left out of a table (a cell holding only "...").
CUT = re.compile(r"\w(\.\.\.|…)(?!\w)|<t[dh][^>]*>\s*(\.\.\.|…)\s*</t[dh]>")

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def shown_texts(nb):
    """(where, text) for everything a participant reads in an executed notebook's outputs.

    Of an output's forms, the one JupyterLab shows: a widget (read from the saved widget
    state, pictures included), else HTML, else a picture (its SVG text), else Markdown, else
    plain text; printed text as it is.
    """
    for number, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                yield f"cell {number}", output.get("text", "")
            data = output.get("data", {})
            if WIDGET_VIEW in data:
                continue
            for mime in ("text/html", "image/svg+xml", "text/markdown", "text/plain"):
                if mime in data:
                    value = data[mime]
                    yield (
                        f"cell {number} ({mime})",
                        "".join(value) if isinstance(value, list) else value,
                    )
                    break
    widgets = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    for model in widgets.get("state", {}).values():
        yield (
            f"widget {model.get('model_name')}",
            json.dumps(model.get("state"), ensure_ascii=False),
        )


def cut_short(text: str) -> list[str]:
    """The places where ``text`` is cut short, each with a little of what comes before."""
    return [text[max(0, m.start() - 50) : m.end()] for m in CUT.finditer(text)]


def test_cut_short_finds_what_pandas_and_widgets_cut():
    """Would the scan catch a pandas cell cut at 50 characters, and let prose with ... pass?"""
    import pandas as pd

    long = pd.DataFrame({"finding": ["Alliance Management Team has nowhere to escalate to"]})
    assert cut_short(long._repr_html_())
    assert cut_short("Dropdown(options=('Northwind', 'Bluep…")
    assert not cut_short("Replace the ... with a whole number.")


def test_course_tables_show_every_word():
    """Does a table drawn the course's way (in a notebook or a widget) keep every word?"""
    import pandas as pd

    from toolkit.ui.display import frame_html, table_html

    text = "Larchmont Partners and Kingsway Telecom both want the same joint budget line"
    frame = pd.DataFrame({"item": [text]})
    assert text in table_html(frame) and text in frame_html(frame)
    assert not cut_short(table_html(frame))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_output_is_cut_short(executed_notebooks, path):
    """Does every table, message and widget of the lesson show its text in full?"""
    nb, error = executed_notebooks[path.name]
    assert error is None, f"{path.name} failed: {error}"
    cuts = [(where, piece) for where, text in shown_texts(nb) for piece in cut_short(text)]
    assert not cuts, f"{path.name}: text cut short: {cuts[:5]}"


# an empty list where a list was announced ("seen alike by all partners: .", "of: ;"); a
# widget's label alone on its line ("Scenarios:") is not one
EMPTY_LIST = re.compile(r":\s*(?:\.(?!\.)|[;,)(])|:\s*$|,\s*(?:\.(?!\.)|[,;])")
LABEL = re.compile(r"^\s*\w[\w ]{0,40}:\s*$")
TAGS = re.compile(r"<(style|script)[^>]*>.*?</\1>|<[^>]+>", re.DOTALL)


def shown_words(nb):
    """(where, line) for every line of words in the outputs and widgets, without markup."""
    for where, text in shown_texts(nb):
        if where.startswith("widget"):
            state = json.loads(text) or {}
            values = [state.get(k) for k in ("value", "description", "placeholder", "tooltip")]
            texts = [v for v in values if isinstance(v, str) and "<svg" not in v]
        elif "svg" in where:
            continue
        else:
            texts = [text]
        for value in texts:
            for line in html.unescape(TAGS.sub(" ", value)).splitlines():
                yield where, line


def lines_where(executed_notebooks, path, wrong) -> list[tuple[str, str]]:
    """(where, line) for each line of words the executed lesson shows for which ``wrong``."""
    nb, error = executed_notebooks[path.name]
    assert error is None, f"{path.name} failed: {error}"
    return [(where, line.strip()[:160]) for where, line in shown_words(nb) if wrong(where, line)]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_output_lists_an_empty_set(executed_notebooks, path):
    """Does every message the lesson shows read as a sentence, with no empty list in it?"""
    empty = lines_where(
        executed_notebooks,
        path,
        lambda _, line: bool(EMPTY_LIST.search(line)) and not LABEL.match(line),
    )
    assert not empty, f"{path.name}: a message lists nothing: {empty[:5]}"


# --- every toolkit name the text mentions resolves ----------------------------------------
CODE_SPAN = re.compile(r"`([^`\n]+)`")
FILE_NAME = re.compile(r"^[\w./-]+\.(json|md|csv|ipynb|py|txt|xlsx|ics|html|pdf)$")


def toolkit_names() -> dict:
    """Every public name of every toolkit module (its ``__all__``), and the modules by name."""
    import importlib
    import pkgutil

    import toolkit

    names = {}
    for info in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
        if info.name.endswith("__main__"):
            continue  # a command (importing it runs it)
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional part whose dependency is not installed
            continue
        names[info.name.rsplit(".", 1)[1]] = module
        for name in getattr(module, "__all__", []):
            names.setdefault(name, getattr(module, name))
    names["toolkit"] = toolkit
    return names


def _assigned(nb) -> set[str]:
    """The variables the notebook's code cells (and the student's answers) assign."""
    import ast

    names = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source.replace("%", "#"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return names


def mentioned_calls(text: str) -> list[str]:
    """The dotted names the code spans of ``text`` call or reach into (``catalogue()``, ``a.b``)."""
    import ast

    found = []
    for span in CODE_SPAN.findall(text):
        if FILE_NAME.match(span.strip()):
            continue
        if "(" not in span and "." not in span.strip("."):
            continue  # a bare word may be a column, a decision or a value: not a toolkit name
        try:
            tree = ast.parse(span.strip())
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute | ast.Name) and isinstance(node.ctx, ast.Load):
                parts = []
                while isinstance(node, ast.Attribute):
                    parts.append(node.attr)
                    node = node.value
                if isinstance(node, ast.Name):
                    found.append(".".join([node.id, *reversed(parts)]))
    # the longest chain of each root is enough (a.b.c covers a.b and a)
    return [n for n in found if not any(o.startswith(n + ".") for o in found)]


def test_mentioned_calls_reads_code_spans():
    """Does the scan find the names a code span calls, and leave plain words alone?"""
    text = "Use `catalog()`, `data.series(a, b)` and `x = f(y)`; the `revenue` column."
    found = mentioned_calls(text)
    assert {"catalog", "data.series", "f"} <= set(found)
    assert "revenue" not in found


def _markdown_notebooks():
    from conftest import SOURCE_NOTEBOOKS

    return NOTEBOOKS + SOURCE_NOTEBOOKS


@pytest.mark.parametrize("path", _markdown_notebooks(), ids=lambda p: p.name)
def test_every_toolkit_name_the_text_mentions_resolves(path):
    """Does every name the text tells a reader to call exist (`catalogue()`, not `catalog()`)?"""
    import builtins

    import nbformat

    nb = nbformat.read(path, as_version=4)
    known = toolkit_names()
    local = _assigned(nb)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    unknown = []
    for dotted in mentioned_calls(text):
        root, *rest = dotted.split(".")
        if root in local:
            continue  # a variable of the notebook (board.chosen): it exists when the cell ran
        if root in known:
            target = known[root]
            for part in rest:
                if not hasattr(target, part):
                    unknown.append(dotted)
                    break
                target = getattr(target, part)
        elif not hasattr(builtins, root):
            unknown.append(dotted)
    assert not unknown, f"{path.name} mentions names that do not exist: {unknown}"


# --- the figures the text states are the toolkit's ----------------------------------------
def _markdown(name: str) -> str:
    import nbformat

    nb = nbformat.read(next(p for p in NOTEBOOKS if p.name.startswith(name)), as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_the_health_figures_the_lessons_state_are_the_toolkits():
    """Do lessons 04 and 05 state the typical range and the healthy line the toolkit uses?"""
    from toolkit.health.bands import HEALTHY, TYPICAL
    from toolkit.steering.portfolio import HEALTHY as PORTFOLIO_HEALTHY
    from toolkit.steering.portfolio import IMPORTANT

    assert PORTFOLIO_HEALTHY == HEALTHY, "the portfolio call reads the one healthy line"
    tools, steering = _markdown("04-"), _markdown("05-")
    assert f"{TYPICAL[0]} to {TYPICAL[1]} of 5" in tools
    assert f"healthy line, {HEALTHY}" in tools
    assert f"| health below {HEALTHY} | health {HEALTHY} or more |" in steering
    assert f"thresholds ({IMPORTANT:g} and {HEALTHY})" in steering
    for number in re.findall(r"(\d\.\d+) of 5", tools + steering):
        assert float(number) in (*TYPICAL, 5.0), f"a health figure typed into the text: {number}"


def test_the_simulator_figures_lesson_01_states_are_the_simulators():
    """Are the funnel figures lesson 01 credits to its simulator the simulator's defaults?"""
    import inspect

    from toolkit.magic_wand.model import LEAD_MONTHS, simulate

    defaults = {k: p.default for k, p in inspect.signature(simulate).parameters.items()}
    text = _markdown("01-")
    rates = (defaults["qualify_rate"], defaults["accept_rate"], defaults["win_rate"])
    stated = (
        f"{defaults['lead_rate']:g} leads a month, "
        f"{rates[0]:.0%}, {rates[1]:.0%} and {rates[2]:.0%} through the funnel, "
        f"{defaults['deal_size']:g} k$ deals"
    ).replace("%", " %")
    assert stated in text, stated
    assert LEAD_MONTHS == 1 and "its first deals a month after the work starts" in text
    assert "steady = simulate(" not in text, "the steady builder is the simulator's scenario"


def test_the_scorecard_bands_lesson_04_states_are_the_toolkits():
    """Is the amber band lesson 04 states the scorecard's own (amber from 90 % of the target)?"""
    import inspect

    from toolkit.scorecard.model import rag

    amber = inspect.signature(rag).parameters["amber"].default
    assert f"amber from {amber:.0%} of the target".replace("%", " %") in _markdown("04-")


def test_the_lifecycle_the_text_names_is_the_toolkits(tmp_path):
    """Do lesson 05 and the glossary name ASAP's seven phases and the course's four stages
    exactly as the toolkit's one lifecycle (``toolkit.steering.STAGES``) does, and does the
    workbook's stage drop-down offer those stages by the same names?"""
    from toolkit.steering import ASAP_PHASES, STAGES, stage_names
    from toolkit.steering.portfolio.model import STAGE_RULE

    assert stage_names() == "launch, growth, maturity, renewal or exit"
    with open(NOTEBOOKS[0].parent / "glossary.md", encoding="utf-8") as f:
        glossary = f.read()
    for where, text in (("lesson 05", _markdown("05-")), ("the glossary", glossary)):
        assert "four stages of its own" in text and stage_names() in text, where
    steering = _markdown("05-")
    places = [steering.find(phase) for phase in ASAP_PHASES]
    assert -1 not in places and places == sorted(places), "ASAP's seven phases, in order"
    assert f"{len(ASAP_PHASES)} phases" in steering.replace("seven", "7")
    assert f"from {ASAP_PHASES[0]} to {ASAP_PHASES[-1]}" in glossary
    rule = STAGE_RULE
    for stated in (
        f"the first {rule['launch_months']:g} months, or no deal won yet, is *launch*",
        f"deal registrations down by {rule['exit_fall']:g} % or more",
        f"revenue up by {rule['growth_rise']:g} % or more is *growth*",
    ):
        assert stated in steering.replace("twelve", "12"), stated

    from toolkit.own_alliance.widget import AboutPart, Workbook

    shown = [label for label, _ in AboutPart(Workbook(tmp_path)).stage.options]
    assert shown == [g.label for g in STAGES.values()]
    assert ", ".join(shown).lower() == stage_names()


def _code(name: str) -> str:
    import nbformat

    nb = nbformat.read(next(p for p in NOTEBOOKS if p.name.startswith(name)), as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


def test_the_figures_lessons_01_03_05_type_are_the_toolkits():
    """Is each figure lessons 01, 03 and 05 type beside an output the figure the toolkit uses
    for that output (the simulator's scenarios, the catalogue, the dashboard's rule, the
    decision rules, the escalation issue, the business plan's exercise)?"""
    from toolkit.indicators.catalogue import METRICS
    from toolkit.magic_wand import SCENARIOS
    from toolkit.steering import ISSUES, agreement_chance
    from toolkit.steering.dashboard.model import (
        FALL_TO_DISCUSS,
        GAP_TO_DISCUSS,
        LOW_TO_DISCUSS,
    )
    from toolkit.steering.plan.lesson import PLAN

    wand = _markdown("01-")
    steady = SCENARIOS["steady builder"]
    assert f"steady effort ({steady.effort:g}) from month {steady.visit_month}" in wand
    assert f"an executive visit in month {steady.visit_month}" in wand
    assert "(0.8 of a fully staffed alliance) and a sales cycle of 6 months" in wand
    assert "simulate(effort=0.8, months=24, sales_cycle=6)" in _code("01-")
    assert "run.head(10)" in _code("01-") and "shows the first ten months" in wand
    plug = SCENARIOS["pull the plug at month 6"]
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    assert f"stops all support after {words[plug.plug_month]} months" in wand

    assert f"the course's {len(METRICS)} alliance metrics" in _markdown("03-")

    steering = _markdown("05-")
    assert f"fell by {-FALL_TO_DISCUSS:g} % or more" in steering
    assert f"scores below {LOW_TO_DISCUSS:g}" in steering
    assert GAP_TO_DISCUSS == 1.0 and "a full point or more apart" in steering
    chances = [agreement_chance(n, 0.8) for n in (2, 3, 5)]
    stated = "two partners agree {:.0%} of the time, three only {:.0%}, five {:.0%}"
    assert stated.format(*chances).replace("%", " %") in steering
    assert "four times out of five" in steering
    bid = ISSUES[0]
    assert bid.id == "ministry-bid-lead" and f"closes in **{bid.deadline} days**" in steering
    assert f"within its {bid.deadline} days" in steering
    goal, funnel = PLAN["goal"], PLAN["funnel"]
    assert (
        f"**{goal.revenue:g} k$** of partner-sourced revenue a month by **month {goal.month}**"
        in steering
    )
    rates = (funnel.qualify_rate, funnel.accept_rate, funnel.win_rate)
    stated = (
        (
            "The funnel: {:.0%} of leads qualified and registered, {:.0%} of registrations become "
            "opportunities, {:.0%} of opportunities won"
        )
        .format(*rates)
        .replace("%", " %")
    )
    assert stated in steering, stated
    assert (
        f"deals of {funnel.deal_size:g} k$ on average, a sales cycle of {funnel.sales_cycle} months"
        in steering
    )


def test_the_figures_lesson_02_types_are_the_templates_and_the_rules():
    """Are the cadence ranges of lesson 02's tier table the review's, and the days its chart
    descriptions give (meetings, escalation limits) those of the templates the charts draw?"""
    from toolkit.governance import template
    from toolkit.governance.review import CADENCE_RANGES

    text, code = _markdown("02-"), _code("02-")
    for tier, (low, high) in CADENCE_RANGES.items():
        row = next(line for line in text.splitlines() if line.startswith(f"| {tier} |"))
        assert f"{low}–{high} days" in row or f"({low}–{high} days)" in row, (tier, row)

    assert 'template("enterprise-three-tier")' in code and 'template("biopharma-jsc")' in code
    enterprise = {b.tier: b for b in template("enterprise-three-tier").bodies}
    groups = [b for b in template("enterprise-three-tier").bodies if b.tier == "operational"]
    assert {b.escalation_days for b in groups} == {5}
    described = (
        f"Joint Steering Committee (Nimbus and Titan sponsors, finance leads and alliance "
        f"managers, every {enterprise['steering'].meets_every_days} days) is at the top; the "
        f"Alliance Management Team (every {enterprise['management'].meets_every_days} days) is "
        f"below it and escalates to it after {enterprise['management'].escalation_days} days; "
        f"three joint working groups (sales, marketing, technical) are at the bottom and escalate "
        f"to the management team after {groups[0].escalation_days} days"
    )
    assert described in text, described
    bio = template("biopharma-jsc").bodies
    middle = [b for b in bio if b.escalates_to == "jsc"]
    team = next(b for b in bio if b.tier == "operational")
    assert len({b.escalation_days for b in middle}) == 1
    assert f"each escalating to the steering committee after {middle[0].escalation_days} days" in (
        text
    )
    assert f"escalating to the development committee after {team.escalation_days} days" in text


def test_the_lag_lesson_03_states_for_delta_is_the_one_its_data_gives():
    """Is the lag lesson 03 types for Delta ("moved 5 months later") the lag its chart is
    drawn with and the one the data gives, so a regenerated data set cannot leave it stale?"""
    from toolkit import data
    from toolkit.indicators.lags import best_lag

    reading = best_lag(
        data.series("Delta", "deal_registrations"), data.series("Delta", "sourced_revenue")
    )
    text, code = _markdown("03-"), _code("03-")
    stated = re.findall(r"registrations moved (\d+) months later", text)
    assert stated and {int(n) for n in stated} == {reading.lag}, (stated, reading.lag)
    assert f"lag={reading.lag}, adjusted=True" in code


def test_the_course_data_figures_the_lessons_type_are_the_datas():
    """Are the months and quarters lessons 03 and 05 name (the whole period, the last
    quarter, the lags the explorer reads) those of the course data and the toolkit?"""
    import inspect

    from toolkit import data
    from toolkit.indicators.lags import best_lag

    months = data.panel("Harbor").index
    indicators, steering = _markdown("03-"), _markdown("05-")
    assert f"with the whole period, months {months.min()} to {months.max()}" in indicators
    assert f"lines over {len(months)} months" in indicators
    most = inspect.signature(best_lag).parameters["max_lag"].default
    assert f"for every *k* from 0 to {most} months" in indicators
    last = int(data.survey("Constellation")["quarter"].max())
    assert f"meeting for quarter {last}, the last quarter of the course data" in steering
    assert f"start with Constellation in quarter {last}" in steering
    start = re.search(r"first_look\(sales_cycle_months=(\d+)\)", _code("00-"))
    assert start and f"with a sales cycle of {start[1]} months" in _markdown("00-")


# --- raw output: what a participant should never have to decode ----------------------------
RAW = re.compile(
    r"\bNaN\b|<NA>|\bnan\b"  # a missing value shown as a code
    r"|(?<![\w.])\d+\.\d{4,}\b"  # a number nobody rounded (124.378109)
    r"|\b1 (?:core decisions|decisions|months|answers|checks|bodies)\b"  # "1 core decisions"
)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_output_shows_raw_numbers_or_missing_codes(executed_notebooks, path):
    """Is every number a lesson shows rounded, and no missing value shown as NaN or <NA>?"""
    raw = lines_where(
        executed_notebooks,
        path,
        lambda where, line: bool(RAW.search(line)) and not where.startswith("widget"),
    )
    assert not raw, f"{path.name}: raw output: {raw[:5]}"


# --- the glossary and the questions for discussion -----------------------------------------
GLOSSARY = NOTEBOOKS[0].parent / "glossary.md"
TERMS = ("AM", "JSC", "AMT", "RACI", "NPS", "k$", "Lag", "Leading indicator",
         "Lagging indicator", "Perception gap", "Escalation", "Decision rights")  # fmt: skip


def test_the_glossary_explains_the_courses_words():
    """Does the glossary have an entry for every abbreviation and term the course leans on?"""
    text = GLOSSARY.read_text(encoding="utf-8")
    for term in TERMS:
        entry = rf"^- \*\*[^*]*(?<!\w){re.escape(term)}(?!\w)[^*]*\*\*:"
        assert re.search(entry, text, re.M | re.I), f"the glossary does not explain {term}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_lesson_links_the_glossary_and_ends_with_questions(path):
    """Can a reader reach the glossary from the top of the lesson, and discuss it at its end?"""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    assert "](glossary.md)" in nb.cells[0].source, "link the glossary from the first cell"
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    at = next(i for i, s in enumerate(markdown) if s.startswith("## Questions for discussion"))
    questions = re.findall(r"^\d+\. .+\?", markdown[at], re.M)
    assert 2 <= len(questions) <= 3, questions
    assert markdown[at + 1].startswith("## Summary"), "the questions come just before the summary"


def test_survey_figures_are_shown_with_their_own_population_not_typed():
    """Does lesson 03 show the survey figures from the toolkit, each with its population?"""
    from toolkit.indicators.surveys import FIGURES, survey_figures

    text = _markdown("03-")
    for figure in FIGURES:
        assert f"{figure.share} %" not in text, "a survey figure typed into the text"
    assert len({f.population for f in FIGURES}) > 1, "the figures come from different people"
    assert set(survey_figures()["who was asked"]) == {f.population for f in FIGURES}
