"""Every change to messages, blocks and reports: plain functions, one transaction each."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from community.visibility import public_name
from messaging.models import (
    MAX_BODY_LENGTH,
    MAX_REASON_LENGTH,
    Block,
    Message,
    Participant,
    Report,
    Thread,
)

# A member writing to many people at once is usually a spammer or a stolen account;
# the limit is generous for a real conversation.
logger = logging.getLogger(__name__)

RATE_LIMIT = 20
RATE_WINDOW = timedelta(minutes=10)


class MessagingError(ValueError):
    """A change refused for a reason the member can read (already translated)."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


def check_can_write(sender, recipient) -> None:
    """Raise MessagingError when ``sender`` may not write to ``recipient`` at all."""
    if sender.pk == recipient.pk:
        raise MessagingError(_("You cannot send a message to yourself."))
    if not recipient.is_active:
        raise MessagingError(_("This member's account is closed: they cannot receive messages."))
    blocks = Block.objects.filter(
        Q(blocker=sender, blocked=recipient) | Q(blocker=recipient, blocked=sender)
    ).values_list("blocker_id", flat=True)
    blockers = set(blocks)
    if sender.pk in blockers:
        raise MessagingError(_("You have blocked this member: unblock them to write to them."))
    if recipient.pk in blockers:
        raise MessagingError(_("This member does not accept messages from you."))


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise MessagingError(_("The message is empty."))
    if len(body) > MAX_BODY_LENGTH:
        raise MessagingError(
            _("The message is too long (%(length)d characters, at most %(limit)d).")
            % {"length": len(body), "limit": MAX_BODY_LENGTH}
        )
    return body


def _check_rate(sender) -> None:
    since = timezone.now() - RATE_WINDOW
    if Message.objects.filter(sender=sender, created_at__gte=since).count() >= RATE_LIMIT:
        raise MessagingError(
            _("You have sent many messages in a short time: please wait a few minutes.")
        )


def thread_between(first, second) -> Thread | None:
    low, high = Thread.ordered_pair(first, second)
    return Thread.objects.filter(user_low=low, user_high=high).first()


def get_or_create_thread(first, second) -> Thread:
    """The pair's thread, created with both participants on first use."""
    low, high = Thread.ordered_pair(first, second)
    try:
        with transaction.atomic():
            thread, created = Thread.objects.get_or_create(user_low=low, user_high=high)
    except IntegrityError:  # created meanwhile by the other member
        thread, created = Thread.objects.get(user_low=low, user_high=high), False
    if created:
        Participant.objects.bulk_create(
            [Participant(thread=thread, user=low), Participant(thread=thread, user=high)]
        )
    return thread


def thread_path(thread: Thread) -> str:
    return reverse("messaging:thread", args=[thread.pk])


def _notification_language(recipient) -> str:
    """The active language if the recipient speaks it, else the site's default.

    There is no stored language preference; the profile lists the languages spoken.
    """
    current = translation.get_language() or settings.LANGUAGE_CODE
    profile = getattr(recipient, "profile", None)
    if profile is not None and current in profile.language_codes:
        return current
    return settings.LANGUAGE_CODE


def _notify(message: Message, recipient, site_url: str) -> None:
    """Email the recipient that a message is waiting, without its text.

    The text stays on the platform, where blocking and moderation apply, and out of
    mailboxes. ``site_url`` ("https://host") makes the link absolute; without it
    (a command, a test) the link is the path alone.
    """
    if not recipient.email:
        return
    with translation.override(_notification_language(recipient)):
        link = f"{site_url.rstrip('/')}{thread_path(message.thread)}"
        name = public_name(message.sender, recipient)
        subject = _("New message from %(name)s") % {"name": name}
        text = _(
            "Hello,\n\n%(name)s sent you a message on Maillage.\n"
            "Read it and reply: %(link)s\n\n"
            "You receive this email because you have an account on Maillage."
        ) % {"name": name, "link": link}
    try:
        send_mail(
            f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
            text,
            settings.DEFAULT_FROM_EMAIL,
            [recipient.email],
        )
    except Exception:
        # The message is stored and shows in the inbox: a mail server down must not
        # turn the sender's page into an error.
        logger.exception("message notification to user %s failed", recipient.pk)


