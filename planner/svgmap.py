"""A plan drawn as SVG on the server: the map of the PDF report and of pages without JavaScript.

Communes are dots coloured by the travel time to their nearest site after the
plan, existing sites are squares and proposed sites numbered discs. Longitudes
are scaled by the cosine of the mean latitude, which keeps a département's
shape right without a projection library.
"""

from __future__ import annotations

import math
from html import escape

# Colour classes relative to the threshold T: <= T/2, <= T, <= 1.5 T, beyond.
COLOURS = ("#1a7f37", "#8cc63f", "#f0a500", "#c0392b")
NO_SITE_COLOUR = "#7f7f7f"


def time_class(minutes: float | None, threshold: float) -> int:
    """Index into COLOURS for a travel time (3 when there is no site at all)."""
    if minutes is None:
        return 3
    for k, limit in enumerate((threshold / 2, threshold, 1.5 * threshold)):
        if minutes <= limit:
            return k
    return 3


def plan_svg(geojson: dict, width: int = 640, height: int = 520) -> str:
    """The plan's map as an SVG document (a string), fitted into ``width`` × ``height``."""
    features = (geojson or {}).get("features", [])
    threshold = float((geojson or {}).get("minutes") or 20)
    if not features:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"></svg>'
    lons = [f["geometry"]["coordinates"][0] for f in features]
    lats = [f["geometry"]["coordinates"][1] for f in features]
    scale_x = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * scale_x, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    margin = 14
    factor = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)

    def xy(coordinates) -> tuple[float, float]:
        lon, lat = coordinates
        x = margin + (lon - min(lons)) * scale_x * factor
        y = margin + (max(lats) - lat) * factor
        return round(x, 1), round(y, 1)

    communes, existing, new = [], [], []
    for feature in features:
        props = feature["properties"]
        x, y = xy(feature["geometry"]["coordinates"])
        name = escape(str(props.get("name", "")))
        if props.get("kind") == "commune":
            colour = COLOURS[time_class(props.get("minutes_after"), threshold)]
            communes.append(
                f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"><title>{name}</title></circle>'
            )
        elif props.get("kind") == "existing":
            existing.append(
                f'<rect x="{x - 5}" y="{y - 5}" width="10" height="10" fill="#1f3a93" '
                f'stroke="#fff"><title>{name}</title></rect>'
            )
        else:
            rank = int(props.get("rank", 0))
            new.append(
                f'<g><circle cx="{x}" cy="{y}" r="8" fill="#6a1b9a" stroke="#fff"/>'
                f'<text x="{x}" y="{y + 3}" font-size="8" text-anchor="middle" fill="#fff" '
                f'font-family="sans-serif">{rank}</text><title>{rank}. {name}</title></g>'
            )
    body = "".join(communes + existing + new)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">{body}</svg>'
    )
