"""reading-the-indicators in Chromium: every automatic part answered with mouse and keyboard.

The student version is generated with nbgrader's own CLI in the session server's temporary
copy of grading/ (never in the repository). A participant who edits no code cell runs it,
sorts the metrics in the sorter, types the lag in its box, ticks the falling alliances,
picks the health check's band and its largest gap, and types the written reply into its
markdown cell. The files the widgets saved are the key's
own for the case the notebook shows (tests/grading/test_reading_the_indicators.py grades those
files through nbgrader: full marks), after Restart and Run All every check passes, and the
toolbar's Validate (nbgrader, in its sandbox) passes. Handed in and autograded with nbgrader,
the walk earns every automatic point; the same walk with one alliance too many ticked loses
Part 3's points and no other.
"""

import json
import re
import shutil

import pytest
from conftest import ARTIFACTS, generate_student_version
from grading_cases import grade_walked
from labdriver import assert_validates
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NAME = "reading-the-indicators"
SHOTS = ARTIFACTS / "screenshots"
REPLY = (
    "Thank you for your visit: it got the partner's leadership behind the plan. Revenue comes "
    "last, months after the leading measures move, so we will report on those first."
)


@pytest.fixture(scope="module")
def student_version(lab_server):
    """`nbgrader generate_assignment` for this assignment, in the server's copy of grading/."""
    release = generate_student_version(lab_server, NAME)
    folder = release
    for old in folder.glob("*.json"):
        old.unlink()
    return folder / f"{NAME}.ipynb"


def output(lab, code: str):
    return lab.code_cell(code).locator(".jp-OutputArea")


def test_every_automatic_part_answered_with_mouse_and_keyboard(lab, student_version, tmp_path):
    """Does a participant who edits no code cell answer every part, and does Validate pass?"""
    from instructor.keys.reading_the_indicators import answer_files, truth
    from toolkit.health.assignment import band_question, bands_within
    from toolkit.health.model import health_index
    from toolkit.indicators.catalogue import METRICS
    from toolkit.indicators.variants import case_for

    lab.open(student_version.relative_to(lab.server.root).as_posix())
    lab.run_all_past_errors()
    banner = output(lab, "case.banner()").text_content()
    number = int(re.search(r"variant (\d+)", banner).group(1)) if "variant" in banner else 0
    case, facts = case_for(number), truth(number)
    by_name = {m.name: m for m in METRICS}

    # Part 1: each metric picked in the drop-down, then Leading or Lagging clicked
    sorter = output(lab, "sorter = MetricSorter")
    picker = lab.control(sorter, "Metric", "select")
    for done, metric in enumerate(case.metrics, start=1):
        picker.select_option(label=by_name[metric].label)
        lab.wait_idle()
        expect(sorter).to_contain_text(by_name[metric].definition)
        lab.button(sorter, by_name[metric].kind.capitalize()).click()
        lab.wait_idle()
        # the sorter has moved its picker on by the time the count shows (the same reaction):
        # the next pick comes after that move, as a person's would
        expect(sorter).to_contain_text(f"{done} of {len(case.metrics)} metrics sorted")

    # Part 2: the lag typed into its box, Enter to save
    lag_box = output(lab, "lag_control = ").get_by_role("textbox", name=re.compile("^Months "))
    lag_box.click()
    lab.page.keyboard.type(str(facts["lag"]), delay=50)
    lab.page.keyboard.press("Enter")
    expect(output(lab, "lag_control = ")).to_contain_text(f"{facts['lag']} months.")

    # Part 3: the falling alliances ticked by name
    falling = output(lab, "falling_control = ")
    for name in facts["falling"]:
        falling.get_by_role("checkbox", name=name, exact=True).click()
    expect(falling).to_contain_text("as the alliances whose revenue will fall next year")

    # Part 4: the band and the largest gap, picked by their names
    band = band_question().options[bands_within(health_index(case.survey()))[0]]
    output(lab, "band_control = ").get_by_role("radio", name=band, exact=True).click()
    gap = facts["largest_gap"].replace("_", " ")
    output(lab, "gap_control = ").get_by_role("radio", name=gap, exact=True).click()
    expect(output(lab, "gap_control = ")).to_contain_text(f"You named {gap} as the dimension")
    lab.wait_idle()

    # what the widgets saved is what the key says they save for this case
    key = answer_files(number)
    for name, text in key.items():
        saved = json.loads((student_version.parent / name).read_text(encoding="utf-8"))
        assert saved == json.loads(text), name

    # Restart and Run All, as the notebook asks before handing in: every answer comes back,
    # every check passes, nothing fails
    lab.restart_and_run_all()
    lab.save()
    path = student_version.relative_to(lab.server.root).as_posix()
    problems = lab.problems(path)
    assert not problems, "\n".join(problems)
    checks = [
        "".join(o.get("text", "") for o in cell["outputs"])
        for cell in lab.saved_notebook(path)["cells"]
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade") and cell["cell_type"] == "code"
    ]
    assert len(checks) == 5 and all("These checks passed" in text for text in checks), checks
    expect(output(lab, "gap_control = ").get_by_role("radio", name=gap, exact=True)).to_be_checked()
    lab.screenshot(SHOTS / "reading-walk.png")
    # the written reply typed into its markdown cell (graded by hand), then Validate passes
    assert lab.write_answers(REPLY) == 1
    assert_validates(lab)
    assert not lab.remote_requests()

    # handed in as it is, then again with one alliance too many ticked in Part 3: nbgrader's
    # autograde (in its sandbox) gives the first every automatic point, the second loses Part 3's
    right = shutil.copytree(student_version.parent, tmp_path / "right")
    extra = next(n for n in case.alliance_names() if n not in facts["falling"])
    falling.get_by_role("checkbox", name=extra, exact=True).click()
    expect(falling).to_contain_text(extra)
    lab.wait_idle()
    wrong = shutil.copytree(student_version.parent, tmp_path / "wrong")
    grades = grade_walked(
        lab.server.root / "grading", NAME, {"walker": (right, number), "walker-x": (wrong, number)}
    )
    assert grades["walker"] and all(s == top > 0 for s, top in grades["walker"].values())
    lost = {g for g, (s, top) in grades["walker-x"].items() if s < top}
    assert lost == {"falling_revenue"}, grades["walker-x"]
