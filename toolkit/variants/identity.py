"""Who the student is: the same id on the student's side and on the grader's side.

Each graded assignment gives every student a case of their own (a *variant*), chosen from
their student id. The id is found, in this order:

1. ``ALLIANCE_STUDENT``: set by the course's grader in the kernel that grades a submission
   (the id the submission was handed in under; see :mod:`instructor.admin.nbplugins`);
2. ``JUPYTERHUB_USER``: the user signed in on the course's JupyterHub;
3. the id the student gave once in ``00-start-here`` when studying on their own computer,
   kept beside their progress record (:func:`toolkit.selfstudy.progress.progress_file`);
4. none: the assignments show a clearly labelled practice case.

Examples
--------
>>> import os, tempfile
>>> os.environ["ALLIANCE_COURSE_HOME"] = tempfile.mkdtemp()
>>> identify({}).source
'none'
>>> save_id(" ana.ruiz ")
'ana.ruiz'
>>> identify({})
Identity(id='ana.ruiz', source='self-study')
>>> identify({"JUPYTERHUB_USER": "aruiz"})
Identity(id='aruiz', source='hub')
>>> identify({"JUPYTERHUB_USER": "aruiz", "ALLIANCE_STUDENT": "tberg"})
Identity(id='tberg', source='grader')
>>> check_id("Ana Ruiz")
Traceback (most recent call last):
...
toolkit.variants.identity.IdError: 'Ana Ruiz' is not a student id: use letters, digits, ...
>>> del os.environ["ALLIANCE_COURSE_HOME"]
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "GRADER_ENV",
    "HUB_ENV",
    "STUDENT_ID",
    "KIND",
    "IdError",
    "Identity",
    "check_id",
    "id_file",
    "identify",
    "parse_saved",
    "save_id",
    "saved_id",
]

GRADER_ENV = "ALLIANCE_STUDENT"
#: what the saved id file holds (see :class:`toolkit.ui.saved.AnswerFile`)
KIND = "student-id"
HUB_ENV = "JUPYTERHUB_USER"
#: what a student id may hold (it becomes a folder name in nbgrader's course)
STUDENT_ID = re.compile(r"^[A-Za-z0-9._-]+$")


class IdError(ValueError):
    """A student id that cannot be used; the message says what to type instead."""


@dataclass(frozen=True)
class Identity:
    """A student id and where it came from: ``grader``, ``hub``, ``self-study`` or ``none``."""

    id: str | None
    source: str

    @property
    def known(self) -> bool:
        """Whether there is an id at all (else the practice case is shown)."""
        return self.id is not None


def check_id(text) -> str:
    """The id typed by a student, without surrounding spaces; :class:`IdError` if unusable."""
    value = str(text).strip() if text is not None else ""
    if not value or not STUDENT_ID.match(value):
        msg = (
            f"{value!r} is not a student id: use letters, digits, '.', '_' and '-' only, "
            "no spaces (for example ana.ruiz)"
        )
        raise IdError(msg)
    return value


def id_file() -> Path:
    """The file that keeps a self-study student's id, beside their progress record."""
    from toolkit.selfstudy.progress import progress_file

    return progress_file().with_name("student.json")


def _id_answers():
    from toolkit.ui.saved import AnswerFile

    return AnswerFile(id_file(), kind=KIND)


def parse_saved(content) -> str:
    """The id in the saved file's data (``{"id": ...}``); ``ValueError`` when it does not fit."""
    return check_id(content["id"])


def saved_id() -> str | None:
    """The id saved with :func:`save_id`, or None (a damaged file is kept aside, not used)."""
    return _id_answers().load(None, parse_saved)


def save_id(text) -> str:
    """Check and keep a self-study student's id; returns the id as saved."""
    value = check_id(text)
    _id_answers().save({"id": value})
    return value


def identify(environ: Mapping[str, str] | None = None) -> Identity:
    """The student's id, from the grader, the hub, the saved self-study id, or none."""
    env = os.environ if environ is None else environ
    for name, source in ((GRADER_ENV, "grader"), (HUB_ENV, "hub")):
        value = (env.get(name) or "").strip()
        if value:
            return Identity(value, source)
    saved = saved_id()
    return Identity(saved, "self-study") if saved else Identity(None, "none")
