"""The pages as a member uses them: inbox, thread, writing, reporting, the queue."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse

from community.models import Visibility
from messaging import selectors, services
from messaging.models import MAX_BODY_LENGTH, Block, Message, Report, Thread

pytestmark = pytest.mark.django_db


def age_messages():
    """Move the messages an hour back, out of the rate limit's window."""
    Message.objects.update(created_at=F("created_at") - timedelta(hours=1))


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


def test_the_inbox_lists_threads_newest_first_with_unread_counts(
    as_alice, alice, bruno, carla, conversation
):
    services.send_message(carla, alice, "Bonjour Alice, je suis Carla")
    services.send_message(carla, alice, "Tu as reçu mon message ?")
    page = as_alice.get(reverse("messaging:inbox")).content.decode()
    assert page.index("Carla Puig") < page.index("Bruno Lopez")
    assert "2 unread" in page
    assert "1 unread" in page


def test_the_inbox_is_paginated_with_a_bounded_number_of_queries(
    as_alice, alice, member_named, django_assert_max_num_queries
):
    for number in range(selectors.THREADS_PER_PAGE + 5):
        other = member_named(f"m{number}", f"Membre {number}")
        services.send_message(other, alice, "Bonjour")
    # Session, user, count, page: the same for 1 thread or 30.
    with django_assert_max_num_queries(6):
        response = as_alice.get(reverse("messaging:inbox"))
    assert response.status_code == 200
    assert response.context["page"].paginator.num_pages == 2
    assert len(response.context["rows"]) == selectors.THREADS_PER_PAGE
    with django_assert_max_num_queries(6):
        second = as_alice.get(reverse("messaging:inbox") + "?page=2")
    assert len(second.context["rows"]) == 5
    assert as_alice.get(reverse("messaging:inbox") + "?page=abc").status_code == 200


def test_a_member_who_hides_their_name_is_never_named(
    client, alice, bruno, carla, conversation, coordinator
):
    thread, first, _second = conversation
    profile = alice.profile
    profile.name_visibility = Visibility.NOBODY
    profile.save()
    services.report(bruno, first, "Bizarre")
    client.force_login(bruno)
    pages = [
        client.get(reverse("messaging:inbox")),
        client.get(reverse("messaging:thread", args=[thread.pk])),
        client.get(reverse("messaging:report", args=[first.pk])),
    ]
    client.force_login(coordinator)
    pages.append(client.get(reverse("messaging:moderation")))
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode()
        assert "Alice Durand" not in text
        assert "A member of the network" in text


def test_the_thread_shows_the_latest_fifty_oldest_first_and_marks_them_read(
    as_alice, alice, bruno, django_assert_max_num_queries
):
    for number in range(55):
        sender, recipient = (alice, bruno) if number % 2 else (bruno, alice)
        services.send_message(sender, recipient, f"Message numéro {number:02d}.")
        age_messages()
    thread = Thread.objects.get()
    assert selectors.unread_count(alice) == 1
    # No query per message: the senders are the two participants, loaded with the thread.
    with django_assert_max_num_queries(10):
        response = as_alice.get(reverse("messaging:thread", args=[thread.pk]))
    page = response.content.decode()
    assert "Message numéro 04." not in page
    assert page.index("Message numéro 05.") < page.index("Message numéro 54.")
    assert "?page=2" in page
    assert selectors.unread_count(alice) == 0
    older = as_alice.get(reverse("messaging:thread", args=[thread.pk]) + "?page=2")
    assert "Message numéro 04." in older.content.decode()
    assert "Message numéro 05." not in older.content.decode()


def test_a_reply_is_stored_and_emailed(
    as_alice, bruno, conversation, mailoutbox, django_capture_on_commit_callbacks
):
    thread, _first, _second = conversation
    with django_capture_on_commit_callbacks(execute=True):
        response = as_alice.post(
            reverse("messaging:thread", args=[thread.pk]), {"body": "À jeudi !"}
        )
    assert response.status_code == 302
    assert thread.messages.last().body == "À jeudi !"
    assert mailoutbox[-1].to == [bruno.email]
    # The link is absolute, built from the request's host.
    assert f"http://testserver/fr/messages/{thread.pk}/" in mailoutbox[-1].body


