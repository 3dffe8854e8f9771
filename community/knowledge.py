"""The network's knowledge economy in figures: what members taught each other.

Counts confirmed exchanges only. Everything is aggregated in the database; the
monthly series feeds a bar chart drawn on the server (SVG, no JavaScript).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from community.models import Exchange, Skill
from spaces.models import Space

CHART_WIDTH = 640
CHART_HEIGHT = 180


@dataclass
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float


def confirmed(space: Space | None = None) -> QuerySet:
    exchanges = Exchange.objects.filter(state=Exchange.State.CONFIRMED)
    if space is not None:
        exchanges = exchanges.filter(Q(giver_space=space) | Q(receiver_space=space))
    return exchanges


def figures(space: Space | None = None) -> dict:
    exchanges = confirmed(space)
    totals = exchanges.aggregate(
        count=Count("pk"),
        hours=Sum("hours"),
        cross_border=Count("pk", filter=Q(cross_border=True)),
    )
    involved = Space.objects.filter(
        Q(pk__in=exchanges.values("giver_space")) | Q(pk__in=exchanges.values("receiver_space"))
    )
    return {
        "exchanges": totals["count"],
        "hours": totals["hours"] or Decimal(0),
        "cross_border": totals["cross_border"],
        "members": get_user_model()
        .objects.filter(
            Q(pk__in=exchanges.values("giver")) | Q(pk__in=exchanges.values("receiver"))
        )
        .count(),
        "spaces": involved.count(),
    }


def spaces_involved() -> QuerySet:
    """Spaces whose members took part in at least one confirmed exchange."""
    exchanges = confirmed()
    return Space.objects.filter(
        Q(pk__in=exchanges.values("giver_space")) | Q(pk__in=exchanges.values("receiver_space"))
    ).order_by("name")


def top_skills(space: Space | None = None, limit: int = 10) -> list[dict]:
    rows = (
        confirmed(space)
        .values("skill")
        .annotate(count=Count("pk"), hours=Sum("hours"))
        .order_by("-count", "-hours", "skill")[:limit]
    )
    skills = Skill.objects.in_bulk([row["skill"] for row in rows])
    return [{**row, "skill": skills[row["skill"]]} for row in rows]


def per_space(limit: int = 15) -> list[dict]:
    """Spaces whose members gave or received the most hours."""
    given = (
        confirmed()
        .exclude(giver_space=None)
        .values("giver_space")
        .annotate(count=Count("pk"), hours=Sum("hours"))
    )
    received = (
        confirmed()
        .exclude(receiver_space=None)
        .values("receiver_space")
        .annotate(count=Count("pk"), hours=Sum("hours"))
    )
    table: dict[int, dict] = {}
    for row in given:
        entry = table.setdefault(row["giver_space"], _empty_space_row())
        entry["given"] += row["hours"]
        entry["count"] += row["count"]
    for row in received:
        entry = table.setdefault(row["receiver_space"], _empty_space_row())
        entry["received"] += row["hours"]
        entry["count"] += row["count"]
    spaces = Space.objects.in_bulk(list(table))
    rows = [{"space": spaces[pk], **values} for pk, values in table.items() if pk in spaces]
    rows.sort(key=lambda row: (-(row["given"] + row["received"]), row["space"].name))
    return rows[:limit]


def _empty_space_row() -> dict:
    return {"given": Decimal(0), "received": Decimal(0), "count": 0}


def monthly_hours(space: Space | None = None, months: int = 24) -> list[tuple[str, float]]:
    rows = (
        confirmed(space)
        .annotate(month=TruncMonth("confirmed_at"))
        .values("month")
        .annotate(hours=Sum("hours"))
        .order_by("month")
    )
    series = [(row["month"].strftime("%Y-%m"), float(row["hours"])) for row in rows]
    return series[-months:]


def bar_chart(series: list[tuple[str, float]]) -> list[Bar]:
    """Bars of a chart CHART_WIDTH × CHART_HEIGHT (labels drawn below by the template)."""
    if not series:
        return []
    top = max(value for _label, value in series) or 1.0
    slot = CHART_WIDTH / len(series)
    bars = []
    for index, (label, value) in enumerate(series):
        height = (CHART_HEIGHT - 20) * value / top
        bars.append(
            Bar(
                label=label,
                value=value,
                x=index * slot + slot * 0.1,
                y=CHART_HEIGHT - height,
                width=slot * 0.8,
                height=height,
            )
        )
    return bars
