"""A newcomer signs up, verifies the email, fills a profile, asks for help, is shown a
member who can help, records the exchange, which that member confirms: both balances move."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from community.models import Exchange, Skill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def helper(make_user, set_profile, space):
    """Hélène, at eLAN, offers accounting in French."""
    helene = make_user("helene", first_name="Hélène")
    EmailAddress.objects.create(user=helene, email=helene.email, verified=True, primary=True)
    set_profile(
        helene,
        offered=["accounting"],
        languages=["fr"],
        home_space=space,
        display_name="Hélène Comptable",
        skills_visibility="members",
    )
    return helene


def test_sign_up_then_barter_an_hour_of_help(browser, live_server, page, helper, space, skills):
    page.goto("/fr/accounts/signup/")
    page.fill("#id_name", "Noé Martin")
    page.fill("#id_email", "noe@example.org")
    page.fill("#id_password1", "un-long-mot-de-passe-42")
    page.fill("#id_password2", "un-long-mot-de-passe-42")
    page.check("#id_consent")
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/confirm-email/")

    # The verification email, read from the test mailbox.
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.click("main button[type=submit]")
    page.wait_for_url("**/fr/me/")

    page.fill("#id_display_name", "Noé Martin")
    page.check("input[name=offered_core][value=design]")
    page.check("input[name=sought_core][value=accounting]")
    page.check("input[name=languages][value=fr]")
    page.select_option("#id_home_space", str(space.pk))
    page.click("form.profile-form button[type=submit]")
    page.wait_for_url("**/fr/me/")
    assert page.locator(".messages").is_visible()

    page.goto("/fr/barter/new/?kind=request")
    page.fill("#id_title", "J'ai besoin d'aide pour ma première facture")
    page.select_option("#id_skill", str(Skill.objects.get(key="accounting").pk))
    page.select_option("#id_language", "fr")
    page.fill("#id_description", "Auto-entrepreneur depuis un mois, je m'y perds.")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/fr/barter/\d+/$"))

    suggestion = page.locator(".suggestion").first
    assert "Hélène Comptable" in suggestion.inner_text()
    suggestion.locator("a[href*='/exchange/']").click()
    page.wait_for_url(re.compile(r".*/members/\d+/exchange/\?post=\d+$"))
    assert page.locator("input[name=direction][value=received]").is_checked()
    page.fill("#id_hours", "2")
    page.fill("#id_note", "Facture et mentions obligatoires")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/fr/barter/exchanges/")
    assert Exchange.objects.get().state == "pending"

    # Hélène confirms, in her own browser.
    other = browser.new_context(base_url=live_server.url, locale="fr-FR")
    her = other.new_page()
    her.goto("/fr/accounts/login/")
    her.fill("#id_login", "helene")
    her.fill("#id_password", "pw-helene")
    her.click("main button[type=submit]")
    her.wait_for_url("**/fr/me/")
    her.goto("/fr/barter/exchanges/")
    her.click("button[name=decision][value=confirm]")
    her.wait_for_url("**/fr/barter/exchanges/")
    assert "2" in her.locator("#balance").inner_text()
    other.close()

    page.goto("/fr/barter/exchanges/")
    balance = page.locator("#balance").inner_text()
    assert re.search(r"\b2\b", balance)
    assert Exchange.objects.get().state == "confirmed"
