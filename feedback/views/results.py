"""A form's results, its themes, its exports and its contact requests.

The team reads results (counts, charts with tables, free text) for a period;
contributors tag free-text answers with themes; managers export the answers
and read and delete the e-mail addresses of residents who asked to be
contacted. Small groups are never shown apart (feedback/results.py).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from feedback import services
from feedback.access import EDIT, MANAGE, READ, answer_view, contact_view, form_view, theme_view
from feedback.export import csv_stream, language_note, scope, week_note, xlsx_stream
from feedback.models import MIN_GROUP, ContactRequest, Response, Theme
from feedback.results import (
    form_results,
    free_text_answers,
    retention_cutoff,
    too_small,
)
from klean.charts import bars, columns, percent_text
from klean.formats import format_number
from klean.forms import DateField
from klean.htmx import invalid
from projects import timeline

PAGE_SIZE = 20
CONTACTS_PAGE_SIZE = 50
FORMATS = {
    "csv": ("CSV", "text/csv; charset=utf-8", csv_stream),
    "xlsx": (
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        xlsx_stream,
    ),
}


class PeriodForm(forms.Form):
    start = DateField(label=gettext_lazy("From"), required=False)
    end = DateField(label=gettext_lazy("To"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period must be on or after its start."))
        return data


class ThemeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("New theme"), max_length=60)


class KnownCount(Paginator):
    """A paginator told its count (worked out with the results) instead of counting again."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self):
        return self._count


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def results_url(form, query: str = "") -> str:
    url = reverse("feedback:results", args=[form.project.organisation.slug, form.pk])
    return f"{url}?{query}" if query else url


def _clean_query(raw: str) -> str:
    """A results page's filter and page, from a posted copy of its query string."""
    given = QueryDict(raw or "")
    kept = QueryDict(mutable=True)
    for key in ("start", "end", "theme", "question", "page"):
        if given.get(key):
            kept[key] = given.get(key)[:40]
    return kept.urlencode()


def _answer_context(request, form, answer, themes, query: str = "") -> dict:
    return {
        "form": form,
        "answer": answer,
        "themes": themes,
        "may_tag": EDIT in request.project_permissions,
        "cutoff": retention_cutoff(form),
        "query": query,
    }


@form_view(READ)
@require_GET
def results(request, form):
    period_form = PeriodForm(request.GET or None)
    questions = list(form.questions.all())
    context = {
        "form": form,
        "project": form.project,
        "period_form": period_form,
        "min_group": MIN_GROUP,
        "may_tag": EDIT in request.project_permissions,
        "may_manage": MANAGE in request.project_permissions,
        "cutoff": retention_cutoff(form),
        "theme_form": ThemeForm(),
    }
    # A period that is not valid is shown with its message over all the answers.
    data = period_form.cleaned_data if period_form.is_bound and period_form.is_valid() else {}
    outcome = form_results(form, questions, data.get("start"), data.get("end"))
    period = outcome.period
    in_period = Q()
    if period.narrowed:
        in_period = Q(answers__response__submitted_on__range=period.days())
    themes = list(Theme.objects.filter(form=form).annotate(n=Count("answers", filter=in_period)))
    theme = next((t for t in themes if t.pk == _int(request.GET.get("theme"))), None)
    free_questions = outcome.free_text_questions
    question = next((q for q in free_questions if q.pk == _int(request.GET.get("question"))), None)

    answers = page = None
    texts_suppressed = outcome.suppressed
    if not outcome.suppressed and free_questions:
        listed = (
            free_text_answers(outcome, question_id=question.pk if question else None, theme=theme)
            .select_related("question")
            .prefetch_related("themes")
            .annotate(submitted_on=F("response__submitted_on"))
        )
        if theme is None:
            paginator = KnownCount(
                listed, PAGE_SIZE, outcome.free_text_count(question.pk if question else None)
            )
        else:
            paginator = Paginator(listed, PAGE_SIZE)
        texts_suppressed = too_small(paginator.count)
        if not texts_suppressed:
            page = paginator.get_page(request.GET.get("page"))
            answers = page.object_list
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {
            "results": outcome,
            "period": period,
            "summaries": [_with_chart(summary) for summary in outcome.summaries],
            "weeks": [
                (monday, name, n)
                for (monday, n), name in zip(
                    outcome.weeks, week_names([m for m, _n in outcome.weeks]), strict=True
                )
            ],
            "weeks_chart": _weeks_chart(outcome) if outcome.weeks else "",
            "themes": themes,
            "theme": theme,
            "question": question,
            "free_questions": free_questions,
            "answers": answers,
            "page": page,
            "texts_suppressed": texts_suppressed,
            "query": query.urlencode(),
            "full_query": request.GET.urlencode(),
            "export_query": export_query(period),
            "export_notes": [week_note(), language_note() % {"n": MIN_GROUP}],
        }
    )
    return render(request, "feedback/results.html", context)


