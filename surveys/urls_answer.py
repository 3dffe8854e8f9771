"""Addresses to answer surveys (included under the "surveys" namespace).

A survey's own addresses come first: invitation and response addresses have two
segments after a fixed one and random tokens, so neither shadows the other whatever
the survey's slug ("i", "r").
"""

from django.urls import path

from surveys import views_answer as views

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/answer/", views.answer, name="answer"),
    path("i/<str:token>/", views.answer_invited, name="answer_invited"),
    path("r/<str:token>/", views.resume, name="resume"),
    path("r/<str:token>/done/", views.done, name="done"),
]
