"""The health-check widget, driven without a browser: set values, click, read back."""

from toolkit import data, health
from toolkit.health.widget import HealthCheck


# ---- HealthCheck -----------------------------------------------------------------------
def test_health_check_shows_course_survey(answer_path):
    """Does choosing an alliance and quarter show its index and every gap, naming none?"""
    check = HealthCheck("Delta", 8, path=answer_path("my-health-check.json"))
    survey = data.survey("Delta", quarter=8)
    assert f"{health.health_index(survey):.2f}" in check.readout.value
    for dimension, gap in health.perception_gaps(survey)["gap"].round(2).items():
        assert dimension in check.table.value and f"<td>{float(gap)!r}</td>" in check.table.value
    # lesson 04's exercise asks for the largest gap: the widget must not print it
    assert "largest" not in check.readout.value.lower()
    assert "<svg" in check.picture.value
    check.alliance.value = "Northwind"
    assert f"{health.health_index(data.survey('Northwind', quarter=8)):.2f}" in check.readout.value


def test_health_check_own_answers_need_both_sides_and_persist(answer_path):
    """Do entered answers give an index, gaps once both sides answered, and survive a restart?"""
    path = answer_path("my-health-check.json")
    check = HealthCheck(path=path)
    check.side.value = "us"
    for slider in check.sliders.values():
        slider.value = 5
    check.add_button.click()
    assert check.source.value == "My own answers"
    assert "5.00" in check.readout.value and "both sides" in check.message.value
    check.side.value = "partner"
    check.sliders["trust"].value = 1
    check.add_button.click()
    assert "<td>4.0</td>" in check.table.value  # trust: 5 against 1
    check.add_answer({"side": "them", "trust": 3})
    assert "Side must be" in check.message.value and len(check.answers) == 2
    again = HealthCheck(path=path)
    assert len(again.answers) == 2 and again.source.value == "My own answers"
    assert "<td>4.0</td>" in again.table.value


def test_health_check_csv_upload_is_checked(answer_path):
    """Does a CSV with a bad answer give an inline message naming the row and column?"""
    check = HealthCheck(path=answer_path("my-health-check.json"))
    check.load_csv(b"respondent,side,trust_1\nA,us,4\nB,partner,8\n", "mine.csv")
    assert "mine.csv, row 3, column" in check.message.value.replace("&#x27;", "'")
    check.load_csv(b"respondent,side,trust_1,governance_1\nA,us,4,4\nB,partner,2,4\n")
    assert "Health index: <b>3.50</b>" in check.readout.value


def test_health_check_file_upload_as_the_browser_sends_it(answer_path):
    """Does a file chosen in the upload button load (and a bad one give an inline message)?"""
    import datetime

    check = HealthCheck(path=answer_path("my-health-check.json"))

    def upload(name, content):
        check.upload.value = (
            {
                "name": name,
                "type": "text/csv",
                "size": len(content),
                "content": memoryview(content),
                "last_modified": datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
            },
        )

    upload("team.csv", b"respondent,side,trust_1\nA,us,5\nB,partner,1\n")
    assert "Health index: <b>3.00</b>" in check.readout.value
    assert "<td>4.0</td>" in check.table.value
    upload("broken.csv", b"who,what\n1,2\n")
    assert "broken.csv: missing column 'respondent'" in check.message.value.replace("&#x27;", "'")
