"""Fixtures of the opportunities board: skills, an author, and posts in any state."""

import pytest
from django.utils import timezone

from community.models import Skill
from community.services import ensure_core_skills, ensure_profile
from opportunities.models import DEFAULT_LIFETIME, Opportunity


@pytest.fixture
def skills(db):
    ensure_core_skills()
    return {skill.key: skill for skill in Skill.objects.all()}


@pytest.fixture
def author(make_user):
    return make_user("alba", first_name="Alba", last_name="Roca")


@pytest.fixture
def make_opportunity(db):
    """A post saved as it would be after moderation (tests of the services use the services)."""

    def make(author, *, state="published", skills=(), spaces=(), published_at=None, **values):
        now = timezone.now()
        values.setdefault("kind", Opportunity.Kind.FREELANCE)
        values.setdefault("title", "Mission de graphisme")
        values.setdefault("description", "Une mission **courte**.")
        values.setdefault("apply_in_platform", True)
        if state == Opportunity.State.PUBLISHED:
            published_at = published_at or now
            values.setdefault(
                "expires_on",
                values.get("deadline") or timezone.localdate(published_at) + DEFAULT_LIFETIME,
            )
        opportunity = Opportunity.objects.create(
            author=author, state=state, published_at=published_at, **values
        )
        opportunity.skills.set(skills)
        opportunity.spaces.set(spaces)
        return opportunity

    return make


@pytest.fixture
def post(make_opportunity, author, space, skills):
    """A published post by Alba about eLAN, open to applications."""
    return make_opportunity(
        author, title="Graphiste pour eLAN", skills=[skills["design"]], spaces=[space]
    )


@pytest.fixture
def offering(skills):
    """Give ``user`` a profile offering these skill keys."""

    def give(user, *keys, **profile_values):
        profile = ensure_profile(user)
        for name, value in profile_values.items():
            setattr(profile, name, value)
        profile.save()
        profile.skills_offered.set([skills[key] for key in keys])
        return profile

    return give
