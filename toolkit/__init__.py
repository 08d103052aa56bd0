"""Helpers behind the alliance-management course notebooks, one folder per concept.

Concepts (each with its model, chart, widget, lesson and assignment helpers side by side; a
concept's widgets are in its ``widget.py``):

- :mod:`toolkit.governance`: governance structures (design, review, builder);
- :mod:`toolkit.magic_wand`: when revenue shows up after the joint work starts;
- :mod:`toolkit.indicators`: leading and lagging indicators (catalogue, lags, trends);
- :mod:`toolkit.scorecard`: the alliance balanced scorecard;
- :mod:`toolkit.health`: the alliance health check and perception gaps;
- :mod:`toolkit.steering`: the steering committee at work, six concepts in folders of their own
  (``dashboard``, ``agenda``, ``escalation``, ``decisions``, ``plan``, ``portfolio``) and the
  graded assignment that uses them all;
- :mod:`toolkit.own_alliance`: the participant's own alliance (their figures in a spreadsheet,
  every lesson's tool on them, a charter to take home).

Shared homes: :mod:`toolkit.ui` (offline charts, messages, saving, the widget skeleton),
:mod:`toolkit.selfstudy` (checks, hints, progress, outline), :mod:`toolkit.data` (the course
data's loaders) and :mod:`toolkit.variants` (each student's own variant of a graded
assignment).

This package is what students run, and it holds no answer: what knows one (the data
generator and its profiles, each assignment's answer key and vetting, the instructor's
``course-admin``) is the separate ``instructor`` package, which imports this one and is
never imported by it.

Importing :mod:`toolkit` switches every Altair chart to offline rendering (see
:mod:`toolkit.ui.render`; Altair itself is imported only when a notebook imports it) and, in
a notebook, shows every table in a region that fits the page and tracebacks in plain,
readable text (:mod:`toolkit.ui.display`); the rest loads lazily, on first use, so a notebook
that needs one widget does not pay for all of them.

Examples
--------
>>> import toolkit
>>> toolkit.ui.render.renderer_name()
'alliance-offline'
>>> toolkit.indicators.kind_of("Partner-sourced revenue")
'lagging'
"""

from toolkit import _moved
from toolkit._lazy import load
from toolkit.ui import display, render

render.enable_offline()
display.enable_display()
_moved.install()

# public name -> the module it is (loaded on first access)
_LAZY = {
    "data": "toolkit.data",
    "governance": "toolkit.governance",
    "health": "toolkit.health",
    "indicators": "toolkit.indicators",
    "magic_wand": "toolkit.magic_wand",
    "own_alliance": "toolkit.own_alliance",
    "scorecard": "toolkit.scorecard",
    "selfstudy": "toolkit.selfstudy",
    "steering": "toolkit.steering",
    "ui": "toolkit.ui",
    "variants": "toolkit.variants",
}

__all__ = sorted(_LAZY)


def __getattr__(name):
    """Import a subpackage the first time it is used (PEP 562); old module names still work."""
    if name in _LAZY or f"toolkit.{name}" in _moved.MOVED:
        module = load(_LAZY.get(name, f"toolkit.{name}"))
        globals()[name] = module
        return module
    msg = f"module 'toolkit' has no attribute {name!r}; available: {', '.join(__all__)}"
    raise AttributeError(msg)


def __dir__():
    """List the public names, loaded or not."""
    return sorted(__all__)
