"""The atlas under a small class's load, spoken in Streamlit's own websocket protocol
(bench/protocol.py), Play in several browser pages at once, and two processes behind nginx.

The full benchmark with the targets is `make load`; these are short, bounded runs that fail
on any error or lost reply."""

from __future__ import annotations

import asyncio
import os

import pytest

from bench.cluster import Cluster, nginx_path
from bench.play import play_check
from bench.protocol import LoadError, User, day_for, run_coroutine
from bench.scenarios import close_all, scenario_flat_out
from geo.model.i18n import translate

USERS, STEPS = 5, 20


def run_async(make_coroutine, timeout: float = 120):
    """Run a coroutine to its end, bounded in time (on its own thread when a sync Playwright
    session on this thread keeps an event loop running)."""
    return run_coroutine(lambda: asyncio.wait_for(make_coroutine(), timeout))


def test_five_users_stepping_twenty_times_get_every_reply_with_their_own_date(atlas_server):
    async def class_of_five():
        users = [User(atlas_server.url, number) for number in range(USERS)]
        try:
            await asyncio.gather(*(user.open() for user in users))
            assert all(user.map_id for user in users), "a first run drew no map"

            async def walk(user):
                for step in range(STEPS):
                    # Raises LoadError on a lost reply (none within 30 s), a failed run, a
                    # script exception, or a map drawn for another date than the one sent.
                    await user.step(day_for(user.number, step))
                return day_for(user.number, STEPS - 1)
            return users, await asyncio.gather(*(walk(user) for user in users))
        finally:
            await close_all(users)

    users, last_days = run_async(class_of_five)
    assert len(set(last_days)) == USERS  # every user walked its own dates
    for user, last in zip(users, last_days):
        assert f"date={last}" in user.query, f"user {user.number}: the address bar should end on {last}"


def test_a_map_step_redraws_the_map_and_its_panels_not_the_whole_page(atlas_server):
    async def open_and_step():
        user = User(atlas_server.url, 0)
        try:
            first = await user.open("date=1900-01-01")
            await user.step("1945-08-28")
            return first, user.drawn_run, user.last_run
        finally:
            await user.close()

    first, drawn, step = run_async(open_and_step)
    upload_help = translate("upload_help", "en")
    assert "1900-01-01" in first.texts and upload_help not in first.texts  # the sidebar waits for the map
    assert upload_help in drawn.texts  # the whole page again once the map has drawn, with its sidebar
    assert "1945-08-28" in step.texts  # the panel's heading, drawn again for the new date
    assert upload_help not in step.texts  # the sidebar's upload form, outside the map's fragment, was left alone
    assert step.messages < drawn.messages


def test_a_lost_reply_is_reported_not_waited_for_forever(atlas_server):
    async def silent_server_step():
        user = User(atlas_server.url, 0)
        try:
            await user.open()
            # A step whose reply is awaited for no time at all counts as lost.
            with pytest.raises(LoadError, match="lost reply"):
                await user.step(day_for(0, 0), timeout=0.0)
        finally:
            await user.close()
    run_async(silent_server_step)


@pytest.mark.browser
def test_pages_playing_at_once_send_the_server_nothing_until_one_pauses(atlas_server, browser):
    pages = 3
    found = play_check(browser, atlas_server.url, pages=pages, seconds=3, pid=atlas_server.process.pid)
    assert found["pages_on_start_date"] == pages
    assert found["pages_playing"] == pages and found["pages_advanced"] == pages, found
    assert found["frames_sent_during_play"] == 0, found
    assert found["server_runs_during_play"] == 0, found
    assert found["lead_was_playing"], found
    assert found["pause_reruns_sent"] == 1 and found["pause_other_frames"] == [], found
    assert found["pause_server_runs"] == 1, found
    assert f"date={found['paused_on']}" in found["url_after_pause"], found
    assert found["other_pages_sent_after_pause"] == 0, found


def test_two_processes_behind_nginx_share_the_sessions_without_errors():
    if nginx_path() is None:
        message = "nginx is not installed (Debian: apt-get install nginx); needed for the two-process test"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    per_process = 8
    with Cluster(2) as cluster:
        # Sticky cookies chosen to send 8 users to each process (nginx would draw them at random).
        cookies = cluster.sticky_cookies(per_process)
        result = run_async(lambda: scenario_flat_out(
            cluster.url, len(cookies), None, seconds=4, pids=[app.pid for app in cluster.apps], cookies=cookies))
        cluster.stop()
        sessions = cluster.sessions_by_backend()
        backends = [f"127.0.0.1:{app.port}" for app in cluster.apps]
    cluster.cleanup()
    assert result.errors == []
    assert result.reruns > 0
    assert sessions == dict.fromkeys(backends, per_process), sessions
    busy = [seconds for seconds in result.extra["cpu_s_by_pid"].values()]
    assert all(seconds > 0 for seconds in busy), busy
