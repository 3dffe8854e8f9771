"""Results aggregated in the database: bases, percentages, numbers, months, places, split."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys import charts, results
from surveys.models import Response
from surveys.tests.test_results_data import make_survey, respond, sample_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(coordinator, space):
    survey = make_survey(coordinator, results_published=True)
    sample_answers(survey, space=space)
    return survey


def by_code(computed):
    return {r.question.code: r for r in computed.questions}


def rows(result):
    return {row.value: (row.count, round(row.percent, 1)) for row in result.rows}


def test_only_submitted_responses_count_and_bases_are_those_who_saw(survey):
    computed = by_code(results.compute(survey, "fr"))
    assert results.compute(survey, "fr").respondents == 4
    assert computed["country"].base == 4
    assert rows(computed["country"]) == {"fr": (2, 50.0), "es": (2, 50.0)}
    # Shown only to the two who have a training room.
    assert computed["rooms"].base == 2 and computed["rooms"].answered == 2


def test_multiple_choice_percentages_are_of_respondents_and_may_sum_over_100(survey):
    equipment = by_code(results.compute(survey, "fr"))["equipment"]
    assert equipment.base == 4 and equipment.answered == 3
    assert rows(equipment) == {"wifi": (2, 50.0), "printer": (2, 50.0), "other": (1, 25.0)}
    assert equipment.others == 1


def test_yes_no_stored_as_text_or_as_choice_aggregate_alike(survey):
    respond(survey, {"country": "fr"})  # no answer to training
    training = by_code(results.compute(survey, "fr"))["training"]
    assert rows(training) == {"yes": (2, 40.0), "no": (2, 40.0)}
    assert training.base == 5 and training.answered == 4


def test_numbers_and_scales_have_distribution_mean_and_median(survey):
    computed = by_code(results.compute(survey, "fr"))
    mood = computed["mood"]
    assert [(row.value, row.count) for row in mood.rows] == [
        ("1", 0),
        ("2", 1),
        ("3", 0),
        ("4", 1),
        ("5", 1),
    ]
    assert mood.median == 4 and round(mood.mean, 2) == 3.67
    assert computed["rooms"].mean == 1.5 and computed["rooms"].median == 1.5


def test_many_distinct_numbers_are_binned(coordinator):
    survey = make_survey(coordinator)
    for value in range(1, 31):
        respond(survey, {"training": "yes", "rooms": str(value)})
    rooms = by_code(results.compute(survey, "fr"))["rooms"]
    assert len(rooms.rows) == results.BINS
    assert sum(row.count for row in rooms.rows) == 30
    assert rooms.median == 15.5


def test_dates_by_month_communes_by_name_spaces_by_name(survey, space):
    computed = by_code(results.compute(survey, "fr"))
    assert rows(computed["opened"]) == {"2015-01": (2, 50.0)}
    assert [(row.label, row.count) for row in computed["town"].rows] == [
        ("Lorp-Sentaraille (09190)", 2)
    ]
    assert [(row.label, row.count) for row in computed["home"].rows] == [(space.name, 1)]


def test_split_by_a_single_choice_gives_counts_and_column_percentages(survey):
    computed = results.compute(survey, "fr", "country")
    equipment = by_code(computed)["equipment"]
    assert [column.label for column in equipment.columns] == ["Fr", "Es"]
    assert [column.base for column in equipment.columns] == [2, 1]
    cells = {row.value: row.cells for row in equipment.rows}
    assert cells["wifi"] == [(2, 100.0), (0, 0.0)]
    assert cells["printer"] == [(1, 50.0), (1, 100.0)]
    training = by_code(computed)["training"]
    assert {row.value: row.cells for row in training.rows}["no"] == [(0, 0.0), (2, 100.0)]
    assert isinstance(equipment.chart, charts.Chart) and equipment.chart.kind == "grouped"


def test_split_by_a_yes_no_question_stored_as_text(survey):
    computed = results.compute(survey, "fr", "training")
    country = by_code(computed)["country"]
    assert {row.value: row.cells for row in country.rows}["fr"] == [(2, 100.0), (0, 0.0)]


@pytest.mark.parametrize("code", ["nope", "rooms", "equipment", "needs"])
def test_split_by_unknown_or_non_single_choice_question_is_refused(survey, code):
    with pytest.raises(results.ResultsError):
        results.compute(survey, "fr", code)


def test_bad_split_on_the_page_is_a_clear_error_not_a_500(client, survey):
    url = reverse("surveys:results", args=[survey.slug])
    response = client.get(url, {"by": "equipment"})
    assert response.status_code == 400
    assert "single choice" in response.content.decode()
    response = client.get(url, {"by": "<script>"})
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()


def test_page_shows_charts_bases_and_never_who_answered(client, survey, member):
    Response.objects.filter(survey=survey).update(respondent=None)
    respond(survey, {"needs": "Secret de Mia"}, respondent=member)
    response = client.get(reverse("surveys:results", args=[survey.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") >= 7
    assert "n = 5 respondents who saw the question" in html
    assert "mia" not in html.lower()


def test_page_split_renders(client, survey):
    response = client.get(reverse("surveys:results", args=[survey.slug]), {"by": "country"})
    assert response.status_code == 200
    assert "column" in response.content.decode()


def test_text_answers_are_paginated_without_identity(client, survey, member):
    for number in range(30):
        respond(survey, {"needs": f"Besoin {number}"}, respondent=None)
    url = reverse("surveys:results_texts", args=[survey.slug, "needs"])
    first = client.get(url).content.decode()
    assert "Besoin 29" in first and "Besoin 0" not in first
    assert "Besoin 0" in client.get(url, {"page": 2}).content.decode()
    other = client.get(reverse("surveys:results_texts", args=[survey.slug, "equipment"]))
    assert "calc" in other.content.decode()
    assert client.get(url, {"page": "zz"}).status_code == 200
    missing = reverse("surveys:results_texts", args=[survey.slug, "unknown"])
    assert client.get(missing).status_code == 404


def test_query_count_does_not_grow_with_responses(client, coordinator, survey, space):
    client.force_login(coordinator)
    url = reverse("surveys:results", args=[survey.slug])
    client.get(url, {"by": "country"})  # warm caches (communes file, content types)
    sample_answers(survey, space=space)  # bulk rows: the next view counts again
    with CaptureQueriesContext(connection) as few:  # counts every answer
        assert client.get(url, {"by": "country"}).status_code == 200
    for _ in range(3):
        sample_answers(survey, space=space)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, {"by": "country"}).status_code == 200
    assert len(few) == len(many) <= 44
    with CaptureQueriesContext(connection) as counted:  # reads the running counts
        assert client.get(url, {"by": "country"}).status_code == 200
    assert len(counted) <= 14


def test_aggregates_follow_each_new_submitted_response(survey):
    assert results.compute(survey, "fr").respondents == 4
    respond(survey, {"country": "es"})
    computed = results.compute(survey, "fr")
    assert computed.respondents == 5
    assert rows(by_code(computed)["country"])["es"] == (3, 60.0)


def test_whole_page_in_bounded_queries(client, survey, django_assert_max_num_queries):
    url = reverse("surveys:results", args=[survey.slug])
    client.get(url)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_empty_survey_renders(client, coordinator):
    survey = make_survey(coordinator, slug="empty")
    client.force_login(coordinator)
    response = client.get(reverse("surveys:results", args=[survey.slug]), {"by": "country"})
    assert response.status_code == 200
    assert "No answer yet." in response.content.decode()
