from django.urls import path

from reports import dashboard_views, views

app_name = "reports"

#: A project's pages; an organisation's pages; one report.
P = "o/<slug:org_slug>/projects/<int:project_id>/"
O = "o/<slug:org_slug>/"  # noqa: E741
R = "o/<slug:org_slug>/reports/<int:report_id>/"

urlpatterns = [
    # --- dashboards (reports/dashboard_views.py)
    path(O + "dashboard/", dashboard_views.organisation_dashboard, name="organisation_dashboard"),
    path(P + "dashboard/", dashboard_views.project_dashboard, name="project_dashboard"),
    # --- reports: request, progress, download (reports/views.py)
    path(P + "reports/", views.project_reports, name="project"),
    path(P + "reports/new/", views.request_project_report, name="request"),
    path(R, views.report, name="report"),
    path(R + "download/", views.download, name="download"),
    path(O + "reports/", views.organisation_reports, name="organisation"),
    path(O + "reports/portfolio/<int:portfolio_id>/", views.portfolio, name="portfolio"),
    path(
        O + "reports/portfolio/<int:portfolio_id>/download/",
        views.portfolio_download,
        name="portfolio_download",
    ),
]
