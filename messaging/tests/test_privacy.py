"""Export of a member's messages data, and what deleting the account leaves behind."""

import json

import pytest
from django.urls import reverse

from messaging import privacy, services
from messaging.models import Block, Message, Report

pytestmark = pytest.mark.django_db


def test_export_holds_threads_blocks_and_reports(alice, bruno, carla, open_report, coordinator):
    services.send_message(carla, bruno, "Salut Bruno")
    services.block(bruno, carla)
    services.hide_message(open_report, coordinator)  # Alice's message to Bruno is hidden

    data = json.loads(json.dumps(privacy.export(bruno)))  # JSON-serialisable

    by_name = {thread["with"]: thread for thread in data["threads"]}
    assert set(by_name) == {"Alice Durand", "Carla Puig"}
    with_alice = by_name["Alice Durand"]["messages"]
    assert [m["sent_by_me"] for m in with_alice] == [False, True]
    assert with_alice[0] == {**with_alice[0], "body": None, "hidden_by_moderation": True}
    assert with_alice[1]["body"] == "Oui, à partir de 9 h."
    assert data["blocks"] == [{"member": "Carla Puig", "since": data["blocks"][0]["since"]}]
    [report] = data["reports"]
    assert report["reason"] == "Ce message me met mal à l'aise."
    assert report["state"] == "actioned"


def test_the_author_of_a_hidden_message_still_gets_its_text(alice, open_report, coordinator):
    services.hide_message(open_report, coordinator)
    [thread] = privacy.export(alice)["threads"]
    assert thread["messages"][0]["body"] == "Bonjour Bruno, tu es à eLAN jeudi ?"
    assert thread["messages"][0]["hidden_by_moderation"] is True
    assert privacy.export(alice)["reports"] == []  # reports about her are not hers


def test_export_of_a_member_without_messages_is_empty(carla):
    assert privacy.export(carla) == {"threads": [], "blocks": [], "reports": []}


def test_forget_removes_blocks_and_reports_but_keeps_the_conversation(
    client, alice, bruno, carla, open_report
):
    services.block(bruno, carla)
    services.block(carla, bruno)
    thread = open_report.message.thread

    privacy.forget(bruno)
    # What accounts.privacy.delete_account does to the row after every app's forget().
    bruno.username = f"deleted-{bruno.pk}"
    bruno.is_active = False
    bruno.save()

    assert not Report.objects.exists()
    assert list(Block.objects.values_list("blocker", flat=True)) == [carla.pk]
    assert Message.objects.filter(thread=thread).count() == 2
    client.force_login(alice)
    page = client.get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert "Former member" in page
    assert "Bruno Lopez" not in page
    assert "Oui, à partir de 9 h." in page
    assert "closed" in page  # no reply to a deleted account
    inbox = client.get(reverse("messaging:inbox")).content.decode()
    assert "Former member" in inbox
