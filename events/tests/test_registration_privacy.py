"""A member's registrations in the data export, and forgotten with the account."""

import datetime as dt

import pytest
from django.utils import timezone

from events import privacy
from events import registration as services
from events.models import Event, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def past(event_factory):
    return event_factory(
        slug="passe",
        starts_at=timezone.now() - dt.timedelta(days=10),
        ends_at=timezone.now() - dt.timedelta(days=10) + dt.timedelta(hours=2),
    )


def test_export_lists_member_and_visitor_registrations(event, event_factory, member, make_user):
    services.register_member(event, member)
    other = event_factory(slug="autre")
    services.register_visitor(other, "Mia", member.email.upper())
    services.register_member(event, make_user("someone"))
    data = privacy.export(member)
    assert [row["event"] for row in data["registrations"]] == ["journee-elan", "autre"]
    assert data["registrations"][0]["state"] == "confirmed"
    assert "token" not in data["registrations"][0]


def test_forget_cancels_coming_places_and_anonymises_the_rest(
    event, past, member, make_user, mailoutbox, django_capture_on_commit_callbacks
):
    event.capacity = 1
    event.save()
    mine = services.register_member(event, member)
    waiting = services.register_member(event, make_user("wanda"))
    old = Registration.objects.create(
        event=past, user=member, name="Mia", email=member.email, state="confirmed", checked_in=True
    )
    old_token = old.token
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        privacy.forget(member)
    mine.refresh_from_db()
    old.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.state == "cancelled"
    assert waiting.state == "confirmed"  # the freed seat went to the next person
    assert [m.to for m in mailoutbox] == [["wanda@example.org"]]  # no mail to the leaver
    assert old.state == "confirmed" and old.checked_in  # the head count stays true
    for row in (mine, old):
        assert row.user is None and row.name == "" and member.email not in row.email
    assert old.token != old_token
    assert privacy.export(member)["registrations"] == []
    assert Event.objects.get(pk=past.pk).registrations.count() == 1
