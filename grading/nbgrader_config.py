"""nbgrader configuration of the course (the course root is this folder)."""

from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

HERE = Path(__file__).resolve().parent
c.CourseDirectory.course_id = "alliance-masterclass"
c.CourseDirectory.root = str(HERE)
c.CourseDirectory.db_url = f"sqlite:///{HERE / 'gradebook.db'}"
# A deleted grade cell is restored and graded instead of silently scoring 0.
c.OverwriteCells.add_missing_cells = True
# Saved widget state must never reach a student version.
c.ClearMetadataPreprocessor.enabled = True
# That preprocessor runs inside `nbgrader autograde`: without this mask it also wipes the
# nbgrader metadata of every code cell, and no test cell gets a score (auto_score stays None).
c.ClearMetadataPreprocessor.preserve_cell_metadata_mask = {"nbgrader"}
c.ClearMetadataPreprocessor.preserve_nb_metadata_mask = {("language_info", "name"), "kernelspec"}
