"""Instructor tools on top of nbgrader: the ``course-admin`` command and what it is made of.

- :mod:`toolkit.admin.course`: the nbgrader course root, its configuration and class list;
- :mod:`toolkit.admin.workflow`: release, collect (exchange and LMS export), feedback, export;
- :mod:`toolkit.admin.batch`: autograde a whole class without stopping on a bad submission;
- :mod:`toolkit.admin.report`: the class report (HTML and notebook, offline charts);
- :mod:`toolkit.admin.scan`: leak scans of student versions and feedback;
- :mod:`toolkit.admin.validate`: validation with a readable summary and a real exit code;
- :mod:`toolkit.admin.nbplugins`: preprocessors the course adds to nbgrader's pipelines.
"""

from toolkit.admin.cli import main

__all__ = ["main"]