def test_a_hidden_message_shows_as_hidden_to_both_participants(
    client, alice, bruno, open_report, coordinator
):
    services.hide_message(open_report, coordinator)
    for user in (alice, bruno):
        client.force_login(user)
        page = client.get(reverse("messaging:thread", args=[open_report.message.thread_id]))
        text = page.content.decode()
        assert "Message hidden by moderation" in text
        assert open_report.message.body not in text


def test_write_opens_a_form_then_reuses_the_thread(as_alice, alice, carla):
    url = reverse("messaging:write", args=[carla.pk])
    form = as_alice.get(url)
    assert form.status_code == 200
    assert "Carla Puig" in form.content.decode()
    response = as_alice.post(url, {"body": "Bonjour Carla"})
    thread = Thread.objects.get()
    assert response["Location"] == reverse("messaging:thread", args=[thread.pk])
    assert as_alice.get(url)["Location"] == reverse("messaging:thread", args=[thread.pk])
    as_alice.post(url, {"body": "Encore moi"})
    assert Thread.objects.count() == 1
    assert thread.messages.count() == 2


@pytest.mark.parametrize(
    "body, error",
    [
        ("", "The message is empty."),
        ("   ", "The message is empty."),
        ("x" * (MAX_BODY_LENGTH + 1), "too long"),
    ],
)
def test_a_bad_message_is_a_clear_400(as_alice, carla, body, error):
    response = as_alice.post(reverse("messaging:write", args=[carla.pk]), {"body": body})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Message.objects.exists()


def test_writing_to_yourself_is_explained(as_alice, alice):
    url = reverse("messaging:write", args=[alice.pk])
    assert "to yourself" in as_alice.get(url).content.decode()
    response = as_alice.post(url, {"body": "Moi"})
    assert response.status_code == 400
    assert "to yourself" in response.content.decode()
    assert not Message.objects.exists()


def test_an_unknown_member_is_a_404(as_alice):
    for url in (
        reverse("messaging:write", args=[999999]),
        reverse("messaging:write", args=[int("9" * 30)]),
        reverse("messaging:thread", args=[int("9" * 30)]),
        reverse("messaging:report", args=[int("9" * 30)]),
    ):
        assert as_alice.get(url).status_code == 404
    assert (
        as_alice.post(reverse("messaging:write", args=[999999]), {"body": "x"}).status_code == 404
    )
    assert as_alice.post(reverse("messaging:block", args=[999999])).status_code == 404
    assert not Message.objects.exists()


def test_a_member_who_blocked_you_gets_no_message(
    client, alice, bruno, conversation, mailoutbox, django_capture_on_commit_callbacks
):
    thread, _first, _second = conversation
    client.force_login(bruno)
    client.post(reverse("messaging:block", args=[alice.pk]))
    client.force_login(alice)
    page = client.get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert "This member does not accept messages from you." in page
    with django_capture_on_commit_callbacks(execute=True):
        for url in (
            reverse("messaging:thread", args=[thread.pk]),
            reverse("messaging:write", args=[bruno.pk]),
        ):
            response = client.post(url, {"body": "Pourquoi ?"})
            assert response.status_code == 400
            assert "This member does not accept messages from you." in response.content.decode()
    assert thread.messages.count() == 2
    assert mailoutbox == []


def test_block_then_unblock_from_the_thread(as_alice, alice, bruno, conversation):
    thread, _first, _second = conversation
    response = as_alice.post(reverse("messaging:block", args=[bruno.pk]), follow=True)
    text = response.content.decode()
    assert "You have blocked Bruno Lopez" in text
    assert "Unblock this member" in text
    assert Block.objects.filter(blocker=alice, blocked=bruno).exists()
    as_alice.post(reverse("messaging:unblock", args=[bruno.pk]))
    assert not Block.objects.exists()


