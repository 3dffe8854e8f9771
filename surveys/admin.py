"""Admin fallback for coordinators: read and correct the survey's settings.

The questionnaire is shown read-only here: its changes go through the builder's pages
(surveys.builder), which refuse what would break stored answers and mark translations
outdated — the admin would do neither.
"""

from django.contrib import admin

from spaces.admin import CoordinatorAdmin
from surveys.models import Invitation, Question, Response, Section, Survey, SurveyTranslation


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SectionInline(ReadOnlyInline):
    model = Section
    fields = ("position", "title")


class TranslationInline(ReadOnlyInline):
    model = SurveyTranslation
    fields = ("language", "key", "text", "status")


@admin.register(Survey)
class SurveyAdmin(CoordinatorAdmin):
    list_display = ("title", "slug", "status", "audience", "opens_at", "closes_at", "version")
    list_filter = ("status", "audience", "source_language", "results_published")
    search_fields = ("title", "slug")
    raw_id_fields = ("created_by",)
    # Opening and closing are checked by the builder's services (dates, questions).
    readonly_fields = ("status", "version", "source_language", "created_at", "updated_at")
    inlines = [SectionInline, TranslationInline]

    def has_delete_permission(self, request, obj=None):
        # Deleting a survey deletes its answers: only while it has none.
        if obj is not None and obj.responses.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Question)
class QuestionAdmin(CoordinatorAdmin):
    list_display = ("code", "kind", "text", "section")
    list_filter = ("kind",)
    search_fields = ("code", "text", "section__survey__slug")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(CoordinatorAdmin):
    list_display = ("survey", "email", "label", "created_at")
    search_fields = ("email", "label", "survey__slug")
    readonly_fields = ("token",)
    raw_id_fields = ("survey",)


@admin.register(Response)
class ResponseAdmin(CoordinatorAdmin):
    list_display = ("survey", "state", "language", "version", "submitted_at")
    list_filter = ("state",)
    # Who answered stays out of the admin: anonymous surveys promise it.
    exclude = ("respondent", "token")
    readonly_fields = ("survey", "invitation", "language", "state", "version", "submitted_at")

    def has_add_permission(self, request):
        return False
