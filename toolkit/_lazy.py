"""Names a package loads on first use (PEP 562), so ``import toolkit.x`` stays cheap.

Widgets pull in ipywidgets; a notebook or a grader that only needs a model should not pay for
it. A package lists which of its names live in which submodule, and gets a module-level
``__getattr__`` that imports the submodule the first time the name is used.

Such an import is where a lesson's first cells spend their time: pandas, numpy and ipywidgets
make some hundred thousand objects that live as long as the kernel, and Python's cyclic
garbage collector walks them again and again, while they are made and after (about a tenth
of a lesson's own time). :func:`load` pauses the collector for the import and then, if the
import loaded anything, freezes what exists (:func:`gc.freeze`, as CPython's documentation
suggests for what a program makes at start-up): later collections walk only what is made
afterwards. The price is that a reference cycle which was already garbage at that moment is
not freed; reference counting still frees everything else.

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

import gc
import importlib
import sys
from types import ModuleType

__all__ = ["freeze_once", "lazy_names", "load"]


def load(module: str) -> ModuleType:
    """``importlib.import_module(module)``, the garbage collector paused while it runs.

    The collector is switched back on afterwards (also when the import fails) unless it was
    already off: a caller that switched it off keeps it off. When the import loaded new
    modules, what exists is then frozen (see the module's notes).

    Examples
    --------
    >>> import gc
    >>> load("json").dumps([1])
    '[1]'
    >>> gc.isenabled()
    True
    >>> load("no_such_module_here")
    Traceback (most recent call last):
    ...
    ModuleNotFoundError: No module named 'no_such_module_here'
    >>> gc.isenabled()
    True
    """
    if not gc.isenabled():
        return importlib.import_module(module)
    loaded = len(sys.modules)
    gc.disable()
    try:
        return importlib.import_module(module)
    finally:
        if len(sys.modules) > loaded:
            gc.freeze()
        gc.enable()


#: whether :func:`freeze_once` has frozen what this process holds
_FROZEN: list[bool] = []


def freeze_once() -> None:
    """Freeze what the process holds, the first time this is called (see the module's notes).

    The first course widget of a kernel calls it: whatever the lesson imported by then
    (pandas, ipywidgets and the toolkit, however they were imported) is there for the
    kernel's life, and the collector then no longer walks it while a participant waits for
    a widget to react.
    """
    if not _FROZEN:
        _FROZEN.append(True)
        gc.freeze()


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
            return getattr(load(names[name]), name)
        msg = f"module {package!r} has no attribute {name!r}"
        raise AttributeError(msg)

    return __getattr__
