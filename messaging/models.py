"""One-to-one threads between members, their messages, blocks and reports."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MAX_BODY_LENGTH = 5000
MAX_REASON_LENGTH = 1000


class Thread(models.Model):
    """The one conversation between two members.

    The pair is stored ordered (lower user id first) so that a unique constraint
    guarantees a single thread per pair, whoever wrote first.
    """

    user_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    user_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Copied from the newest message so that the inbox sorts on an indexed column.
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        constraints = [
            models.UniqueConstraint(fields=["user_low", "user_high"], name="one_thread_per_pair"),
            models.CheckConstraint(
                condition=Q(user_low__lt=F("user_high")), name="thread_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["-last_message_at"])]

    def __str__(self):
        return f"{self.user_low_id} ↔ {self.user_high_id}"

    @staticmethod
    def ordered_pair(first, second) -> tuple:
        return (first, second) if first.pk < second.pk else (second, first)

    def has_participant(self, user) -> bool:
        return user.pk in (self.user_low_id, self.user_high_id)

    def other(self, user):
        return self.user_high if user.pk == self.user_low_id else self.user_low


class Participant(models.Model):
    """One side of a thread and how far that member has read it."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_threads"
    )
    # Id of the newest message this member has seen: ids only grow, so "unread" is
    # "id greater than this" without comparing timestamps that may tie.
    read_up_to = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_participant_per_side")
        ]

    def __str__(self):
        return f"{self.user_id} in {self.thread_id}"


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages_sent"
    )
    body = models.TextField(_("message"), max_length=MAX_BODY_LENGTH)
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)
    hidden_by_moderation = models.BooleanField(_("hidden by moderation"), default=False)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["thread", "-id"]),
            # The rate limit counts a sender's recent messages.
            models.Index(fields=["sender", "created_at"]),
        ]

    def __str__(self):
        return self.body[:60]


class Block(models.Model):
    """``blocker`` no longer receives messages from ``blocked`` (nor writes to them)."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="no_self_block"),
        ]

    def __str__(self):
        return f"{self.blocker_id} ⊘ {self.blocked_id}"


class Report(models.Model):
    """A member asks the coordinators to look at a message they received."""

    class State(models.TextChoices):
        OPEN = "open", _("open")
        DISMISSED = "dismissed", _("dismissed")
        ACTIONED = "actioned", _("action taken")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_reports"
    )
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reason = models.TextField(_("reason"), max_length=MAX_REASON_LENGTH)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled on"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported on"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "message"],
                condition=Q(state="open"),
                name="one_open_report_per_reporter",
            )
        ]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"report {self.pk} on message {self.message_id}"
