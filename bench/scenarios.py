"""The load test's scenarios: a class opening the app at once, stepping once a second, one user
dragging fast, and users flat out; each returns a ``Result``."""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field

from bench.common import now, percentile
from bench.procstats import Meter, cpu_seconds, cpu_total, rss_mib, rss_total
from bench.protocol import LoadError, User, day_for


@dataclass
class Result:
    """One scenario's numbers (seconds in the fields, milliseconds when printed)."""

    name: str
    users: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    reruns: int = 0
    rss_before: float = math.nan
    rss_after: float = math.nan
    cpu_s: float = math.nan
    target: str = ""
    extra: dict = field(default_factory=dict)
    others_cores: float = math.nan
    client_cpu_s: float = math.nan

    @property
    def rate(self) -> float:
        return self.reruns / self.seconds if self.seconds else math.nan

    @property
    def mem_per_session(self) -> float:
        return (self.rss_after - self.rss_before) / self.users if self.users else math.nan

    def summary(self) -> dict:
        return {"name": self.name, "users": self.users, "reruns": self.reruns, "seconds": self.seconds,
                "reruns_per_s": self.rate, "p50_ms": percentile(self.latencies, 0.5) * 1000,
                "p95_ms": percentile(self.latencies, 0.95) * 1000,
                "max_ms": max(self.latencies, default=math.nan) * 1000, "errors": self.errors,
                "rss_before_mib": self.rss_before, "rss_after_mib": self.rss_after,
                "mem_per_session_mib": self.mem_per_session,
                "server_cpu_ms_per_rerun": self.cpu_s * 1000 / self.reruns if self.reruns else math.nan,
                "other_processes_cores": self.others_cores, "load_generator_cpu_s": self.client_cpu_s,
                "target": self.target, **self.extra}


async def open_users(url: str, count: int, query: str = "", assets: bool = False,
                     errors: list[str] | None = None, cookies: list[dict[str, str]] | None = None) -> list[User]:
    """``count`` users connected and past their first run (failures go to ``errors``); user
    ``n`` starts with the cookies ``cookies[n]`` when given."""
    users = [User(url, number) for number in range(count)]
    for user, jar in zip(users, cookies or []):
        user.cookies.update(jar)
    outcomes = await asyncio.gather(*(user.open(query, assets) for user in users), return_exceptions=True)
    opened = []
    for user, outcome in zip(users, outcomes):
        if isinstance(outcome, BaseException):
            (errors if errors is not None else []).append(f"user {user.number} open: {outcome}")
            await user.close()
        else:
            opened.append(user)
    return opened


async def close_all(users: list[User]) -> None:
    await asyncio.gather(*(user.close() for user in users), return_exceptions=True)


async def scenario_open_at_once(url: str, users: int, pid: int | None, assets: bool = True,
                                name: str | None = None, pids: list[int] | None = None) -> Result:
    """``users`` students open the link at the same moment."""
    result = Result(name or f"{users} users open the app at once", users, target="all first maps < 3 s")
    pids = pids or ([pid] if pid else [])
    result.rss_before = rss_total(pids)
    cpu0, meter = cpu_total(pids), Meter()
    crowd = [User(url, number) for number in range(users)]
    start = now()

    async def one(user):
        run = await user.open("", assets)
        return run.finished_at - start, run.map_at - start
    outcomes = await asyncio.gather(*(one(user) for user in crowd), return_exceptions=True)
    result.seconds = now() - start
    map_times = []
    for user, outcome in zip(crowd, outcomes):
        if isinstance(outcome, BaseException):
            result.errors.append(f"user {user.number}: {outcome}")
        else:
            result.latencies.append(outcome[0])
            map_times.append(outcome[1])
    result.reruns = len(result.latencies)
    result.rss_after = rss_total(pids)
    result.cpu_s = cpu_total(pids) - cpu0
    result.others_cores, result.client_cpu_s = meter.others_cores(result.cpu_s), time.process_time() - meter.own
    result.extra = {"map_element_p95_ms": percentile(map_times, 0.95) * 1000,
                    "with_assets": assets, "over_3s": sum(t > 3 for t in result.latencies)}
    await close_all(crowd)
    return result


