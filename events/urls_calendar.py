"""Pages of the events themselves, under the shared "events" namespace (/<lang>/events/)."""

from django.urls import path

from events import views

# Fixed words first: an event's slug always ends with its date, so it never equals them.
urlpatterns = [
    path("", views.event_list, name="list"),
    path("month/", views.event_month, name="month"),
    path("month/<int:year>/<int:month>/", views.event_month, name="month"),
    path("new/", views.event_new, name="new"),
    path("calendar/", views.calendar_link, name="calendar_link"),
    path("calendar/renew/", views.calendar_renew, name="calendar_renew"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/translate/<str:language>/", views.event_translate, name="translate"),
    path("<slug:slug>/publish/", views.event_publish, name="publish"),
    path("<slug:slug>/cancel/", views.event_cancel, name="cancel_event"),
    path("<slug:slug>/write-up/", views.event_writeup, name="writeup"),
    path("<slug:slug>/files/<int:pk>/delete/", views.event_file_delete, name="file_delete"),
]
