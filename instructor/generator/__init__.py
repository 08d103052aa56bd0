"""The generator of the course data, split into its concerns.

- :mod:`~toolkit.data.generator.profiles`: the fictional alliances, as data;
- :mod:`~toolkit.data.generator.causal`: the causal model from effort to revenue;
- :mod:`~toolkit.data.generator.survey`: the health-check answers;
- :mod:`~toolkit.data.generator.alliance`: one alliance's tables and truth from one seed
  (the course data, and per-student variants);
- :mod:`~toolkit.data.generator.package`: the data package written to ``datasets/`` and the
  instructors' page ``grading/instructor/course-data.md`` (true lags and stories).

Run ``python -m toolkit.data.generator [FOLDER] [--instructor FILE]`` to rewrite the files.
Nothing the students run at lesson time imports this package: lessons read the written files
through :mod:`toolkit.data.loaders`.
"""

from toolkit.data.generator.alliance import AllianceData, alliance_data
from toolkit.data.generator.package import build, instructor_notes, main, write
from toolkit.data.generator.profiles import MONTHS, PROFILES, READABLE, SEED, Profile

__all__ = [
    "MONTHS",
    "PROFILES",
    "READABLE",
    "SEED",
    "AllianceData",
    "Profile",
    "alliance_data",
    "build",
    "instructor_notes",
    "main",
    "write",
]
