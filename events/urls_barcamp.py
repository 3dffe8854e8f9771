"""Addresses of the barcamp (included under the "events" namespace)."""

from django.urls import path

from events import views_barcamp as views

urlpatterns = [
    path("<slug:slug>/barcamp/", views.barcamp_page, name="barcamp"),
    path("<slug:slug>/barcamp/propose/", views.propose, name="barcamp_propose"),
    path("<slug:slug>/barcamp/<int:pk>/vote/", views.vote, name="barcamp_vote"),
    path("<slug:slug>/barcamp/<int:pk>/unvote/", views.unvote, name="barcamp_unvote"),
    path("<slug:slug>/barcamp/<int:pk>/withdraw/", views.withdraw, name="barcamp_withdraw"),
    path("<slug:slug>/barcamp/grid/", views.grid, name="barcamp_grid"),
    path("<slug:slug>/barcamp/grid/fill/", views.fill, name="barcamp_fill"),
    path("<slug:slug>/barcamp/<int:pk>/move/", views.move, name="barcamp_move"),
    path("<slug:slug>/barcamp/<int:pk>/unplace/", views.unplace, name="barcamp_unplace"),
    path("<slug:slug>/barcamp/<int:pk>/swap/", views.swap, name="barcamp_swap"),
]
