"""The answer controls without a browser: named, native, saved, restored, set aside, in words.

Each control is answered the way the browser would answer it (setting its inputs' traits);
what it saves is read from the answer file itself. The browser test
(tests/browser/test_answers.py) answers the same controls with the keyboard in Chromium.
"""

import html
import json
import re

import ipywidgets as w
import pytest
from answerfixtures import KINDS, answer, make, questions, say_cannot_tell

from toolkit.ui.answers import CANNOT_TELL, ChoiceGroup, read_saved
from toolkit.ui.answers.base import AnswerControl
from toolkit.ui.answers.choices import _HERE as CHOICES
from toolkit.ui.keys import KeyboardGuard


def leaves(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from leaves(child)


def inputs(control) -> list:
    """The controls a participant uses (what the keyboard reaches)."""
    kinds = (ChoiceGroup, w.Dropdown, w.Text, w.Checkbox)
    return [leaf for leaf in leaves(control) if isinstance(leaf, kinds)]


def shown(control) -> list[str]:
    """Every label and option name the control shows."""
    words = []
    for leaf in inputs(control):
        if isinstance(leaf, ChoiceGroup):
            words += [leaf.legend, *leaf.options]
        else:
            words.append(leaf.description)
            words += list(getattr(leaf, "_options_labels", ()))
    return words


def saved(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", KINDS)
def test_every_input_is_native_and_named(kind, answer_path):
    """Is every input a native one (reached with Tab), named by what it sets?"""
    control = make(kind, answer_path("a.json"))
    found = inputs(control)
    assert found, kind
    for leaf in found:
        name = leaf.legend if isinstance(leaf, ChoiceGroup) else leaf.description
        assert len(name.strip()) >= 5, (kind, leaf)
        if isinstance(leaf, w.Text | w.Dropdown):
            assert leaf.style.description_width == "initial"  # never cut short
    other = [
        leaf
        for leaf in leaves(control)
        if isinstance(leaf, w.DOMWidget)
        and not isinstance(leaf, (*map(type, found), w.HTML, w.Box, KeyboardGuard))
    ]  # the keyboard guard (every course widget's) is invisible: no input
    assert other == [], f"{kind}: inputs that are not native and named: {other}"


def test_the_choice_group_draws_native_inputs_in_a_named_fieldset_offline():
    """Does the choice group's front end draw a fieldset and legend, radio buttons sharing one
    name (so the arrow keys move between them), labelled inputs, and fetch nothing?"""
    source = (CHOICES / "choices.js").read_text(encoding="utf-8")
    for needed in (
        'createElement("fieldset")',
        'createElement("legend")',
        "input.type = type",
        "input.name = group",
        "label.append(input, text)",
        "data-lm-suppress-shortcuts",
        '"checkbox" : "radio"',
    ):
        assert needed in source, needed
    assert not re.search(r"https?://|import\s*\(", source)
    assert "http" not in (CHOICES / "choices.css").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_options_are_shown_by_name_and_saved_by_id(kind, answer_path):
    """Does the control show the names a participant reads, never an id or code?"""
    control = make(kind, answer_path("a.json"))
    words = shown(control)
    question = questions()[kind]
    ids = {*getattr(question, "options", {}), *getattr(question, "items", {})}
    ids |= {*getattr(question, "rows", {})}
    assert not ids & set(words), f"{kind} shows ids: {ids & set(words)}"
    for name in getattr(question, "options", {}).values():
        assert name in words, (kind, name)
    assert CANNOT_TELL not in words and "The data cannot tell yet" in words


@pytest.mark.parametrize("kind", KINDS)
def test_every_change_is_saved_with_its_variant(kind, answer_path):
    """Is each answer saved at once, as ids, with the variant, and read back without a widget?"""
    path = answer_path(f"my-{kind}.answer.json")
    control = make(kind, path, variant=7)
    assert control.value is None and not path.exists()
    assert control.describe().startswith("Not answered yet")
    want = answer(kind, control)
    assert control.value == control.answer == want
    content = saved(path)
    assert content == {"kind": questions()[kind].kind, "data": {"variant": 7, "answer": want}}
    assert read_saved(questions()[kind], path, variant=7) == want
    assert read_saved(questions()[kind], path, variant=8) is None
    assert not control.describe().startswith("Not answered yet")
    assert control.describe() in html.unescape(control.sentence.value)


@pytest.mark.parametrize("kind", KINDS)
def test_the_answer_comes_back_after_a_restart(kind, answer_path):
    """Does a new control on the same file (a re-run after a kernel restart) show the answer?"""
    path = answer_path("a.json")
    first = make(kind, path, variant=3)
    want = answer(kind, first)
    again = make(kind, path, variant=3)
    assert again.value == want and again.describe() == first.describe()
    assert again.message.value == ""
    # the inputs show it too, so that the next change starts from it
    if kind in ("PickOne", "PickSeveral"):
        assert again.choices.value == first.choices.value != []
    elif kind == "MatchEach":
        assert [p.picked() for p in again.pickers] == [
            ["Joint Steering Committee"],
            ["Joint Sales Working Group"],
        ]
    elif kind == "NumberAnswer":
        assert again.number.value == "18"
    else:
        assert again.boxes["joint_deals", "target"].value == "1200"


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_saved_for_another_variant_is_set_aside_with_a_notice(kind, answer_path):
    """Is a file saved for variant 3 kept aside (not lost) when the notebook shows variant 4?"""
    path = answer_path("a.json")
    want = answer(kind, make(kind, path, variant=3))
    control = make(kind, path, variant=4)
    assert control.value is None
    assert "saved for variant 3, and this notebook shows variant 4" in control.message.value
    assert 'role="alert"' in control.message.value
    assert "kept as a.json.damaged" in control.message.value
    kept = saved(path.with_name("a.json.damaged"))
    assert kept["data"] == {"variant": 3, "answer": want}
    assert not path.exists()  # nothing saved over it until the participant answers
    answer(kind, control)
    assert saved(path)["data"]["variant"] == 4


def test_a_disk_that_refuses_is_said_inline(answer_path):
    """When the answer file cannot be written, is that said inline, the answer kept in the
    session?"""
    folder = answer_path("not-a-folder")
    folder.write_text("a file where the answer's folder should be")
    control = make("NumberAnswer", folder / "a.json")
    control.number.value = "18"
    assert control.value == 18
    assert "Could not save to a.json" in control.message.value
    assert "your work is kept in this session only" in control.message.value


def test_the_same_variant_as_text_or_number_is_one_variant(answer_path):
    """Is an answer saved for variant 7 still used when the notebook names it "7"?"""
    path = answer_path("a.json")
    answer("PickOne", make("PickOne", path, variant=7))
    assert make("PickOne", path, variant="7").value == "amt"


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_that_no_longer_fits_is_set_aside(kind, answer_path):
    """Is a saved answer naming an option the question does not have kept aside, with why?"""
    path = answer_path("a.json")
    question = questions()[kind]
    bad = {
        "PickOne": "finance",
        "PickSeveral": ["atlantis"],
        "MatchEach": {"pricing": "finance"},
        "NumberAnswer": 99,
        "NumberTable": {"partner_leads": {"target": -5}},
    }[kind]
    path.write_text(json.dumps({"kind": question.kind, "data": {"variant": None, "answer": bad}}))
    control = make(kind, path)
    assert control.value is None and path.with_name("a.json.damaged").exists()
    assert "could not be used" in control.message.value


@pytest.mark.parametrize("kind", KINDS)
def test_the_data_cannot_tell_yet(kind, answer_path):
    """Can each control say "the data cannot tell yet", in words, saved and restored?"""
    path = answer_path("a.json")
    control = make(kind, path)
    say_cannot_tell(kind, control)
    if kind == "MatchEach":
        assert control.value == {"pricing": CANNOT_TELL, "hiring": CANNOT_TELL}
        assert "For Pricing of the joint offer, you answered that the data cannot tell" in (
            control.describe()
        )
    else:
        assert control.value == CANNOT_TELL
        assert control.describe().endswith("you answered that the data cannot tell yet.")
    assert make(kind, path).value == control.value


def test_cannot_tell_stands_alone_among_several(answer_path):
    """Does ticking "cannot tell" clear the other picks, and ticking a pick clear it?"""
    control = make("PickSeveral", answer_path("a.json"))
    control.choices.value = [0, 1]
    control.choices.value = [0, 1, 4]
    assert control.value == CANNOT_TELL and control.choices.value == [4]
    control.choices.value = [2, 4]
    assert control.value == ["harbor"] and control.choices.value == [2]
    control.choices.value = []
    assert control.value == [] and control.answered
    assert control.describe() == "Alliances that need a call this quarter: none of them."


def test_a_long_list_is_a_drop_down_named_by_its_label(answer_path):
    """Does a pick-one drop-down show "Not answered yet" first, and save the id picked?"""
    from toolkit.ui.answers import PickOne

    path = answer_path("a.json")
    control = PickOne(questions()["PickOne"], path, dropdown=True)
    picker = control.choices
    assert picker.dropdown and picker.legend == "Body that decides pricing"
    assert picker.blank == "Not answered yet" and picker.value == []
    picker.value = [4]
    assert control.value == "technical" and saved(path)["data"]["answer"] == "technical"
    assert PickOne(questions()["PickOne"], path, dropdown=True).choices.value == [4]
    with pytest.raises(ValueError, match="use check boxes to pick several"):
        ChoiceGroup("Bodies", ["Alder"], multiple=True, dropdown=True)


def test_the_sentence_says_what_was_answered(answer_path):
    """Does each control say in words what was answered, with the names read on screen?"""
    said = {}
    for kind in KINDS:
        control = make(kind, answer_path(f"{kind}.json"))
        answer(kind, control)
        said[kind] = control.describe()
    assert said == {
        "PickOne": "You sent the pricing item to the Alliance Management Team.",
        "PickSeveral": "Alliances that need a call this quarter: Northwind and Harbor.",
        "MatchEach": "You sent “Pricing of the joint offer” to the Joint Steering Committee. "
        "You sent “Hiring a sales lead” to the Joint Sales Working Group.",
        "NumberAnswer": "Months until the first revenue: 18 months.",
        "NumberTable": "Your plan's targets: Partner leads: target 190, by month 18; "
        "Joint deals: target 1200, by month 24.",
    }


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("eighteen", "'eighteen' is not a whole number; type digits, such as 18."),
        ("40", "40 is outside the sensible range (1 to 36 months); give a number from 1 to 36"),
        ("2.5", "'2.5' is not a whole number"),
    ],
)
def test_bad_number_is_said_inline_and_the_work_is_kept(typed, reason, answer_path):
    """Does bad input show a plain message (no traceback), keep the typed text, and leave the
    last good answer in the file?"""
    path = answer_path("a.json")
    control = make("NumberAnswer", path)
    control.number.value = "12"
    control.number.value = typed
    message = html.unescape(control.message.value)
    assert reason in message and 'role="alert"' in message
    assert "Your last saved answer is kept" in control.message.value
    assert control.number.value == typed and control.value == 12
    assert saved(path)["data"]["answer"] == 12
    control.number.value = "12 months"  # the unit typed along is fine
    assert control.message.value == "" and control.value == 12


