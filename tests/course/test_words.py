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


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_output_lists_an_empty_set(executed_notebooks, path):
    """Does every message the lesson shows read as a sentence, with no empty list in it?"""
    nb, error = executed_notebooks[path.name]
    assert error is None, f"{path.name} failed: {error}"
    empty = [
        (where, line.strip()[:160])
        for where, line in shown_words(nb)
        if EMPTY_LIST.search(line) and not LABEL.match(line)
    ]
    assert not empty, f"{path.name}: a message lists nothing: {empty[:5]}"
