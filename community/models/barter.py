from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.models.skill import Skill

# Hours one exchange may record (the form, the service and the model check them).
MIN_HOURS = Decimal("0.25")
MAX_HOURS = Decimal("100")


class BarterPost(models.Model):
    """A request ("I need help with…") or an offer ("I can…") of the skill barter."""

    class Kind(models.TextChoices):
        REQUEST = "request", _("request")
        OFFER = "offer", _("offer")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="barter_posts"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    skill = models.ForeignKey(
        Skill, verbose_name=_("skill"), on_delete=models.PROTECT, related_name="barter_posts"
    )
    language = models.CharField(_("language"), max_length=5, default="fr")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(_("posted on"), auto_now_add=True)

    class Meta:
        verbose_name = _("barter post")
        verbose_name_plural = _("barter posts")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "-created_at"])]

    def __str__(self):
        return self.title


class Exchange(models.Model):
    """Hours of help one member gave another; counts once the other side confirms."""

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        DECLINED = "declined", _("declined")

    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who helped"),
        on_delete=models.PROTECT,
        related_name="exchanges_given",
    )
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who was helped"),
        on_delete=models.PROTECT,
        related_name="exchanges_received",
    )
    skill = models.ForeignKey(
        Skill, verbose_name=_("skill"), on_delete=models.PROTECT, related_name="exchanges"
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(MIN_HOURS), MaxValueValidator(MAX_HOURS)],
    )
    post = models.ForeignKey(
        BarterPost, on_delete=models.SET_NULL, null=True, blank=True, related_name="exchanges"
    )
    note = models.CharField(_("what was done"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    # Spaces and countries of both sides when recorded: the network's figures stay true
    # when a member later moves or deletes the account.
    giver_space = models.ForeignKey(
        "spaces.Space", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    receiver_space = models.ForeignKey(
        "spaces.Space", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cross_border = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("recorded on"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(giver=models.F("receiver")), name="exchange_between_two"
            ),
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="exchange_hours_positive"),
        ]
        indexes = [models.Index(fields=["state", "confirmed_at"])]

    def __str__(self):
        return f"{self.giver} → {self.receiver}: {self.hours} h"

    def other_side(self, user):
        return self.receiver if user.pk == self.giver_id else self.giver


class Endorsement(models.Model):
    """A thank-you, or an endorsement of a skill, from one member to another."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements_given"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements"
    )
    skill = models.ForeignKey(
        Skill,
        verbose_name=_("skill endorsed"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="endorsements",
    )
    message = models.CharField(_("message"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thanks or endorsement")
        verbose_name_plural = _("thanks and endorsements")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "recipient", "skill"], name="one_endorsement_per_skill"
            ),
            models.CheckConstraint(
                condition=~models.Q(author=models.F("recipient")), name="no_self_endorsement"
            ),
        ]

    def __str__(self):
        return f"{self.author} → {self.recipient}"
