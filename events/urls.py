from django.urls import include, path

app_name = "events"

# Each part of the app keeps its own list; they share the "events" namespace.
urlpatterns = [
    path("", include("events.urls_calendar")),
    path("", include("events.urls_registration")),
    path("", include("events.urls_barcamp")),
]
