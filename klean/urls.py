from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from klean import views

admin.site.site_header = "K-LEAN"
admin.site.site_title = "K-LEAN"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("projects.urls")),
    path("", include("processes.urls")),
    path("", include("feedback.urls")),
    path("", include("ideas.urls")),
    path("", include("reports.urls")),
]
