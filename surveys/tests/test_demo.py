"""The demo survey of space managers reproduces the published findings."""

import pytest
from django.urls import reverse

from surveys import infographic, results
from surveys.demo import HEADLINES, PUBLISHED, RESPONSES, SLUG, load_demo_surveys
from surveys.models import Response, Survey, SurveyTranslation

pytestmark = pytest.mark.django_db


def test_no_coordinator_no_demo_survey(make_user):
    make_user("someone")
    assert load_demo_surveys() == 0
    assert not Survey.objects.exists()


def test_demo_survey_is_closed_translated_published_and_loads_once(make_user, client):
    make_user("coordinatrice", is_coordinator=True)
    assert load_demo_surveys() == 1
    assert load_demo_surveys() == 0
    survey = Survey.objects.get(slug=SLUG)
    assert survey.status == Survey.Status.CLOSED and survey.results_published
    assert survey.created_by.username == "coordinatrice"
    assert Response.objects.filter(survey=survey, state="submitted").count() == RESPONSES
    questions = results.load_questions(survey)
    assert len(questions) == 20
    assert sum(q.kind == "long_text" for q in questions) == 6
    spanish = SurveyTranslation.objects.filter(survey=survey, language="es")
    assert spanish.filter(key=f"question:{questions[0].pk}:text").exists()
    assert spanish.count() > 60
    assert client.get(reverse("surveys:infographic", args=[SLUG])).status_code == 200
    assert client.get(reverse("surveys:results", args=[SLUG]), {"by": "pays"}).status_code == 200


def test_each_headline_within_two_points_of_the_published_figure(make_user):
    make_user("admin", is_superuser=True)
    load_demo_surveys()
    survey = Survey.objects.get(slug=SLUG)
    assert survey.infographic.published
    items = infographic.headlines(survey.infographic)
    assert [h.question.code for h in items] == [code for code, _v, _c in HEADLINES]
    for figure in infographic.figures(survey, items):
        published = PUBLISHED[figure.headline.question.code]
        assert figure.base == RESPONSES
        assert abs(figure.percent - published) <= 2, (figure.headline.caption, figure.percent)
