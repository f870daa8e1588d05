from django.urls import path

from projects import views

app_name = "projects"

P = "o/<slug:org_slug>/projects/<int:project_id>/"

urlpatterns = [
    path("o/<slug:org_slug>/projects/", views.project_list, name="list"),
    path("o/<slug:org_slug>/projects/new/", views.project_create, name="create"),
    path(P, views.overview, name="overview"),
    path(P + "edit/", views.project_edit, name="edit"),
    path(P + "phases/", views.phases, name="phases"),
    path(P + "phase/", views.move_phase, name="move_phase"),
    path(P + "phases/mark/", views.mark_phase, name="mark_phase"),
    path(P + "checklist/", views.tick_checklist, name="checklist"),
    path(P + "activity/", views.activity, name="activity"),
    path(P + "goals/new/", views.goal_create, name="goal_create"),
    path(P + "goals/<int:goal_id>/", views.goal_detail, name="goal"),
    path(P + "goals/<int:goal_id>/edit/", views.goal_edit, name="goal_edit"),
    path(P + "goals/<int:goal_id>/delete/", views.goal_delete, name="goal_delete"),
    path(
        P + "goals/<int:goal_id>/measurements/", views.measurement_create, name="measurement_create"
    ),
    path(
        P + "goals/<int:goal_id>/measurements/<int:measurement_id>/delete/",
        views.measurement_delete,
        name="measurement_delete",
    ),
    path(P + "team/", views.team, name="team"),
    path(P + "team/add/", views.team_add, name="team_add"),
    path(P + "team/<int:member_id>/role/", views.team_role, name="team_role"),
    path(P + "team/<int:member_id>/remove/", views.team_remove, name="team_remove"),
    path(P + "partners/", views.partners, name="partners"),
    path(P + "partners/add/", views.partner_add, name="partner_add"),
    path(
        P + "partners/<int:partnership_id>/withdraw/",
        views.partner_withdraw,
        name="partner_withdraw",
    ),
    path(P + "partners/<int:partnership_id>/end/", views.partner_end, name="partner_end"),
    # Requests from other organisations' projects, answered by this organisation.
    path(
        "o/<slug:org_slug>/partnership-requests/",
        views.partnership_requests,
        name="partnership_requests",
    ),
    path(
        "o/<slug:org_slug>/partnership-requests/<int:partnership_request_id>/accept/",
        views.partnership_accept,
        name="partnership_accept",
    ),
    path(
        "o/<slug:org_slug>/partnership-requests/<int:partnership_request_id>/decline/",
        views.partnership_decline,
        name="partnership_decline",
    ),
]
