"""``python -m toolkit.data.generator [FOLDER]``: rewrite the course data."""

import sys

from toolkit.data.generator.package import main

sys.exit(main())
