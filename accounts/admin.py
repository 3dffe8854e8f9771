from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Network roles"), {"fields": ("is_coordinator", "is_trainer")}),
        (_("Privacy"), {"fields": ("consent_at", "consent_version")}),
    )
    readonly_fields = ("consent_at", "consent_version")
    list_display = ("username", "email", "first_name", "last_name", "is_coordinator", "is_trainer")
    list_filter = ("is_coordinator", "is_trainer", "is_active")
