"""Pictures drawn as SVG directly: text measured and wrapped, and the :class:`Diagram` they make.

Charts a widget redraws on every move (the governance pictures, the lag explorer's lines and
bars, the simulator's pipeline, the health check's gaps, the escalation's path) are drawn in
Python (with :mod:`toolkit.ui.plot` for those on two axes), in a millisecond or two, rather
than through Vega (a JavaScript engine and some 25 ms for even a one-point chart). Text is
measured with the widths of DejaVu Sans (as wide as Verdana, wider than Arial and Helvetica),
so no label drawn in any of these fonts is cut off or overlaps.

Examples
--------
>>> round(text_width("Steering", 12, bold=True))
62
>>> xml_text("a < b")
'a &lt; b'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html import escape

from toolkit.ui.render import svg_bundle

__all__ = ["FONT", "Diagram", "text_width", "wrap", "xml_text"]

FONT = "'DejaVu Sans', Verdana, sans-serif"
# Advance widths of DejaVu Sans and DejaVu Sans Bold for the characters " " to "~", in
# thousandths of an em (read from the fonts' hmtx tables). Other characters count as one
# em, letters with accents as their base letter.
_WIDTHS = {
    False: (
        "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 "
        "636 636 636 636 636 636 337 337 838 838 838 531 1000 684 686 698 770 632 575 775 "
        "752 295 295 656 557 863 748 787 603 787 695 635 611 732 684 989 685 611 685 390 "
        "337 390 838 500 500 613 635 550 635 615 352 635 634 278 278 579 278 974 634 612 "
        "635 635 411 521 392 634 592 818 592 592 525 636 337 636 838"
    ),
    True: (
        "348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 "
        "696 696 696 696 696 696 400 400 838 838 838 580 1000 774 762 734 830 683 683 821 "
        "837 372 372 775 637 995 837 850 733 850 770 720 682 812 774 1103 771 724 725 457 "
        "365 457 838 500 500 675 716 593 716 678 435 716 712 343 343 665 343 1042 712 687 "
        "716 716 493 595 478 712 652 924 645 652 582 712 365 712 838"
    ),
}
_WIDTHS = {bold: [int(n) for n in text.split()] for bold, text in _WIDTHS.items()}
#: Room left for fonts a little wider than DejaVu Sans (Verdana Bold, for one).
SAFETY = 1.08


def _char_width(char: str, bold: bool) -> int:
    table = _WIDTHS[bold]
    code = ord(char)
    if 32 <= code < 127:
        return table[code - 32]
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) < 127:
        return table[ord(base) - 32]
    return 1000


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """An upper bound of the width, in pixels, of ``text`` drawn at ``size`` pixels.

    Examples
    --------
    >>> round(text_width("Steering", 12, bold=True))
    62
    >>> text_width("iii", 10) < text_width("WWW", 10)
    True
    """
    return sum(_char_width(c, bold) for c in text) * size / 1000 * SAFETY


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` pixels, keeping list items whole.

    Lines break after ", " first (a member stays on one line), then at spaces, and only a
    word longer than a whole line is cut, with a hyphen (nothing is ever dropped).

    Examples
    --------
    >>> wrap("A (3): Ann (sponsor), Amy (AM), Abe", 120, 10)
    ['A (3): Ann (sponsor),', 'Amy (AM), Abe']
    >>> wrap("", 100, 10)
    ['']
    """

    def fits(line: str) -> bool:
        return text_width(line, size, bold=bold) <= width

    lines: list[str] = []
    for item in _pieces(text, ", "):
        if lines and fits(lines[-1] + item):
            lines[-1] += item
        elif fits(item.rstrip()):
            lines.append(item)
        else:  # an item wider than a line: break it between words (or inside a long one)
            for word in _pieces(item, " "):
                if lines and fits(lines[-1] + word):
                    lines[-1] += word
                    continue
                while not fits(word.rstrip()) and len(word) > 1:  # cut, with a hyphen
                    cut = next((i for i in range(len(word) - 1, 1, -1) if fits(word[:i] + "-")), 1)
                    lines.append(word[:cut] + "-")
                    word = word[cut:]
                lines.append(word)
    return [line.rstrip() for line in lines] or [""]


def _pieces(text: str, separator: str) -> list[str]:
    """``text`` split after each ``separator`` (which stays at the end of its piece)."""
    parts = text.split(separator)
    return [p + separator for p in parts[:-1]] + [parts[-1]] if text else []


# characters XML 1.0 does not allow (a browser would refuse to draw the whole picture)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` as XML character data: escaped, with characters XML cannot hold replaced."""
    return escape(_NOT_XML.sub("\ufffd", text), quote=False)


@dataclass(frozen=True)
class Diagram:
    """A picture drawn as SVG, with its title, its description and the data it draws.

    In a notebook it shows like every other chart of the course
    (:func:`toolkit.ui.render.svg_bundle`): an image whose alternative text is the description,
    with ``<chart: description>`` as its plain text; ``svg`` is the picture itself, for an HTML
    widget or a page.

    Examples
    --------
    >>> picture = Diagram("Empty", "Nothing to show.", {}, "<svg></svg>")
    >>> picture
    <chart: Nothing to show.>
    >>> sorted(picture._repr_mimebundle_())
    ['image/svg+xml', 'text/html', 'text/plain']
    """

    title: str
    description: str
    data: dict = field(repr=False)
    svg: str = field(repr=False)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return svg_bundle(self.svg, self.description)

    def __repr__(self) -> str:
        return f"<chart: {self.description}>"
