from django.conf import settings

from messaging.selectors import unread_count
from spaces.permissions import is_coordinator


def site(request):
    """What base.html needs on every page."""
    user = getattr(request, "user", None)
    return {
        "is_coordinator": is_coordinator(user),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        # Evaluated only when the template reads it: one query for signed-in members.
        "unread_messages": (lambda: unread_count(user))
        if user is not None and user.is_authenticated
        else 0,
    }
