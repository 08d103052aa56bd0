"""Loading and saving governance designs: exact round trips and errors that say where."""

import json

import pytest
from govfixtures import body, sound

from toolkit import governance
from toolkit.governance import DesignError, load, loads, save

EXAMPLE_WITH_EXTRAS = {
    "format": "alliance-governance/1",
    "version_note": {"by": "course 2", "tags": [1, 2]},
    "alliance": "A + B",
    "partners": ["A", "B", "A"],
    "bodies": [
        {
            "colour": "teal",
            "id": "jsc",
            "name": "Steering",
            "tier": "steering",
            "meets_every_days": 90,
            "members": [
                {"name": "Ann", "seniority": "VP", "partner": "A", "role": "executive_sponsor"},
                {"name": "Bob", "partner": "B", "role": "member", "function": None},
            ],
            "decides": ["strategy", "strategy"],
        },
        {
            "id": "amt",
            "name": "Team",
            "tier": "management",
            "meets_every_days": 14,
            "members": [],
            "decides": [],
            "escalates_to": "",
            "escalation_days": 0,
            "charter_url": None,
        },
    ],
    "z_last": True,
}


def test_unknown_keys_come_back_in_their_place(tmp_path):
    """Does a file with unknown keys at every level save back exactly, key order included?"""
    path = tmp_path / "in.json"
    path.write_text(json.dumps(EXAMPLE_WITH_EXTRAS))
    design = load(path)
    assert design.extra == {"version_note": {"by": "course 2", "tags": [1, 2]}, "z_last": True}
    assert design.bodies[0].members[0].extra == {"seniority": "VP"}
    save(design, tmp_path / "out.json")
    back = json.loads((tmp_path / "out.json").read_text())
    assert back == EXAMPLE_WITH_EXTRAS
    assert json.dumps(back) == json.dumps(EXAMPLE_WITH_EXTRAS)  # same key order everywhere


def test_missing_null_and_empty_escalation_stay_as_they_were():
    """Are a missing, a null and an empty escalates_to each written back as they came?"""
    data = sound()
    del body(data, "jsc")["escalates_to"]
    body(data, "amt")["escalates_to"] = ""
    back = governance.to_dict(governance.from_dict(data))
    assert "escalates_to" not in body(back, "jsc")
    assert body(back, "amt")["escalates_to"] == ""
    assert body(back, "wg")["escalates_to"] == "amt"


def test_a_new_body_is_written_with_every_key():
    """Does a body made in code get escalates_to/escalation_days written as null?"""
    design = governance.template("lean-startup-enterprise")
    written = governance.to_dict(design)["bodies"][0]
    assert written["escalates_to"] is None and written["escalation_days"] is None
    assert "function" not in written["members"][0]


def _error(text, name="<string>") -> DesignError:
    with pytest.raises(DesignError) as info:
        loads(text, name=name)
    return info.value


def _with(change) -> str:
    data = sound()
    change(data)
    return json.dumps(data)


def test_error_names_file_place_and_expectation_for_a_missing_role(tmp_path):
    """Does a missing member role name the file, bodies[1].members[0].role and the key?"""
    path = tmp_path / "team.json"
    path.write_text(_with(lambda d: d["bodies"][1]["members"][0].pop("role")))
    with pytest.raises(DesignError) as info:
        load(path)
    err = info.value
    assert isinstance(err, ValueError)
    assert str(err).startswith("team.json: bodies[1].members[0].role: expected the required key")
    assert (err.file, err.place) == ("team.json", "bodies[1].members[0].role")


