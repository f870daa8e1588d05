from django.urls import path

from feedback.views import results

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
    # --- results, themes and exports (views/results.py)
    path(F + "results/", results.results, name="results"),
    path(F + "themes/", results.theme_add, name="theme_add"),
    path(A + "themes/", results.answer_themes, name="answer_themes"),
    path(T + "delete/", results.theme_delete, name="theme_delete"),
    path(F + "export/<str:fmt>/", results.export, name="export"),
    path(F + "contacts/", results.contacts, name="contacts"),
    path(F + "contacts/delete/", results.contacts_delete_all, name="contacts_delete_all"),
    path(C + "delete/", results.contact_delete, name="contact_delete"),
]
