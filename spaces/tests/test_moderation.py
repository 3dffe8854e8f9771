import pytest
from django.urls import reverse
from django.utils import translation

from spaces.models import Proposal, Space

pytestmark = pytest.mark.django_db


def test_a_reviewed_proposal_cannot_be_applied_twice(client, coordinator, space):
    proposal = Proposal.objects.create(space=space, data={"seats": 30, "translations": {}})
    client.force_login(coordinator)
    url = reverse("spaces:review", args=[proposal.pk])
    client.post(url, {"decision": "accept"})
    space.refresh_from_db()
    assert space.seats == 30
    space.seats = 31
    space.save(update_fields=["seats"])
    response = client.post(url, {"decision": "accept"}, follow=True)
    with translation.override("fr"):
        expected = translation.gettext("This proposal has already been reviewed.")
    assert expected in [str(m) for m in response.context["messages"]]
    space.refresh_from_db()
    assert space.seats == 31


def test_an_invalid_decision_changes_nothing(client, coordinator, space):
    proposal = Proposal.objects.create(space=space, data={"seats": 30, "translations": {}})
    client.force_login(coordinator)
    response = client.post(reverse("spaces:review", args=[proposal.pk]), {"decision": "maybe"})
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.PENDING


def test_a_proposal_that_no_longer_fits_is_reported_not_applied(client, coordinator):
    proposal = Proposal.objects.create(
        data={
            "name": "Sans réseau",
            "town": "Guéret",
            "country": "FR",
            "networks": ["deleted-network"],
            "translations": {},
        }
    )
    client.force_login(coordinator)
    response = client.post(
        reverse("spaces:review", args=[proposal.pk]), {"decision": "accept"}, follow=True
    )
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.PENDING
    assert not Space.objects.filter(name="Sans réseau").exists()


def test_the_review_page_shows_the_proposed_changes(client, coordinator, space):
    proposal = Proposal.objects.create(
        space=space,
        data={"seats": 40, "translations": {"es": {"short_description": "En la antigua escuela"}}},
        proposer_name="Iñaki",
    )
    client.force_login(coordinator)
    page = client.get(reverse("spaces:review", args=[proposal.pk])).content.decode()
    assert "40" in page and "En la antigua escuela" in page and "Iñaki" in page


def test_bad_proposals_are_refused_with_clear_errors(client):
    response = client.post(
        reverse("spaces:propose"),
        {
            "name": "",
            "kind": "castle",
            "country": "FR",
            "opening_hours": "Mo-Fr 25:00-99:00",
            "latitude": "43.2",
            "language": "fr",
            "status": "open",
            "source_language": "fr",
            "proposer_email": "not-an-email",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mo-Fr 25:00-99:00" in page  # the invalid expression is named in its error
    form = response.context["form"]
    assert set(form.errors) >= {"name", "kind", "opening_hours", "__all__"}
    assert "proposer_email" in response.context["proposer"].errors
    assert not Proposal.objects.exists()


def test_the_spam_trap_refuses_robots(client):
    response = client.post(
        reverse("spaces:propose"),
        {
            "name": "Spam",
            "kind": "coworking",
            "status": "open",
            "source_language": "fr",
            "country": "FR",
            "language": "fr",
            "nickname": "buy now",
        },
    )
    assert response.status_code == 400
    assert not Proposal.objects.exists()
