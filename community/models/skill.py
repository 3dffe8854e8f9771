from django.db import models
from django.utils.translation import gettext_lazy as _

from community.skills import CORE_SKILLS


class Skill(models.Model):
    """One skill of the shared taxonomy, or a free tag a member introduced."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=60)
    is_core = models.BooleanField(_("part of the shared taxonomy"), default=False)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["key"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The translated label of a core skill; a free tag as its author typed it."""
        core = CORE_SKILLS.get(self.key)
        return str(core) if core is not None else self.name
