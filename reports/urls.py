from django.urls import path  # noqa: F401 - the sections below fill in

app_name = "reports"

#: A project's pages; an organisation's pages; one report.
P = "o/<slug:org_slug>/projects/<int:project_id>/"
O = "o/<slug:org_slug>/"  # noqa: E741
R = "o/<slug:org_slug>/reports/<int:report_id>/"

urlpatterns = [
    # --- dashboards (reports/dashboard_views.py)
    # --- reports: request, progress, download (reports/views.py)
]
