"""Reading opportunities: the board's search, "for me" matching and the feeds' items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from community.models import Profile, Skill
from community.services import ensure_profile
from opportunities.models import Opportunity, OpportunitySkill
from spaces.models import Space

PER_PAGE = 20
FEED_SIZE = 50


@dataclass
class OpportunityQuery:
    kind: str = ""
    skill: Skill | None = None
    remote: bool = False
    space: Space | None = None
    text: str = ""


def with_listing_data(queryset):
    """What a list shows of each post, fetched in a fixed number of queries."""
    return queryset.select_related("author__profile", "on_behalf_of").prefetch_related(
        "skills", "spaces"
    )


def search(query: OpportunityQuery):
    rows = Opportunity.objects.live()
    if query.kind:
        rows = rows.filter(kind=query.kind)
    if query.skill is not None:
        rows = rows.filter(opportunityskill__skill=query.skill)
    if query.remote:
        rows = rows.filter(remote=True)
    if query.space is not None:
        rows = rows.filter(Q(spaces=query.space) | Q(on_behalf_of=query.space)).distinct()
    text = " ".join(query.text.split())
    if text:
        rows = rows.filter(
            Q(title__icontains=text) | Q(description__icontains=text) | Q(place__icontains=text)
        )
    return with_listing_data(rows.order_by("-published_at", "-pk"))


def offered_skill_ids(profile: Profile):
    """The member's offered skills as a subquery: matching stays one query in the database."""
    return Profile.skills_offered.through.objects.filter(profile_id=profile.pk).values("skill_id")


def ranked_matches(user, *, since: dt.datetime | None = None, until: dt.datetime | None = None):
    """(opportunity id, number of matching skills) of the live posts wanting the member's
    offered skills: most matching skills first, then newest.

    Counted in the database from the skill index of the link table alone (GROUP BY one
    id), so that the cost follows the posts wanting these skills, not the whole board.
    """
    profile = ensure_profile(user)
    rows = OpportunitySkill.objects.filter(
        skill_id__in=offered_skill_ids(profile),
        opportunity__state=Opportunity.State.PUBLISHED,
        opportunity__expires_on__gte=timezone.localdate(),
    ).exclude(opportunity__author_id=user.pk)
    if since is not None:
        rows = rows.filter(opportunity__published_at__gte=since)
    if until is not None:
        rows = rows.filter(opportunity__published_at__lt=until)
    return (
        rows.values("opportunity_id", "opportunity__published_at")
        .annotate(matches=Count("skill_id"))
        .order_by("-matches", "-opportunity__published_at", "-opportunity_id")
    )


def with_matches(rows) -> list[Opportunity]:
    """The posts of some ``ranked_matches`` rows, in their order, each with ``matches``."""
    rows = list(rows)
    by_pk = with_listing_data(
        Opportunity.objects.filter(pk__in=[r["opportunity_id"] for r in rows])
    )
    found = by_pk.in_bulk()
    opportunities = []
    for row in rows:
        opportunity = found.get(row["opportunity_id"])
        if opportunity is not None:
            opportunity.matches = row["matches"]
            opportunities.append(opportunity)
    return opportunities


def feed_items():
    return with_listing_data(Opportunity.objects.live().order_by("-published_at", "-pk"))[
        :FEED_SIZE
    ]


def moderation_queue():
    return (
        Opportunity.objects.filter(state=Opportunity.State.PENDING)
        .select_related("author__profile", "on_behalf_of")
        .order_by("created_at", "pk")
    )


def spaces_with_opportunities() -> list[tuple[str, str]]:
    """(slug, name) of the spaces some post concerns, for the filter's suggestions."""
    linked = Opportunity.spaces.through.objects.values("space_id")
    return list(Space.objects.filter(pk__in=linked).order_by("name").values_list("slug", "name"))
