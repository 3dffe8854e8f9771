from django.urls import path

from community import views, views_barter

app_name = "community"

urlpatterns = [
    path("me/", views.me, name="me"),
    path("members/", views.member_list, name="members"),
    path("members/<int:pk>/", views.member_detail, name="member"),
    path("members/<int:pk>/roles/", views.member_roles, name="roles"),
    path("members/<int:pk>/thank/", views.endorse, name="endorse"),
    path("members/<int:pk>/exchange/", views_barter.exchange_new, name="exchange_new"),
    path("members/space/<slug:slug>/", views.space_members, name="space_members"),
    path("members/space/<slug:slug>/join/", views.membership_request, name="join_space"),
    path("memberships/<int:pk>/decide/", views.membership_decide, name="membership_decide"),
    path("barter/", views_barter.post_list, name="posts"),
    path("barter/new/", views_barter.post_new, name="post_new"),
    path("barter/<int:pk>/", views_barter.post_detail, name="post"),
    path("barter/<int:pk>/close/", views_barter.post_close, name="post_close"),
    path("barter/exchanges/", views_barter.exchange_list, name="exchanges"),
    path("barter/exchanges/<int:pk>/answer/", views_barter.exchange_answer, name="exchange_answer"),
    path("knowledge/", views_barter.knowledge_page, name="knowledge"),
]
