"""Instructor tools on top of nbgrader: the ``course-admin`` command and what it is made of.

- :mod:`instructor.admin.course`: the nbgrader course root, its configuration and class list;
- :mod:`instructor.admin.workflow`: release, collect (exchange and LMS export), feedback, export;
- :mod:`instructor.admin.batch`: autograde a whole class without stopping on a bad submission;
- :mod:`instructor.admin.report`: the class report (HTML and notebook, offline charts);
- :mod:`instructor.admin.scan`: leak scans of student versions and feedback;
- :mod:`instructor.admin.validate`: validation with a readable summary and a real exit code;
- :mod:`instructor.admin.nbplugins`: preprocessors the course adds to nbgrader's pipelines.
"""

from instructor.admin.cli import main

__all__ = ["main"]
