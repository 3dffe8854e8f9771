"""The weekly digest, its task and command, and the one-click unsubscribe."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from community.models import BarterPost, Profile, Visibility
from community.services import ensure_profile
from events.models import Event, EventTranslation
from opportunities import digest
from opportunities.tests.helpers import en

pytestmark = pytest.mark.django_db


@pytest.fixture
def now(news):
    """Just after the news were posted."""
    return timezone.now()


@pytest.fixture
def subscriber(member, offering):
    offering(member, "design", "legal", digest_opt_in=True)
    return member


@pytest.fixture
def news(make_opportunity, author, make_user, skills):
    """New and old posts and barter requests around the member's skills."""
    make_opportunity(author, title="Nouvelle, design", skills=[skills["design"]])
    make_opportunity(
        author, title="Nouvelle, deux compétences", skills=[skills["design"], skills["legal"]]
    )
    make_opportunity(author, title="Nouvelle, autre", skills=[skills["accounting"]])
    make_opportunity(
        author,
        title="Ancienne",
        skills=[skills["design"]],
        published_at=timezone.now() - dt.timedelta(days=20),
    )
    asker = make_user("bea", first_name="Béa")
    BarterPost.objects.create(
        author=asker, kind="request", title="Aide pour mes statuts", skill=skills["legal"]
    )
    BarterPost.objects.create(
        author=asker, kind="offer", title="J'offre du design", skill=skills["design"]
    )
    BarterPost.objects.create(
        author=asker, kind="request", title="Besoin d'un comptable", skill=skills["accounting"]
    )
    BarterPost.objects.create(
        author=asker, kind="request", title="Fermée", skill=skills["legal"], state="closed"
    )


def test_digest_for_holds_what_is_new_for_the_members_skills(subscriber, news, now, offering):
    content = digest.digest_for(subscriber, now - dt.timedelta(days=7))
    assert [o.title for o in content["opportunities"]] == [
        "Nouvelle, deux compétences",
        "Nouvelle, design",
    ]
    assert [b.title for b in content["barter_requests"]] == ["Aide pour mes statuts"]


def test_a_members_own_barter_requests_are_left_out(subscriber, skills, now):
    BarterPost.objects.create(
        author=subscriber, kind="request", title="Ma demande", skill=skills["legal"]
    )
    found = digest.digest_for(subscriber, now - dt.timedelta(days=7))["barter_requests"]
    assert [b.title for b in found] == ["Aide pour mes statuts"]


def test_send_digest_sends_text_and_html_with_one_click_unsubscribe(
    subscriber, news, now, mailoutbox
):
    assert digest.send_digest(subscriber, now)
    (message,) = mailoutbox
    assert message.to == ["mia@example.org"]
    assert "Nouvelle, design" in message.body and "Aide pour mes statuts" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Nouvelle, deux compétences" in html
    token = Profile.objects.get(user=subscriber).email_token
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<{settings.SITE_URL}/fr/opportunities/unsubscribe/{token}/>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"/opportunities/unsubscribe/{token}/" in message.body
    assert Profile.objects.get(user=subscriber).digest_sent_at == now


def test_the_digest_speaks_the_members_language(subscriber, news, now, mailoutbox, settings):
    settings.SITE_URL = "https://maillage.example.org"
    profile = ensure_profile(subscriber)
    profile.set_languages(["es", "ca"])
    profile.save()
    digest.send_digest(subscriber, now)
    message = mailoutbox[0]
    assert 'lang="es"' in message.alternatives[0][0]
    assert "https://maillage.example.org/es/opportunities/unsubscribe/" in message.body


def test_names_in_the_digest_follow_the_visibility_rule(subscriber, news, now, mailoutbox, author):
    profile = ensure_profile(author)
    profile.name_visibility = Visibility.NOBODY
    profile.save()
    digest.send_digest(subscriber, now)
    assert "Alba" not in mailoutbox[0].body
    assert "Alba" not in mailoutbox[0].alternatives[0][0]


def test_nothing_new_sends_nothing(subscriber, mailoutbox):
    assert not digest.send_digest(subscriber, timezone.now())
    assert not mailoutbox
    assert Profile.objects.get(user=subscriber).digest_sent_at is None


