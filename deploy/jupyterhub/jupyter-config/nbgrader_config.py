"""nbgrader settings every server on the course hub shares: the course id and the exchange.

Installed into the course environment (``etc/jupyter/``) by ``build-course-env``, so every
nbgrader command and panel, of students and instructors alike, reads it. The exchange is the
folder through which assignments are released, fetched, submitted and collected; it must be
one folder that every user's server can write to (``ALLIANCE_EXCHANGE``, set by the hub; the
course's own ``grading/nbgrader_config.py`` reads the same variable).
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "alliance-masterclass"
c.Exchange.root = os.environ.get("ALLIANCE_EXCHANGE", "/srv/nbgrader/exchange")
# Fetched assignments land in ~/alliance-masterclass/<assignment>/, as in the course's config.
c.Exchange.path_includes_course = True
