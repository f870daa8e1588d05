import json
import logging
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import personal_data, services
from accounts.access import (
    default_organisation,
    get_invitation,
    get_membership,
    membership_for,
    organisation_view,
    user_view,
)
from accounts.forms import (
    AcceptInvitationForm,
    DeleteAccountForm,
    InvitationForm,
    LoginForm,
    OrganisationForm,
    ProfileForm,
    RoleForm,
)
from accounts.models import Invitation, Membership, Role, User
from klean.extensions import contributions
from klean.htmx import invalid
from klean.ratelimit import over_limit

logger = logging.getLogger(__name__)

# --- Signing in and out ---------------------------------------------------------

login_view = auth_views.LoginView.as_view(
    template_name="accounts/login.html",
    authentication_form=LoginForm,
    redirect_authenticated_user=True,
)
logout_view = auth_views.LogoutView.as_view()
password_change_view = auth_views.PasswordChangeView.as_view(
    template_name="accounts/password_change.html",
    success_url=reverse_lazy("accounts:password_change_done"),
)
password_change_done_view = auth_views.PasswordChangeDoneView.as_view(
    template_name="accounts/password_change_done.html"
)
# Password reset links per hour: for one address, and from one client (IP address).
PASSWORD_RESETS_PER_ADDRESS = 5
PASSWORD_RESETS_PER_CLIENT = 20
PASSWORD_RESET_WINDOW = timedelta(hours=1)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, rate-limited per address and per client.

    Every valid request ends on the same "check your e-mail" page: whether
    the address has an account or not, and whether a limit stopped the
    e-mail or not, so the page tells nobody which addresses exist.
    """

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = User.objects.normalize_email(form.cleaned_data["email"])
        client = get_client_ip_address(self.request) or ""
        # Both are counted on every request, so neither limit can be dodged.
        limited = [
            over_limit(
                "password-reset-address",
                email,
                limit=PASSWORD_RESETS_PER_ADDRESS,
                per=PASSWORD_RESET_WINDOW,
            ),
            over_limit(
                "password-reset-client",
                client,
                limit=PASSWORD_RESETS_PER_CLIENT,
                per=PASSWORD_RESET_WINDOW,
            ),
        ]
        if any(limited):
            logger.warning("Password reset rate limit reached; no e-mail sent")
            return redirect(self.get_success_url())
        return super().form_valid(form)


password_reset_view = PasswordResetView.as_view()
password_reset_done_view = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_confirm_view = auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password_reset_complete"),
)
password_reset_complete_view = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


# --- Language -----------------------------------------------------------------------


@require_POST
def set_language(request):
    """The site's language switch: Django's ``set_language`` (the language
    cookie, then back to ``next``). A signed-in person's choice is also
    handed to the apps that write to them (the ``language_chosen`` extension
    point), so their e-mails come in the language they just chose."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        for _config, remember in contributions("language_chosen"):
            remember(request.user, language)
    return response


# --- Organisation ----------------------------------------------------------------


@user_view
@require_GET
def home(request):
    """Send a signed-in person to their organisation (the last one they used)."""
    organisation = default_organisation(request)
    if organisation is not None:
        return redirect(organisation)
    return render(request, "klean/no_organisation.html")


@user_view
@require_GET
def switch_organisation(request):
    """Go to another of the user's organisations (the header's switcher)."""
    membership = membership_for(request, request.GET.get("organisation", ""))
    return redirect(membership.organisation)


@organisation_view("view_organisation")
@require_GET
def organisation_home(request):
    organisation = request.organisation
    counts = Membership.objects.filter(organisation=organisation).aggregate(
        members=Count("pk"),
        admins=Count("pk", filter=Q(role=Role.ADMIN)),
        leaders=Count("pk", filter=Q(role=Role.LEADER)),
        facilitators=Count("pk", filter=Q(role=Role.FACILITATOR)),
        employees=Count("pk", filter=Q(role=Role.EMPLOYEE)),
    )
    pending = Invitation.objects.pending().filter(organisation=organisation).count()
    panels = [
        panel for _config, declared in contributions("home_panels") for panel in declared(request)
    ]
    return render(
        request,
        "accounts/organisation_home.html",
        {
            "organisation": organisation,
            "counts": counts,
            "pending_invitations": pending,
            "panels": panels,
        },
    )


@organisation_view("edit_organisation")
@require_http_methods(["GET", "POST"])
def organisation_settings(request):
    organisation = request.organisation
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The settings are saved."))
        return redirect("accounts:organisation_settings", organisation.slug)
    return render(
        request, "accounts/organisation_settings.html", {"organisation": organisation, "form": form}
    )


# --- Members and invitations ------------------------------------------------------

MEMBERS_PER_PAGE = 50


@organisation_view("view_members")
@require_GET
def members(request):
    organisation = request.organisation
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    invitations = (
        Invitation.objects.open()
        .filter(organisation=organisation)
        .select_related("invited_by")
        .order_by("-created_at")
    )
    page = Paginator(memberships, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/members.html",
        {
            "organisation": organisation,
            "page": page,
            "invitations": invitations[:MEMBERS_PER_PAGE],
            "more_invitations": invitations.count() > MEMBERS_PER_PAGE,
            "role_choices": Role.choices,
        },
    )


