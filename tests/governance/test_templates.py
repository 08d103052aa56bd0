"""Templates and example designs are design files: they load as they were built, and review clean.

The four templates of the builder (``toolkit/governance/designs/``) and Constellation's design
of lesson 05 (``toolkit/steering/agenda/constellation.json``) used to be built in code; they
are now files in the format students save, read by :mod:`toolkit.governance.files`.
"""

import shutil

import pytest

from toolkit.governance import TEMPLATES, files, review, template, template_titles
from toolkit.governance import templates as templates_module
from toolkit.governance.files import DesignError
from toolkit.steering.agenda import (
    CONSTELLATION_FILE,
    CONSTELLATION_PARTNERS,
    constellation_design,
)

# what each design was when it was built in code: alliance, partners, and per body its id,
# tier, cadence, escalation target and days, number of members and decisions
WAS = {
    "lean-startup-enterprise": (
        "Brightpath + Omnicorp lean alliance",
        ["Brightpath", "Omnicorp"],
        [
            (
                "board",
                "steering",
                90,
                None,
                None,
                4,
                ["strategy", "investment", "dispute_resolution"],
            ),
            ("managers", "management", 14, "board", 10, 2, ["joint_business_plan", "pricing"]),
            ("go-to-market", "operational", 7, "managers", 5, 3, ["go_to_market"]),
        ],
    ),
    "enterprise-three-tier": (
        "Nimbus + Titan cloud analytics",
        ["Nimbus", "Titan"],
        [
            (
                "jsc",
                "steering",
                90,
                None,
                None,
                6,
                ["strategy", "investment", "dispute_resolution"],
            ),
            ("amt", "management", 14, "jsc", 10, 4, ["joint_business_plan", "pricing"]),
            ("sales", "operational", 7, "amt", 5, 2, ["account_planning"]),
            ("marketing", "operational", 14, "amt", 5, 2, ["campaigns"]),
            ("technical", "operational", 7, "amt", 5, 2, ["product_roadmap"]),
        ],
    ),
    "biopharma-jsc": (
        "Helix Bio + Meridian Pharma licensing",
        ["Helix Bio", "Meridian Pharma"],
        [
            (
                "jsc",
                "steering",
                90,
                None,
                None,
                4,
                ["strategy", "investment", "dispute_resolution"],
            ),
            ("amt", "management", 30, "jsc", 15, 2, ["joint_business_plan"]),
            ("jdc", "management", 30, "jsc", 15, 2, ["development_plan"]),
            ("jcc", "management", 30, "jsc", 15, 2, ["commercial_plan"]),
            ("jfc", "management", 30, "jsc", 15, 2, ["budget_tracking"]),
            ("project-team", "operational", 14, "jdc", 10, 2, ["study_operations"]),
        ],
    ),
    "three-partner-alliance": (
        "Solaris + Gridway + Voltcare energy services",
        ["Solaris", "Gridway", "Voltcare"],
        [
            (
                "steering",
                "steering",
                90,
                None,
                None,
                6,
                ["strategy", "investment", "dispute_resolution"],
            ),
            ("office", "management", 14, "steering", 10, 3, ["joint_business_plan"]),
            ("offer", "operational", 7, "office", 5, 3, ["solution_design"]),
            ("market", "operational", 14, "office", 5, 3, ["go_to_market"]),
        ],
    ),
    "constellation": (
        "Constellation public-sector alliance",
        ["Acme Software", "Orbit Systems", "Vela Consulting"],
        [
            (
                "steering",
                "steering",
                90,
                None,
                None,
                6,
                ["strategy", "investment", "dispute_resolution"],
            ),
            ("management", "management", 30, "steering", 15, 3, ["joint_business_plan", "pricing"]),
            ("bids", "operational", 14, "management", None, 3, ["bid_staffing"]),
            ("delivery", "operational", 7, "management", 5, 3, ["solution_design"]),
        ],
    ),
}


def designs():
    return {**{name: template(name) for name in TEMPLATES}, "constellation": constellation_design()}


@pytest.mark.parametrize("name", list(WAS))
def test_design_file_holds_the_design_it_was(name):
    """Does each file give the alliance, partners and bodies the code used to build?"""
    design = designs()[name]
    alliance, partners, bodies = WAS[name]
    assert (design.alliance, design.partners) == (alliance, partners)
    got = [
        (
            b.id,
            b.tier,
            b.meets_every_days,
            b.escalates_to,
            b.escalation_days,
            len(b.members),
            b.decides,
        )
        for b in design.bodies
    ]
    assert got == [tuple(b) for b in bodies]


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_template_file_reviews_with_no_finding_and_is_in_the_saved_form(name):
    """Does each template review clean, and is its file exactly what saving it writes?"""
    design = template(name)
    assert review(design) == []
    path = templates_module.template_file(name)
    assert path.read_text(encoding="utf-8") == files.dumps(design) + "\n"
    assert TEMPLATES[name]() == design
    assert template_titles()[name] == TEMPLATES[name].__doc__


def test_each_template_is_a_fresh_copy():
    """Does changing a template leave the next one untouched?"""
    first = template("biopharma-jsc")
    first.bodies.clear()
    assert template("biopharma-jsc").bodies


def test_constellation_file_matches_its_partners_and_its_one_warning():
    """Does Constellation's file name the lesson's partners, with only the bid group's warning?"""
    design = constellation_design()
    assert tuple(design.partners) == CONSTELLATION_PARTNERS
    assert [(f.code, f.body) for f in review(design)] == [("escalation-time-missing", "bids")]
    assert CONSTELLATION_FILE.read_text(encoding="utf-8") == files.dumps(design) + "\n"


def test_a_damaged_template_file_names_the_file_and_place(tmp_path, monkeypatch):
    """Does a template file that is wrong fail with the file's name and the place, not a crash?"""
    shutil.copytree(templates_module.DESIGNS, tmp_path, dirs_exist_ok=True)
    broken = tmp_path / "biopharma-jsc.json"
    broken.write_text(broken.read_text().replace('"tier": "steering"', '"tier": "board"', 1))
    monkeypatch.setattr(templates_module, "DESIGNS", tmp_path)
    with pytest.raises(DesignError, match=r"biopharma-jsc\.json.*bodies\[0\]\.tier"):
        template("biopharma-jsc")
