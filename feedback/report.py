"""User insight for a PDF report (``report_sections``, klean.extensions).

Final report: each form of the project that has answers, with its answers
per week, every question's results as a chart and a table, and a few of the
residents' own words (the newest free-text answers, escaped like all user
text). The small-group rule holds here as on the pages (QUALITY.md G2): a
form or a question with fewer than ``MIN_GROUP`` answers shows «Too few
answers» and no breakdown, and no free text. A status report gives the count
of answers only; a portfolio each project's count.

Results come from ``feedback.results.form_results``, the function the
results page uses, so the numbers are the page's.
"""

from collections import Counter

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from feedback.models import MIN_GROUP, Answer, Form, Response
from feedback.results import form_results, too_small
from klean.charts import bars, columns, percent_text
from klean.formats import format_number
from klean.sections import FINAL, PORTFOLIO, STATUS, Figure, Section, Source, titled

TEMPLATES = "reports/pdf/sections/"
#: How many of the residents' own words the report quotes, per form and per question.
QUOTES, QUOTES_PER_QUESTION = 8, 3
#: A quote longer than this is cut, with …
QUOTE_CHARS = 400


def day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def sections(subject) -> list[Section]:
    if subject.kind == PORTFOLIO:
        return [portfolio(subject)]
    if subject.kind not in (FINAL, STATUS):
        return []
    forms = list(
        Form.objects.filter(project=subject.project)
        .annotate(answers=Count("responses"))
        .filter(answers__gt=0)
        .order_by("created_at", "pk")
    )
    if subject.kind == STATUS:
        return [status_section(forms)]
    return [insight(forms)]


def answers_text(count: int) -> str:
    return ngettext("%(count)s answer", "%(count)s answers", count) % {"count": count}


def form_source(form, results) -> Source:
    details = [
        answers_text(results.total)
        + (
            _(" from %(first)s to %(last)s.")
            % {"first": day(results.period.first), "last": day(results.period.last)}
            if results.period.first
            else "."
        ),
        _(
            "Status: %(status)s. Answered anonymously; groups of fewer than %(n)s answers are "
            "not shown."
        )
        % {"status": str(form.get_status_display()).lower(), "n": MIN_GROUP},
    ]
    items = tuple(
        _("Question %(number)s «%(text)s»: %(answers)s")
        % {
            "number": number,
            "text": summary.question.text,
            "answers": answers_text(summary.answered),
        }
        for number, summary in enumerate(results.summaries, start=1)
    )
    return Source(
        f"form-{form.pk}",
        _("Feedback form «%(title)s»") % {"title": form.title},
        tuple(details),
        items,
    )


def quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"


def quotes(form, results) -> list[dict]:
    """The newest free-text answers, at most ``QUOTES_PER_QUESTION`` per question
    (one query), only from questions with enough answers to be shown."""
    shown = {
        s.question.pk: number
        for number, s in enumerate(results.summaries, start=1)
        if s.is_free_text and not s.suppressed and s.answered >= MIN_GROUP
    }
    if results.suppressed or not shown:
        return []
    per_question: Counter = Counter()
    chosen = []
    answers = (
        Answer.objects.filter(question_id__in=shown, text_deleted_on__isnull=True)
        .exclude(text="")
        .select_related("question")
        .order_by("-response__submitted_on", "-pk")[: QUOTES * 4]
    )
    for answer in answers:
        if per_question[answer.question_id] >= QUOTES_PER_QUESTION or len(chosen) >= QUOTES:
            continue
        per_question[answer.question_id] += 1
        chosen.append(
            {
                "text": quote(answer.text),
                "question": answer.question.text,
                "number": shown[answer.question_id],
            }
        )
    return chosen


def question_rows(results) -> list[dict]:
    rows = []
    for number, summary in enumerate(results.summaries, start=1):
        chart = ""
        if summary.rows:
            chart = titled(
                bars(
                    [(row.label, row.count) for row in summary.rows],
                    total=summary.answered,
                    label=_("%(question)s: %(n)s answers. %(rows)s")
                    % {
                        "question": summary.question.text,
                        "n": summary.answered,
                        "rows": "; ".join(
                            f"{row.label}: {row.count} "
                            f"({percent_text(row.count, summary.answered)})"
                            for row in summary.rows
                        ),
                    },
                )
            )
        rows.append(
            {
                "number": number,
                "text": summary.question.text,
                "kind": str(summary.question.get_kind_display()),
                "answered": summary.answered,
                "suppressed": summary.suppressed,
                "free_text": summary.is_free_text,
                "average": format_number(summary.average) if summary.average else "",
                "rows": [
                    {
                        "label": row.label,
                        "count": row.count,
                        "share": percent_text(row.count, summary.answered),
                    }
                    for row in summary.rows
                ],
                "chart": chart,
            }
        )
    return rows


