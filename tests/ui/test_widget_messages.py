"""Every course widget's own messages, driven with the wrong inputs a participant can make.

Each widget is built as a lesson builds it, in a folder of its own. Then, as a participant
would, every text box gets each kind of wrong input (empty, blanks, words in a number box, a
negative, zero, a fraction, a number out of range) and every button is clicked after it, twice
(a duplicate) and on lists emptied by earlier clicks (a removed item). Every message the
widget says is read: a complete plain sentence, with no traceback, no "None" or "nan", no
empty list, no code or file ids, nothing cut short; and a click refused with an error never
changes the saved work (a setting is saved as it is moved, so the work is kept).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as w
import pytest
from answerfixtures import KINDS, make

from toolkit.governance.templates import TEMPLATES
from toolkit.ui.widget import CourseWidget

# what a participant types wrong in a box: nothing, blanks, words, and numbers out of range
WRONG = ["", "   ", "several", "-3", "0", "2.5", "100000"]

# ids and names the files keep, never shown: bodies' ids and the governance templates' names
IDS = {"jsc", "amt", "wg", "wg2", "jdc", "jcc", "jfc", "project-team", "go-to-market"} | set(
    TEMPLATES
)


def faults(text: str) -> list[str]:
    """What is wrong with a message a participant reads (empty when it is a plain sentence).

    Examples
    --------
    >>> faults("Type the cadence as a whole number of days, 1 or more.")
    []
    >>> sorted(faults("No such body: ; the bodies are jsc (None)"))
    ['a code or an id', 'an empty list', 'the word None']
    """
    plain = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
    found = []
    if not plain:
        return found
    if re.search(r"Traceback|\b\w+(Error|Exception)\b|File \"", plain):
        found.append("a traceback or an error's class")
    if re.search(r"\bNone\b", plain):
        found.append("the word None")
    if re.search(r"\b(nan|NaN|NaT|<NA>|inf)\b", plain):
        found.append("a missing value shown as a code")
    if re.search(r"[:(]\s*[.;,)]|\(\s*\)|,\s*[.;]|\bfor:\s*$|\b(and|or)\s*[.;]", plain):
        found.append("an empty list")
    if re.search(r"\w(\.\.\.|…)", plain) or re.search(r"(?<![\w'\"])(\.\.\.|…)(?!\w)", plain):
        found.append("text cut short")
    words = set(re.findall(r"[\w-]+", plain))
    if re.search(r"\b[a-z]+_[a-z_]+\b|[{}\[\]]|\bdef |==|\bself\.", plain) or words & IDS:
        found.append("a code or an id")
    if not re.search(r"[.!?)”\"']$", plain) or not re.match(r"[\W\d]*[A-Z0-9“\"'✔✘]", plain):
        found.append("not a sentence")
    return found


def leaves(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from leaves(child)


def saved_work(folder: Path) -> dict[str, bytes]:
    """Every file in the folder, by its path (the work a participant has saved)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def heard(monkeypatch):
    """Every message any course widget shows, ``(widget, its HTML, tone)``, in order."""
    said = []
    original = CourseWidget.say

    def say(self, text, tone="info"):
        original(self, text, tone)
        said.append((type(self).__name__, self.message.value, tone))  # as it is shown

    monkeypatch.setattr(CourseWidget, "say", say)
    return said


def drive(widget, heard, folder: Path) -> list[str]:
    """Feed every text box each wrong input, move every slider to its ends, pick every option
    of every drop-down, and click every button after each; the faults found."""
    from toolkit.ui.slider import Slider

    found = []
    everything = list(leaves(widget))
    boxes = [leaf for leaf in everything if isinstance(leaf, w.Text | w.Textarea)]
    buttons = [leaf for leaf in everything if isinstance(leaf, w.Button)]
    pickers = [leaf for leaf in everything if isinstance(leaf, w.Dropdown)]
    sliders = [leaf for leaf in everything if isinstance(leaf, Slider)]

    def act(what: str, action, refused_keeps: bool = False) -> None:
        before, start = saved_work(folder), len(heard)
        action()
        for name, text, tone in heard[start:]:
            where = f"{name}, {what}: {text}"
            found.extend(f"{fault} in {where}" for fault in faults(text))
            # a refused click changes nothing (a setting is saved as it is moved: kept)
            if refused_keeps and tone == "error" and text and saved_work(folder) != before:
                found.append(f"the saved work changed on an error in {where}")

    def click_all(typed: str) -> None:
        for button in [*buttons, *buttons]:  # twice: a duplicate, then a removed item
            if not button.disabled:
                act(f"{button.description!r} after {typed}", button.click, True)

    click_all("nothing typed")
    for box in boxes:
        kept = box.value
        for wrong in WRONG:
            typed = f"typing {wrong!r} in {box.description or box.placeholder!r}"
            act(typed, lambda box=box, wrong=wrong: setattr(box, "value", wrong))
            click_all(typed)
        box.value = kept
    for slider in sliders:
        kept = slider.value
        for end in (slider.min, slider.max):
            act(f"{slider.description!r} at {end}", lambda s=slider, v=end: setattr(s, "value", v))
        slider.value = kept
    for picker in pickers:
        kept = picker.value
        values = [v for _, v in _pairs(picker.options)]
        for value in dict.fromkeys(values[:2] + values[-1:]):  # first, second and last
            act(
                f"picking {value!r} in {picker.description!r}",
                lambda p=picker, v=value: setattr(p, "value", v),
            )
        if kept in [v for _, v in _pairs(picker.options)]:
            picker.value = kept
    click_all("every pick")
    return sorted(set(found))


