"""A visitor registers for the last seat, confirms by the emailed link, then cancels:
the member waiting next is promoted, emailed, and sees the seat on the event page."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import translation

from events import registration as services
from events.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
State = Registration.State


def french(text) -> str:
    with translation.override("fr"):
        return translation.gettext(str(text))


def emailed_path(kind: str) -> str:
    return re.search(rf"https?://[^/\s]+(/\S+/{kind}/)", mail.outbox[-1].body).group(1)


@pytest.fixture
def bruno(make_user):
    user = make_user("bruno", first_name="Bruno")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_register_confirm_cancel_and_the_next_person_is_promoted(
    browser, live_server, page, event, bruno
):
    event.capacity = 1
    event.save()
    page.goto(event.get_absolute_url())
    page.fill("#visitor-registration input[name=name]", "Ana Lopez")
    page.fill("#visitor-registration input[name=email]", "ana@example.org")
    page.click("#visitor-registration button[type=submit]")
    page.wait_for_selector("#check-email")
    assert Registration.objects.get().state == "unverified"

    # The emailed link opens a page with a button: only the click confirms.
    page.goto(emailed_path("verify"))
    assert Registration.objects.get().state == "unverified"
    page.click("main form button[type=submit]")
    page.wait_for_url("**/cancel/")
    assert page.locator("#registration-state").inner_text() == french(State.CONFIRMED.label)

    # Bruno, a member, comes next: the event is full, he waits.
    services.register_member(event, bruno)
    assert Registration.objects.get(user=bruno).state == "waiting"

    # Ana cannot come after all: her confirmation email holds the link to cancel.
    confirmation = [m for m in mail.outbox if m.to == ["ana@example.org"]][-1]
    page.goto(re.search(r"https?://[^/\s]+(/\S+/cancel/)", confirmation.body).group(1))
    page.click("main form button.danger")
    page.wait_for_selector(".messages")
    assert page.locator("#registration-state").inner_text() == french(State.CANCELLED.label)

    assert Registration.objects.get(user=bruno).state == "confirmed"
    assert mail.outbox[-1].to == [bruno.email]

    other = browser.new_context(base_url=live_server.url, locale="fr-FR")
    his = other.new_page()
    his.goto("/fr/accounts/login/")
    his.fill("#id_login", "bruno")
    his.fill("#id_password", "pw-bruno")
    his.click("main button[type=submit]")
    his.wait_for_url(lambda url: "/accounts/login/" not in url)
    his.goto(event.get_absolute_url())
    expected = french("You are registered: your seat is confirmed.")
    assert his.locator("#registration-state").inner_text() == expected
    other.close()