@transaction.atomic
def send_message(sender, recipient, body: str, *, site_url: str = "") -> Message:
    """Store a message from ``sender`` to ``recipient`` and email a notification."""
    body = _clean_body(body)
    check_can_write(sender, recipient)
    _check_rate(sender)
    thread = get_or_create_thread(sender, recipient)
    message = Message.objects.create(thread=thread, sender=sender, body=body)
    Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created_at)
    thread.last_message_at = message.created_at
    # The sender has read their own message.
    Participant.objects.filter(thread=thread, user=sender).update(read_up_to=message.pk)
    # After the commit: no email for a message that was rolled back.
    transaction.on_commit(lambda: _notify(message, recipient, site_url))
    return message


def mark_read(thread: Thread, user) -> None:
    """Move ``user``'s read mark to the thread's newest message (never backwards)."""
    newest = thread.messages.order_by("-pk").values_list("pk", flat=True).first()
    if newest:
        Participant.objects.filter(thread=thread, user=user, read_up_to__lt=newest).update(
            read_up_to=newest
        )


@transaction.atomic
def block(blocker, blocked) -> Block:
    if blocker.pk == blocked.pk:
        raise MessagingError(_("You cannot block yourself."))
    made, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return made


@transaction.atomic
def unblock(blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


@transaction.atomic
def report(reporter, message: Message, reason: str) -> Report:
    """``reporter`` asks the coordinators to look at a message they received."""
    reason = (reason or "").strip()
    if not reason:
        raise MessagingError(_("Please say why you report this message."))
    if len(reason) > MAX_REASON_LENGTH:
        raise MessagingError(
            _("The reason is too long (at most %(limit_value)d characters).")
            % {"limit_value": MAX_REASON_LENGTH}
        )
    if message.sender_id == reporter.pk:
        raise MessagingError(_("You cannot report your own message."))
    if message.hidden_by_moderation:
        raise MessagingError(_("This message has already been hidden by moderation."))
    if Report.objects.filter(reporter=reporter, message=message, state=Report.State.OPEN).exists():
        raise MessagingError(_("You have already reported this message."))
    try:
        with transaction.atomic():
            return Report.objects.create(reporter=reporter, message=message, reason=reason)
    except IntegrityError:  # a double click: the same report arrived twice
        raise MessagingError(_("You have already reported this message.")) from None


def _close(report_: Report, moderator, state: str) -> None:
    report_.state = state
    report_.handled_by = moderator
    report_.handled_at = timezone.now()
    report_.save(update_fields=["state", "handled_by", "handled_at"])


def _open_report(report_: Report) -> Report:
    """The report locked for the decision, or an error when someone already decided."""
    locked = Report.objects.select_for_update().select_related("message__sender").get(pk=report_.pk)
    if locked.state != Report.State.OPEN:
        raise MessagingError(_("This report has already been handled."))
    return locked


@transaction.atomic
def dismiss_report(report_: Report, moderator) -> Report:
    locked = _open_report(report_)
    _close(locked, moderator, Report.State.DISMISSED)
    return locked


@transaction.atomic
def hide_message(report_: Report, moderator) -> Report:
    """Hide the reported message; every open report about it is settled with it."""
    return _hide(_open_report(report_), moderator)


def _hide(locked: Report, moderator) -> Report:
    message = locked.message
    message.hidden_by_moderation = True
    message.save(update_fields=["hidden_by_moderation"])
    now = timezone.now()
    Report.objects.filter(message=message, state=Report.State.OPEN).update(
        state=Report.State.ACTIONED, handled_by=moderator, handled_at=now
    )
    locked.refresh_from_db()
    return locked


@transaction.atomic
def hide_and_suspend(report_: Report, moderator) -> Report:
    """Hide the message and deactivate its author's account (they can no longer log in)."""
    locked = _open_report(report_)
    author = locked.message.sender
    if author.pk == moderator.pk:
        raise MessagingError(_("You cannot suspend your own account."))
    handled = _hide(locked, moderator)
    author.is_active = False
    author.save(update_fields=["is_active"])
    return handled
