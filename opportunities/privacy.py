"""A member's personal data on the board: export it, and forget it when the account goes."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from opportunities.models import Application, Opportunity


def _date(value):
    return value.isoformat() if value else None


def export(user) -> dict:
    """Everything the board holds about ``user``, JSON-serialisable."""
    opportunities = (
        Opportunity.objects.filter(author=user)
        .select_related("on_behalf_of")
        .prefetch_related("skills", "spaces")
        .order_by("created_at", "pk")
    )
    applications = (
        Application.objects.filter(applicant=user)
        .select_related("opportunity")
        .order_by("created_at", "pk")
    )
    return {
        "opportunities": [
            {
                "id": item.pk,
                "kind": item.kind,
                "title": item.title,
                "description": item.description,
                "skills": [skill.key for skill in item.skills.all()],
                "place": item.place,
                "remote": item.remote,
                "spaces": [space.slug for space in item.spaces.all()],
                "deadline": _date(item.deadline),
                "contact": item.contact,
                "apply_in_platform": item.apply_in_platform,
                "on_behalf_of": item.on_behalf_of.slug if item.on_behalf_of else None,
                "language": item.language,
                "state": item.state,
                "created_at": _date(item.created_at),
                "published_at": _date(item.published_at),
                "expires_on": _date(item.expires_on),
            }
            for item in opportunities
        ],
        "applications": [
            {
                "opportunity": application.opportunity_id,
                "opportunity_title": application.opportunity.title,
                "message": application.message,
                "created_at": _date(application.created_at),
            }
            for application in applications
        ],
    }


@transaction.atomic
def forget(user) -> None:
    """Called when the member deletes the account.

    Applications are personal and go. Posts stay as anonymous contributions to the
    network's history, without their contact, and those still open are withdrawn:
    nobody would be there to answer.
    """
    Application.objects.filter(applicant=user).delete()
    posts = Opportunity.objects.filter(author=user)
    now = timezone.now()
    live = Q(state=Opportunity.State.PUBLISHED, expires_on__gte=timezone.localdate())
    posts.filter(live | Q(state=Opportunity.State.PENDING)).update(
        state=Opportunity.State.WITHDRAWN, updated_at=now
    )
    # Expired posts keep their state: they stay readable, as history, without a name.
    posts.update(author=None, contact="", apply_in_platform=False, updated_at=now)
