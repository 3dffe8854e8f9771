"""Headline figures: choosing, ordering, publishing, live figures, bad input."""

import pytest
from django.urls import reverse

from surveys import infographic
from surveys.models import Headline, Survey
from surveys.tests.test_results_data import choice, make_survey, sample_answers, survey_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(coordinator, space):
    survey = make_survey(coordinator)
    sample_answers(survey, space=space)
    return survey


def add(survey, code, values, caption="of spaces"):
    return infographic.add_headline(
        survey=survey,
        question=survey_question(survey, code),
        choices=[choice(survey, code, value) for value in values],
        caption=caption,
    )


def test_figures_are_live_percentages_of_respondents_choosing_any(survey):
    equipped = add(survey, "equipment", ["wifi", "printer"], "are equipped")
    trained = add(survey, "training", ["yes"], "have a training room")
    item = infographic.infographic_of(survey)
    figures = infographic.figures(survey, infographic.headlines(item))
    assert [(f.headline, f.count, f.base, f.percent) for f in figures] == [
        (equipped, 3, 4, 75.0),
        (trained, 2, 4, 50.0),
    ]


def test_headline_rejects_choices_of_another_question_and_non_choice_questions(survey):
    with pytest.raises(infographic.InfographicError):
        infographic.add_headline(
            survey=survey,
            question=survey_question(survey, "equipment"),
            choices=[choice(survey, "country", "fr")],
            caption="x",
        )
    with pytest.raises(infographic.InfographicError):
        infographic.add_headline(
            survey=survey, question=survey_question(survey, "mood"), choices=[], caption="x"
        )
    other = make_survey(survey.created_by, slug="other")
    with pytest.raises(infographic.InfographicError):
        infographic.add_headline(
            survey=survey,
            question=survey_question(other, "country"),
            choices=[choice(other, "country", "fr")],
            caption="x",
        )
    assert not Headline.objects.filter(infographic__survey=survey).exists()


def test_form_with_choice_of_another_question_is_a_clear_error(client, coordinator, survey):
    client.force_login(coordinator)
    response = client.post(
        reverse("surveys:infographic_edit", args=[survey.slug]),
        {
            "question": survey_question(survey, "equipment").pk,
            "choices": [choice(survey, "country", "fr").pk],
            "caption": "are equipped",
        },
    )
    assert response.status_code == 400
    assert "must belong to its question" in response.content.decode()
    garbage = client.post(
        reverse("surveys:infographic_edit", args=[survey.slug]),
        {"question": "abc", "choices": ["x"], "caption": ""},
    )
    assert garbage.status_code == 400
    assert not Headline.objects.exists()


def test_coordinator_adds_orders_publishes_and_visitors_see_figures(client, coordinator, survey):
    client.force_login(coordinator)
    edit = reverse("surveys:infographic_edit", args=[survey.slug])
    for code, value, caption in [
        ("equipment", "wifi", "have wifi"),
        ("training", "yes", "have a training room"),
    ]:
        response = client.post(
            edit,
            {
                "question": survey_question(survey, code).pk,
                "choices": [choice(survey, code, value).pk],
                "caption": caption,
            },
        )
        assert response.status_code == 302
    second = Headline.objects.get(caption="have a training room")
    client.post(
        reverse("surveys:headline_move", args=[survey.slug, second.pk]), {"direction": "up"}
    )
    assert [h.caption for h in Headline.objects.all()] == ["have a training room", "have wifi"]
    bad = client.post(
        reverse("surveys:headline_move", args=[survey.slug, second.pk]), {"direction": "sideways"}
    )
    assert bad.status_code == 302
    client.post(reverse("surveys:infographic_publish", args=[survey.slug]), {"published": "on"})
    survey.refresh_from_db()
    assert survey.results_published and survey.infographic.published
    client.logout()
    html = client.get(reverse("surveys:infographic", args=[survey.slug])).content.decode()
    assert html.index("have a training room") < html.index("have wifi")
    assert "50 %" in html
    client.force_login(coordinator)
    client.post(reverse("surveys:headline_delete", args=[survey.slug, second.pk]))
    client.post(reverse("surveys:infographic_publish", args=[survey.slug]), {"published": ""})
    survey.refresh_from_db()
    assert not survey.results_published and Headline.objects.count() == 1


def test_a_draft_survey_cannot_be_published(client, coordinator):
    survey = make_survey(coordinator, slug="draft", status=Survey.Status.DRAFT)
    client.force_login(coordinator)
    client.post(reverse("surveys:infographic_publish", args=[survey.slug]), {"published": "on"})
    survey.refresh_from_db()
    assert not survey.results_published


def test_headline_of_another_survey_is_not_found(client, coordinator, survey):
    other = make_survey(coordinator, slug="other")
    headline = add(other, "country", ["fr"])
    client.force_login(coordinator)
    url = reverse("surveys:headline_delete", args=[survey.slug, headline.pk])
    assert client.post(url).status_code == 404
    assert Headline.objects.filter(pk=headline.pk).exists()


def test_infographic_in_bounded_queries(client, survey, django_assert_max_num_queries):
    for code in ("equipment", "training", "country"):
        add(
            survey, code, ["fr"] if code == "country" else ["yes" if code == "training" else "wifi"]
        )
    infographic.publish(survey)
    url = reverse("surveys:infographic", args=[survey.slug])
    client.get(url)
    # 17: one more than in the source language, for the translated texts.
    with django_assert_max_num_queries(17):
        assert client.get(url).status_code == 200
