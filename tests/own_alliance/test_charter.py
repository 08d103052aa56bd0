"""The charter: every part there, every chart with its text alternative, nothing to fetch."""

import re
from html.parser import HTMLParser

from toolkit.own_alliance import (
    SECTIONS,
    TAKE_HOME,
    Alliance,
    Partner,
    charter_html,
    load,
    load_workbook,
    own_scorecard,
    write_take_home,
)


class Outline(HTMLParser):
    """What a reader meets: sections, figures with their captions, SVG names, links."""

    def __init__(self):
        super().__init__()
        self.sections, self.svgs, self.figures, self.urls = [], [], [], []
        self.ids = []
        self._caption = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "section":
            self.sections.append(a["id"])
        if tag == "svg":
            self.svgs.append(a)
        if tag == "figure":
            self.figures.append("")
        if tag == "figcaption":
            self._caption = len(self.figures) - 1
        for key in ("src", "href", "xlink:href", "action", "data"):
            if key in a:
                self.urls.append(a[key])

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self._caption = None

    def handle_data(self, data):
        if self._caption is not None:
            self.figures[self._caption] += data


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def test_charter_contains_every_part(alliance):
    html = charter_html(alliance, year_from="2027-01-01")
    found = outline(html)
    assert found.sections == [key for key, _ in SECTIONS]
    assert "Not filled in yet" not in html
    for text in [
        *(p.name for p in alliance.partners),
        "Decision rights (RACI)",
        "Tom Berg (Omnicorp)",
        "2027-03-31",
        "Chief executives",
        "Mediation",
    ]:
        assert text in html
    # the scorecard's words, the executive reply and the plan's goal month are all there
    for sentence in own_scorecard(alliance)["in_words"]:
        assert sentence.replace("'", "&#x27;") in html or sentence in html
    assert "What to tell an executive" in html and "Jun 2028" in html


def test_every_chart_has_its_text_alternative(alliance):
    """Five charts (governance, scorecard, lag, gaps, plan), each a named image with a caption."""
    html = charter_html(alliance, year_from="2027-01-01")
    found = outline(html)
    top = [s for s in found.svgs if s.get("role") == "img"]
    assert len(found.figures) == 5 and len(top) == 5
    for svg in top:
        assert svg.get("aria-label") or svg.get("aria-labelledby")
    for caption in found.figures:
        assert len(caption.split()) >= 8, caption
    assert len(found.ids) == len(set(found.ids)), "two elements share an id"


def test_no_remote_url(alliance):
    """Nothing in the charter is fetched: no link, script, font or image from elsewhere."""
    html = charter_html(alliance, year_from="2027-01-01")
    found = outline(html)
    assert [u for u in found.urls if not u.startswith("#")] == []
    assert not re.search(r"url\(\s*['\"]?(?!#)", html)
    assert "@import" not in html and "<script" not in html and "<link" not in html


def test_parts_not_filled_in_say_so():
    html = charter_html(
        Alliance("Kite + Harbour", [Partner("Kite"), Partner("Harbour")]), year_from="2027-01-01"
    )
    assert html.count("Not filled in yet") == 9  # the health check lacks two parts
    assert len(outline(html).figures) == 0


def test_take_home_writes_every_file_to_the_participants_folder(tmp_path, alliance):
    """The charter, the spreadsheet (figures + scorecard, loads again), the calendar, the save."""
    paths = write_take_home(alliance, tmp_path / "my-alliance", year_from="2027-01-01")
    assert {p.name for p in (tmp_path / "my-alliance").iterdir()} == set(TAKE_HOME.values())
    import openpyxl

    wb = openpyxl.load_workbook(paths["spreadsheet"])
    sheet = wb["scorecard"]
    words = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert words == own_scorecard(alliance)["in_words"].tolist()
    again = load_workbook(paths["spreadsheet"])
    assert again.problems == [] and again.figures == alliance.figures
    assert load(paths["saved"]) == alliance
    assert paths["calendar"].read_bytes().startswith(b"BEGIN:VCALENDAR")


def _plain(page: str) -> str:
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", " ", page))


def test_measures_before_any_figure_say_so_plainly():
    """Measures chosen, no figure loaded yet: does the scorecard say 'no figures yet' (not
    'no figures in no quarter yet'), and does the lag reading ask for the figures in words,
    with no code to type? (Both found by the browser walk of the workbook.)"""
    from toolkit.own_alliance import measure_from_catalogue
    from toolkit.own_alliance.charter import section_html

    alliance = Alliance(
        "Fernhill + Calder",
        [Partner("Fernhill Labs"), Partner("Calder Health")],
        measures=[
            measure_from_catalogue("deal_registrations", 40),
            measure_from_catalogue("sourced_revenue", 450),
        ],
    )
    card = _plain(section_html(alliance, "scorecard"))
    assert "Deal registrations: no figures yet (target 40 registrations per month)." in card
    assert "no quarter" not in card and "No monthly figures yet: load them in part 3" in card
    lag = _plain(section_html(alliance, "lag", pair=("deal_registrations", "sourced_revenue")))
    assert "Not filled in yet: monthly figures of Deal registrations and Partner-sourced " in lag
    assert "data.series" not in lag and "Pass two" not in lag and ".." not in lag


