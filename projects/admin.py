from django.contrib import admin

from projects.models import Activity, Goal, Measurement, Partnership, Project, TeamMember


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    autocomplete_fields = ["user"]


class PartnershipInline(admin.TabularInline):
    model = Partnership
    fk_name = "project"
    extra = 0
    exclude = ["added_by"]


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
