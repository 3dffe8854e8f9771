import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from spaces import hours
from spaces.validators import validate_opening_hours


def test_weekly_slots_split_at_midnight():
    assert hours.weekly_slots("Fr 20:00-02:00") == [(4, 1200, 1440), (5, 0, 120)]
    assert len(hours.weekly_slots("24/7")) == 7
    assert hours.weekly_slots("") == []


def test_weekly_table_lists_every_day():
    table = hours.weekly_table("Mo-Fr 08:30-12:30,13:30-18:00; Sa 09:00-12:00")
    assert len(table) == 7
    assert table[0][1] == ["08:30–12:30", "13:30–18:00"]
    assert table[5][1] == ["09:00–12:00"] and table[6][1] == []


def test_open_now_is_evaluated_at_the_space_local_time():
    # 08:30 UTC on a Monday is 09:30 in Paris: open.
    monday = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
    assert hours.is_open("Mo-Fr 09:00-18:00", "Europe/Paris", monday) is True
    assert hours.is_open("Mo-Fr 09:00-18:00", "Atlantic/Canary", monday) is False
    assert hours.is_open("", "Europe/Paris", monday) is None


@pytest.mark.parametrize("bad", ["Mo-Fr 25:00-99:00", "tomorrow maybe", "Mo-Fr 09:00-"])
def test_invalid_expressions_are_refused(bad):
    with pytest.raises(ValidationError):
        validate_opening_hours(bad)
