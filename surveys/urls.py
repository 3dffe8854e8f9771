from django.urls import include, path

app_name = "surveys"

# Each part of the app keeps its own list; they share the "surveys" namespace.
urlpatterns = [
    path("", include("surveys.urls_builder")),
    path("", include("surveys.urls_answer")),
    path("", include("surveys.urls_results")),
]