def test_reporting_twice_is_refused_clearly(client, bruno, conversation):
    _thread, first, _second = conversation
    client.force_login(bruno)
    url = reverse("messaging:report", args=[first.pk])
    assert client.post(url, {"reason": "Insultant"}).status_code == 302
    response = client.post(url, {"reason": "Encore"})
    assert response.status_code == 400
    assert "You have already reported this message." in response.content.decode()
    assert Report.objects.count() == 1


@pytest.mark.parametrize("reason", ["", "x" * 1001])
def test_a_report_without_a_proper_reason_is_a_400(client, bruno, conversation, reason):
    _thread, first, _second = conversation
    client.force_login(bruno)
    response = client.post(reverse("messaging:report", args=[first.pk]), {"reason": reason})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_the_moderation_queue_shows_both_parties_and_handles_a_report(
    client, coordinator, open_report, alice, bruno
):
    client.force_login(coordinator)
    page = client.get(reverse("messaging:moderation")).content.decode()
    assert "Alice Durand" in page and "Bruno Lopez" in page
    assert "Ce message me met mal" in page
    response = client.post(
        reverse("messaging:moderate", args=[open_report.pk]), {"action": "suspend"}, follow=True
    )
    assert "its author&#x27;s account suspended" in response.content.decode()
    alice.refresh_from_db()
    assert not alice.is_active
    assert "No report is waiting." in response.content.decode()


def test_moderation_bad_input_is_explained_and_changes_nothing(client, coordinator, open_report):
    client.force_login(coordinator)
    url = reverse("messaging:moderate", args=[open_report.pk])
    response = client.post(url, {"action": "delete-everything"}, follow=True)
    assert "Please choose an action." in response.content.decode()
    open_report.refresh_from_db()
    assert open_report.state == Report.State.OPEN
    client.post(url, {"action": "dismiss"})
    response = client.post(url, {"action": "hide"}, follow=True)
    assert "This report has already been handled." in response.content.decode()
    assert not Message.objects.get(pk=open_report.message_id).hidden_by_moderation
    assert (
        client.post(reverse("messaging:moderate", args=[999999]), {"action": "hide"}).status_code
        == 404
    )


def test_the_moderation_queue_is_paginated_with_bounded_queries(
    client, coordinator, alice, member_named, django_assert_max_num_queries
):
    for number in range(selectors.REPORTS_PER_PAGE + 3):
        other = member_named(f"r{number}", f"Membre {number}")
        message = services.send_message(alice, other, f"Spam {number}")
        services.report(other, message, "Spam")
        age_messages()
    client.force_login(coordinator)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("messaging:moderation"))
    assert len(response.context["rows"]) == selectors.REPORTS_PER_PAGE
    assert client.get(reverse("messaging:moderation") + "?page=2").status_code == 200


GARBAGE = ["", "\x00", "nan", "-1", "9" * 40, "<script>alert(1)</script>", "é" * 6000]


def test_no_input_produces_a_server_error(client, alice, bruno, coordinator, open_report):
    thread = open_report.message.thread
    client.force_login(bruno)
    posts = [
        (reverse("messaging:thread", args=[thread.pk]), "body"),
        (reverse("messaging:write", args=[alice.pk]), "body"),
        (reverse("messaging:report", args=[open_report.message_id]), "reason"),
    ]
    for value in GARBAGE:
        for url, field in posts:
            assert client.post(url, {field: value}).status_code < 500, (url, value)
        for url in (reverse("messaging:inbox"), reverse("messaging:thread", args=[thread.pk])):
            assert client.get(url, {"page": value}).status_code < 500, (url, value)
    client.force_login(coordinator)
    for value in GARBAGE:
        url = reverse("messaging:moderate", args=[open_report.pk])
        assert client.post(url, {"action": value}).status_code < 500
        assert client.get(reverse("messaging:moderation"), {"page": value}).status_code < 500
    open_report.refresh_from_db()
    assert open_report.state == Report.State.OPEN
    # Text is escaped wherever it is shown.
    client.force_login(alice)
    page = client.get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
