"""The project's URLs plus ``/bench-floor/``: a bare view behind the same middleware stack.

``bench/directory.py`` makes this module the ROOT_URLCONF so the framework's floor is
measured with exactly the middleware, URL resolution and WSGI handling of real pages.
"""

from django.http import HttpResponse
from django.urls import path

from maillage.urls import urlpatterns as project_urlpatterns


def floor(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-floor/", floor, name="bench-floor"), *project_urlpatterns]
