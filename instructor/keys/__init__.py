"""Each graded assignment's answer key and vetting: what its variants' answers are.

One module per assignment with variants (the students' side of each, its cases, is the
toolkit's: :mod:`toolkit.variants.registry`); each defines ``KEY``, a :class:`Key`:

- :mod:`instructor.keys.governance_design`;
- :mod:`instructor.keys.reading_the_indicators` (also the plan and the generator of its data);
- :mod:`instructor.keys.steering_committee`.

Examples
--------
>>> key_for("steering-committee").vet(7)
[]
>>> sorted(key_for("governance-design").spread)
['decisions to settle', 'draft errors', 'draft mistakes']
>>> key_for("lab-one")
Traceback (most recent call last):
...
KeyError: "no answer key for assignment 'lab-one'; assignments with variants: ..."
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from toolkit.variants.registry import names

__all__ = ["Key", "key_cell", "key_for"]

# assignment -> the module that defines its KEY
_KEYS = {
    "governance-design": "instructor.keys.governance_design",
    "reading-the-indicators": "instructor.keys.reading_the_indicators",
    "steering-committee": "instructor.keys.steering_committee",
}


@dataclass(frozen=True)
class Key:
    """What the instructor's tools know of one assignment's variants beyond their questions.

    Parameters
    ----------
    assignment : str
        The assignment's name (its folder in ``grading/source``).
    answers : callable
        ``answers(namespace)``: the answer key, ``{"answers": ..., "files": ...}`` (JSON
        values), from the variables of the assignment's source notebook (its reference
        solution) after it ran for a variant; :func:`key_cell` calls it in that kernel.
    difficulty : callable
        ``difficulty(n)``: named numbers of variant ``n`` that should be alike across variants.
    vet : callable
        ``vet(n)``: what the taught method finds wrong with variant ``n`` (empty when it
        recovers the variant's answers with a clear margin).
    spread : dict
        Difficulty name -> how far apart its values may be across the variants.
    """

    assignment: str
    answers: Callable[[dict], dict]
    difficulty: Callable[[int], dict]
    vet: Callable[[int], list[str]]
    spread: dict = field(default_factory=dict)


def key_cell(assignment: str) -> str:
    """The cell run after the reference solution, in its kernel: prints the answer key (JSON).

    Examples
    --------
    >>> print(key_cell("governance-design"))
    import json as _json
    from instructor.keys import key_for as _key_for
    print(_json.dumps(_key_for('governance-design').answers(globals())))
    """
    key_for(assignment)  # an assignment without a key fails here, not in the kernel
    return (
        "import json as _json\n"
        "from instructor.keys import key_for as _key_for\n"
        f"print(_json.dumps(_key_for({assignment!r}).answers(globals())))"
    )


def key_for(assignment: str) -> Key:
    """The :class:`Key` of ``assignment`` (imports its module)."""
    if assignment not in _KEYS:
        msg = f"no answer key for assignment {assignment!r}; assignments with variants: " + (
            ", ".join(names())
        )
        raise KeyError(msg)
    return importlib.import_module(_KEYS[assignment]).KEY
