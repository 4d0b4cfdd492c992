"""``make load``'s saved-lesson rows: a class opening one saved lesson's present link at once
(``/Story?lesson=ID``), and the class stepping through it once a second while the teacher saves
the lesson once a second. The teacher writes through ``geo.classroom.store`` on the server's own
database file, from the load generator's process: a second process writing the same SQLite
file, as a second app process does behind nginx."""

from __future__ import annotations

import asyncio
import time

from bench.common import now
from bench.procstats import Meter, cpu_total, rss_total
from bench.protocol import LoadError, User
from bench.scenarios import Result, close_all
from geo.classroom.lesson import story_lesson_rows
from geo.classroom.steps import check_step_rows
from geo.classroom.store import Created, LessonStore
from geo.model.status import default_history
from geo.render.markdown import plain


def saved_story(store: LessonStore) -> Created:
    """The atlas's story saved as a teacher's lesson: the lesson the class opens."""
    return store.create(story_lesson_rows(), "class-lesson.csv")


async def scenario_present_at_once(url: str, users: int, lesson: Created, pid: int | None) -> Result:
    """``users`` students open the lesson's present link at the same moment (page, its scripts,
    then the first run); each must be shown the lesson's first step."""
    result = Result(f"{users} users open a saved lesson's link at once", users, target="p95 < 3 s, 0 errors")
    title = plain(story_lesson_rows()[0]["title_en"])
    crowd = [User(url, number, page="Story") for number in range(users)]
    result.rss_before = rss_total([pid])
    cpu0, meter, start = cpu_total([pid]), Meter(), now()

    async def one(user: User) -> float:
        run = await user.open(f"lesson={lesson.id}", assets=True)
        if title not in run.texts:
            raise LoadError("the first run did not show the saved lesson's first step")
        return run.finished_at - start
    outcomes = await asyncio.gather(*(one(user) for user in crowd), return_exceptions=True)
    result.seconds = now() - start
    for user, outcome in zip(crowd, outcomes):
        if isinstance(outcome, BaseException):
            result.errors.append(f"user {user.number}: {outcome}")
        else:
            result.latencies.append(outcome)
    result.reruns, result.rss_after = len(result.latencies), rss_total([pid])
    result.cpu_s = cpu_total([pid]) - cpu0
    result.others_cores, result.client_cpu_s = meter.others_cores(result.cpu_s), time.process_time() - meter.own
    await close_all(crowd)
    return result


async def scenario_steps_while_teacher_saves(url: str, users: int, seconds: float, store: LessonStore,
                                             lesson: Created, pid: int | None, teacher: bool = True) -> Result:
    """``users`` students step the saved lesson once a second (the lesson player's report: a step
    and its date) while the teacher saves a new version of it once a second (``teacher``; without,
    the same steps with no saves, to compare with). Nothing may be lost: every save is the
    lesson's next version, and the stored lesson is the teacher's last."""
    result = Result(f"{users} users step a saved lesson" + (", its teacher saving every 1 s" if teacher else ""),
                    users, target="p95 < 300 ms, 0 errors" + (", every save kept" if teacher else ""))
    rows = story_lesson_rows()
    steps = check_step_rows(rows, default_history(), "class-lesson.csv")[0]
    crowd = [User(url, number, page="Story") for number in range(users)]
    opened = await asyncio.gather(*(user.open(f"lesson={lesson.id}") for user in crowd), return_exceptions=True)
    crowd = [user for user, outcome in zip(crowd, opened) if not isinstance(outcome, BaseException)]
    result.errors.extend(f"open: {outcome}" for outcome in opened if isinstance(outcome, BaseException))
    cpu0, meter, start = cpu_total([pid]), Meter(), now()
    version, saves = store.version(lesson.id), []

    async def teach():
        nonlocal version
        for number in range(int(seconds)):
            await asyncio.sleep(max(0.0, start + number + 0.5 - now()))
            rows[0]["title_en"] = f"First records (edit {number + 1})"
            # The store is synchronous: the save runs beside the event loop, as a server's would.
            version = await asyncio.to_thread(store.save, lesson.id, lesson.key, rows, "class-lesson.csv", version)
            saves.append(version)

    async def walk(user: User):
        phase = user.number * 0.618034 % 1.0
        for number in range(int(seconds)):
            await asyncio.sleep(max(0.0, start + phase + number - now()))
            index = (user.number + number + 1) % len(steps)
            try:
                result.latencies.append(await user.step(steps[index].date.isoformat(), lesson_step=index + 1))
                result.reruns += 1
            except LoadError as error:
                result.errors.append(f"user {user.number} step {number}: {error}")
                return
    teaching = asyncio.create_task(teach()) if teacher else None
    await asyncio.gather(*(walk(user) for user in crowd))
    try:
        if teaching is not None:
            await teaching
    except Exception as error:  # a refused save is a lost edit
        result.errors.append(f"teacher: {error!r}")
    result.seconds = now() - start
    result.cpu_s = cpu_total([pid]) - cpu0
    result.others_cores, result.client_cpu_s = meter.others_cores(result.cpu_s), time.process_time() - meter.own
    stored = store.load(lesson.id)
    in_turn = saves == list(range(saves[0], saves[0] + len(saves))) if saves else not teacher
    if not in_turn or stored.version != version or stored.rows[0]["title_en"] != rows[0]["title_en"]:
        result.errors.append(f"saves lost: versions {saves}, stored version {stored.version}")
    if teacher:
        result.extra = {"teacher_saves": len(saves), "stored_version": stored.version}
    await close_all(crowd)
    return result
