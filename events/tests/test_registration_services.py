"""Registration services: seats, waiting list, verification, cancellation, emails."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from community.services import ensure_profile
from events import registration as services
from events.models import Event, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the emails queued for after the commit, as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def members(make_user):
    return [make_user(f"member{i}") for i in range(5)]


def states(event):
    return list(event.registrations.order_by("pk").values_list("state", flat=True))


def test_a_member_registers_in_one_click_and_is_emailed(event, member, commit, mailoutbox):
    with commit():
        registration = services.register_member(event, member)
    assert registration.state == "confirmed"
    assert registration.email == member.email
    assert registration.confirmed_at and registration.queued_at
    assert services.seats_left(event) == 9
    [email] = mailoutbox
    assert email.to == [member.email]
    assert "Journée d'échanges à eLAN" in email.subject
    assert f"/registration/{registration.token}/cancel/" in email.body
    assert f"/events/{event.slug}.ics" in email.body


def test_a_full_event_puts_members_on_the_waiting_list(event, members, commit, mailoutbox):
    event.capacity = 2
    event.save()
    with commit():
        for user in members[:3]:
            services.register_member(event, user)
    assert states(event) == ["confirmed", "confirmed", "waiting"]
    assert services.seats_left(event) == 0
    assert "waiting list" in mailoutbox[-1].body or "attente" in mailoutbox[-1].body


def test_no_capacity_means_no_limit(event_factory, members):
    event = event_factory(capacity=None)
    for user in members:
        services.register_member(event, user)
    assert services.seats_left(event) is None
    assert set(states(event)) == {"confirmed"}


def test_a_visitor_holds_no_seat_until_verified(event, commit, mailoutbox):
    event.capacity = 1
    event.save()
    with commit():
        first = services.register_visitor(event, "  Ana Lopez ", " Ana@Example.org ")
        second = services.register_visitor(event, "Bea", "bea@example.org")
    assert (first.name, first.email, first.state) == ("Ana Lopez", "ana@example.org", "unverified")
    assert services.seats_left(event) == 1
    assert [m.to for m in mailoutbox] == [["ana@example.org"], ["bea@example.org"]]
    assert f"/registration/{first.token}/verify/" in mailoutbox[0].body
    assert f"/registration/{first.token}/cancel/" in mailoutbox[0].body
    # The second to verify is the first to be served: the queue is by verification time.
    with commit():
        assert services.verify(second.token).state == "confirmed"
        assert services.verify(first.token).state == "waiting"
    first.refresh_from_db()
    assert first.queued_at > Registration.objects.get(pk=second.pk).queued_at
    assert len(mailoutbox) == 4


def test_verifying_twice_changes_nothing(event, commit, mailoutbox):
    visitor = services.register_visitor(event, "Ana", "ana@example.org")
    services.verify(visitor.token)
    with commit():
        again = services.verify(visitor.token)
    assert again.state == "confirmed"
    assert mailoutbox == []


def test_cancelling_promotes_the_first_waiting_person_once(event, members, commit, mailoutbox):
    event.capacity = 1
    event.save()
    taken = services.register_member(event, members[0])
    first_waiting = services.register_member(event, members[1])
    services.register_member(event, members[2])
    mailoutbox.clear()
    with commit():
        services.cancel(taken)
    assert states(event) == ["cancelled", "confirmed", "waiting"]
    promoted = Registration.objects.get(pk=first_waiting.pk)
    assert promoted.promoted_at is not None
    assert sorted(m.to[0] for m in mailoutbox) == sorted([members[0].email, members[1].email])
    promotion = next(m for m in mailoutbox if m.to == [members[1].email])
    assert f"/registration/{promoted.token}/cancel/" in promotion.body


def test_online_link_only_in_emails_to_confirmed_people(event, members, commit, mailoutbox):
    event.capacity = 1
    event.online = True
    event.online_url = "https://visio.example.org/secret-room"
    event.save()
    with commit():
        services.register_member(event, members[0])
        services.register_member(event, members[1])
    confirmed, waiting = mailoutbox
    assert event.online_url in confirmed.body
    assert event.online_url not in waiting.body


def test_raising_the_capacity_fills_from_the_waiting_list(event, members, commit, mailoutbox):
    event.capacity = 1
    event.save()
    for user in members[:4]:
        services.register_member(event, user)
    Event.objects.filter(pk=event.pk).update(capacity=3)
    mailoutbox.clear()
    with commit():
        promoted = services.fill_from_waiting_list(event)
    assert [r.email for r in promoted] == [members[1].email, members[2].email]
    assert states(event) == ["confirmed", "confirmed", "confirmed", "waiting"]
    assert len(mailoutbox) == 2


def test_a_cancelled_event_is_announced_to_live_registrants(event, members, commit, mailoutbox):
    event.capacity = 1
    event.save()
    gone = services.register_member(event, members[0])
    services.register_member(event, members[1])
    services.register_visitor(event, "Ana", "ana@example.org")
    services.cancel(gone)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    mailoutbox.clear()
    with commit():
        assert services.notify_event_cancelled(event) == 1
    [email] = mailoutbox
    assert email.to == [members[1].email]
    assert "/cancel/" in email.body


def test_emails_are_in_the_members_language(event, member, commit, mailoutbox):
    profile = ensure_profile(member)
    profile.set_languages(["es"])
    profile.save()
    with commit():
        services.register_member(event, member)
    with translation.override("es"):
        expected = translation.gettext("You are registered: %(title)s")
    assert mailoutbox[0].subject.endswith(expected % {"title": "Journée d'échanges à eLAN"})
    assert "/es/events/registration/" in mailoutbox[0].body


# Bad input: a clear message, nothing changed.


def _refused(call, *args) -> str:
    before = list(Registration.objects.values_list("pk", "state"))
    with pytest.raises(services.RegistrationError) as caught:
        call(*args)
    assert list(Registration.objects.values_list("pk", "state")) == before
    return caught.value.message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "draft"}, "This event is not open for registration."),
        ({"status": "cancelled"}, "This event has been cancelled."),
        (
            {
                "starts_at": timezone.now() - dt.timedelta(days=2),
                "ends_at": timezone.now() - dt.timedelta(days=1),
            },
            "This event is over.",
        ),
    ],
)
def test_closed_events_refuse_registrations(event, member, change, message):
    Event.objects.filter(pk=event.pk).update(**change)
    event.refresh_from_db()
    with translation.override("en"):
        assert _refused(services.register_member, event, member) == message
        assert _refused(services.register_visitor, event, "Ana", "ana@example.org") == message


@pytest.mark.parametrize(
    ("name", "email", "message"),
    [
        ("", "ana@example.org", "Please give your name."),
        ("   ", "ana@example.org", "Please give your name."),
        ("Ana", "not-an-email", "Please give a valid email address."),
        ("Ana", "", "Please give a valid email address."),
        ("A" * 151, "ana@example.org", "The name is too long (at most 150 characters)."),
    ],
)
def test_visitor_input_is_checked(event, name, email, message, settings):
    with translation.override("en"):
        assert _refused(services.register_visitor, event, name, email) == message


def test_registering_twice_is_refused(event, member):
    services.register_member(event, member)
    services.register_visitor(event, "Ana", "ana@example.org")
    with translation.override("en"):
        assert _refused(services.register_member, event, member) == (
            "You are already registered for this event."
        )
        assert _refused(services.register_visitor, event, "Ana bis", "ANA@example.org") == (
            "This email address is already registered for this event."
        )
        assert _refused(services.register_visitor, event, "Mia", member.email) == (
            "This email address is already registered for this event."
        )


def test_cancelling_twice_is_refused_and_a_cancelled_place_can_be_renewed(event, member):
    registration = services.register_member(event, member)
    services.cancel(registration)
    with translation.override("en"):
        assert _refused(services.cancel, registration) == "This registration is already cancelled."
        assert _refused(services.verify, registration.token) == (
            "This registration has been cancelled."
        )
    assert services.register_member(event, member).state == "confirmed"


def test_unknown_token_is_refused(event):
    with pytest.raises(services.UnknownLink):
        services.verify("no-such-token")


def test_members_only_events_refuse_visitors(event_factory, member):
    event = event_factory(audience=Event.Audience.MEMBERS)
    with translation.override("en"):
        assert _refused(services.register_visitor, event, "Ana", "ana@example.org") == (
            "This event is for members only. Log in to register."
        )
    assert services.register_member(event, member).state == "confirmed"


def test_anonymous_user_cannot_register_as_member(event):
    from django.contrib.auth.models import AnonymousUser

    _refused(services.register_member, event, AnonymousUser())
