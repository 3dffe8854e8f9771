"""A member's personal data in the messages: export it, and forget it with the account."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from community.visibility import public_name
from messaging.models import Block, Message, Report, Thread


def _when(value) -> str | None:
    return value.isoformat() if value else None


def export(user) -> dict:
    """Everything the messages hold about ``user``, JSON-serialisable.

    The other members appear under the name ``user`` could see. Messages hidden by
    moderation keep their text when ``user`` wrote them (it is their own data); a
    received hidden message is only marked as hidden.
    """
    threads = (
        Thread.objects.filter(Q(user_low=user) | Q(user_high=user))
        .select_related("user_low__profile", "user_high__profile")
        .order_by("created_at", "pk")
    )
    messages_by_thread: dict[int, list[dict]] = {}
    for message in Message.objects.filter(thread__in=threads).order_by("pk"):
        mine = message.sender_id == user.pk
        shown = mine or not message.hidden_by_moderation
        messages_by_thread.setdefault(message.thread_id, []).append(
            {
                "sent_by_me": mine,
                "sent_at": _when(message.created_at),
                "body": message.body if shown else None,
                "hidden_by_moderation": message.hidden_by_moderation,
            }
        )
    blocks = Block.objects.filter(blocker=user).select_related("blocked__profile")
    reports = Report.objects.filter(reporter=user).select_related("message")
    return {
        "threads": [
            {
                "with": public_name(thread.other(user), user),
                "started_at": _when(thread.created_at),
                "messages": messages_by_thread.get(thread.pk, []),
            }
            for thread in threads
        ],
        "blocks": [
            {"member": public_name(item.blocked, user), "since": _when(item.created_at)}
            for item in blocks
        ],
        "reports": [
            {
                "message": item.message.body,
                "reason": item.reason,
                "state": item.state,
                "reported_at": _when(item.created_at),
                "handled_at": _when(item.handled_at),
            }
            for item in reports
        ],
    }


@transaction.atomic
def forget(user) -> None:
    """Called when ``user`` deletes the account.

    Their blocks and the reports they filed go. The messages stay: they are also the
    other member's conversation, and the account row stays, deactivated and renamed,
    so the other side reads "Former member" (see community.visibility.public_name).
    """
    Block.objects.filter(blocker=user).delete()
    Report.objects.filter(reporter=user).delete()
