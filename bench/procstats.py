"""The server's process as the load test sees it: memory and CPU from /proc, and what else ran on
the machine meanwhile."""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

from bench.common import now


def rss_mib(pid: int | None) -> float:
    """Resident memory of ``pid`` in MiB (NaN when unknown)."""
    if pid is None:
        return math.nan
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return math.nan


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds used so far by ``pid`` (all its threads)."""
    if pid is None:
        return math.nan
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return math.nan


def machine_busy_seconds() -> float:
    """CPU seconds all processes on this machine have used (from /proc/stat), NaN if unknown."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return math.nan
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def rss_total(pids: list[int]) -> float:
    return sum(rss_mib(pid) for pid in pids) if pids else math.nan


def cpu_total(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids) if pids else math.nan


class Meter:
    """What else ran on the machine during a scenario: CPU used by processes other than the
    servers and this load generator, in cores (a busy neighbour skews every number)."""

    def __init__(self):
        self.machine, self.own, self.start = machine_busy_seconds(), time.process_time(), now()

    def others_cores(self, server_cpu_s: float) -> float:
        elapsed = now() - self.start
        other = machine_busy_seconds() - self.machine - (time.process_time() - self.own) - server_cpu_s
        return max(0.0, other) / elapsed if elapsed > 0 else math.nan
