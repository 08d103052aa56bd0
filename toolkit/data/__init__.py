"""The course data: loaders that check ``datasets/`` on the way in.

Lessons read the data through :mod:`toolkit.data.loaders` (re-exported here, so
``data.panel("Summit")`` works); :mod:`instructor.generator` writes the files and is never
imported at lesson time.

Examples
--------
>>> from toolkit import data
>>> data.series("Summit", "sourced_revenue").index.name
'month'
"""

from toolkit.data import loaders
from toolkit.data.loaders import *  # noqa: F403 - the loaders are this package's public names

__all__ = list(loaders.__all__)


def __getattr__(name):
    """Names renamed in the move to one folder per concept (see :mod:`toolkit._moved`)."""
    from toolkit import _moved

    return _moved.resolve(__name__, name)
