import pytest

from community import services
from community.models import Skill
from spaces.tests.factories import make_space


@pytest.fixture
def skills(db):
    services.ensure_core_skills()
    return {skill.key: skill for skill in Skill.objects.all()}


@pytest.fixture
def set_profile(skills):
    """Fill a member's profile through the real service."""

    def fill(user, *, offered=(), sought=(), languages=(), home_space=None, **fields):
        profile = services.ensure_profile(user)
        for name, value in fields.items():
            setattr(profile, name, value)
        return services.save_profile(
            profile,
            {
                "skills_offered": [skills[key] for key in offered],
                "skills_sought": [skills[key] for key in sought],
                "languages": list(languages),
                "home_space": home_space,
            },
        )

    return fill


@pytest.fixture
def bilbao(db):
    return make_space("Zawp", "Bilbao", country="ES", latitude=43.27, longitude=-2.95)


@pytest.fixture
def gueret(db):
    return make_space("La Quincaillerie", "Guéret", latitude=46.17, longitude=1.87)