def test_bad_cell_in_a_table_keeps_the_others(answer_path):
    """In a table, is a bad cell said inline while the good cells are saved?"""
    path = answer_path("a.json")
    control = make("NumberTable", path)
    control.boxes["partner_leads", "target"].value = "190"
    control.boxes["partner_leads", "by_month"].value = "soon"
    message = html.unescape(control.message.value)
    assert "Partner leads: by month: 'soon' is not a whole number" in message
    control.boxes["joint_deals", "target"].value = "40"
    assert saved(path)["data"]["answer"] == {
        "partner_leads": {"target": 190},
        "joint_deals": {"target": 40},
    }
    assert "Not filled in yet: Partner leads (by month), Joint deals (by month)" in (
        control.describe()
    )


def test_a_control_refuses_a_question_of_another_shape(answer_path):
    """Does a control given the wrong shape of question say so?"""
    from toolkit.ui.answers import NumberAnswer

    with pytest.raises(TypeError, match="NumberAnswer answers a Number question, got OneOf"):
        NumberAnswer(questions()["PickOne"], answer_path("a.json"))
    assert issubclass(NumberAnswer, AnswerControl)


def test_a_question_needs_names_to_show():
    """Are a question without a label, or options without names or twice the same name,
    refused with a plain reason?"""
    from toolkit.ui.answers import OneOf

    with pytest.raises(ValueError, match="needs a label"):
        OneOf(" ", {"a": "Alder"})
    with pytest.raises(ValueError, match="has no name to show"):
        OneOf("Body", {"a": ""})
    with pytest.raises(ValueError, match="both shown as 'alder'"):
        OneOf("Body", {"a": "Alder", "b": "ALDER"})
    with pytest.raises(ValueError, match="the data can tell here"):
        OneOf("Body", {"a": "Alder"}).check(CANNOT_TELL)