def test_only_since_the_last_digest(subscriber, news, mailoutbox, make_opportunity, author, skills):
    assert digest.send_digest(subscriber, timezone.now())
    # The cron running twice in a row sends nothing the second time.
    assert not digest.send_digest(subscriber, timezone.now())
    make_opportunity(author, title="Toute nouvelle", skills=[skills["legal"]])
    assert digest.send_digest(subscriber, timezone.now())
    assert len(mailoutbox) == 2
    assert "Toute nouvelle" in mailoutbox[1].body
    assert "Nouvelle, design" not in mailoutbox[1].body


def test_no_digest_without_opt_in_or_for_an_inactive_account(subscriber, news, now, mailoutbox):
    profile = ensure_profile(subscriber)
    profile.digest_opt_in = False
    profile.save()
    assert not digest.send_digest(subscriber, now)
    profile.digest_opt_in = True
    profile.save()
    subscriber.is_active = False
    subscriber.save()
    assert not digest.send_digest(subscriber, now)
    assert not mailoutbox


def test_the_command_queues_the_task_by_default(subscriber, news, mailoutbox, capsys):
    call_command("send_digest")
    assert DBTaskResult.objects.filter(task_path__endswith="send_weekly_digests").count() == 1
    assert not mailoutbox
    assert "queued" in capsys.readouterr().out


def test_the_command_sends_at_once_with_now(subscriber, news, make_user, offering, mailoutbox):
    other = make_user("nina")
    offering(other, "design")  # not subscribed
    call_command("send_digest", "--now")
    assert [m.to for m in mailoutbox] == [["mia@example.org"]]


def test_unsubscribe_by_get_shows_a_resubscribe_button(client, subscriber):
    profile = Profile.objects.get(user=subscriber)
    response = client.get(en("opportunities:unsubscribe", profile.email_token))
    assert response.status_code == 200
    assert "You are unsubscribed" in response.text
    assert reverse("opportunities:resubscribe", args=[profile.email_token])[3:] in response.text
    profile.refresh_from_db()
    assert not profile.digest_opt_in
    response = client.post(en("opportunities:resubscribe", profile.email_token))
    assert response.status_code == 200
    profile.refresh_from_db()
    assert profile.digest_opt_in


def test_one_click_post_needs_no_csrf_token(subscriber):
    from django.test import Client

    profile = Profile.objects.get(user=subscriber)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("opportunities:unsubscribe", args=[profile.email_token]),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    profile.refresh_from_db()
    assert not profile.digest_opt_in


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_token_is_a_clear_404(client, subscriber, method):
    response = getattr(client, method)(en("opportunities:unsubscribe", "not-a-token"))
    assert response.status_code == 404
    assert "This unsubscribe link is not valid" in response.text
    assert client.post(en("opportunities:resubscribe", "nope")).status_code == 404
    assert Profile.objects.get(user=subscriber).digest_opt_in


def test_new_events_near_the_member_are_in_the_digest(subscriber, news, space, mailoutbox):
    profile = ensure_profile(subscriber)
    profile.home_space = space
    profile.save()
    soon = timezone.now() + dt.timedelta(days=10)

    def event(slug, title, **values):
        values.setdefault("status", Event.Status.PUBLISHED)
        made = Event.objects.create(
            slug=slug,
            starts_at=soon,
            ends_at=soon + dt.timedelta(hours=2),
            created_by=subscriber,
            **values,
        )
        EventTranslation.objects.create(event=made, language="fr", title=title)
        return made

    event("pres", "Atelier à eLAN", latitude=space.latitude, longitude=space.longitude)
    event("loin", "Rencontre à Bilbao", latitude=43.26, longitude=-2.93)
    event("en-ligne", "Formation en ligne", online=True)
    event("brouillon", "Brouillon", online=True, status=Event.Status.DRAFT)
    old = event("ancien", "Annoncé il y a longtemps", online=True)
    Event.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=30))
    now = timezone.now()
    content = digest.digest_for(subscriber, now - dt.timedelta(days=7), until=now)
    assert [e.slug for e in content["events"]] == ["pres", "en-ligne"]
    assert digest.send_digest(subscriber, now)
    assert "Atelier à eLAN" in mailoutbox[-1].body
    assert "Bilbao" not in mailoutbox[-1].body