def test_a_dimension_seen_alike_is_seen_better_by_neither(alliance):
    """Where both sides give the same average, does the gaps table say neither sees it better
    (it named the first partner, found by the browser walk)?"""
    from toolkit.own_alliance.charter import section_html

    answers = [
        {"respondent": f"{side[0]}{i}", "side": side, **dict.fromkeys(
            ("trust", "communication", "strategic_value", "operational_effectiveness",
             "governance"), 4), "commitment": score}
        for side, score in (("Brightpath", 5), ("Omnicorp", 2)) for i in range(2)
    ]  # fmt: skip
    alliance.survey = answers
    rows = [re.findall(r"<td>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>",
            section_html(alliance, "health"))]  # fmt: skip
    cells = {r[0]: r for r in rows if r}
    assert cells["commitment"][-2:] == ["3.0", "Brightpath"]
    assert cells["trust"][-2:] == ["0.0", "neither (the same)"]


def test_a_charter_made_again_after_edits_is_the_charter_made_afresh(alliance):
    """After each edit, are the charter and each part's section what they are from nothing?

    Sections, the figures table, the lag reading, the scorecard and the joint plan are kept
    for the same alliance; this walks through edits (and back) and compares with a charter made with
    nothing kept.
    """
    import dataclasses

    from toolkit.own_alliance import charter, edits

    def afresh(a, year_from, pair=None):
        charter.forget_kept()
        return made(a, year_from, pair)

    def made(a, year_from, pair=None):
        sections = {
            key: charter.section_html(a, key, year_from=year_from, pair=pair, prefix="p")
            for key, _title in SECTIONS
        }
        return charter_html(a, year_from=year_from, pair=pair), sections

    figures = {month: dict(values) for month, values in alliance.figures.items()}
    last = max(figures)
    figures[last]["sourced_revenue"] = figures[last]["sourced_revenue"] * 2
    states = [
        alliance,
        edits.add_catalogue_measure(alliance, "partner_leads", "120"),
        dataclasses.replace(alliance, figures=figures),
        edits.remove_last_answer(alliance),
        edits.set_goal(alliance, "900", "2027-01", "2028-12"),
        alliance,
    ]
    seen = []
    for state in states:
        for year_from, pair in (
            ("2027-01-04", None),
            ("2027-02-01", ("trained_sellers", "sourced_revenue")),
        ):
            again = made(state, year_from, pair)  # with what the state before left kept
            fresh = afresh(state, year_from, pair)
            assert again == fresh
            seen.append(fresh)
    assert seen[0] == seen[-2] and len({c for c, _ in seen}) > 6  # the edits changed it


def test_a_figures_table_is_the_callers_own(alliance):
    """Does changing a figures table taken from the workbook leave the next one as it was?"""
    from toolkit.own_alliance.analysis import figures_table

    table = figures_table(alliance)
    first = table.copy()
    table.iloc[0, 0] = -1.0
    assert figures_table(alliance).equals(first)


def test_a_joint_plan_is_the_callers_own_and_follows_the_goal(alliance):
    """Is a plan taken from the workbook the caller's own, and worked out anew for a new goal?"""
    from toolkit.own_alliance import analysis, edits
    from toolkit.own_alliance.analysis import joint_plan

    plan = joint_plan(alliance)
    first = plan.copy()
    plan.loc[0, "by"] = "changed by the caller"
    assert joint_plan(alliance).equals(first)
    higher = edits.set_goal(alliance, "900", "2027-01", "2028-12")
    kept = joint_plan(higher)
    analysis._joint_plan.cache_clear()
    assert kept.equals(joint_plan(higher))
    assert not kept.equals(first)


def test_figures_as_numbers_or_as_text_make_the_same_table(alliance):
    """Is the figures table the same whether the months hold numbers (filled in place) or
    text that reads as numbers (parsed), gaps and months out of order included?"""
    import dataclasses

    from toolkit.own_alliance.analysis import figures_table

    figures = {m: dict(v) for m, v in reversed(list(alliance.figures.items()))}
    figures.pop(sorted(figures)[3])  # a month missing in the middle
    first = sorted(figures)[0]
    figures[first] = {k: None for k in figures[first]} | {"partner_leads": 7}
    as_text = {
        m: {k: None if x is None else str(x) for k, x in v.items()} for m, v in figures.items()
    }
    numbers = figures_table(dataclasses.replace(alliance, figures=figures))
    parsed = figures_table(dataclasses.replace(alliance, figures=as_text))
    assert numbers.equals(parsed) and list(numbers.columns) == list(parsed.columns)
    assert numbers.index.equals(parsed.index) and numbers.isna().any().any()


def test_a_scorecard_is_the_callers_own_and_follows_the_figures(alliance):
    """Is a scorecard taken from the workbook the caller's own, and made anew for new figures?"""
    import dataclasses

    from toolkit.own_alliance import analysis
    from toolkit.own_alliance.analysis import own_scorecard

    card = own_scorecard(alliance)
    first = card.copy()
    card.loc[0, "status"] = "changed by the caller"
    assert own_scorecard(alliance).equals(first)
    assert own_scorecard(alliance).attrs == first.attrs
    figures = {
        month: {k: v * 3 for k, v in values.items()} for month, values in alliance.figures.items()
    }
    tripled = dataclasses.replace(alliance, figures=figures)
    kept = own_scorecard(tripled)
    analysis._own_scorecard.cache_clear()
    assert kept.equals(own_scorecard(tripled))
    assert not kept.equals(first)
