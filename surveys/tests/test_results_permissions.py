"""Every results page for every role: anonymous, member, manager, coordinator."""

import pytest
from django.urls import reverse

from surveys import infographic
from surveys.models import Survey
from surveys.tests.test_results_data import choice, make_survey, sample_answers, survey_question

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "manager", "coordinator"]
READ_PAGES = ["results", "results_texts", "infographic"]
EXPORTS = ["export_csv", "export_xlsx", "export_aggregates_csv", "export_aggregates_xlsx"]
EDIT_PAGES = ["infographic_edit"]


@pytest.fixture
def as_role(client, member, manager, coordinator):
    def login(role):
        client.logout()
        user = {"member": member, "manager": manager, "coordinator": coordinator}.get(role)
        if user is not None:
            client.force_login(user)
        return client

    return login


def build(coordinator, status=Survey.Status.OPEN, published=False, with_infographic=True):
    survey = make_survey(coordinator, slug=f"s-{status}-{published}", status=status)
    sample_answers(survey)
    if with_infographic:
        infographic.add_headline(
            survey=survey,
            question=survey_question(survey, "country"),
            choices=[choice(survey, "country", "fr")],
            caption="are in France",
        )
    if published:
        infographic.publish(survey)
    return survey


def url(name, survey):
    args = [survey.slug, "needs"] if name == "results_texts" else [survey.slug]
    return reverse(f"surveys:{name}", args=args)


EXPECTED = {
    # (survey state, page) -> status per role (anonymous, member, manager, coordinator)
    ("published", "read"): (200, 200, 200, 200),
    ("published", "export"): (403, 403, 403, 200),
    ("published", "edit"): (403, 403, 403, 200),
    ("unpublished", "read"): (403, 403, 403, 200),
    ("unpublished", "export"): (403, 403, 403, 200),
    ("unpublished", "edit"): (403, 403, 403, 200),
    ("draft", "read"): (404, 404, 404, 200),
    ("draft", "export"): (404, 404, 404, 200),
    ("draft", "edit"): (403, 403, 403, 200),
}


@pytest.mark.parametrize("state", ["published", "unpublished", "draft"])
def test_every_page_for_every_role(as_role, coordinator, state):
    survey = build(
        coordinator,
        status=Survey.Status.DRAFT if state == "draft" else Survey.Status.CLOSED,
        published=state == "published",
    )
    pages = [(p, "read") for p in READ_PAGES] + [(p, "export") for p in EXPORTS]
    pages += [(p, "edit") for p in EDIT_PAGES]
    for name, group in pages:
        for role, expected in zip(ROLES, EXPECTED[(state, group)], strict=True):
            response = as_role(role).get(url(name, survey))
            assert response.status_code == expected, (state, name, role)


@pytest.mark.parametrize("role", ["anonymous", "member", "manager"])
def test_only_coordinators_change_the_infographic(as_role, coordinator, role):
    survey = build(coordinator)
    headline = survey.infographic.headlines.get()
    client = as_role(role)
    posts = [
        ("surveys:infographic_publish", [survey.slug], {"published": "on"}),
        ("surveys:headline_delete", [survey.slug, headline.pk], {}),
        ("surveys:headline_move", [survey.slug, headline.pk], {"direction": "up"}),
        (
            "surveys:infographic_edit",
            [survey.slug],
            {"question": headline.question_id, "choices": [], "caption": "x"},
        ),
    ]
    for name, args, data in posts:
        assert client.post(reverse(name, args=args), data).status_code == 403
    survey.refresh_from_db()
    assert not survey.results_published
    assert survey.infographic.headlines.count() == 1


def test_published_results_without_published_infographic(as_role, coordinator):
    survey = build(coordinator)
    Survey.objects.filter(pk=survey.pk).update(results_published=True)
    assert as_role("member").get(url("results", survey)).status_code == 200
    assert as_role("member").get(url("infographic", survey)).status_code == 404
    assert as_role("coordinator").get(url("infographic", survey)).status_code == 200


def test_unknown_survey_is_404_everywhere(as_role):
    client = as_role("coordinator")
    for name in READ_PAGES + EXPORTS + EDIT_PAGES:
        args = ["nope", "needs"] if name == "results_texts" else ["nope"]
        assert client.get(reverse(f"surveys:{name}", args=args)).status_code == 404
