"""A member's community data: all of it for the export, and what deletion removes."""

from __future__ import annotations

from django.db.models import Q

from community.models import BarterPost, Endorsement, Exchange, Profile, SpaceMembership


def export(user) -> dict:
    profile = Profile.objects.filter(user=user).first()
    data: dict = {"profile": None}
    if profile is not None:
        data["profile"] = {
            "name": profile.display_name,
            "photo": profile.photo.name or None,
            "bio": profile.bio,
            "home_space": profile.home_space.name if profile.home_space else None,
            "spaces_visited": [space.name for space in profile.spaces_visited.all()],
            "skills_offered": [skill.key for skill in profile.skills_offered.all()],
            "skills_sought": [skill.key for skill in profile.skills_sought.all()],
            "languages": profile.language_codes,
            "town": profile.town,
            "availability": profile.availability,
            "links": profile.link_list,
            "visibility": {
                name.removesuffix("_visibility"): getattr(profile, name)
                for name in vars(profile)
                if name.endswith("_visibility")
            },
            "weekly_digest": profile.digest_opt_in,
        }
    data["space_memberships"] = [
        {"space": m.space.name, "state": m.state, "requested_at": m.requested_at.isoformat()}
        for m in SpaceMembership.objects.filter(user=user).select_related("space")
    ]
    data["barter_posts"] = [
        {
            "kind": post.kind,
            "title": post.title,
            "description": post.description,
            "skill": post.skill.key,
            "language": post.language,
            "state": post.state,
            "created_at": post.created_at.isoformat(),
        }
        for post in BarterPost.objects.filter(author=user).select_related("skill")
    ]
    # The other side of an exchange is named by an id only: their name is theirs to share.
    data["exchanges"] = [
        {
            "direction": "given" if exchange.giver_id == user.pk else "received",
            "other_member_id": exchange.other_side(user).pk,
            "skill": exchange.skill.key,
            "hours": str(exchange.hours),
            "note": exchange.note,
            "state": exchange.state,
            "recorded_at": exchange.created_at.isoformat(),
        }
        for exchange in Exchange.objects.filter(Q(giver=user) | Q(receiver=user)).select_related(
            "skill"
        )
    ]
    data["endorsements_given"] = [
        _endorsement(e, e.recipient_id) for e in Endorsement.objects.filter(author=user)
    ]
    data["endorsements_received"] = [
        _endorsement(e, e.author_id) for e in Endorsement.objects.filter(recipient=user)
    ]
    return data


def _endorsement(endorsement: Endorsement, other_id: int) -> dict:
    return {
        "other_member_id": other_id,
        "skill": endorsement.skill.key if endorsement.skill_id else None,
        "message": endorsement.message,
        "created_at": endorsement.created_at.isoformat(),
    }


def forget(user) -> None:
    """Remove the profile (and its photo), memberships and thanks received.

    Exchanges, posts and thanks given stay as contributions: the account row that they
    point to is anonymised by the caller, so they show "Former member". Open posts close.
    """
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        if profile.photo:
            profile.photo.delete(save=False)
        profile.delete()
    SpaceMembership.objects.filter(user=user).delete()
    Endorsement.objects.filter(recipient=user).delete()
    Endorsement.objects.filter(author=user).update(message="")
    BarterPost.objects.filter(author=user).update(state=BarterPost.State.CLOSED, description="")
