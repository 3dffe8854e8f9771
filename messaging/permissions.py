"""Every access rule of the messages, in one place.

Roles: visitor (anonymous: the views send them to the login page), member, the two
participants of a thread, coordinator (``spaces.permissions.is_coordinator``).

A thread is private to its two participants: anyone else gets a 404, as if it did
not exist, coordinators included. Coordinators see a message of someone else's
thread only once it is reported, in the moderation queue.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from messaging.models import Message, Report, Thread
from spaces.permissions import is_coordinator


def can_read_thread(user, thread: Thread) -> bool:
    return bool(user and user.is_authenticated and thread.has_participant(user))


def get_thread_for(user, pk: int) -> Thread:
    """The thread ``pk`` if ``user`` takes part in it, else 404."""
    thread = get_object_or_404(
        Thread.objects.select_related("user_low__profile", "user_high__profile"), pk=pk
    )
    if not can_read_thread(user, thread):
        raise Http404
    return thread


def get_recipient(pk: int):
    """Any account may be the target of the write and block pages; unknown ids are 404."""
    return get_object_or_404(get_user_model().objects.select_related("profile"), pk=pk)


def can_report(user, message: Message) -> bool:
    """The other participant may report a message; its author and strangers may not."""
    return can_read_thread(user, message.thread) and message.sender_id != user.pk


def get_message_to_report(user, pk: int) -> Message:
    """The message ``pk`` if ``user`` may see it (their thread), else 404."""
    message = get_object_or_404(Message.objects.select_related("thread", "sender__profile"), pk=pk)
    if not can_read_thread(user, message.thread):
        raise Http404
    return message


def can_moderate(user) -> bool:
    return is_coordinator(user)


def require_moderator(user) -> None:
    if not can_moderate(user):
        raise PermissionDenied


def get_report_for_moderation(user, pk: int) -> Report:
    require_moderator(user)
    return get_object_or_404(Report, pk=pk)
