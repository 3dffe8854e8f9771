"""Reads of the community: the members directory search and barter suggestions.

Every filter on a private field also requires that the viewer may see that field, so
a search never reveals what a member hid (searching a hidden skill does not find them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet

from community.models import BarterPost, Exchange, Profile, Skill
from community.visibility import can_see, visible_q
from spaces.models import Space
from territory.geo import bounding_box, haversine_km, within_radius
from territory.text import fold

MAX_RADIUS_KM = 500.0
# A search lists at most this many members: counting and sorting every match of a
# broad search ("design" among 100,000 members) was most of its cost (bench/community.py);
# beyond it the page asks to refine the search.
RESULT_CAP = 1000
SUGGESTION_POOL = 3000


@dataclass
class MemberQuery:
    text: str = ""
    skill: Skill | None = None
    language: str = ""
    space: Space | None = None
    near: tuple[float, float] | None = None
    km: float = 30.0


@dataclass
class MemberResult:
    queryset: QuerySet
    ordered_ids: list[int] | None = None
    distances: dict[int, float] = field(default_factory=dict)


def _offering(skill: Skill) -> QuerySet:
    return Profile.skills_offered.through.objects.filter(skill_id=skill.pk).values("profile_id")


def filtered_members(query: MemberQuery, viewer) -> QuerySet:
    members = Profile.objects.filter(user__is_active=True)
    if query.skill is not None:
        members = members.filter(visible_q("skills", viewer), pk__in=_offering(query.skill))
    if query.language:
        members = members.filter(
            visible_q("languages", viewer), languages__contains=f",{query.language},"
        )
    if query.space is not None:
        visited = Profile.spaces_visited.through.objects.filter(space_id=query.space.pk)
        members = members.filter(visible_q("spaces", viewer)).filter(
            Q(home_space=query.space) | Q(pk__in=visited.values("profile_id"))
        )
    for word in query.text.split():
        members = members.filter(
            (visible_q("name", viewer) & Q(display_name__icontains=word))
            | (visible_q("town", viewer) & Q(town__icontains=word))
        )
    return members.order_by("display_name", "pk")


def search_members(query: MemberQuery, viewer) -> MemberResult:
    """Members matching the query; with a point, those whose home space is within reach."""
    members = filtered_members(query, viewer)
    if query.near is None:
        return MemberResult(queryset=members)
    lat, lon = query.near
    km = min(max(query.km, 0.1), MAX_RADIUS_KM)
    min_lat, max_lat, min_lon, max_lon = bounding_box(lat, lon, km)
    boxed = members.filter(
        visible_q("spaces", viewer),
        latitude__gte=min_lat,
        latitude__lte=max_lat,
        longitude__gte=min_lon,
        longitude__lte=max_lon,
    )
    rows = boxed.values_list("pk", "latitude", "longitude")
    ordered, distances = within_radius(rows, lat, lon, km)
    return MemberResult(queryset=members, ordered_ids=ordered, distances=distances)


def with_card_data(profiles: QuerySet) -> QuerySet:
    return profiles.select_related("home_space", "user").prefetch_related(
        Prefetch("skills_offered", queryset=Skill.objects.order_by("key"))
    )


def member_page(result: MemberResult, number, per_page: int = 24) -> Page:
    """One page of members; each carries ``distance_km`` (None without a point).

    The ids of the (capped) results are read once, in order: one narrow query instead
    of a count and a page that would both sort every match.
    """
    ids = result.ordered_ids
    if ids is None:
        ids = list(result.queryset.values_list("pk", flat=True)[:RESULT_CAP])
    page = Paginator(ids[:RESULT_CAP], per_page).get_page(number)
    by_pk = with_card_data(Profile.objects.filter(pk__in=page.object_list)).in_bulk()
    profiles = []
    for pk in page.object_list:
        by_pk[pk].distance_km = result.distances.get(pk)
        profiles.append(by_pk[pk])
    page.object_list = profiles
    page.capped = page.paginator.count >= RESULT_CAP
    return page


@dataclass
class Suggestion:
    profile: Profile
    score: float
    shared_languages: list[str]
    distance_km: float | None
    past_exchanges: int


def suggest_members(post: BarterPost, viewer, limit: int = 8) -> list[Suggestion]:
    """Members who could answer ``post``, best first.

    A request looks for members offering its skill, an offer for members seeking it.
    The score adds, in order of weight: a shared language (the post's first), nearness
    of the two home spaces, and exchanges the two have already confirmed together.
    Only members whose skills the viewer may see are considered.
    """
    author = post.author
    author_profile = author.profile
    relation = "skills_offered" if post.kind == BarterPost.Kind.REQUEST else "skills_sought"
    through = getattr(Profile, relation).through
    candidates = (
        Profile.objects.filter(
            visible_q("skills", viewer),
            user__is_active=True,
            pk__in=through.objects.filter(skill_id=post.skill_id).values("profile_id"),
        )
        .exclude(user_id=author.pk)
        .select_related("home_space", "user")
        .order_by("-updated_at")[:SUGGESTION_POOL]
    )
    candidates = list(candidates)
    partners = (
        Exchange.objects.filter(state=Exchange.State.CONFIRMED)
        .filter(Q(giver=author) | Q(receiver=author))
        .values_list("giver_id", "receiver_id")
    )
    past: dict[int, int] = {}
    for giver_id, receiver_id in partners:
        other = receiver_id if giver_id == author.pk else giver_id
        past[other] = past.get(other, 0) + 1
    wanted = [post.language, *author_profile.language_codes]
    suggestions = []
    for profile in candidates:
        codes = profile.language_codes if can_see(profile, "languages", viewer) else []
        shared = [code for code in dict.fromkeys(wanted) if code in codes]
        score = 3.0
        if post.language in codes:
            score += 2.0
        elif shared:
            score += 1.0
        distance = None
        if (
            author_profile.latitude is not None
            and profile.latitude is not None
            and can_see(profile, "spaces", viewer)
        ):
            distance = haversine_km(
                author_profile.latitude,
                author_profile.longitude,
                profile.latitude,
                profile.longitude,
            )
            score += 2.0 / (1.0 + distance / 50.0)
        together = past.get(profile.user_id, 0)
        score += min(together, 3) / 3.0
        suggestions.append(Suggestion(profile, score, shared, distance, together))
    suggestions.sort(key=lambda s: (-s.score, fold(s.profile.display_name), s.profile.pk))
    return suggestions[:limit]


def open_posts(kind: str = "", skill: Skill | None = None) -> QuerySet:
    posts = BarterPost.objects.filter(state=BarterPost.State.OPEN, author__is_active=True)
    if kind:
        posts = posts.filter(kind=kind)
    if skill is not None:
        posts = posts.filter(skill=skill)
    return posts.select_related("skill", "author__profile")


def exchanges_of(user) -> QuerySet:
    return (
        Exchange.objects.filter(Q(giver=user) | Q(receiver=user))
        .select_related("giver__profile", "receiver__profile", "skill")
        .order_by("-created_at", "-pk")
    )
