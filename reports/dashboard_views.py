"""The dashboards: an organisation's (``/o/<slug>/dashboard/``) and a project's
(``/o/<slug>/projects/<id>/dashboard/``).

Both are one GET page whose filters are a plain form (no JavaScript needed).
A filter that cannot be read — a date that is no date, a period that ends
before it starts, an unknown service area — is named in an error summary
above the dashboard, which is then shown without that filter: never a 500.
Who sees what: ``reports.access``.
"""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accounts.access import organisation_view
from klean.forms import DateField
from projects.access import project_view, sees_every_project
from projects.models import ProjectStatus, ServiceArea
from reports import dashboards
from reports.access import dashboard_projects


class PeriodForm(forms.Form):
    start = DateField(label=gettext_lazy("From"), required=False)
    end = DateField(label=gettext_lazy("To"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period must be on or after its start."))
        return data

    def period(self) -> dashboards.Period:
        """The period asked for; none when either date could not be read."""
        if not self.is_bound or "start" in self.errors or "end" in self.errors:
            return dashboards.Period()
        return dashboards.Period(self.cleaned_data.get("start"), self.cleaned_data.get("end"))


class OrganisationFilterForm(PeriodForm):
    service_area = forms.ChoiceField(
        label=gettext_lazy("Service area"),
        choices=[("", gettext_lazy("All service areas")), *ServiceArea.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Project status"),
        choices=[("", gettext_lazy("All statuses")), *ProjectStatus.choices],
        required=False,
    )

    field_order = ["service_area", "status", "start", "end"]

    def choice(self, name: str) -> str:
        """A filter's value, "" (all) when it could not be read."""
        if not self.is_bound or name in self.errors:
            return ""
        return self.cleaned_data.get(name) or ""


def _render(request, form, scope, **context):
    panels = dashboards.panels(scope)
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "scope": scope,
            "panels": panels,
            "figures": dashboards.key_figures(panels),
            "filtered": form.is_bound and form.has_changed(),
            **context,
        },
    )


@organisation_view("view_dashboard")
@require_GET
def organisation_dashboard(request):
    form = OrganisationFilterForm(request.GET or None)
    scope = dashboards.organisation_scope(
        request.organisation,
        dashboard_projects(request),
        period=form.period(),
        service_area=form.choice("service_area"),
        status=form.choice("status"),
    )
    return _render(
        request,
        form,
        scope,
        organisation=request.organisation,
        sees_all=sees_every_project(request.membership.role),
    )


@project_view("view_project")
@require_GET
def project_dashboard(request):
    form = PeriodForm(request.GET or None)
    scope = dashboards.project_scope(request.project, period=form.period())
    return _render(request, form, scope, project=request.project)
