from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account: a member (coworker) by default.

    Other roles are granted by a coordinator: coordinator and trainer are flags here;
    managers are the users listed on a space (``Space.managers``), so that role is
    derived from that list rather than stored twice.
    """

    is_coordinator = models.BooleanField(
        _("network coordinator"),
        default=False,
        help_text=_("Coordinators validate listings, import data and moderate proposals."),
    )
    is_trainer = models.BooleanField(
        _("trainer"), default=False, help_text=_("Trainers write courses and follow learners.")
    )
    consent_at = models.DateTimeField(_("privacy consent given on"), null=True, blank=True)
    consent_version = models.CharField(_("privacy notice version"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
