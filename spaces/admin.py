"""Admin fallback for coordinators; the directory's own pages are the main interface."""

from django.contrib import admin

from maillage.admin import coordinator_only
from spaces.models import Network, Proposal, Space, SpacePhoto, SpaceTranslation


class CoordinatorAdmin(admin.ModelAdmin):
    """Coordinators manage these models without Django's per-model permissions."""

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


@admin.register(Network)
class NetworkAdmin(CoordinatorAdmin):
    list_display = ("name", "slug", "website")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Proposal)
class ProposalAdmin(CoordinatorAdmin):
    list_display = ("__str__", "space", "state", "created_at", "reviewed_by")
    list_filter = ("state",)
