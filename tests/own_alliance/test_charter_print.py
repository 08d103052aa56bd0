"""The charter of a made-up company in Chromium: printed to PDF on A4 and Letter, and axe-core.

Debian's Chromium through Playwright, as the browser suite drives it (marker ``browser``; the
session's ``chromium`` fixture skips outside CI when it is missing, and fails under CI=true).
"""

import io
import os
import re
import unicodedata

import pytest
from labdriver import AXE, WCAG_21_AA, axe_missing_message
from pypdf import PdfReader

from toolkit.own_alliance import SECTIONS, charter_html, executive_reply, lag_reading, own_scorecard

pytestmark = pytest.mark.browser

# paper width and the charter's side margins (@page: 14 mm each side), in CSS pixels
PAPERS = {"A4": (210, 595.3), "Letter": (215.9, 612.0)}  # mm wide, PDF points wide
MM = 96 / 25.4

# every element that holds text, and whether it is cut off or wider than the page
_OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  const bad = [];
  const all = 'h1, h2, p, li, th, td, caption, figcaption, svg, table';
  for (const el of document.querySelectorAll(all)) {
    const box = el.getBoundingClientRect();
    const clipped = el.scrollWidth > el.clientWidth + 1
      && getComputedStyle(el).overflowX !== 'visible';
    const text = (el.textContent || '').slice(0, 80);
    if (box.right > width + 1 || clipped) bad.push(el.tagName + ': ' + text);
  }
  return bad;
}
"""


def words(text: str) -> str:
    """Text as printed, compared word by word: ligatures (ﬁ, ﬀ) spelt out, lines joined."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


@pytest.fixture
def charter(tmp_path, alliance):
    path = tmp_path / "alliance-charter.html"
    path.write_text(charter_html(alliance, year_from="2027-01-01"), encoding="utf-8")
    return path


@pytest.fixture
def page(chromium, charter):
    context = chromium.new_context()
    tab = context.new_page()
    requests = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.goto(charter.as_uri())
    tab.wait_for_load_state("load")
    yield tab
    assert [u for u in requests if not u.startswith("file://")] == [], (
        "the charter fetched something"
    )
    context.close()


@pytest.mark.parametrize("paper", list(PAPERS))
def test_charter_prints_on_the_expected_pages_with_nothing_cut_off(page, alliance, paper):
    """Printed to PDF: the right paper, each part on its page, every sentence whole."""
    mm_wide, points_wide = PAPERS[paper]
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round((mm_wide - 28) * MM), "height": 1000})
    assert page.evaluate(_OVERFLOW) == []

    pdf = PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
    assert all(abs(float(p.mediabox.width) - points_wide) < 1 for p in pdf.pages)
    texts = [words(p.extract_text()) for p in pdf.pages]
    assert all(texts), "a printed page is empty"

    # every heading is printed once; the scorecard and the health check each open a page
    where = {}
    for _, heading in SECTIONS:
        pages = [i for i, t in enumerate(texts) if heading in t]
        assert pages, f"{heading!r} is on no printed page"
        where[heading] = pages[0]
    order = [where[h] for _, h in SECTIONS]
    assert order == sorted(order)
    for heading in ("Balanced scorecard", "Health check: perception gaps and actions"):
        assert texts[where[heading]].startswith(heading), texts[where[heading]][:120]
        assert where[heading] > 0 and heading not in texts[where[heading] - 1]
    assert 3 <= len(pdf.pages) <= 10

    # no sentence is cut off or lost between pages
    printed = " ".join(texts)
    reading = lag_reading(alliance, "deal_registrations", "sourced_revenue")
    sentences = [
        *own_scorecard(alliance)["in_words"],
        executive_reply(reading, alliance),
        reading.sentence(),
        *(a.action for a in alliance.actions),
    ]
    for sentence in sentences:
        assert words(sentence) in printed, sentence


def test_axe_finds_no_wcag_21_aa_violation(page):
    """axe-core (from tests/browser/node_modules) over the whole charter: no violation."""
    if not AXE.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(axe_missing_message())
        pytest.skip(axe_missing_message())
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},
             resultTypes: ['violations']})).violations.map((v) => ({rule: v.id, help: v.help,
             nodes: v.nodes.map((n) => n.target.join(' ') + ' ' + n.html.slice(0, 120))}))""",
        WCAG_21_AA,
    )
    assert violations == []
