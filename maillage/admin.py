"""The Django admin is a fallback for coordinators, not the main interface."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


def coordinator_only(request) -> bool:
    user = request.user
    return bool(user.is_active and (user.is_superuser or getattr(user, "is_coordinator", False)))


admin.site.site_header = _("Maillage administration")
admin.site.site_title = _("Maillage")
admin.site.has_permission = coordinator_only
