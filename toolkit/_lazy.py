"""Names a package loads on first use (PEP 562), so ``import toolkit.x`` stays cheap.

Widgets pull in ipywidgets; a notebook or a grader that only needs a model should not pay for
it. A package lists which of its names live in which submodule, and gets a module-level
``__getattr__`` that imports the submodule the first time the name is used.

Examples
--------
>>> __getattr__ = lazy_names("demo", {"sqrt": "math"})
>>> __getattr__("sqrt")(9.0)
3.0
>>> __getattr__("nothing")
Traceback (most recent call last):
...
AttributeError: module 'demo' has no attribute 'nothing'
"""

from __future__ import annotations

import importlib

__all__ = ["lazy_names"]


def lazy_names(package: str, names: dict[str, str]):
    """A module ``__getattr__`` that imports each of ``names`` from its submodule on first use.

    Parameters
    ----------
    package : str
        The package's name (for the error message).
    names : dict
        Public name -> the module that defines it.
    """

    def __getattr__(name: str):
        if name in names:
            return getattr(importlib.import_module(names[name]), name)
        msg = f"module {package!r} has no attribute {name!r}"
        raise AttributeError(msg)

    return __getattr__