def _pairs(options):
    return [o if isinstance(o, tuple) else (o, o) for o in options]


# each widget as a lesson builds it: its module, its class, its answer file, pictures off
WIDGETS = {
    "governance builder": ("toolkit.governance", "GovernanceBuilder", "gov.json", {"chart": False}),
    "metric sorter": ("toolkit.indicators.widget", "MetricSorter", "sorter.json", {}),
    "lag explorer": ("toolkit.indicators.widget", "LagExplorer", "lag.json", {}),
    "health check": ("toolkit.health.widget", "HealthCheck", "health.json", {}),
    "magic wand": ("toolkit.magic_wand.widget", "MagicWandSimulator", "wand.json", {}),
    "steering router": (
        "toolkit.steering.agenda.widget",
        "AgendaRouter",
        "agenda.json",
        {"chart": False},
    ),
    "steering dashboard": (
        "toolkit.steering.dashboard.widget",
        "SteeringDashboard",
        "dashboard.json",
        {"charts": False},
    ),
    "decision rules": (
        "toolkit.steering.decisions.widget",
        "DecisionRules",
        "rules.json",
        {"chart": False},
    ),
    "escalation walker": (
        "toolkit.steering.escalation.widget",
        "EscalationWalk",
        "walk.json",
        {"chart": False},
    ),
    "business planner": (
        "toolkit.steering.plan.widget",
        "BusinessPlanner",
        "plan.json",
        {"chart": False},
    ),
    "portfolio map": (
        "toolkit.steering.portfolio.widget",
        "PortfolioMap",
        "map.json",
        {"chart": False},
    ),
}


def build(name: str, folder: Path):
    """The widget ``name``, saving its work in ``folder``."""
    import importlib

    module, cls, file, options = WIDGETS[name]
    return getattr(importlib.import_module(module), cls)(path=folder / file, **options)


@pytest.mark.parametrize("name", WIDGETS)
def test_each_widget_says_plain_sentences_to_wrong_input(name, heard, tmp_path, monkeypatch):
    """Does every message of the widget, under every wrong input, read as a plain sentence,
    and does an error leave the saved work as it was?"""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ALLIANCE_COURSE_HOME", str(tmp_path / "home"))
    widget = build(name, tmp_path)
    found = drive(widget, heard, tmp_path)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("kind", KINDS)
def test_each_answer_control_says_plain_sentences_to_wrong_input(kind, heard, tmp_path):
    """Do the answer controls answer wrong input (a word in a number box, a number out of
    range, nothing) in plain sentences, keeping what was saved?"""
    control = make(kind, tmp_path / "answer.json")
    boxes = [leaf for leaf in leaves(control) if isinstance(leaf, w.Text)]
    found = []
    for box in boxes:
        for wrong in WRONG:
            start = len(heard)
            box.value = wrong
            for _, text, _tone in heard[start:]:
                found.extend(f"{f}: {text!r} after {wrong!r}" for f in faults(text))
            found.extend(
                f"{f} in what the control shows after {wrong!r}"
                for f in faults(control.message.value)
            )
    assert not found, "\n".join(found)


PARTS = (
    "about",
    "governance",
    "decision_rights",
    "escalation",
    "meetings",
    "measures",
    "figures",
    "scorecard",
    "lag",
    "health",
    "actions",
    "plan",
    "take_home",
)


@pytest.mark.parametrize("part", PARTS)
def test_each_workbook_part_says_plain_sentences_to_wrong_input(part, heard, tmp_path, monkeypatch):
    """Does each part of the own-alliance workbook answer wrong input in plain sentences,
    before the alliance is described and after, keeping the saved alliance?"""
    from toolkit.own_alliance.widget import Workbook

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ALLIANCE_COURSE_HOME", str(tmp_path / "home"))
    book = Workbook(tmp_path)
    about = book.about()
    about.alliance_name.value = "Brightpath + Omnicorp"
    about.partner_names[0].value, about.partner_names[1].value = "Brightpath", "Omnicorp"
    about.save_button.click()
    widget = getattr(book, part)()
    found = drive(widget, heard, tmp_path)
    assert not found, "\n".join(found)


def test_faults_finds_what_a_participant_should_not_read():
    """Does the reader catch each kind of fault (so the tests above can fail)?"""
    assert faults("Could not read: . Try again")
    assert "the word None" in faults("The owner is None.")
    assert "a code or an id" in faults("Escalates to jsc after 10 days.")
    assert "text cut short" in faults("Larchmont Partners and Kingsway Telecom both w...")
    assert "a traceback or an error's class" in faults("ValueError: invalid literal.")
    assert "not a sentence" in faults("the cadence")
    assert not faults("✔ Saved to my-governance.json.")


def test_a_course_widget_is_described_in_a_few_plain_words_where_it_cannot_be_shown(tmp_path):
    """A page that cannot run the widget (an export, feedback) gets a short description, not
    ipywidgets' spelled-out children cut off after 110 characters."""
    from toolkit.steering import SteeringDashboard

    board = SteeringDashboard("Constellation", 16, path=tmp_path / "my-dashboard.json")
    shown = board._repr_mimebundle_()["text/plain"]
    assert shown == "<SteeringDashboard, saved in my-dashboard.json>"
