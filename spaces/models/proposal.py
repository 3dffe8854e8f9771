from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Proposal(models.Model):
    """A new space or a correction proposed by anyone, waiting for a coordinator."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    space = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("space"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
        help_text=_("Empty for a new space."),
    )
    data = models.JSONField(_("proposed values"), default=dict)
    language = models.CharField(_("language"), max_length=5, default="fr")
    message = models.TextField(_("message to the coordinators"), blank=True)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="space_proposals",
    )
    proposer_name = models.CharField(_("your name"), max_length=120, blank=True)
    proposer_email = models.EmailField(_("your email"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(_("proposed on"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    review_note = models.TextField(_("note of the review"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return self.data.get("name") or str(self.space) or f"#{self.pk}"

    @property
    def is_new_space(self) -> bool:
        return self.space_id is None
