"""/api/opportunities: the board's published, live opportunities, with the list's filters."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from api.pages import PageFilters, paged
from community.models import Skill
from community.visibility import public_name
from opportunities import selectors
from opportunities.models import Opportunity
from spaces.models import Space
from spaces.rendering import render_markdown

router = Router(tags=["opportunities"])


class OpportunityFilters(PageFilters):
    kind: Opportunity.Kind | None = None
    skill: str = Field("", max_length=60, description="Skill key, e.g. accounting")
    remote: bool | None = Field(None, description="true: remote work possible only")
    space: str = Field("", max_length=220, description="Space slug")
    q: str = Field("", max_length=200, description="Text search")


class SkillOut(Schema):
    key: str
    label: str


class SpaceRef(Schema):
    slug: str
    name: str


class OpportunityOut(Schema):
    id: int
    kind: str
    title: str
    skills: list[SkillOut]
    place: str
    remote: bool
    spaces: list[SpaceRef]
    deadline: dt.date | None
    expires_on: dt.date
    posted_by: str = Field(description="The poster's name, if they chose to show it")
    on_behalf_of: SpaceRef | None
    language: str
    published_at: dt.datetime
    url: str


class OpportunityDetailOut(OpportunityOut):
    description: str = Field(description="Markdown, as written")
    description_html: str = Field(description="The description as sanitised HTML")
    contact: str
    apply_in_platform: bool


class OpportunityPage(Schema):
    count: int
    page: int
    pages: int
    results: list[OpportunityOut]


def _query(filters: OpportunityFilters) -> selectors.OpportunityQuery:
    skill = space = None
    if filters.skill:
        skill = Skill.objects.filter(key=filters.skill).first()
        if skill is None:
            raise HttpError(422, f"unknown skill {filters.skill!r}")
    if filters.space:
        space = Space.objects.filter(slug=filters.space).first()
        if space is None:
            raise HttpError(422, f"unknown space {filters.space!r}")
    return selectors.OpportunityQuery(
        kind=filters.kind.value if filters.kind else "",
        skill=skill,
        remote=bool(filters.remote),
        space=space,
        text=filters.q,
    )


def _space(space: Space) -> dict:
    return {"slug": space.slug, "name": space.name}


def _summary(request, item: Opportunity) -> dict:
    return {
        "id": item.pk,
        "kind": item.kind,
        "title": item.title,
        "skills": [{"key": s.key, "label": s.label} for s in item.skills.all()],
        "place": item.place,
        "remote": item.remote,
        "spaces": [_space(space) for space in item.spaces.all()],
        "deadline": item.deadline,
        "expires_on": item.expires_on,
        # The API is public: names as an anonymous visitor may see them.
        "posted_by": public_name(item.author, AnonymousUser()),
        "on_behalf_of": _space(item.on_behalf_of) if item.on_behalf_of else None,
        "language": item.language,
        "published_at": item.published_at,
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


@router.get("", response=OpportunityPage, summary="Search the live opportunities")
def list_opportunities(request, filters: Query[OpportunityFilters]):
    rows = selectors.search(_query(filters))
    return paged(rows, filters, lambda item: _summary(request, item))


@router.get("/{opportunity_id}", response=OpportunityDetailOut, summary="One live opportunity")
def get_opportunity(request, opportunity_id: int):
    item = selectors.with_listing_data(Opportunity.objects.live()).filter(pk=opportunity_id).first()
    if item is None:
        raise Http404("no live opportunity with this id")
    data = _summary(request, item)
    data.update(
        description=item.description,
        description_html=str(render_markdown(item.description)),
        contact=item.contact,
        apply_in_platform=item.apply_in_platform,
    )
    return data
