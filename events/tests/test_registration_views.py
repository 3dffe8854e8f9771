"""Registration pages: the box on the event page, email links, my registrations,
the attendees' CSV and the check-in list."""

import csv
import io
import re

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from events import registration as services
from events.models import Event, Registration
from events.views_registration import registration_context

pytestmark = pytest.mark.django_db


def en(name, *args):
    """The English address of a page, so that tests read the English messages."""
    with translation.override("en"):
        return reverse(name, args=args)


def link(email_body: str, kind: str) -> str:
    return re.search(rf"https?://[^/\s]+(/\S+/{kind}/)", email_body).group(1)


def test_a_visitor_registers_verifies_then_cancels(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    page = client.get(en("events:register", event.slug))
    assert page.status_code == 200
    assert 'id="visitor-registration"' in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            en("events:register", event.slug), {"name": "Ana Lopez", "email": "ana@example.org"}
        )
    assert response.status_code == 200
    assert "ana@example.org" in response.text
    registration = Registration.objects.get()
    assert registration.state == "unverified"

    verify_url = link(mailoutbox[0].body, "verify")
    # A link scanner following the link by GET verifies nothing.
    with translation.override("fr"):  # the link follows the event's language
        confirm = gettext("Confirm my registration")
    assert confirm in client.get(verify_url).text
    registration.refresh_from_db()
    assert registration.state == "unverified"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(verify_url)
    cancel_url = reverse("events:cancel", args=[registration.token])
    assert response.status_code == 302 and response["Location"] == cancel_url
    registration.refresh_from_db()
    assert registration.state == "confirmed"
    assert link(mailoutbox[-1].body, "cancel") == cancel_url

    assert client.get(cancel_url).status_code == 200
    registration.refresh_from_db()
    assert registration.state == "confirmed"
    client.post(cancel_url)
    registration.refresh_from_db()
    assert registration.state == "cancelled"
    # Twice: a clear message, nothing changed.
    again = client.post(en("events:cancel", registration.token))
    assert again.status_code == 400
    assert "This registration is already cancelled." in again.text


def test_visitor_form_errors_are_shown_and_change_nothing(client, event):
    response = client.post(en("events:register", event.slug), {"name": "", "email": "nope"})
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert "Enter a valid email address." in response.text
    assert not Registration.objects.exists()
    bot = client.post(
        en("events:register", event.slug),
        {"name": "Bot", "email": "bot@example.org", "nickname": "x"},
    )
    assert bot.status_code == 400
    assert not Registration.objects.exists()


def test_twice_the_same_email_is_refused_clearly(client, event):
    services.register_visitor(event, "Ana", "ana@example.org")
    response = client.post(
        en("events:register", event.slug), {"name": "Ana", "email": "ANA@example.org"}
    )
    assert response.status_code == 400
    assert "This email address is already registered for this event." in response.text
    assert Registration.objects.count() == 1


def test_members_only_event_refuses_a_visitor_post(client, event_factory):
    event = event_factory(audience=Event.Audience.MEMBERS)
    page = client.get(en("events:register", event.slug))
    assert "Log in to register" in page.text
    assert 'id="visitor-registration"' not in page.text
    response = client.post(
        en("events:register", event.slug), {"name": "Ana", "email": "ana@example.org"}
    )
    assert response.status_code == 400
    assert "This event is for members only. Log in to register." in response.text
    assert not Registration.objects.exists()


def test_a_member_registers_in_one_click(client, event, member):
    client.force_login(member)
    response = client.post(en("events:register", event.slug))
    assert response.status_code == 302
    assert Registration.objects.get().user == member
    again = client.post(en("events:register", event.slug), follow=True)
    messages = [str(m) for m in get_messages(again.wsgi_request)] or [again.text]
    assert any("You are already registered for this event." in m for m in messages)
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("status", ["cancelled", "ended"])
def test_closed_events_show_why(client, event, status):
    if status == "ended":
        Event.objects.filter(pk=event.pk).update(
            starts_at=event.starts_at.replace(year=2020), ends_at=event.ends_at.replace(year=2020)
        )
        message = "This event is over."
    else:
        Event.objects.filter(pk=event.pk).update(status=status)
        message = "This event has been cancelled."
    page = client.get(en("events:register", event.slug))
    assert message in page.text
    response = client.post(
        en("events:register", event.slug), {"name": "Ana", "email": "ana@example.org"}
    )
    assert response.status_code == 400
    assert message in response.text
    assert not Registration.objects.exists()


