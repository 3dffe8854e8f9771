from decimal import Decimal

import pytest
from django.urls import reverse

from community import barter, knowledge

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(make_user, set_profile, space, bilbao, skills):
    lea, ane, tom = make_user("lea"), make_user("ane"), make_user("tom")
    set_profile(lea, home_space=space)
    set_profile(ane, home_space=bilbao)
    set_profile(tom, home_space=space)
    for giver, receiver, skill, hours, confirm in [
        (lea, ane, "accounting", "2", True),
        (ane, lea, "design", "1.5", True),
        (tom, lea, "accounting", "1", True),
        (tom, ane, "legal", "5", False),  # pending: not counted
    ]:
        exchange = barter.record_exchange(
            giver, receiver, recorder_gave=True, skill=skills[skill], hours=Decimal(hours)
        )
        if confirm:
            barter.answer_exchange(exchange, confirm=True)
    return {"lea": lea, "ane": ane, "tom": tom}


def test_figures_count_confirmed_exchanges_only(history, space, bilbao):
    figures = knowledge.figures()
    assert figures == {
        "exchanges": 3,
        "hours": Decimal("4.5"),
        "cross_border": 2,
        "members": 3,
        "spaces": 2,
    }
    assert knowledge.figures(bilbao)["exchanges"] == 2
    top = knowledge.top_skills()
    assert (top[0]["skill"].key, top[0]["count"], top[0]["hours"]) == ("accounting", 2, 3)
    rows = {row["space"].name: row for row in knowledge.per_space()}
    assert rows["Zawp"]["given"] == Decimal("1.5") and rows["Zawp"]["received"] == 2


def test_the_public_page_draws_the_chart(client, history, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("community:knowledge"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "<rect" in page
    assert client.get(reverse("community:knowledge"), {"space": "nope"}).status_code == 200


def test_bar_chart_scales_to_the_highest_month():
    bars = knowledge.bar_chart([("2026-01", 2.0), ("2026-02", 4.0)])
    assert bars[1].height == knowledge.CHART_HEIGHT - 20
    assert bars[0].height == pytest.approx(bars[1].height / 2)
    assert knowledge.bar_chart([]) == []
