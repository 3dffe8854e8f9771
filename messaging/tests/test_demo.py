import pytest

from messaging import selectors
from messaging.demo import DEMO_THREADS, load_demo_messages
from messaging.models import Message, Thread

pytestmark = pytest.mark.django_db


def test_no_demo_members_no_demo_messages():
    assert load_demo_messages() == 0
    assert not Thread.objects.exists()


def test_demo_messages_are_loaded_once(make_user):
    users = {
        name: make_user(name) for first, second, _lines in DEMO_THREADS for name in (first, second)
    }
    expected = sum(len(lines) for _first, _second, lines in DEMO_THREADS)
    assert load_demo_messages() == expected
    assert load_demo_messages() == 0
    assert Message.objects.count() == expected
    assert Thread.objects.count() == len(DEMO_THREADS)
    # The second member of each pair has the last message from the first waiting.
    assert selectors.unread_count(users["lea"]) == 1
    assert selectors.unread_count(users["thomas"]) == 0


def test_a_pair_with_a_missing_member_is_skipped(make_user):
    make_user("thomas")
    make_user("lea")
    assert load_demo_messages() == 3
    assert Thread.objects.count() == 1
