from django.urls import path

from opportunities import feeds, views

app_name = "opportunities"

urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("for-me/", views.for_me, name="for_me"),
    path("new/", views.opportunity_new, name="new"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/<int:pk>/", views.moderation_review, name="review"),
    path("feed.rss", feeds.OpportunitiesRss(), name="feed_rss"),
    path("feed.atom", feeds.OpportunitiesAtom(), name="feed_atom"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("unsubscribe/<str:token>/resubscribe/", views.resubscribe, name="resubscribe"),
    path("<int:pk>/", views.opportunity_detail, name="detail"),
    path("<int:pk>/edit/", views.opportunity_edit, name="edit"),
    path("<int:pk>/withdraw/", views.opportunity_withdraw, name="withdraw"),
    path("<int:pk>/apply/", views.opportunity_apply, name="apply"),
]
