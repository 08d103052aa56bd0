"""How a notebook shows what the course does not draw itself: tables and error messages.

``import toolkit`` calls :func:`enable_display`, so that in every course notebook:

- **tables fit the page**: a pandas table wider than the notebook would make its output
  scroll sideways, and a keyboard user cannot reach a scrolling area that holds nothing
  focusable (WCAG 2.1.1). Every ``DataFrame`` is shown inside a region that scrolls by
  itself, is reached with Tab (then scrolled with the arrow keys) and is named for screen
  readers by what it holds (:func:`table_html`; widgets call it directly);
- **every word of a table shows**: pandas cuts a cell's text at 50 characters ("Larchmont
  Partners and Kingsway Telecom both w..."). Tables are drawn under :data:`IN_FULL` (no cut;
  long text wraps inside its cell), by the notebook and by every widget that draws a table
  (:func:`frame_html`, :func:`in_full`);
- **error messages are readable**: IPython colours a traceback's words in shades that fall
  below AA contrast on JupyterLab's pink error background (yellow strings at 1.5:1). Tracebacks
  are shown in the plain text colour, which keeps every word readable.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"gap": [0.5, 1.25]}, index=["trust", "governance"])
>>> html = table_html(frame)
>>> html.startswith('<div role="region" tabindex="0" aria-label="Table of 2 rows: gap"')
True
>>> "<table" in html and html.endswith("</div>")
True
>>> long = pd.DataFrame({"item": ["word " * 20]})
>>> "..." in long._repr_html_(), "..." in frame_html(long)
(True, False)
"""

from __future__ import annotations

import contextlib
import html as _html
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["IN_FULL", "enable_display", "frame_html", "in_full", "table_html", "table_label"]

#: the region's style: never wider than the page; scrolls sideways when the table is; text in
#: a cell wraps rather than widening the table
SCROLLS = "overflow-x:auto;max-width:100%;white-space:normal"

#: the pandas display options under which every table a participant reads is drawn: no cell
#: cut short, no column left out
IN_FULL = {"display.max_colwidth": None, "display.max_columns": None}


@contextlib.contextmanager
def in_full():
    """Draw pandas tables inside this block with every word of every cell (:data:`IN_FULL`).

    Examples
    --------
    >>> import pandas as pd
    >>> with in_full():
    ...     "..." in pd.DataFrame({"a": ["x" * 80]}).to_string()
    False
    """
    import pandas as pd

    settings = [item for pair in IN_FULL.items() for item in pair]
    with pd.option_context(*settings):
        yield


def frame_html(frame: pd.DataFrame, **options) -> str:
    """A table's HTML with every word of every cell; ``options`` go to ``DataFrame.to_html``.

    Examples
    --------
    >>> import pandas as pd
    >>> "x" * 80 in frame_html(pd.DataFrame({"a": ["x" * 80]}), border=0)
    True
    """
    with in_full():
        return frame.to_html(**options)


def table_label(frame: pd.DataFrame, *, limit: int = 6) -> str:
    """What a table holds, in words: its number of rows and its first column names.

    Examples
    --------
    >>> import pandas as pd
    >>> table_label(pd.DataFrame(columns=list("abcdefgh")))
    'Table of 0 rows: a, b, c, d, e, f and 2 more columns'
    """
    columns = [str(c) for c in frame.columns]
    shown = ", ".join(columns[:limit])
    more = f" and {len(columns) - limit} more columns" if len(columns) > limit else ""
    rows = len(frame)
    return f"Table of {rows} row{'' if rows == 1 else 's'}: {shown}{more}"


def table_html(frame: pd.DataFrame, html: str | None = None, *, label: str | None = None) -> str:
    """A table inside a focusable, labelled region that scrolls when the table is too wide.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    html : str, optional
        Its HTML (default: what the notebook shows, ``frame._repr_html_()``).
    label : str, optional
        Its name for screen readers (default: :func:`table_label`).
    """
    if html is None:
        with in_full():
            inner = frame._repr_html_()
    else:
        inner = html
    name = _html.escape(label or table_label(frame), quote=True)
    return f'<div role="region" tabindex="0" aria-label="{name}" style="{SCROLLS}">{inner}</div>'


def _notebook_table(frame) -> str | None:
    with in_full():
        inner = frame._repr_html_()
    return None if inner is None else table_html(frame, inner)


def _notebook_text(frame, printer, cycle) -> None:
    with in_full():
        printer.text(repr(frame))


def enable_display() -> None:
    """Show tables and tracebacks of the running notebook as described above.

    Does nothing outside IPython (nor imports it). pandas is not imported either: the table
    formatter is registered by name, for when pandas is.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return
    formatters = shell.display_formatter.formatters
    # pandas 3 names DataFrame's module "pandas"; earlier versions "pandas.core.frame"
    for module in ("pandas", "pandas.core.frame"):
        formatters["text/html"].for_type_by_name(module, "DataFrame", _notebook_table)
        formatters["text/plain"].for_type_by_name(module, "DataFrame", _notebook_text)
    shell.colors = "nocolor"
