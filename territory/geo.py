"""Great-circle distances and bounding boxes on plain floats."""

import math

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres.

    >>> round(haversine_km(43.1967, 1.4358, 43.6047, 1.4442), 1)  # Lézat to Toulouse
    45.4
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) enclosing the circle of radius ``km``."""
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    cos_lat = max(math.cos(math.radians(lat)), 1e-6)
    dlon = min(180.0, math.degrees(km / (EARTH_RADIUS_KM * cos_lat)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def within_radius(points, lat: float, lon: float, km: float) -> tuple[list, dict]:
    """Keys of ``points`` ((key, lat, lon) rows) within ``km`` of a point, nearest first.

    Returns the ordered keys and each one's distance in km; ties keep key order.
    """
    distances = {}
    for key, p_lat, p_lon in points:
        distance = haversine_km(lat, lon, p_lat, p_lon)
        if distance <= km:
            distances[key] = distance
    return sorted(distances, key=lambda key: (distances[key], key)), distances
