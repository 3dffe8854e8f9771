from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from api.api import api
from maillage import views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("healthz", views.healthz, name="healthz"),
    # Calendar feeds (iCalendar) keep one address whatever the reader's language.
    path("events/", include(("events.urls_ical", "events_ical"))),
]

urlpatterns += i18n_patterns(
    path("", RedirectView.as_view(pattern_name="spaces:list", permanent=False), name="home"),
    path("spaces/", include("spaces.urls")),
    path("planner/", include("planner.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("community.urls")),
    path("messages/", include("messaging.urls")),
    path("opportunities/", include("opportunities.urls")),
    path("events/", include("events.urls")),
    path("surveys/", include("surveys.urls")),
    path("about/", views.about, name="about"),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
