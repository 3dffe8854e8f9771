"""The builder's pages, under /<lang>/surveys/manage/ (coordinators only)."""

from django.urls import path

from surveys import views_builder as views

_survey = "manage/<slug:slug>/"

urlpatterns = [
    path("manage/", views.builder_list, name="builder_list"),
    path("manage/new/", views.survey_new, name="new"),
    path("manage/import/", views.survey_import, name="import"),
    path(_survey, views.survey_edit, name="edit"),
    path(_survey + "open/", views.survey_open, name="open"),
    path(_survey + "close/", views.survey_close, name="close"),
    path(_survey + "export/", views.survey_export, name="export"),
    path(_survey + "invitations/", views.survey_invitations, name="invitations"),
    path(_survey + "translate/<str:language>/", views.survey_translate, name="translate"),
    path(_survey + "sections/new/", views.section_add, name="section_add"),
    path(_survey + "sections/<int:pk>/", views.section_edit, name="section_edit"),
    path(_survey + "sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path(
        _survey + "sections/<int:pk>/move/<str:direction>/",
        views.section_move,
        name="section_move",
    ),
    path(_survey + "sections/<int:pk>/questions/new/", views.question_add, name="question_add"),
    path(_survey + "questions/<int:pk>/", views.question_edit, name="question_edit"),
    path(_survey + "questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path(
        _survey + "questions/<int:pk>/move/<str:direction>/",
        views.question_move,
        name="question_move",
    ),
    path(_survey + "questions/<int:pk>/choices/new/", views.choice_add, name="choice_add"),
    path(_survey + "choices/<int:pk>/", views.choice_edit, name="choice_edit"),
    path(_survey + "choices/<int:pk>/delete/", views.choice_delete, name="choice_delete"),
    path(_survey + "choices/<int:pk>/move/<str:direction>/", views.choice_move, name="choice_move"),
]
