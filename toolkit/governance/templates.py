"""Ready-made governance designs to explore, break and adapt.

Each template is a sound starting point (it reviews with no findings) for a common kind of
alliance, kept as a design file in ``toolkit/governance/designs/`` (the format of
:mod:`toolkit.governance.files`, the same a student saves and an instructor writes by hand).
:func:`template` reads a fresh copy, so changing it never changes the original.

Examples
--------
>>> sorted(TEMPLATES)
['biopharma-jsc', 'enterprise-three-tier', 'lean-startup-enterprise', 'three-partner-alliance']
>>> design = template("lean-startup-enterprise")
>>> [b.tier for b in design.bodies]
['steering', 'management', 'operational']
>>> template("board")
Traceback (most recent call last):
...
ValueError: no template named 'board'; choose one of: lean-startup-enterprise, \
enterprise-three-tier, biopharma-jsc, three-partner-alliance
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from toolkit.governance.files import load
from toolkit.governance.model import Design

__all__ = ["DESIGNS", "TEMPLATES", "template", "template_file", "template_titles"]

#: the folder of the template files, ``<name>.json`` each
DESIGNS = Path(__file__).with_name("designs")

#: template name -> what it is (the menu's words), in the order of the builder's menu
_TITLES = {
    "lean-startup-enterprise": "A start-up and an enterprise: a small board, two alliance "
    "managers, one working group.",
    "enterprise-three-tier": "Two large companies: a full steering committee, a management "
    "team, three working groups.",
    "biopharma-jsc": "A licensing deal: a formal JSC with equal seats and sub-committees "
    "reporting to it.",
    "three-partner-alliance": "Three partners: one seat each per tier, and one owner per "
    "decision (no unanimity).",
}


def template_file(name: str) -> Path:
    """The design file of the template called ``name``.

    Examples
    --------
    >>> template_file("biopharma-jsc").name
    'biopharma-jsc.json'
    """
    if name not in _TITLES:
        msg = f"no template named {name!r}; choose one of: {', '.join(_TITLES)}"
        raise ValueError(msg)
    return DESIGNS / f"{name}.json"


def _reader(name: str) -> Callable[[], Design]:
    def read() -> Design:
        return load(template_file(name))

    read.__doc__ = _TITLES[name]
    read.__name__ = read.__qualname__ = name.replace("-", "_")
    return read


#: template name -> a function that reads a fresh copy of it
TEMPLATES: dict[str, Callable[[], Design]] = {name: _reader(name) for name in _TITLES}


def template(name: str) -> Design:
    """A fresh copy of the template called ``name`` (see :data:`TEMPLATES`)."""
    return load(template_file(name))


def template_titles() -> dict[str, str]:
    """Template name -> the first line of its description (for menus)."""
    return dict(_TITLES)
