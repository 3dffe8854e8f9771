"""Addresses of the registrations (included under the "events" namespace).

Every address has at least two segments, so that none is shadowed by an event's own
page at ``<slug>/``.
"""

from django.urls import path

from events import views_registration as views

urlpatterns = [
    path("registrations/mine/", views.mine, name="mine"),
    path("registration/<str:token>/verify/", views.verify, name="verify"),
    path("registration/<str:token>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/attendees.csv", views.attendees_csv, name="attendees_csv"),
    path("<slug:slug>/check-in/", views.checkin, name="checkin"),
]