@pytest.mark.parametrize(
    ("change", "place", "expected", "got"),
    [
        (
            lambda d: d["bodies"][0].update(meets_every_days=True),
            "bodies[0].meets_every_days",
            "a whole number of days, 1 or more",
            "boolean",
        ),
        (
            lambda d: d["bodies"][0].update(meets_every_days=14.5),
            "bodies[0].meets_every_days",
            "a whole number of days, 1 or more",
            "fraction",
        ),
        (
            lambda d: d["bodies"][0].update(meets_every_days=0),
            "bodies[0].meets_every_days",
            "1 or more",
            "0",
        ),
        (
            lambda d: d["bodies"][1].update(escalation_days=-1),
            "bodies[1].escalation_days",
            "0 or more",
            "-1",
        ),
        (
            lambda d: d["bodies"][1].update(escalation_days=False),
            "bodies[1].escalation_days",
            "whole number",
            "boolean",
        ),
        (
            lambda d: d["bodies"][2].update(tier="board"),
            "bodies[2].tier",
            "one of steering, management, operational",
            "'board'",
        ),
        (
            lambda d: d["bodies"][0]["members"][1].update(role="boss"),
            "bodies[0].members[1].role",
            "one of executive_sponsor, alliance_manager, functional_lead, member",
            "'boss'",
        ),
        (lambda d: d.update(partners="A, B"), "partners", "a list of texts", "'A, B'"),
        (lambda d: d["partners"].append(3), "partners[2]", "a text", "3"),
        (lambda d: d["bodies"].append("wg"), "bodies[3]", "an object", "'wg'"),
        (
            lambda d: d["bodies"][2].update(escalates_to=7),
            "bodies[2].escalates_to",
            "a text (in double quotes) or null",
            "7",
        ),
        (lambda d: d.pop("alliance"), "alliance", "the required key 'alliance'", "missing"),
        (
            lambda d: d["bodies"][1].pop("decides"),
            "bodies[1].decides",
            "the required key 'decides'",
            "missing",
        ),
    ],
)
def test_wrong_values_are_named_with_place_and_expectation(change, place, expected, got):
    """Does a wrong value give a DesignError naming its place, what was expected and the value?"""
    err = _error(_with(change), name="case.json")
    message = str(err)
    assert message.startswith(f"case.json: {place}: expected ")
    assert expected in message and got in message
    assert err.place == place


def test_another_format_is_refused_clearly():
    """Is a file of another format refused, naming the format the course reads?"""
    err = _error(_with(lambda d: d.update(format="alliance-governance/2")))
    assert err.place == "format"
    assert "'alliance-governance/1'" in str(err) and "'alliance-governance/2'" in str(err)


def test_not_json_names_line_and_column():
    """Does text that is not JSON give the line and column, not a JSONDecodeError?"""
    err = _error('{"format": "alliance-governance/1",\n "alliance": }', name="x.json")
    assert str(err).startswith("x.json: line 2, column 14: expected valid JSON")


def test_top_level_must_be_an_object():
    """Is a JSON list at the top level refused with '(top level)'?"""
    assert _error("[1, 2]").place == "(top level)"


def test_first_problem_in_file_order_is_named_first():
    """With several problems, is the first one in the file named first, and the others listed?"""

    def two_problems(d):
        d["bodies"][0]["members"][0]["role"] = "boss"
        d["bodies"][2]["tier"] = "board"

    err = _error(_with(two_problems))
    assert err.place == "bodies[0].members[0].role"
    assert [p for p, _, _ in err.problems] == ["bodies[0].members[0].role", "bodies[2].tier"]
    assert "bodies[2].tier" in str(err)


def test_text_without_a_file_is_called_string():
    """Is text loaded without a name reported as <string>?"""
    assert str(_error("[]")).startswith("<string>: ")


def test_missing_file_is_a_design_error(tmp_path):
    """Does a missing file give a DesignError naming it, not a FileNotFoundError?"""
    with pytest.raises(DesignError, match="nothere.json"):
        load(tmp_path / "nothere.json")


def test_duplicate_body_ids_load():
    """Do duplicated body ids load (the review reports them, not the loader)?"""
    design = governance.from_dict({**sound(), "bodies": sound()["bodies"] + [sound()["bodies"][2]]})
    assert [b.id for b in design.bodies] == ["jsc", "amt", "wg", "wg"]


def test_public_names_load_lazily_from_toolkit():
    """Is `toolkit.governance` reachable from `import toolkit`, with every name in __all__?"""
    import toolkit

    assert "governance" in dir(toolkit)
    module = toolkit.governance
    for name in module.__all__:
        assert getattr(module, name) is not None, name
