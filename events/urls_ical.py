"""iCalendar feeds at the root (/events/…), one address whatever the reader's language."""

from django.urls import path

from events import views_ical

urlpatterns = [
    path("feed.ics", views_ical.network_feed, name="network"),
    path("space/<slug:slug>.ics", views_ical.space_feed, name="space"),
    path("my/<str:token>.ics", views_ical.member_feed, name="member"),
    path("<slug:slug>.ics", views_ical.event_file, name="event"),
]