def _with_chart(summary):
    if summary.rows:
        label = _("%(question)s: %(n)s answers. %(rows)s") % {
            "question": summary.question.text,
            "n": summary.answered,
            "rows": "; ".join(
                f"{row.label}: {row.count} ({percent_text(row.count, summary.answered)})"
                for row in summary.rows
            ),
        }
        summary.chart = bars(
            [(row.label, row.count) for row in summary.rows],
            total=summary.answered,
            label=label,
        )
        summary.average_text = format_number(summary.average) if summary.average else ""
    return summary


def week_names(mondays) -> list[str]:
    """«week 44» for each week, with the year on the first, where the year
    changes, and on the last when it is not the first's year."""
    names = []
    years = [monday.isocalendar().year for monday in mondays]
    for index, (monday, year) in enumerate(zip(mondays, years, strict=True)):
        week = monday.isocalendar().week
        last = index == len(mondays) - 1
        if index == 0 or year != years[index - 1] or (last and year != years[0]):
            names.append(_("week %(n)s %(year)s") % {"n": week, "year": year})
        else:
            names.append(_("week %(n)s") % {"n": week})
    return names


def _weeks_chart(outcome) -> str:
    weeks = outcome.weeks
    names = week_names([monday for monday, _n in weeks])
    label = _("Answers per week, from %(first)s to %(last)s: %(n)s in all") % {
        "first": names[0],
        "last": week_names([weeks[0][0], weeks[-1][0]])[-1] if len(weeks) > 1 else names[0],
        "n": outcome.count,
    }
    return columns(list(zip(names, (n for _monday, n in weeks), strict=True)), label=label)


# --- Themes ------------------------------------------------------------------------------


