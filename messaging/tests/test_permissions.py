"""Every page of the messages for each role: visitor, the author, the other participant,
a third member, a coordinator who is not part of the conversation."""

import pytest
from django.urls import reverse

from messaging.models import Block, Message, Report

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "alice", "bruno", "carla", "coordinator"]


@pytest.fixture(params=ROLES)
def role(request):
    return request.param


@pytest.fixture
def actor(role, request, client, conversation):
    user = None if role == "visitor" else request.getfixturevalue(role)
    if user is not None:
        client.force_login(user)
    return user


def is_login_redirect(response):
    return response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_inbox_is_for_members(client, role, actor):
    response = client.get(reverse("messaging:inbox"))
    if role == "visitor":
        assert is_login_redirect(response)
    else:
        assert response.status_code == 200


def test_a_thread_is_seen_only_by_its_two_participants(client, role, actor, conversation):
    thread, first, _second = conversation
    response = client.get(reverse("messaging:thread", args=[thread.pk]))
    if role == "visitor":
        assert is_login_redirect(response)
    elif role in ("alice", "bruno"):
        assert response.status_code == 200
        assert first.body in response.content.decode()
    else:  # a third member, and a coordinator too: as if it did not exist
        assert response.status_code == 404
        assert first.body not in response.content.decode()


def test_only_participants_may_reply(client, role, actor, conversation):
    thread, _first, _second = conversation
    response = client.post(reverse("messaging:thread", args=[thread.pk]), {"body": "Coucou"})
    stored = Message.objects.filter(body="Coucou").exists()
    if role == "visitor":
        assert is_login_redirect(response)
    elif role in ("alice", "bruno"):
        assert response.status_code == 302
        assert Message.objects.get(body="Coucou").sender == actor
        return
    else:
        assert response.status_code == 404
    assert not stored


def test_any_member_may_write_to_another(client, role, actor, alice, bruno, carla):
    response = client.post(reverse("messaging:write", args=[carla.pk]), {"body": "Bonjour Carla"})
    stored = Message.objects.filter(body="Bonjour Carla")
    if role == "visitor":
        assert is_login_redirect(response)
        assert not stored.exists()
    elif role == "carla":
        assert response.status_code == 400
        assert not stored.exists()
    else:
        assert response.status_code == 302
        assert stored.get().sender == actor


def test_blocking_is_a_members_own_choice(client, role, actor, alice, bruno):
    response = client.post(reverse("messaging:block", args=[alice.pk]))
    if role == "visitor":
        assert is_login_redirect(response)
        assert not Block.objects.exists()
    elif role == "alice":  # blocking yourself is refused
        assert response.status_code == 302
        assert not Block.objects.exists()
    else:
        assert response.status_code == 302
        assert Block.objects.get().blocker == actor
        response = client.post(reverse("messaging:unblock", args=[alice.pk]))
        assert response.status_code == 302
        assert not Block.objects.exists()


def test_block_and_unblock_accept_only_post(client, role, actor, alice):
    for name in ("messaging:block", "messaging:unblock"):
        response = client.get(reverse(name, args=[alice.pk]))
        assert response.status_code == (302 if role == "visitor" else 405)


def test_only_the_recipient_may_report_a_message(client, role, actor, conversation):
    _thread, first, _second = conversation  # written by Alice to Bruno
    url = reverse("messaging:report", args=[first.pk])
    form = client.get(url)
    response = client.post(url, {"reason": "Insultant"})
    if role == "visitor":
        assert is_login_redirect(form) and is_login_redirect(response)
    elif role == "bruno":
        assert form.status_code == 200
        assert response.status_code == 302
        assert Report.objects.get().reporter == actor
        return
    elif role == "alice":  # her own message
        assert form.status_code == 200
        assert response.status_code == 400
    else:  # cannot see the message at all
        assert form.status_code == 404
        assert response.status_code == 404
    assert not Report.objects.exists()


def test_the_moderation_queue_is_for_coordinators(client, role, actor, open_report):
    response = client.get(reverse("messaging:moderation"))
    if role == "visitor":
        assert is_login_redirect(response)
    elif role == "coordinator":
        assert response.status_code == 200
        assert open_report.message.body in response.content.decode()
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("action", ["dismiss", "hide", "suspend"])
def test_only_coordinators_handle_reports(client, role, actor, open_report, action, alice):
    response = client.post(reverse("messaging:moderate", args=[open_report.pk]), {"action": action})
    open_report.refresh_from_db()
    alice.refresh_from_db()
    if role == "coordinator":
        assert response.status_code == 302
        assert open_report.state != Report.State.OPEN
        assert open_report.handled_by == actor
        return
    assert response.status_code == (302 if role == "visitor" else 403)
    if role == "visitor":
        assert is_login_redirect(response)
    assert open_report.state == Report.State.OPEN
    assert not Message.objects.get(pk=open_report.message_id).hidden_by_moderation
    assert alice.is_active


def test_a_coordinator_sees_only_the_reported_message(client, coordinator, open_report):
    client.force_login(coordinator)
    page = client.get(reverse("messaging:moderation")).content.decode()
    assert "Bonjour Bruno, tu es à eLAN jeudi ?" in page
    assert "Oui, à partir de 9 h." not in page  # the rest of the thread stays private