async def scenario_stepping(url: str, users: int, seconds: float, interval: float, pid: int | None,
                            seed_phase: bool = True, name: str | None = None,
                            pids: list[int] | None = None) -> Result:
    """``users`` students each step the date every ``interval`` seconds for ``seconds``.

    Each user starts at its own moment within the first interval (students are not in
    lockstep) and never has two steps in flight: a late reply delays its next step.
    """
    result = Result(name or f"{users} users step once every {interval:g} s", users,
                     target="p95 < 300 ms, 0 errors")
    pids = pids or ([pid] if pid else [])
    result.rss_before = rss_total(pids)
    crowd = await open_users(url, users, errors=result.errors)
    result.rss_after = rss_total(pids)
    cpu0, start, meter = cpu_total(pids), now(), Meter()

    async def walk(user: User):
        phase = (user.number * 0.618034 % 1.0) * interval if seed_phase else 0.0
        for step in range(int(seconds / interval) + 1):
            at = start + phase + step * interval
            if at > start + seconds or now() > start + seconds:
                return  # a user running late does not go on past the scenario's end
            await asyncio.sleep(max(0.0, at - now()))
            try:
                result.latencies.append(await user.step(day_for(user.number, step)))
                result.reruns += 1
            except LoadError as error:
                result.errors.append(f"user {user.number} step {step}: {error}")
                return
    await asyncio.gather(*(walk(user) for user in crowd))
    result.seconds = now() - start
    result.cpu_s = cpu_total(pids) - cpu0
    result.others_cores, result.client_cpu_s = meter.others_cores(result.cpu_s), time.process_time() - meter.own
    await close_all(crowd)
    return result


async def scenario_drag(url: str, positions: int, interval: float, pid: int | None) -> Result:
    """One user drags a date control fast: ``positions`` reruns requested ``interval`` apart."""
    result = Result(f"1 user drags fast ({positions} positions, {interval * 1000:.0f} ms apart)", 1,
                    target="last position wins, no pile-up")
    crowd = await open_users(url, 1, errors=result.errors)
    if not crowd:
        return result
    user = crowd[0]
    # One ordinary step first: the time a single rerun takes, to compare the settle time with.
    single = await user.step(day_for(99, 0))
    cpu0 = cpu_seconds(pid)
    days = [day_for(99, step) for step in range(1, positions + 1)]
    start = now()
    try:
        drag = await user.drag(days, interval)
        result.latencies.append(drag["settle_s"])
        result.reruns = drag["finished_ok"]
        result.extra = {**drag, "single_step_ms": single * 1000, "last_wins": drag["last_drawn"] == days[-1]}
        if drag["runs_after_last"]:
            result.errors.append(f"{drag['runs_after_last']} runs started after the last position was drawn")
    except LoadError as error:
        result.errors.append(str(error))
    result.seconds = now() - start
    result.cpu_s = cpu_seconds(pid) - cpu0
    await close_all(crowd)
    return result


async def scenario_flat_out(url: str, users: int, pid: int | None, reruns: int | None = None,
                            seconds: float | None = None, sample_every: int = 100, name: str | None = None,
                            pids: list[int] | None = None, cookies: list[dict[str, str]] | None = None) -> Result:
    """``users`` users stepping as fast as replies come (closed loop), for ``reruns`` reruns
    in all or for ``seconds``; the server's memory is sampled every ``sample_every`` reruns.
    ``cookies``: each user's cookies to start with (see ``open_users``)."""
    label = f"{reruns} reruns" if reruns else f"{seconds:g} s"
    result = Result(name or f"{label}, {users} users flat out", users, target="RSS flat")
    crowd = await open_users(url, users, errors=result.errors, cookies=cookies)
    samples = [(0, rss_mib(pid))]
    pids = pids or ([pid] if pid else [])
    cpu0 = {p: cpu_seconds(p) for p in pids}
    start, meter = now(), Meter()
    stop_at = start + (seconds if seconds else 3600)

    async def walk(user: User):
        step = 0
        while now() < stop_at and (reruns is None or result.reruns < reruns):
            step += 1
            result.reruns += 1  # claimed before the await, so the total is never exceeded
            try:
                result.latencies.append(await user.step(day_for(user.number, step % 2000)))
            except LoadError as error:
                result.reruns -= 1
                result.errors.append(f"user {user.number} step {step}: {error}")
                return
            if result.reruns // sample_every > len(samples) - 1:
                samples.append((result.reruns, rss_mib(pid)))
    await asyncio.gather(*(walk(user) for user in crowd))
    result.seconds = now() - start
    samples.append((result.reruns, rss_mib(pid)))
    cpu = {p: cpu_seconds(p) - cpu0[p] for p in pids}
    result.cpu_s = sum(cpu.values()) if cpu else math.nan
    result.others_cores = meter.others_cores(result.cpu_s if cpu else 0.0)
    result.client_cpu_s = time.process_time() - meter.own
    result.rss_before, result.rss_after = samples[0][1], samples[-1][1]
    warm = next((s for s in samples if s[0] >= 2 * sample_every), samples[-1])
    growth = (samples[-1][1] - warm[1]) / max(1, samples[-1][0] - warm[0]) * 1000
    result.extra = {"rss_samples": samples, "growth_mib_per_1000_after_warmup": growth,
                    "cpu_s_by_pid": {str(p): c for p, c in cpu.items()}}
    await close_all(crowd)
    return result



async def warm_all(urls: list[str]) -> list[float]:
    """Open and close one session on each server at once (its imports and caches); the seconds each took."""
    async def warm(url):
        start = now()
        user = User(url)
        try:
            await user.open()
        finally:
            await user.close()
        return now() - start
    return list(await asyncio.gather(*(warm(url) for url in urls)))
