"""Results, infographic and exports of a survey (included under the "surveys" namespace)."""

from django.urls import path

from surveys import views_results as views

_survey = "<slug:slug>/"

urlpatterns = [
    path(_survey + "results/", views.results_page, name="results"),
    path(_survey + "results/texts/<slug:code>/", views.results_texts, name="results_texts"),
    path(_survey + "infographic/", views.infographic_page, name="infographic"),
    path(_survey + "infographic/edit/", views.infographic_edit, name="infographic_edit"),
    path(_survey + "infographic/publish/", views.infographic_publish, name="infographic_publish"),
    path(
        _survey + "infographic/headlines/<int:pk>/delete/",
        views.headline_delete,
        name="headline_delete",
    ),
    path(
        _survey + "infographic/headlines/<int:pk>/move/",
        views.headline_move,
        name="headline_move",
    ),
    path(_survey + "export/answers.csv", views.export_csv, name="export_csv"),
    path(_survey + "export/answers.xlsx", views.export_xlsx, name="export_xlsx"),
    path(_survey + "export/results.csv", views.export_aggregates_csv, name="export_aggregates_csv"),
    path(
        _survey + "export/results.xlsx", views.export_aggregates_xlsx, name="export_aggregates_xlsx"
    ),
]
