"""Every page that changes the board, for each role: visitor, member, author, manager of
the space concerned, manager of another space, coordinator."""

import pytest
from django.urls import reverse

from opportunities.models import Application, Opportunity
from opportunities.tests.helpers import VALID_POST, en, login

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "author", "manager", "other_manager", "coordinator"]


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def actor(role, request, post):
    return None if role == "visitor" else request.getfixturevalue(role)


def test_only_members_post_and_only_coordinators_publish_directly(client, role, actor):
    response = login(client, actor).post(reverse("opportunities:new"), VALID_POST)
    created = Opportunity.objects.filter(title=VALID_POST["title"]).first()
    if role == "visitor":
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
        assert created is None
        return
    assert response.status_code == 302
    assert created.author == actor
    expected = "published" if role == "coordinator" else "pending"
    assert created.state == expected
    assert (created.published_at is not None) == (role == "coordinator")


def test_new_page_is_for_members(client, role, actor):
    response = login(client, actor).get(reverse("opportunities:new"))
    assert response.status_code == (302 if role == "visitor" else 200)


def test_only_managers_of_a_space_and_coordinators_post_on_its_behalf(client, role, actor, space):
    data = {**VALID_POST, "on_behalf_of": space.pk}
    response = login(client, actor).post(en("opportunities:new"), data)
    created = Opportunity.objects.filter(title=VALID_POST["title"]).first()
    if role in ("manager", "coordinator"):
        assert response.status_code == 302
        assert created.on_behalf_of == space
    else:
        assert response.status_code == (302 if role == "visitor" else 400)
        assert created is None
        if role != "visitor":
            assert "You may post only on behalf of a space you manage." in response.text


def test_edit_is_for_the_author_and_coordinators(client, role, actor, post):
    url = reverse("opportunities:edit", args=[post.pk])
    assert login(client, actor).get(url).status_code == {
        "author": 200,
        "coordinator": 200,
        "visitor": 302,
    }.get(role, 403)
    response = client.post(url, {**VALID_POST, "title": "Graphiste (mis à jour)"})
    post.refresh_from_db()
    if role in ("author", "coordinator"):
        assert response.status_code == 302
        assert post.title == "Graphiste (mis à jour)"
        # A member's edit goes back to moderation; a coordinator's stays published.
        assert post.state == ("published" if role == "coordinator" else "pending")
    else:
        assert response.status_code == (302 if role == "visitor" else 403)
        assert post.title == "Graphiste pour eLAN"
        assert post.state == "published"


def test_withdraw_is_for_the_author_and_coordinators(client, role, actor, post):
    response = login(client, actor).post(reverse("opportunities:withdraw", args=[post.pk]))
    post.refresh_from_db()
    if role in ("author", "coordinator"):
        assert response.status_code == 302
        assert post.state == "withdrawn"
    else:
        assert response.status_code == (302 if role == "visitor" else 403)
        assert post.state == "published"


def test_withdraw_refuses_get(client, author, post):
    response = login(client, author).get(reverse("opportunities:withdraw", args=[post.pk]))
    assert response.status_code == 405


def test_any_member_but_the_author_applies(
    client, role, actor, post, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, actor).post(
            reverse("opportunities:apply", args=[post.pk]), {"message": "Je suis disponible."}
        )
    assert response.status_code == 302
    applied = Application.objects.filter(opportunity=post).first()
    if role in ("visitor", "author"):
        assert applied is None
        assert not mailoutbox
    else:
        assert applied.applicant == actor
        assert [m.to for m in mailoutbox] == [["alba@example.org"]]


def test_moderation_queue_is_for_coordinators(client, role, actor):
    response = login(client, actor).get(reverse("opportunities:moderation"))
    assert response.status_code == {"coordinator": 200, "visitor": 302}.get(role, 403)


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_only_coordinators_review(client, role, actor, author, make_opportunity, decision):
    waiting = make_opportunity(author, state="pending", title="En attente")
    url = reverse("opportunities:review", args=[waiting.pk])
    assert login(client, actor).get(url).status_code == {
        "coordinator": 200,
        "visitor": 302,
    }.get(role, 403)
    response = client.post(url, {"decision": decision})
    waiting.refresh_from_db()
    if role == "coordinator":
        assert response.status_code == 302
        assert waiting.state == ("published" if decision == "approve" else "rejected")
        assert waiting.reviewed_by == actor
    else:
        assert response.status_code == (302 if role == "visitor" else 403)
        assert waiting.state == "pending"


def test_a_pending_post_is_seen_only_by_its_author_and_coordinators(
    client, role, actor, author, make_opportunity
):
    waiting = make_opportunity(author, state="pending", title="En attente")
    response = login(client, actor).get(reverse("opportunities:detail", args=[waiting.pk]))
    assert response.status_code == (200 if role in ("author", "coordinator") else 404)


def test_for_me_needs_an_account(client, role, actor):
    response = login(client, actor).get(reverse("opportunities:for_me"))
    assert response.status_code == (302 if role == "visitor" else 200)
