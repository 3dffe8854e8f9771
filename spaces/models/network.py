from django.db import models
from django.utils.translation import gettext_lazy as _


class Network(models.Model):
    """A network spaces belong to: Cowocat, Cowopy, a cooperative of tiers-lieux…"""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self):
        return self.name
