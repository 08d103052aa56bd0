"""``python -m instructor.generator [FOLDER]``: rewrite the course data."""

import sys

from instructor.generator.package import main

sys.exit(main())
