from django.conf import settings

from spaces.permissions import is_coordinator


def site(request):
    """What base.html needs on every page."""
    return {
        "is_coordinator": is_coordinator(getattr(request, "user", None)),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