def weeks_chart(results) -> str:
    if len(results.weeks) < 2:
        return ""
    names = [_("week %(n)s") % {"n": monday.isocalendar().week} for monday, _count in results.weeks]
    return titled(
        columns(
            list(zip(names, (n for _monday, n in results.weeks), strict=True)),
            label=_("Answers per week, from %(first)s to %(last)s: %(n)s in all")
            % {"first": names[0], "last": names[-1], "n": results.count},
        )
    )


def insight(forms) -> Section:
    title = _("User insight")
    if not forms:
        return Section("insight", title, 50, TEMPLATES + "insight.html", data={"forms": []})
    sources, figures, shown = [], [], []
    total = 0
    for form in forms:
        questions = list(form.questions.all())
        results = form_results(form, questions)
        source = form_source(form, results)
        sources.append(source)
        total += results.total
        rows = question_rows(results)
        figures.append(
            Figure(
                f"form-{form.pk}-answers",
                _("Answers to «%(title)s»") % {"title": form.title},
                answers_text(results.total),
                source.key,
                method=_("Every response the form has received."),
            )
        )
        for row in rows:
            if row["average"] and not row["suppressed"]:
                figures.append(
                    Figure(
                        f"form-{form.pk}-q{row['number']}-average",
                        _("Average score, question %(number)s") % {"number": row["number"]},
                        row["average"],
                        source.key,
                        method=_("The scores 1–5 added up / the number of answers."),
                    )
                )
        shown.append(
            {
                "pk": form.pk,
                "title": form.title,
                "intro": form.intro,
                "total": results.total,
                "first": day(results.period.first),
                "last": day(results.period.last),
                "suppressed": results.suppressed or too_small(results.total),
                "questions": rows,
                "weeks": weeks_chart(results),
                "quotes": quotes(form, results),
                "source": source.key,
            }
        )
    figures.append(
        Figure(
            "answers",
            _("Answers from users"),
            answers_text(total),
            sources[0].key if len(sources) == 1 else "forms",
            method=_("Every response to the project's feedback forms."),
            headline=4,
        )
    )
    if len(sources) > 1:
        sources.insert(
            0,
            Source(
                "forms",
                _("The project's feedback forms"),
                (
                    ngettext(
                        "%(count)s form with answers.", "%(count)s forms with answers.", len(forms)
                    )
                    % {"count": len(forms)},
                ),
                tuple(f"«{form.title}»: {answers_text(form.answers)}" for form in forms),
            ),
        )
    return Section(
        "insight",
        title,
        50,
        TEMPLATES + "insight.html",
        data={"forms": shown, "min_group": MIN_GROUP},
        sources=tuple(sources),
        figures=tuple(figures),
    )


def status_section(forms) -> Section:
    total = sum(form.answers for form in forms)
    source = Source(
        "forms",
        _("The project's feedback forms"),
        (
            ngettext("%(count)s form with answers.", "%(count)s forms with answers.", len(forms))
            % {"count": len(forms)},
        ),
        tuple(f"«{form.title}»: {answers_text(form.answers)}" for form in forms),
    )
    return Section(
        "insight",
        _("User insight"),
        50,
        TEMPLATES + "insight_status.html",
        data={"forms": [{"title": f.title, "total": f.answers} for f in forms]},
        sources=(source,),
        figures=(
            Figure(
                "answers",
                _("Answers from users"),
                answers_text(total),
                "forms",
                method=_("Every response to the project's feedback forms."),
                headline=4,
            ),
        ),
    )


def portfolio(subject) -> Section:
    from projects.report import portfolio_projects

    projects = portfolio_projects(subject)
    counts = dict(
        Response.objects.filter(form__project__in=projects)
        .values_list("form__project_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    figures, sources = [], []
    for project in projects:
        count = counts.get(project.pk, 0)
        key = f"forms-{project.pk}"
        sources.append(
            Source(
                key,
                _("Feedback forms of «%(title)s»") % {"title": project.title},
                (answers_text(count) + ".",),
            )
        )
        figures.append(
            Figure(
                f"project-{project.pk}-answers",
                _("Answers from users"),
                answers_text(count),
                key,
                project=project.pk,
            )
        )
    return Section(
        "feedback", _("User insight"), 50, sources=tuple(sources), figures=tuple(figures)
    )
