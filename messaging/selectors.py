"""Reads of the messages: the inbox, a thread's page, the badge, the moderation queue."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet

from messaging.models import Message, Participant, Report, Thread

THREADS_PER_PAGE = 25
MESSAGES_PER_PAGE = 50
REPORTS_PER_PAGE = 25


def _unread_filter(user) -> Q:
    """Messages of the participant's thread newer than their read mark, from the other side.

    Hidden messages do not count: the member could not read them anyway.
    """
    return (
        Q(thread__messages__pk__gt=F("read_up_to"))
        & ~Q(thread__messages__sender_id=user.pk)
        & Q(thread__messages__hidden_by_moderation=False)
    )


def unread_count(user) -> int:
    """Unread messages over all the member's threads, in one query (the header badge)."""
    if not (user and user.is_authenticated):
        return 0
    result = Participant.objects.filter(user=user).aggregate(
        unread=Count("thread__messages", filter=_unread_filter(user))
    )
    return result["unread"] or 0


def inbox(user) -> QuerySet[Participant]:
    """The member's threads, newest activity first, each with ``unread`` and both users."""
    return (
        Participant.objects.filter(user=user, thread__last_message_at__isnull=False)
        .select_related("thread__user_low__profile", "thread__user_high__profile")
        .annotate(unread=Count("thread__messages", filter=_unread_filter(user)))
        .order_by("-thread__last_message_at", "-pk")
    )


def page_of(queryset, number, per_page: int) -> Page:
    return Paginator(queryset, per_page).get_page(number)


def thread_page(thread: Thread, number) -> tuple[Page, list[Message]]:
    """Page ``number`` counted from the newest messages, and its messages oldest first.

    Page 1 is the latest 50; older pages go back in time.
    """
    page = page_of(thread.messages.order_by("-pk"), number, MESSAGES_PER_PAGE)
    shown = list(reversed(page.object_list))
    # Both participants are already loaded with the thread: no query per message.
    users = {thread.user_low_id: thread.user_low, thread.user_high_id: thread.user_high}
    for message in shown:
        message.sender = users[message.sender_id]
        message.thread = thread
    return page, shown


def open_reports() -> QuerySet[Report]:
    return (
        Report.objects.filter(state=Report.State.OPEN)
        .select_related(
            "reporter__profile",
            "message__sender__profile",
            "message__thread__user_low__profile",
            "message__thread__user_high__profile",
        )
        .order_by("created_at", "pk")
    )
