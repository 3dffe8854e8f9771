from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SpaceMembership(models.Model):
    """A member says they belong to a space; one of its managers confirms it."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("awaiting the manager")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships"
    )
    space = models.ForeignKey("spaces.Space", on_delete=models.CASCADE, related_name="memberships")
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("space membership")
        verbose_name_plural = _("space memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "space"], name="one_membership_per_space")
        ]

    def __str__(self):
        return f"{self.user} @ {self.space}"
