"""Helpers behind the alliance-management course notebooks.

Importing :mod:`toolkit` switches every Altair chart to offline rendering (see
:mod:`toolkit.charts`); the rest loads lazily, on first use, so a notebook that needs one
widget does not pay for all of them.

Examples
--------
>>> import toolkit
>>> toolkit.charts.renderer_name()
'alliance-offline'
"""

import importlib

from toolkit import charts

charts.enable_offline()

# public name -> submodule that defines it (loaded on first access)
_LAZY = {
    "governance": "toolkit.governance",
    "intro": "toolkit.intro",
    "catalogue": "toolkit.catalogue",
    "data": "toolkit.data",
    "datagen": "toolkit.datagen",
    "metrics": "toolkit.metrics",
    "simulator": "toolkit.simulator",
    "metric_charts": "toolkit.metric_charts",
    "answer_file": "toolkit.answer_file",
    "metric_sorter": "toolkit.metric_sorter",
    "lag_explorer": "toolkit.lag_explorer",
    "magic_wand": "toolkit.magic_wand",
    "health_check": "toolkit.health_check",
}

__all__ = ["charts", *_LAZY]


def __getattr__(name):
    """Import a submodule the first time it is used (PEP 562)."""
    if name in _LAZY:
        module = importlib.import_module(_LAZY[name])
        globals()[name] = module
        return module
    msg = f"module 'toolkit' has no attribute {name!r}; available: {', '.join(__all__)}"
    raise AttributeError(msg)


def __dir__():
    """List the public names, loaded or not."""
    return sorted(__all__)
