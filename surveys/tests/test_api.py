"""/api/surveys: open surveys and published results; never drafts nor invitation tokens."""

import datetime as dt

import pytest
from django.utils import timezone

from surveys import builder
from surveys.models import Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def surveys(survey_factory):
    now = timezone.now()
    made = {
        "open": survey_factory(title="Ouvert", closes_at=now + dt.timedelta(days=90)),
        "draft": survey_factory(title="Brouillon", structure=False),
        "later": survey_factory(title="Plus tard", opens_at=now + dt.timedelta(days=3)),
        "closed": survey_factory(title="Fermé"),
        "published": survey_factory(title="Résultats"),
        "invited": survey_factory(title="Sur invitation", audience=Survey.Audience.INVITED),
    }
    for key in ("open", "later", "closed", "published", "invited"):
        builder.open_survey(made[key])
    for key in ("closed", "published"):
        builder.close_survey(made[key])
    Survey.objects.filter(pk__in=[made["published"].pk, made["draft"].pk]).update(
        results_published=True
    )
    builder.create_invitations(made["invited"], count=2)
    builder.save_translations(made["open"], language="en", texts={"survey:title": "Open"})
    return made


def test_lists_open_surveys_and_published_results(client, surveys):
    data = client.get("/api/surveys", {"lang": "en"}).json()
    by_slug = {row["slug"]: row for row in data["results"]}
    assert set(by_slug) == {surveys[k].slug for k in ("open", "published", "invited")}
    assert data["count"] == 3
    opened = by_slug[surveys["open"].slug]
    assert opened["title"] == "Open" and opened["language"] == "en"
    assert opened["status"] == "open" and opened["accepting_answers"] is True
    assert opened["answer_url"] == f"http://testserver/en/surveys/{surveys['open'].slug}/answer/"
    assert opened["results_url"] is None
    assert opened["closes_at"] is not None and opened["audience"] == "public"
    published = by_slug[surveys["published"].slug]
    assert published["answer_url"] is None
    assert published["results_url"].endswith(f"/en/surveys/{surveys['published'].slug}/results/")
    assert published["title"] == "Résultats" and published["language"] == "fr"


def test_never_a_token(client, surveys):
    text = client.get("/api/surveys").text
    for invitation in surveys["invited"].invitations.all():
        assert invitation.token not in text
    assert "/i/" not in text


def test_the_language_defaults_to_the_active_one_and_is_checked(client, surveys):
    rows = client.get("/api/surveys", HTTP_ACCEPT_LANGUAGE="es").json()["results"]
    assert all("/es/surveys/" in (r["answer_url"] or r["results_url"]) for r in rows)
    assert client.get("/api/surveys", {"lang": "xx"}).status_code == 422
    assert client.get("/api/surveys", {"limit": 0}).status_code == 422
    assert client.get("/api/surveys", {"page": 9}).status_code == 404


def test_paginated_with_a_bounded_number_of_queries(client, surveys, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        data = client.get("/api/surveys", {"limit": 2}).json()
    assert (data["count"], data["pages"], len(data["results"])) == (3, 2, 2)
