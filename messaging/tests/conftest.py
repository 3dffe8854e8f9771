"""Members who write to each other, with profiles as the community app makes them."""

import pytest

from community.services import ensure_profile
from messaging import services


@pytest.fixture
def member_named(make_user):
    def make(username, name, **extra):
        user = make_user(username, **extra)
        profile = ensure_profile(user)
        profile.display_name = name
        profile.save()
        return user

    return make


@pytest.fixture
def alice(member_named):
    return member_named("alice", "Alice Durand")


@pytest.fixture
def bruno(member_named):
    return member_named("bruno", "Bruno Lopez")


@pytest.fixture
def carla(member_named):
    """A third member: not part of Alice and Bruno's conversation."""
    return member_named("carla", "Carla Puig")


@pytest.fixture
def conversation(alice, bruno):
    """Alice wrote to Bruno, who answered; returns (thread, alice's message, bruno's)."""
    first = services.send_message(alice, bruno, "Bonjour Bruno, tu es à eLAN jeudi ?")
    second = services.send_message(bruno, alice, "Oui, à partir de 9 h.")
    return first.thread, first, second


@pytest.fixture
def open_report(conversation, bruno):
    """Bruno reported Alice's message."""
    _thread, first, _second = conversation
    return services.report(bruno, first, "Ce message me met mal à l'aise.")


@pytest.fixture(autouse=True)
def _english(english):
    """Every test of this app reads the English messages (see the root conftest)."""
