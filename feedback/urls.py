from django.urls import path

from feedback.views import builder, public, results

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
    path(P, builder.form_list, name="forms"),
    path(P + "new/", builder.form_create, name="form_create"),
    path(F, builder.form_detail, name="form"),
    path(F + "edit/", builder.form_edit, name="form_edit"),
    path(F + "questions/new/", builder.question_add, name="question_add"),
    path(Q + "edit/", builder.question_edit, name="question_edit"),
    path(Q + "move/", builder.question_move, name="question_move"),
    path(Q + "delete/", builder.question_delete, name="question_delete"),
    path(F + "publish/", builder.form_publish, name="form_publish"),
    path(F + "close/", builder.form_close, name="form_close"),
    path(F + "delete/", builder.form_delete, name="form_delete"),
    path(F + "poster/", builder.poster, name="poster"),
    path(F + "poster/qr.svg", builder.poster_svg, name="poster_svg"),
    # --- the resident's form and kiosk (views/public.py)
    path(PUBLIC, public.public_form, name="public"),
    path(PUBLIC + "thanks/", public.thanks, name="thanks"),
    path(PUBLIC + "kiosk/", public.kiosk, name="kiosk"),
    path(PUBLIC + "kiosk/thanks/", public.kiosk_thanks, name="kiosk_thanks"),
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
