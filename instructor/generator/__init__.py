"""The generator of the course data, split into its concerns.

- :mod:`~instructor.generator.profiles`: the fictional alliances, as data;
- :mod:`~instructor.generator.causal`: the causal model from effort to revenue;
- :mod:`~instructor.generator.survey`: the health-check answers;
- :mod:`~instructor.generator.alliance`: one alliance's tables and truth from one seed
  (the course data, and per-student variants);
- :mod:`~instructor.generator.package`: the data package written to ``datasets/`` and the
  instructors' page ``grading/instructor/course-data.md`` (true lags and stories).

Run ``python -m instructor.generator [FOLDER] [--instructor FILE]`` to rewrite the files.
Nothing the students run at lesson time imports this package: lessons read the written files
through :mod:`toolkit.data.loaders`.
"""

from instructor.generator.alliance import AllianceData, alliance_data
from instructor.generator.package import build, instructor_notes, main, write
from instructor.generator.profiles import MONTHS, PROFILES, READABLE, SEED, Profile

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
