"""The rules of sending, blocking, reporting and moderating, through the services."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from messaging import selectors, services
from messaging.models import MAX_BODY_LENGTH, Block, Message, Participant, Report, Thread
from messaging.services import MessagingError

pytestmark = pytest.mark.django_db


def test_a_message_opens_one_thread_per_pair_and_emails_the_recipient(
    alice, bruno, mailoutbox, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.send_message(
            alice, bruno, "  Coucou, tu viens mardi ?  ", site_url="https://maillage.example"
        )
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.send_message(bruno, alice, "Salut Alice")
    assert first.body == "Coucou, tu viens mardi ?"
    assert answer.thread == first.thread
    assert Thread.objects.count() == 1
    assert Participant.objects.filter(thread=first.thread).count() == 2
    assert len(mailoutbox) == 2
    mail = mailoutbox[0]
    assert mail.to == ["bruno@example.org"]
    assert mail.from_email == settings.DEFAULT_FROM_EMAIL
    assert "Alice Durand" in mail.subject
    assert f"https://maillage.example/fr/messages/{first.thread_id}/" in mail.body
    assert "Coucou" not in mail.body  # the text stays on the platform
    # Without a request (a command), the link is the path alone.
    assert f": /fr/messages/{first.thread_id}/\n" in mailoutbox[1].body


def test_the_email_is_translated_in_a_language_the_recipient_speaks(
    alice, bruno, mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils import translation

    bruno.profile.set_languages(["es", "fr"])
    bruno.profile.save()
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        services.send_message(alice, bruno, "Hola")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.send_message(alice, bruno, "Hello")
    assert "/es/messages/" in mailoutbox[0].body
    assert "/fr/messages/" in mailoutbox[1].body  # Bruno does not speak English


def test_a_rolled_back_message_sends_no_email(alice, bruno, mailoutbox):
    # Inside the test's transaction the on_commit callbacks never run.
    services.send_message(alice, bruno, "Bonjour")
    assert mailoutbox == []


@pytest.mark.parametrize(
    "body, error",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("x" * (MAX_BODY_LENGTH + 1), "too long"),
    ],
)
def test_a_bad_body_is_refused_and_nothing_is_stored(alice, bruno, body, error, mailoutbox):
    with pytest.raises(MessagingError, match=error):
        services.send_message(alice, bruno, body)
    assert not Message.objects.exists()
    assert not Thread.objects.exists()


def test_a_body_of_exactly_the_limit_is_accepted(alice, bruno):
    services.send_message(alice, bruno, "x" * MAX_BODY_LENGTH)
    assert Message.objects.count() == 1


def test_no_message_to_yourself(alice):
    with pytest.raises(MessagingError, match="yourself"):
        services.send_message(alice, alice, "Note pour moi")
    assert not Thread.objects.exists()


def test_no_message_to_a_closed_account(alice, bruno):
    bruno.is_active = False
    bruno.save()
    with pytest.raises(MessagingError, match="closed"):
        services.send_message(alice, bruno, "Bonjour")
    assert not Message.objects.exists()


def test_a_member_who_blocked_you_receives_nothing(
    alice, bruno, mailoutbox, django_capture_on_commit_callbacks
):
    services.block(bruno, alice)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(MessagingError, match="does not accept messages from you"),
    ):
        services.send_message(alice, bruno, "Pourquoi ?")
    assert not Message.objects.exists()
    assert mailoutbox == []


def test_you_cannot_write_to_a_member_you_blocked_until_you_unblock(alice, bruno):
    services.block(alice, bruno)
    services.block(alice, bruno)  # twice is harmless
    assert Block.objects.count() == 1
    with pytest.raises(MessagingError, match="You have blocked"):
        services.send_message(alice, bruno, "Bonjour")
    services.unblock(alice, bruno)
    services.send_message(alice, bruno, "Bonjour")
    assert Message.objects.count() == 1


def test_you_cannot_block_yourself(alice):
    with pytest.raises(MessagingError):
        services.block(alice, alice)
    assert not Block.objects.exists()


def test_a_sender_is_limited_in_messages_per_window(alice, bruno, carla):
    for number in range(services.RATE_LIMIT):
        services.send_message(alice, bruno if number % 2 else carla, f"Message {number}")
    with pytest.raises(MessagingError, match="wait"):
        services.send_message(alice, bruno, "Un de trop")
    assert Message.objects.count() == services.RATE_LIMIT
    # The limit is the sender's, not the conversation's.
    services.send_message(bruno, alice, "Je peux encore répondre")


def test_unread_counts_follow_the_read_mark(conversation, alice, bruno, carla):
    thread, _first, _second = conversation
    services.send_message(bruno, alice, "Et apporte le vidéoprojecteur")
    assert selectors.unread_count(alice) == 2
    assert selectors.unread_count(bruno) == 0  # answering reads what came before
    assert selectors.unread_count(carla) == 0
    with CaptureQueriesContext(connection) as queries:
        selectors.unread_count(alice)
    assert len(queries) == 1
    services.mark_read(thread, alice)
    assert selectors.unread_count(alice) == 0


def test_a_hidden_message_is_not_counted_unread(open_report, coordinator, bruno):
    services.hide_message(open_report, coordinator)
    assert selectors.unread_count(bruno) == 0


def test_a_received_message_can_be_reported_once(conversation, bruno):
    _thread, first, _second = conversation
    report = services.report(bruno, first, "  Propos déplacés  ")
    assert report.reason == "Propos déplacés"
    assert report.state == Report.State.OPEN
    with pytest.raises(MessagingError, match="already reported"):
        services.report(bruno, first, "Encore")
    assert Report.objects.count() == 1


@pytest.mark.parametrize("reason", ["", "   ", "x" * 1001])
def test_a_report_needs_a_reason_of_reasonable_length(conversation, bruno, reason):
    _thread, first, _second = conversation
    with pytest.raises(MessagingError):
        services.report(bruno, first, reason)
    assert not Report.objects.exists()


def test_you_cannot_report_your_own_message(conversation, alice):
    _thread, first, _second = conversation
    with pytest.raises(MessagingError, match="own message"):
        services.report(alice, first, "Test")
    assert not Report.objects.exists()


def test_dismissing_a_report_leaves_the_message(open_report, coordinator):
    services.dismiss_report(open_report, coordinator)
    open_report.refresh_from_db()
    assert open_report.state == Report.State.DISMISSED
    assert open_report.handled_by == coordinator
    assert open_report.handled_at is not None
    assert not open_report.message.hidden_by_moderation


def test_hiding_settles_every_open_report_about_the_message(open_report, coordinator, bruno):
    services.hide_message(open_report, coordinator)
    message = Message.objects.get(pk=open_report.message_id)
    assert message.hidden_by_moderation
    assert set(Report.objects.values_list("state", flat=True)) == {Report.State.ACTIONED}
    with pytest.raises(MessagingError, match="already been hidden"):
        services.report(bruno, message, "Encore")


def test_suspending_hides_and_deactivates_the_author(open_report, coordinator, alice):
    services.hide_and_suspend(open_report, coordinator)
    alice.refresh_from_db()
    assert not alice.is_active
    assert Message.objects.get(pk=open_report.message_id).hidden_by_moderation
    assert Report.objects.get().state == Report.State.ACTIONED


@pytest.mark.parametrize("action", ["dismiss_report", "hide_message", "hide_and_suspend"])
def test_a_handled_report_cannot_be_handled_again(open_report, coordinator, action, alice):
    services.dismiss_report(open_report, coordinator)
    with pytest.raises(MessagingError, match="already been handled"):
        getattr(services, action)(open_report, coordinator)
    alice.refresh_from_db()
    assert alice.is_active
    assert not Message.objects.get(pk=open_report.message_id).hidden_by_moderation
    assert Report.objects.get().state == Report.State.DISMISSED


def test_a_coordinator_cannot_suspend_themselves(coordinator, bruno):
    message = services.send_message(coordinator, bruno, "Bonjour")
    report = services.report(bruno, message, "Test")
    with pytest.raises(MessagingError):
        services.hide_and_suspend(report, coordinator)
    coordinator.refresh_from_db()
    assert coordinator.is_active
    assert not Message.objects.get(pk=message.pk).hidden_by_moderation
