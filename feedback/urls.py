from django.urls import path

from feedback.views import public

app_name = "feedback"

#: A project's forms; one form, question, answer, theme or contact request.
P = "o/<slug:org_slug>/projects/<int:project_id>/forms/"
F = "o/<slug:org_slug>/forms/<int:form_id>/"
Q = "o/<slug:org_slug>/questions/<int:question_id>/"
A = "o/<slug:org_slug>/answers/<int:answer_id>/"
T = "o/<slug:org_slug>/themes/<int:theme_id>/"
C = "o/<slug:org_slug>/contacts/<int:contact_id>/"
#: The resident's public pages, without login.
PUBLIC = "f/<str:token>/"

urlpatterns = [
    # --- builder and publishing (views/builder.py)
    # --- the resident's form and kiosk (views/public.py)
    path(PUBLIC, public.public_form, name="public"),
    path(PUBLIC + "thanks/", public.thanks, name="thanks"),
    path(PUBLIC + "kiosk/", public.kiosk, name="kiosk"),
    path(PUBLIC + "kiosk/thanks/", public.kiosk_thanks, name="kiosk_thanks"),
    # --- results, themes and exports (views/results.py)
]
