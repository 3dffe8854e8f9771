"""Opportunities of the network (jobs, missions, collaborations…) and applications to them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A post without a deadline stays on the board this long after its publication.
DEFAULT_LIFETIME = dt.timedelta(days=60)


class OpportunityQuerySet(models.QuerySet):
    def live(self, today: dt.date | None = None):
        """Published and not expired: the only ones lists, feeds, API and matching show."""
        today = today or timezone.localdate()
        return self.filter(state=Opportunity.State.PUBLISHED, expires_on__gte=today)


class Opportunity(models.Model):
    """A job, mission, collaboration, project or call posted by a member or a space."""

    class Kind(models.TextChoices):
        JOB = "job", _("job offer")
        FREELANCE = "freelance", _("freelance mission")
        COLLABORATION = "collaboration", _("collaboration")
        PROJECT = "project", _("project seeking partners")
        CALL = "call", _("call for proposals")

    class State(models.TextChoices):
        PENDING = "pending", _("awaiting moderation")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(
        _("description"), max_length=8000, help_text=_("Markdown: **bold**, lists, links.")
    )
    skills = models.ManyToManyField(
        "community.Skill",
        verbose_name=_("skills wanted"),
        through="OpportunitySkill",
        related_name="opportunities",
        blank=True,
    )
    place = models.CharField(_("place"), max_length=160, blank=True)
    remote = models.BooleanField(_("remote work possible"), default=False)
    spaces = models.ManyToManyField(
        "spaces.Space",
        verbose_name=_("spaces concerned"),
        related_name="opportunities",
        blank=True,
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("An email address, a web address or a phone number."),
    )
    apply_in_platform = models.BooleanField(_("members apply on Maillage"), default=False)
    # SET_NULL: when a member deletes the account, the post stays as an anonymous contribution.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    on_behalf_of = models.ForeignKey(
        "spaces.Space",
        verbose_name=_("on behalf of the space"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posted_opportunities",
    )
    language = models.CharField(
        _("language of the post"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(_("posted on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)
    # The deadline, else publication + DEFAULT_LIFETIME; set on publication so that
    # "live" is one indexed comparison rather than a computed expression.
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(_("note to the author"), max_length=500, blank=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-published_at", "-pk"]
        indexes = [
            # The board, the feeds and the API: pages read newest first from the second,
            # counts and matching check "live" with the first.
            models.Index(fields=["state", "expires_on"], name="opp_live_idx"),
            models.Index(fields=["state", "published_at"], name="opp_recent_idx"),
            models.Index(fields=["state", "created_at"], name="opp_queue_idx"),
            models.Index(fields=["kind"], name="opp_kind_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("opportunities:detail", kwargs={"pk": self.pk})

    @property
    def kind_label(self) -> str:
        return self.Kind(self.kind).label if self.kind in self.Kind.values else self.kind

    def is_expired(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.expires_on is not None and self.expires_on < today

    def is_live(self, today: dt.date | None = None) -> bool:
        return (
            self.state == self.State.PUBLISHED
            and self.expires_on is not None
            and not self.is_expired(today)
        )


class OpportunitySkill(models.Model):
    """A skill an opportunity wants: an explicit table so that matching has its own index."""

    # No single-column indexes: the unique pair and the matching index below cover both.
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, db_index=False)
    skill = models.ForeignKey("community.Skill", on_delete=models.CASCADE, db_index=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "skill"], name="opp_skill_once")
        ]
        # "For me" starts from the member's skills: skill first, then the opportunity,
        # so the match count reads the index alone.
        indexes = [models.Index(fields=["skill", "opportunity"], name="opp_skill_match_idx")]

    def __str__(self):
        return f"{self.opportunity_id}: {self.skill_id}"


class Application(models.Model):
    """A member applies to an opportunity on the platform; the poster is told by email."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    message = models.TextField(_("message"), max_length=3000)
    created_at = models.DateTimeField(_("sent on"), auto_now_add=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "applicant"], name="one_application_per_member"
            )
        ]

    def __str__(self):
        return f"{self.applicant} → {self.opportunity}"
