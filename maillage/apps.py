from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaillageConfig(AppConfig):
    name = "maillage"
    verbose_name = _("Maillage")
