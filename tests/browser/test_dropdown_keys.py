"""A course drop-down (toolkit/ui/answers/choices.js) under quick keys, in Chromium.

A keyboard user pressing the down arrow several times in a row on a drop-down must end on,
and save, the option the keys reach: each press moves one option on, whatever the kernel is
still answering about the earlier presses. A one-cell notebook written into the server's
temporary course copy (never into the repository) shows one Matching control whose options
are the course's alliances; its saves are slowed by 0.3 seconds each, so that the keys,
pressed at a quick typist's pace (80 ms apart), arrive while the kernel is still saving the
earlier ones and its echoes come late. The saved answer, what the drop-down shows (also a few
seconds later, when every late echo has arrived) and what its sentence says are then read.
(A choices.js that put a late model value back into the <select> fails here: tried, it ended
on option 6 of 8.)

ipywidgets 8 drops an echoed value while a later one from the page is pending or buffered,
so the drop-down is not reset under the keys; a walk that reads the answer file right after
the keys must wait until the kernel has handled the last one.
"""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FOLDER = "scratch-dropdown"
PRESSES = 8
CODE = """\
from toolkit import data
from toolkit.ui.answers import Matching, MatchEach
alliances = {name.lower(): name for name in data.alliance_names()}
routes = MatchEach(Matching("The alliance each call is for", items={"first": "First call"},
    options=alliances), "my-route.answer.json")
import time
_save = routes.save  # each save a little slower, so the keys arrive while the kernel works
routes.save = lambda *args, **kwargs: (time.sleep(0.3), _save(*args, **kwargs))[1]
routes"""


def test_quick_down_arrows_save_the_option_they_reach(lab):
    """After the down arrow pressed quickly N times on a blank drop-down, is option N shown,
    saved and said?"""
    from toolkit import data
    from toolkit.ui.answers.questions import Matching, describe_saved

    names = data.alliance_names()
    assert len(names) > PRESSES, names
    folder = lab.server.root / FOLDER
    folder.mkdir(exist_ok=True)
    (folder / "my-route.answer.json").unlink(missing_ok=True)
    nb = new_notebook(cells=[new_code_cell(CODE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(nb, folder / "dropdown.ipynb")

    lab.open(f"{FOLDER}/dropdown.ipynb")
    lab.run_all()
    select = lab.page.get_by_role("combobox", name="First call")
    select.focus()
    for _ in range(PRESSES):  # a quick typist's pace, not waiting for the kernel
        lab.page.keyboard.press("ArrowDown")
        lab.page.wait_for_timeout(80)
    lab.wait_idle()
    want = names[PRESSES - 1]
    expect(select.locator("option:checked")).to_have_text(want)
    lab.page.wait_for_timeout(4000)  # every late echo from the kernel has arrived by now
    lab.wait_idle()
    expect(select.locator("option:checked")).to_have_text(want)
    path = folder / "my-route.answer.json"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["data"]["answer"] == {"first": want.lower()}, saved
    question = Matching(
        "The alliance each call is for",
        items={"first": "First call"},
        options={name.lower(): name for name in names},
    )
    output = lab.code_cell("routes = ").locator(".jp-OutputArea")
    expect(output).to_contain_text(describe_saved(question, path))
    assert not lab.remote_requests()
