from django.contrib import admin

from projects.models import Activity, Goal, Measurement, Partnership, Project, TeamMember


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    autocomplete_fields = ["user"]


class PartnershipInline(admin.TabularInline):
    """Read only: a partner joins by its administrator's consent, in the app."""

    model = Partnership
    fk_name = "project"
    extra = 0
    fields = ["organisation", "status", "added_at", "answered_at", "ended_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "organisation",
        "kind",
        "service_area",
        "phase",
        "status",
        "start_date",
    ]
    list_filter = ["kind", "service_area", "status", "phase", "organisation"]
    search_fields = ["title", "process_name", "organisation__name"]
    inlines = [TeamMemberInline, PartnershipInline, GoalInline]
    exclude = ["created_by"]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ["goal", "date", "value"]
    search_fields = ["goal__name", "goal__project__title"]
    exclude = ["recorded_by"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["project", "actor", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["project__title"]
