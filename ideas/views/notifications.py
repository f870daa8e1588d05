"""The signed-in person's choice of idea and action e-mails (``ideas:notifications``)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.access import user_view
from ideas.models import NotificationSettings
from ideas.notifications import save_settings, settings_for


class NotificationSettingsForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the e-mails"),
        choices=settings.LANGUAGES,
        help_text=gettext_lazy("Choosing a language in the site's language menu sets this too."),
    )

    class Meta:
        model = NotificationSettings
        fields = ["stage_changes", "assignments", "weekly_digest", "language"]
        labels = {
            "stage_changes": gettext_lazy("When an idea I proposed changes stage"),
            "assignments": gettext_lazy("When someone makes me owner of an idea or an action"),
            "weekly_digest": gettext_lazy(
                "Every Monday morning, a list of my actions past their due date"
            ),
        }


@user_view
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    current = settings_for(request.user)
    initial = {} if current.language else {"language": request.LANGUAGE_CODE}
    form = NotificationSettingsForm(request.POST or None, instance=current, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_settings(request.user, **{name: form.cleaned_data[name] for name in form.Meta.fields})
        messages.success(request, _("Your choice of e-mails is saved."))
        return redirect("ideas:notifications")
    return render(request, "ideas/notifications.html", {"form": form})