def test_draft_events_are_not_found(client, event_factory, member):
    draft = event_factory(status=Event.Status.DRAFT)
    client.force_login(member)
    assert client.post(en("events:register", draft.slug)).status_code == 404
    assert not Registration.objects.exists()


def test_unknown_tokens_get_a_clear_404_page(client):
    for name in ("events:verify", "events:cancel"):
        for method in (client.get, client.post):
            response = method(en(name, "no-such-token"))
            assert response.status_code == 404
            assert "This registration link is not valid" in response.text


def _context(user, event):
    request = RequestFactory().get("/")
    request.user = user
    return registration_context(request, event)


def test_the_online_link_is_shown_only_to_confirmed_registrants(
    event, member, make_user, client, django_assert_max_num_queries
):
    event.capacity = 1
    event.online_url = "https://visio.example.org/room"
    event.save()
    waiting_user = make_user("wanda")
    services.register_member(event, member)
    services.register_member(event, waiting_user)
    with django_assert_max_num_queries(4):
        confirmed = _context(member, event)
    assert confirmed["registration_online_url"] == event.online_url
    assert confirmed["registration_seats_left"] == 0
    assert confirmed["registration_waiting_count"] == 1
    assert _context(waiting_user, event)["registration_online_url"] == ""
    client.force_login(member)
    assert event.online_url in client.get(en("events:register", event.slug)).text
    client.force_login(waiting_user)
    page = client.get(en("events:register", event.slug)).text
    assert event.online_url not in page
    assert "You are on the waiting list." in page


def test_my_registrations_lists_mine_with_cancel_buttons(
    client, event, event_factory, member, make_user, django_assert_max_num_queries
):
    other = event_factory(title="Barcamp")
    mine = services.register_member(event, member)
    services.register_member(other, member)
    services.register_member(event, make_user("someone"))
    client.force_login(member)
    with django_assert_max_num_queries(8):
        page = client.get(en("events:mine"))
    assert page.status_code == 200
    assert page.text.count("Cancel</button>") == 2
    assert "someone@example.org" not in page.text
    response = client.post(en("events:cancel", mine.token), {"next": en("events:mine")})
    assert response["Location"] == en("events:mine")
    mine.refresh_from_db()
    assert mine.state == "cancelled"
    # An address elsewhere is ignored: no open redirect.
    other_row = Registration.objects.get(event=other)
    response = client.post(en("events:cancel", other_row.token), {"next": "https://evil.example"})
    assert response["Location"] == reverse("events:cancel", args=[other_row.token])


def test_attendees_csv(client, event, organiser, member):
    services.register_member(event, member)
    services.register_visitor(event, '=HYPERLINK("x")', "zed@example.org")
    client.force_login(organiser)
    response = client.get(en("events:attendees_csv", event.slug))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "Email", "State"]
    assert rows[1][:3] == ["mia", "mia@example.org", "confirmed"]
    # A formula typed as a name is written as text.
    assert rows[2][0] == '\'=HYPERLINK("x")'


def test_checkin_list_sorted_by_name_and_ticked_by_the_organiser(
    client, event, organiser, make_user
):
    for name in ("zoe", "Bruno", "alba"):
        services.register_member(event, make_user(name))
    gone = services.register_visitor(event, "Cancelled Carl", "carl@example.org")
    services.cancel(gone)
    client.force_login(organiser)
    page = client.get(en("events:checkin", event.slug))
    assert page.status_code == 200
    text = page.text
    assert text.index("alba@") < text.index("Bruno@") < text.index("zoe@")
    assert "carl@example.org" not in text
    assert "@media print" in text
    row = Registration.objects.get(email="zoe@example.org")
    url = en("events:checkin", event.slug)
    response = client.post(url, {"registration": row.pk, "checked_in": "on"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.checked_in
    client.post(url, {"registration": row.pk})
    row.refresh_from_db()
    assert not row.checked_in
    # A registration of another event is not found here.
    assert client.post(url, {"registration": 999999, "checked_in": "on"}).status_code == 404
    assert client.post(url, {"registration": "x"}).status_code == 302
