from django.urls import path

from planner import views

app_name = "planner"

urlpatterns = [
    path("", views.planner_index, name="index"),
    path("territories.json", views.territory_suggestions, name="territories"),
    path("runs/<uuid:pk>/", views.run_detail, name="run"),
    path("runs/<uuid:pk>/status.json", views.run_status, name="status"),
    path("runs/<uuid:pk>/delete/", views.run_delete, name="delete"),
    path("runs/<uuid:pk>/plan.<str:fmt>", views.run_download, name="download"),
]
