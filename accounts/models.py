from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account: member by default, coordinator when granted.

    Managers are the users listed on a space (``Space.managers``); the role is
    derived from that list rather than stored twice.
    """

    is_coordinator = models.BooleanField(
        _("network coordinator"),
        default=False,
        help_text=_("Coordinators validate listings, import data and moderate proposals."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
