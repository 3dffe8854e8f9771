from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Network roles"), {"fields": ("is_coordinator",)}),
    )
    list_display = ("username", "email", "first_name", "last_name", "is_coordinator")
    list_filter = ("is_coordinator", "is_active")
