"""Admin fallback for coordinators: read and correct. Changes that calendars and
registered people must hear about (publish, cancel, capacity) go through the event pages,
which call the services; the admin therefore shows status and capacity read-only."""

from django.contrib import admin

from events.models import Event, EventFile, EventTranslation, ProgrammeItem, Registration
from spaces.admin import CoordinatorAdmin


class TranslationInline(admin.StackedInline):
    model = EventTranslation
    extra = 0
    readonly_fields = ("status",)


class ProgrammeInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0


class FileInline(admin.TabularInline):
    model = EventFile
    extra = 0


@admin.register(Event)
class EventAdmin(CoordinatorAdmin):
    list_display = ("slug", "kind", "status", "starts_at", "town", "created_by")
    list_filter = ("status", "kind", "source_language")
    search_fields = ("slug", "town", "translations__title")
    date_hierarchy = "starts_at"
    raw_id_fields = ("space", "organiser_space", "created_by")
    readonly_fields = ("status", "capacity", "sequence", "created_at", "updated_at")
    inlines = [TranslationInline, ProgrammeInline, FileInline]


@admin.register(Registration)
class RegistrationAdmin(CoordinatorAdmin):
    list_display = ("name", "email", "event", "state", "created_at")
    list_filter = ("state",)
    search_fields = ("name", "email", "event__slug")
    raw_id_fields = ("event", "user")
    readonly_fields = ("token", "state", "queued_at", "confirmed_at", "promoted_at", "cancelled_at")
