"""Background work of the opportunities board (django-tasks; `manage.py db_worker` runs it)."""

import logging

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task

from opportunities.digest import send_digest

logger = logging.getLogger(__name__)


@task()
def send_weekly_digests() -> int:
    """Send the digest to every subscribed active member; returns how many were sent."""
    now = timezone.now()
    sent = 0
    members = (
        get_user_model()
        .objects.filter(is_active=True, profile__digest_opt_in=True)
        .select_related("profile")
        .order_by("pk")
    )
    for user in members.iterator(chunk_size=500):
        try:
            sent += send_digest(user, now)
        except Exception:
            # One unreachable mailbox must not deprive the others of their digest.
            logger.exception("weekly digest to user %s failed", user.pk)
    return sent
