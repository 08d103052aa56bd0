"""What every concept shares on screen: offline chart rendering, messages, saving, widgets.

- :mod:`toolkit.ui.render`: every chart drawn offline as accessible SVG;
- :mod:`toolkit.ui.messages`: the one style of status boxes, errors and suggestions;
- :mod:`toolkit.ui.saved`: atomic saving of a student's work, damaged files kept aside;
- :mod:`toolkit.ui.display`: tables in a focusable region that fits the page, plain tracebacks;
- :mod:`toolkit.ui.slider`: :class:`~toolkit.ui.slider.Slider`, the course's labelled slider;
- :mod:`toolkit.ui.widget`: :class:`~toolkit.ui.widget.CourseWidget`, the skeleton of every
  course widget;
- :mod:`toolkit.ui.answers`: answer controls for every shape of answer (pick one, pick several,
  match each item, a number, a table of numbers, "the data cannot tell yet").
"""

from toolkit._lazy import lazy_names
from toolkit.ui.display import table_html
from toolkit.ui.messages import box, did_you_mean
from toolkit.ui.render import chart_widget, describe, show_in, to_svg
from toolkit.ui.saved import AnswerFile, StoreError, load_json, load_saved, save_json

__all__ = [
    "AnswerFile",
    "CourseWidget",
    "Slider",
    "StoreError",
    "box",
    "chart_widget",
    "describe",
    "did_you_mean",
    "load_json",
    "load_saved",
    "save_json",
    "show_in",
    "table_html",
    "to_svg",
]


# the widget skeleton and the slider (ipywidgets, anywidget) load only when first used
__getattr__ = lazy_names(
    __name__, {"CourseWidget": "toolkit.ui.widget", "Slider": "toolkit.ui.slider"}
)
