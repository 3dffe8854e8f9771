from django.urls import include, path

from accounts import views

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/export.json", views.export, name="privacy_export"),
    path("privacy/delete/", views.delete, name="privacy_delete"),
    path("", include("allauth.urls")),
]
