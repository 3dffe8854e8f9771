from django.urls import path

from spaces import views, views_data

app_name = "spaces"

urlpatterns = [
    path("", views.space_list, name="list"),
    path("map.geojson", views.space_map_data, name="map_data"),
    path("communes.json", views.commune_suggestions, name="communes"),
    path("propose/", views.space_propose, name="propose"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/<int:pk>/", views.moderation_review, name="review"),
    path("import/", views_data.import_upload, name="import"),
    path("import/<int:pk>/", views_data.import_preview, name="import_preview"),
    path("export.<str:fmt>", views_data.export, name="export"),
    path("open-data/", views_data.open_data, name="open_data"),
    path("<slug:slug>/", views.space_detail, name="detail"),
    path("<slug:slug>/edit/", views.space_edit, name="edit"),
    path("<slug:slug>/photos/", views.space_photos, name="photos"),
    path("<slug:slug>/propose/", views.space_propose, name="propose_change"),
    path("<slug:slug>/history/", views.space_history, name="history"),
]
