from django.urls import path

from messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.thread, name="thread"),
    path("to/<int:user_id>/", views.write, name="write"),
    path("block/<int:user_id>/", views.block, name="block"),
    path("unblock/<int:user_id>/", views.unblock, name="unblock"),
    path("report/<int:message_id>/", views.report, name="report"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<int:pk>/", views.moderate, name="moderate"),
]