@organisation_view("manage_members")
@require_http_methods(["GET", "POST"])
def invite(request):
    organisation = request.organisation
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invite_member(
                organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            _report_invitation_mail(request, invitation)
            return redirect("accounts:members", organisation.slug)
    return render(request, "accounts/invite.html", {"organisation": organisation, "form": form})


@organisation_view("manage_members")
@require_POST
def change_role(request, membership_id):
    membership = get_membership(request, membership_id)
    form = RoleForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.change_role(membership, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
            membership.refresh_from_db()
    else:
        error = _("Choose one of the roles in the list.")
    if request.htmx:
        context = {
            "organisation": request.organisation,
            "membership": membership,
            "role_choices": Role.choices,
            "row_error": error,
            "row_saved": error is None,
        }
        if error:
            return invalid(request, "accounts/members.html#member-row", context)
        return render(request, "accounts/members.html#member-row", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {"name": membership.user.display_name, "role": membership.get_role_display().lower()},
        )
    return redirect("accounts:members", request.organisation.slug)


@organisation_view("manage_members")
@require_http_methods(["GET", "POST"])
def remove_member(request, membership_id):
    membership = get_membership(request, membership_id)
    if request.method == "POST":
        try:
            services.remove_member(membership, by=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("accounts:members", request.organisation.slug)
        messages.success(
            request,
            _("%(name)s is no longer a member of %(organisation)s.")
            % {"name": membership.user.display_name, "organisation": request.organisation.name},
        )
        if membership.user_id == request.user.pk:
            return redirect("home")
        return redirect("accounts:members", request.organisation.slug)
    return render(
        request,
        "accounts/remove_member.html",
        {"organisation": request.organisation, "membership": membership},
    )


@organisation_view("manage_members")
@require_POST
def revoke_invitation(request, invitation_id):
    invitation = get_invitation(request, invitation_id)
    services.revoke_invitation(invitation, by=request.user)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect("accounts:members", request.organisation.slug)


@organisation_view("manage_members")
@require_POST
def resend_invitation(request, invitation_id):
    invitation = get_invitation(request, invitation_id)
    try:
        services.resend_invitation(invitation, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        _report_invitation_mail(request, invitation)
    return redirect("accounts:members", request.organisation.slug)


def _report_invitation_mail(request, invitation):
    """Tell the admin whether the invitation e-mail went, in plain words."""
    if getattr(invitation, "mail_failed", False):
        messages.warning(
            request,
            _(
                "The invitation to %(email)s is saved, but the e-mail could not be sent. "
                "Try “Send again” in a while, or tell your IT department."
            )
            % {"email": invitation.email},
        )
        return
    messages.success(
        request,
        _("The invitation is sent to %(email)s. It is valid until %(date)s.")
        % {
            "email": invitation.email,
            "date": date_format(timezone.localtime(invitation.expires_at)),
        },
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    """The page an invitation e-mail links to (public: the token is the key).

    A GET only shows the page, so e-mail link scanners never use up an
    invitation; the invitee presses a button to accept.
    """
    invitation = (
        Invitation.objects.by_token(token).select_related("organisation", "invited_by").first()
    )
    if invitation is None:
        return render(
            request, "accounts/invitation_invalid.html", {"reason": "unknown"}, status=404
        )
    if not invitation.is_pending:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": invitation.status, "invitation": invitation},
            status=410,
        )
    context = {"invitation": invitation, "organisation": invitation.organisation}

    if request.user.is_authenticated:
        if request.user.email != invitation.email:
            return render(request, "accounts/invitation_wrong_user.html", context, status=403)
        if request.method == "POST":
            return _accept(request, invitation, user=request.user)
        return render(request, "accounts/invitation_accept.html", context)

    if User.objects.filter(email=invitation.email).exists():
        context["login_url"] = f"{reverse('accounts:login')}?next={request.path}"
        return render(request, "accounts/invitation_login.html", context)

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        return _accept(
            request,
            invitation,
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
        )
    return render(request, "accounts/invitation_accept.html", {**context, "form": form})


def _accept(request, invitation, **kwargs):
    try:
        membership = services.accept_invitation(invitation, **kwargs)
    except ValidationError as exc:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": "closed", "message": exc.messages[0], "invitation": invitation},
            status=410,
        )
    if not request.user.is_authenticated:
        login(request, membership.user, backend="accounts.backends.MemberBackend")
    messages.success(
        request,
        _("Welcome to %(organisation)s! You are a member as %(role)s.")
        % {
            "organisation": membership.organisation.name,
            "role": membership.get_role_display().lower(),
        },
    )
    return redirect(membership.organisation)


# --- The user's own account ---------------------------------------------------------


@user_view
@require_http_methods(["GET", "POST"])
def account(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your name is saved."))
        return redirect("accounts:account")
    return render(request, "accounts/account.html", {"form": form})


@user_view
@require_GET
def export_data(request):
    """Everything K-LEAN holds about the signed-in person, as a JSON file.

    Entries may hand over dates, times and decimals as stored; they are
    written as ISO 8601 and decimal strings."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "user": request.user.email,
        **personal_data.export_user_data(request.user),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="klean-mine-data.json"'
    return response


@user_view
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            logout(request)
            messages.success(request, _("Your account is deleted."))
            return redirect("accounts:login")
    return render(request, "accounts/delete_account.html", {"form": form})