@form_view(EDIT)
@require_POST
def theme_add(request, form):
    theme_form = ThemeForm(request.POST)
    if theme_form.is_valid():
        try:
            theme = services.add_theme(form, theme_form.cleaned_data["name"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The theme «%(name)s» is added.") % {"name": theme.name})
    else:
        messages.error(
            request,
            _("New theme: %(error)s")
            % {"error": " ".join(theme_form.errors.get("name", [_("Write a name.")]))},
        )
    return redirect(results_url(form, _clean_query(request.POST.get("query", ""))) + "#themes")


@answer_view(EDIT)
@require_POST
def answer_themes(request, answer):
    form = answer.question.form
    themes = list(form.themes.all())
    by_id = {theme.pk: theme for theme in themes}
    chosen_ids = {_int(value) for value in request.POST.getlist("themes")}
    query = _clean_query(request.POST.get("query", ""))
    error = None
    if not chosen_ids <= set(by_id):
        error = _("One of the themes is no longer there. Reload the page and try again.")
    else:
        try:
            services.set_answer_themes(answer, [by_id[pk] for pk in sorted(chosen_ids)])
        except ValidationError as problem:
            error = " ".join(problem.messages)
    if request.htmx:
        answer.submitted_on = (
            Response.objects.filter(pk=answer.response_id).values_list("submitted_on", flat=True)
        ).first()
        context = {**_answer_context(request, form, answer, themes, query), "error": error}
        if error:
            return invalid(request, "feedback/results.html#answer", context)
        context["saved"] = True
        return render(request, "feedback/results.html#answer", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The themes of the answer are saved."))
    return redirect(results_url(form, query) + f"#answer-{answer.pk}")


@theme_view(EDIT)
@require_http_methods(["GET", "POST"])
def theme_delete(request, theme):
    form = theme.form
    if request.method == "POST":
        theme.delete()
        messages.success(request, _("The theme «%(name)s» is deleted.") % {"name": theme.name})
        return redirect(results_url(form) + "#themes")
    return render(
        request,
        "feedback/results_theme_delete.html",
        {"form": form, "theme": theme, "tagged": theme.answers.count()},
    )


# --- Exports -----------------------------------------------------------------------------


def export_query(period) -> str:
    """The period shown on the results page, for its export links: the whole
    form (nothing), or the widened period's first and last day."""
    if not period.narrowed or period.first is None:
        return ""
    return urlencode(
        {
            "start": date_format(period.first, "d.m.Y"),
            "end": date_format(period.last, "d.m.Y"),
        }
    )


@form_view(MANAGE)
@require_GET
def export(request, form, fmt):
    """The answers of the whole form, or of the results page's period (widened
    to whole blocks as on the page), with weeks for days and rare languages
    as «other» (feedback/export.py)."""
    if fmt not in FORMATS:
        raise Http404("No such format")
    name, content_type, stream = FORMATS[fmt]
    questions = list(form.questions.all())
    period_form = PeriodForm(request.GET or None)
    if period_form.is_bound and not period_form.is_valid():
        messages.error(request, _("Choose a valid period before you export."))
        return redirect(results_url(form, _clean_query(request.GET.urlencode())))
    data = period_form.cleaned_data if period_form.is_bound else {}
    days, empty = None, False
    if data.get("start") or data.get("end"):
        period = form_results(form, questions, data.get("start"), data.get("end")).period
        empty = period.first is None
        if period.narrowed:
            days = period.days()
    within = scope(form, days)
    if empty or within.count < MIN_GROUP:
        messages.error(
            request,
            _("Too few answers to export (fewer than %(n)s): a small group is not shown apart.")
            % {"n": MIN_GROUP},
        )
        return redirect(results_url(form, _clean_query(request.GET.urlencode())))
    logged = {"form": form.title, "format": name}
    if days:
        logged["period"] = f"{days[0].isoformat()}/{days[1].isoformat()}"
    timeline.log(
        form.project, "feedback.answers_exported", by=request.user, target=form, data=logged
    )
    response = StreamingHttpResponse(stream(form, questions, within), content_type=content_type)
    filename = f"{slugify(form.title)[:60] or 'svar'}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Contact requests --------------------------------------------------------------------


@form_view(MANAGE)
@require_GET
def contacts(request, form):
    requests = ContactRequest.objects.filter(form=form).order_by("-submitted_on", "pk")
    page = Paginator(requests, CONTACTS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/results_contacts.html",
        {"form": form, "project": form.project, "page": page},
    )


def contacts_url(form) -> str:
    return reverse("feedback:contacts", args=[form.project.organisation.slug, form.pk])


@contact_view(MANAGE)
@require_http_methods(["GET", "POST"])
def contact_delete(request, contact):
    form = contact.form
    if request.method == "POST":
        services.delete_contacts(form, [contact])
        messages.success(request, _("The e-mail address is deleted."))
        return redirect(contacts_url(form))
    return render(
        request, "feedback/results_contact_delete.html", {"form": form, "contact": contact}
    )


@form_view(MANAGE)
@require_http_methods(["GET", "POST"])
def contacts_delete_all(request, form):
    if request.method == "POST":
        deleted = services.delete_contacts(form)
        messages.success(
            request,
            ngettext(
                "%(n)s e-mail address is deleted.", "%(n)s e-mail addresses are deleted.", deleted
            )
            % {"n": deleted}
            if deleted
            else _("There were no e-mail addresses to delete."),
        )
        return redirect(contacts_url(form))
    return render(
        request,
        "feedback/results_contact_delete.html",
        {"form": form, "count": ContactRequest.objects.filter(form=form).count()},
    )
