"""Questions asked of the history: status_at, events_between and island_history."""

from __future__ import annotations

import datetime as dt

import pytest

import geo
from geo.model.records import STATES
from geo.model.status import default_history


def test_the_status_table_has_exactly_its_five_columns():
    assert geo.status_at("1945-08-28").columns.tolist() == ["id", "controller", "claimants", "disputed", "event"]


def test_an_iso_string_and_a_date_give_the_same_table():
    assert geo.status_at("1945-08-28").equals(geo.status_at(dt.date(1945, 8, 28)))


@pytest.mark.parametrize("when", [
    pytest.param("1643-12-31", id="the day before the first record"),
    pytest.param(dt.date.today() + dt.timedelta(days=1), id="tomorrow"),
])
def test_a_date_outside_the_record_raises_date_error(when):
    with pytest.raises(geo.DateError):
        geo.status_at(when)


def test_the_first_record_is_the_earliest_date_asked_about():
    # The counterpart of the day before it, above.
    assert len(geo.status_at("1644-01-01")) == len(default_history().island_ids)


def test_controllers_come_from_the_list_of_states_or_are_none():
    controllers = {c for day in geo.change_dates() for c in geo.status_at(day)["controller"]}
    assert sorted(controllers - {"", *STATES}) == []


def test_events_between_gives_the_1945_landings_from_shumshu_to_habomai_in_date_order():
    events = geo.events_between("1945-08-18", "1945-09-05")
    landings = [event for event in events.index if event in ("1945-08-18-shumshu-landing", "1945-09-03-habomai")]
    assert (landings, events["date"].is_monotonic_increasing) == (["1945-08-18-shumshu-landing", "1945-09-03-habomai"], True)


def test_iturup_control_periods_follow_each_other_without_gap_or_overlap_to_today():
    control = geo.history("iturup").control  # geo.history is island_history
    ends = control["end"].tolist()
    assert ends == [*control["start"].tolist()[1:], None]


def test_island_history_of_an_unknown_island_raises_key_error():
    with pytest.raises(KeyError):
        geo.island_history("atlantis")
