"""Each student's own variant of a graded assignment: who they are, which variant, which sets.

- :mod:`toolkit.variants.identity`: the student id, the same in the student's kernel and in
  the grader's (the grader, the hub user, or the id given once for self-study);
- :mod:`toolkit.variants.assign`: a stable hash of (assignment, id), unless the instructor
  pins the variant in ``grading/variants.csv``; ids mapped in ``grading/id-map.csv``;
- :mod:`toolkit.variants.registry`: the assignments with variants, and the one shape of a
  variant set (the count, the cases and their cache, the student's own case, the banner)
  that each assignment's concept declares once;
- :mod:`toolkit.variants.banner`: the line at the top of the notebook ("Case for student
  `x`: variant 17"), kept in its output for the grader.

The variants' content lives in each concept's folder: :mod:`toolkit.governance.cases` and
:mod:`toolkit.indicators.variants`.

Examples
--------
>>> from toolkit import variants
>>> a = variants.mine("governance-design", environ={"JUPYTERHUB_USER": "aruiz"})
>>> a.student, a.how, 1 <= a.number <= variants.variant_set("governance-design").count
('aruiz', 'hashed', True)
"""

from toolkit._lazy import lazy_names
from toolkit.variants.assign import (
    PRACTICE,
    Assigned,
    Rules,
    VariantFileError,
    course_rules,
    current,
    decide,
    for_submission,
    hashed,
    read_rules,
)
from toolkit.variants.banner import VARIANT_MIME, Banner, recorded
from toolkit.variants.identity import Identity, IdError, check_id, identify, save_id, saved_id
from toolkit.variants.registry import (
    VariantCase,
    VariantSet,
    count_of,
    has_variants,
    names,
    variant_set,
)

__all__ = [
    "PRACTICE",
    "VARIANT_MIME",
    "Assigned",
    "Banner",
    "IdError",
    "Identity",
    "Rules",
    "StudentIdForm",
    "VariantCase",
    "VariantFileError",
    "VariantSet",
    "check_id",
    "count_of",
    "course_rules",
    "current",
    "decide",
    "for_submission",
    "hashed",
    "has_variants",
    "identify",
    "mine",
    "names",
    "read_rules",
    "recorded",
    "save_id",
    "saved_id",
    "variant_set",
]


def mine(assignment: str, environ=None) -> Assigned:
    """The variant of ``assignment`` this notebook shows (see :func:`current`)."""
    return current(assignment, count_of(assignment), environ)


# the self-study id form (and ipywidgets) load only when first used
__getattr__ = lazy_names(__name__, {"StudentIdForm": "toolkit.variants.widget"})


def __dir__():
    """List the public names, the lazily loaded form included."""
    return sorted(set(globals()) | set(__all__))
