from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/change/", views.password_change_view, name="password_change"),
    path("password/change/done/", views.password_change_done_view, name="password_change_done"),
    path("password/reset/", views.password_reset_view, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done_view, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm_view,
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        views.password_reset_complete_view,
        name="password_reset_complete",
    ),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("account/", views.account, name="account"),
    path("account/export/", views.export_data, name="export_data"),
    path("account/delete/", views.delete_account, name="delete_account"),
    path("switch/", views.switch_organisation, name="switch_organisation"),
    path("o/<slug:org_slug>/", views.organisation_home, name="organisation_home"),
    path("o/<slug:org_slug>/settings/", views.organisation_settings, name="organisation_settings"),
    path("o/<slug:org_slug>/members/", views.members, name="members"),
    path("o/<slug:org_slug>/members/invite/", views.invite, name="invite"),
    path(
        "o/<slug:org_slug>/members/<int:membership_id>/role/",
        views.change_role,
        name="change_role",
    ),
    path(
        "o/<slug:org_slug>/members/<int:membership_id>/remove/",
        views.remove_member,
        name="remove_member",
    ),
    path(
        "o/<slug:org_slug>/invitations/<int:invitation_id>/withdraw/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path(
        "o/<slug:org_slug>/invitations/<int:invitation_id>/resend/",
        views.resend_invitation,
        name="resend_invitation",
    ),
]
