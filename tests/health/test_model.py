"""The health check: the index, perception gaps and survey problems explained."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import data
from toolkit.health.model import dimension_scores, health_index, health_indexes, perception_gaps


def small_survey():
    return pd.DataFrame(
        {
            "respondent": ["a", "b", "c", "d", "e"],
            "side": ["us", "us", "us", "partner", "partner"],
            "trust_1": [5, 5, 5, 3, 3],
            "trust_2": [5, 5, None, 3, 3],
            "governance_1": [4, 4, 4, 4, 2],
        }
    )


def test_health_index_weighs_sides_and_dimensions_equally():
    """Is the index the mean of the side means per dimension, skipping empty answers?"""
    survey = small_survey()
    # trust: us 5, partner 3 -> 4 ; governance: us 4, partner 3 -> 3.5 ; index 3.75
    assert health_index(survey) == pytest.approx(3.75)
    more_of_us = pd.concat([survey, survey[survey["side"] == "us"]])
    assert health_index(more_of_us) == pytest.approx(3.75)


def test_perception_gaps_per_dimension():
    """Does each dimension get both sides' means, the gap and who sees it better?"""
    gaps = perception_gaps(small_survey())
    assert gaps.loc["trust"].tolist() == [5.0, 3.0, 2.0, "us"]
    assert gaps.loc["governance", "gap"] == pytest.approx(1.0)
    assert gaps["gap"].idxmax() == "trust"


def test_survey_problems_are_explained():
    """Do a mixed survey, one side only, or an out-of-range answer raise clear errors?"""
    with pytest.raises(ValueError, match="mixes several values of 'quarter'"):
        health_index(data.survey("Delta"))
    with pytest.raises(ValueError, match="two sides"):
        perception_gaps(small_survey().query("side == 'us'"))
    bad = small_survey()
    bad.loc[0, "trust_1"] = 6
    with pytest.raises(ValueError, match="outside 1 to 5"):
        health_index(bad)


def test_course_survey_gaps_match_the_story():
    """Delta's reorganisation: the partner rates commitment far lower than we do."""
    gaps = perception_gaps(data.survey("Delta", quarter=8))
    assert gaps["gap"].idxmax() == "commitment"
    assert gaps.loc["commitment", "higher"] == "us"


answers = st.lists(
    st.fixed_dictionaries(
        {"side": st.sampled_from(["us", "partner"])},
        optional={d: st.integers(1, 5) for d in ("trust", "governance", "commitment")},
    ).filter(lambda a: len(a) > 1),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(entered=answers)
def test_health_index_stays_on_the_scale_for_any_entered_survey(entered):
    """Does any survey entered in the widget give an index from 1 to 5, and gaps from 0 to 4?"""
    from toolkit.health.model import survey_from_answers

    survey = survey_from_answers(entered)
    assert 1 <= health_index(survey) <= 5
    if survey["side"].nunique() == 2:
        gaps = perception_gaps(survey)["gap"].dropna()
        assert ((gaps >= 0) & (gaps <= 4)).all()


def index_the_long_way(survey):
    """The index as the definition reads: the dimension scores' row means, then their mean."""
    return float(dimension_scores(survey).mean(axis=1).mean())


def test_the_index_is_the_dimension_scores_average_to_the_last_digit_for_every_course_round():
    """Is every alliance's index in every quarter exactly pandas' average of its scores?"""
    every = data.survey()
    rounds = every[["alliance", "quarter"]].drop_duplicates().itertuples(index=False)
    checked = 0
    for alliance, quarter in rounds:
        survey = data.survey(alliance, quarter=int(quarter))
        assert health_index(survey) == index_the_long_way(survey), (alliance, quarter)
        checked += 1
    assert checked >= 100


def test_every_groups_index_at_once_is_each_groups_own_index():
    """Does health_indexes give, alliance by alliance and quarter by quarter, health_index?"""
    every = data.survey()
    for quarter, one_round in every.groupby("quarter"):
        at_once = health_indexes(one_round)
        alone = {
            name: health_index(rows) for name, rows in one_round.groupby("alliance", sort=False)
        }
        assert at_once == alone, quarter
        assert list(at_once) == list(one_round["alliance"].drop_duplicates())
    with pytest.raises(ValueError, match="no 'company' column"):
        health_indexes(small_survey(), by="company")
    bad = small_survey().assign(alliance="A")
    bad.loc[0, "trust_1"] = 0
    with pytest.raises(ValueError, match="outside 1 to 5"):
        health_indexes(bad)


@settings(max_examples=60, deadline=None)
@given(entered=answers)
def test_the_index_of_any_entered_survey_is_the_dimension_scores_average(entered):
    """With answers left empty anywhere, is the index still exactly the scores' average?"""
    from toolkit.health.model import survey_from_answers

    survey = survey_from_answers(entered)
    assert health_index(survey) == index_the_long_way(survey)
