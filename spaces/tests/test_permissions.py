"""Every page that changes the directory, for each role: visitor, member, manager of
this space, manager of another space, coordinator."""

import pytest
from django.urls import reverse

from spaces.models import Proposal, Space

pytestmark = pytest.mark.django_db

EDIT_POST = {
    "name": "eLAN (école)",
    "kind": "coworking",
    "status": "open",
    "source_language": "fr",
    "town": "Lézat-sur-Lèze",
    "postcode": "09210",
    "country": "FR",
    "opening_hours": "Mo-Fr 09:00-18:00",
    "has_wifi": "on",
    "language": "fr",
    "short_description": "Dans l'ancienne école communale",
}


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(params=["visitor", "member", "manager", "other_manager", "coordinator"])
def role(request):
    return request.param


@pytest.fixture
def actor(role, request, space):
    return None if role == "visitor" else request.getfixturevalue(role)


def test_edit_page_is_for_managers_of_the_space_and_coordinators(client, role, actor, space):
    response = login(client, actor).post(reverse("spaces:edit", args=[space.slug]), EDIT_POST)
    space.refresh_from_db()
    if role in ("manager", "coordinator"):
        assert response.status_code == 302
        assert space.name == "eLAN (école)"
        assert space.revisions.first().user == actor
    else:
        assert response.status_code == (302 if role == "visitor" else 403)
        assert space.name == "eLAN"
        if role == "visitor":
            assert reverse("account_login") in response["Location"]


def test_edit_form_is_shown_only_to_who_may_save(client, role, actor, space):
    response = login(client, actor).get(reverse("spaces:edit", args=[space.slug]))
    expected = {"manager": 200, "coordinator": 200, "visitor": 302}.get(role, 403)
    assert response.status_code == expected


def test_anyone_may_propose_a_new_space_which_waits_for_moderation(client, role, actor):
    data = {**EDIT_POST, "name": "Espace de Luzech", "town": "Luzech", "postcode": "46140"}
    response = login(client, actor).post(reverse("spaces:propose"), data)
    assert response.status_code == 302
    assert not Space.objects.filter(name="Espace de Luzech").exists()
    proposal = Proposal.objects.get()
    assert proposal.state == Proposal.State.PENDING
    assert proposal.proposer == actor


def test_a_correction_is_queued_unless_the_person_may_edit(client, role, actor, space):
    url = reverse("spaces:propose_change", args=[space.slug])
    response = login(client, actor).post(url, {**EDIT_POST, "seats": "20"})
    assert response.status_code == 302
    space.refresh_from_db()
    assert space.seats == 12
    if role in ("manager", "coordinator"):
        assert response["Location"] == reverse("spaces:edit", args=[space.slug])
        assert not Proposal.objects.exists()
    else:
        assert Proposal.objects.get().space == space


def test_moderation_queue_is_for_coordinators(client, role, actor):
    response = login(client, actor).get(reverse("spaces:moderation"))
    assert response.status_code == {"coordinator": 200, "visitor": 302}.get(role, 403)


def test_only_a_coordinator_accepts_a_proposal(client, role, actor, member):
    proposal = Proposal.objects.create(
        data={
            "name": "Espace de Prayssac",
            "kind": "mini_cowork",
            "town": "Prayssac",
            "country": "FR",
            "status": "open",
            "translations": {},
        },
        proposer=member,
    )
    response = login(client, actor).post(
        reverse("spaces:review", args=[proposal.pk]), {"decision": "accept"}
    )
    proposal.refresh_from_db()
    if role == "coordinator":
        assert response.status_code == 302
        assert proposal.state == Proposal.State.ACCEPTED
        created = Space.objects.get(name="Espace de Prayssac")
        assert created.insee == "46225"
        assert member in created.managers.all()
    else:
        assert response.status_code == (302 if role == "visitor" else 403)
        assert proposal.state == Proposal.State.PENDING
        assert not Space.objects.filter(name="Espace de Prayssac").exists()


def test_only_a_coordinator_rejects_a_proposal(client, role, actor, space):
    proposal = Proposal.objects.create(space=space, data={"seats": 3, "translations": {}})
    login(client, actor).post(reverse("spaces:review", args=[proposal.pk]), {"decision": "reject"})
    proposal.refresh_from_db()
    expected = Proposal.State.REJECTED if role == "coordinator" else Proposal.State.PENDING
    assert proposal.state == expected
    space.refresh_from_db()
    assert space.seats == 12


def test_admin_is_a_fallback_for_coordinators_only(client, role, actor):
    response = login(client, actor).get(reverse("admin:spaces_space_changelist"))
    if role == "coordinator":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert "login" in response["Location"]


def test_only_coordinators_name_the_managers(client, space, manager, coordinator, member):
    data = {**EDIT_POST, "managers": "mia\nmanon@example.org"}
    client.force_login(manager)
    client.post(reverse("spaces:edit", args=[space.slug]), data)
    assert list(space.managers.all()) == [manager]  # a manager cannot add one
    client.force_login(coordinator)
    client.post(reverse("spaces:edit", args=[space.slug]), data)
    assert set(space.managers.all()) == {manager, member}
    response = client.post(
        reverse("spaces:edit", args=[space.slug]), {**EDIT_POST, "managers": "ghost"}
    )
    assert response.status_code == 400
    assert set(space.managers.all()) == {manager, member}


def test_admin_edits_go_through_the_history(client, space, coordinator):
    client.force_login(coordinator)
    url = reverse("admin:spaces_space_change", args=[space.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    data["seats"] = 15
    data["wheelchair_access"] = "unknown"
    for prefix in ("translations", "photos"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    space.refresh_from_db()
    assert space.seats == 15
    revision = space.revisions.first()
    assert revision.origin == "admin" and revision.changes["seats"] == [12, 15]
