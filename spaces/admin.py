"""Admin fallback for coordinators; the directory's own pages are the main interface."""

from django.contrib import admin
from django.db import models

from maillage.admin import coordinator_only
from spaces import services
from spaces.models import Network, Proposal, Space, SpacePhoto, SpaceTranslation
from spaces.values import EDITABLE_FIELDS


class CoordinatorAdmin(admin.ModelAdmin):
    """Coordinators manage these models without Django's per-model permissions."""

    # Addresses typed without a scheme are taken as https, as in the directory's forms.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_module_permission(self, request):
        return coordinator_only(request)

    def has_view_permission(self, request, obj=None):
        return coordinator_only(request)

    def has_add_permission(self, request):
        return coordinator_only(request)

    def has_change_permission(self, request, obj=None):
        return coordinator_only(request)

    def has_delete_permission(self, request, obj=None):
        return coordinator_only(request)


class TranslationInline(admin.StackedInline):
    model = SpaceTranslation
    extra = 0
    readonly_fields = ("status",)

    def has_add_permission(self, request, obj=None):
        return coordinator_only(request)

    has_change_permission = has_delete_permission = has_view_permission = (
        lambda self, request, obj=None: coordinator_only(request)
    )


class PhotoInline(TranslationInline):
    model = SpacePhoto
    readonly_fields = ()


@admin.register(Space)
class SpaceAdmin(CoordinatorAdmin):
    list_display = ("name", "kind", "status", "town", "country", "updated_at")
    list_filter = ("kind", "status", "country", "networks")
    search_fields = ("name", "town", "postcode", "insee")
    filter_horizontal = ("networks", "managers")
    readonly_fields = ("slug", "source", "source_id", "created_at", "updated_at", "updated_by")
    inlines = [TranslationInline, PhotoInline]

    def save_model(self, request, obj, form, change):
        """Write through the service, so admin edits are validated and in the history too."""
        values = {k: form.cleaned_data[k] for k in EDITABLE_FIELDS if k in form.cleaned_data}
        saved = services.space_save(
            space=Space.objects.get(pk=obj.pk) if change else None,
            values=values,
            user=request.user,
            origin="admin",
        )
        # The admin then saves the many-to-many fields on this same object.
        obj.pk, obj.slug = saved.pk, saved.slug


@admin.register(Network)
class NetworkAdmin(CoordinatorAdmin):
    list_display = ("name", "slug", "website")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Proposal)
class ProposalAdmin(CoordinatorAdmin):
    list_display = ("__str__", "space", "state", "created_at", "reviewed_by")
    list_filter = ("state",)
