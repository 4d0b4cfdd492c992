"""A throwaway PostgreSQL server for the lesson store's tests: Debian's binaries (``make test``
installs the ``postgresql`` package), a new cluster in a temporary folder, on a free loopback
port, owned by the ``postgres`` user when the tests run as root (PostgreSQL refuses to run as
root), and removed afterwards."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.appserver import free_port


def postgres_bin() -> Path | None:
    """The folder of Debian's newest PostgreSQL binaries (or $PG_BIN), None when not installed."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(path.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _as_owner(command: list[str]) -> list[str]:
    """``command`` run as the ``postgres`` user when we are root, else as ourselves."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@contextlib.contextmanager
def throwaway_postgres():
    """A running PostgreSQL server on 127.0.0.1 that trusts local connections; yields its
    SQLAlchemy address. RuntimeError (with the server's log) when it cannot be started."""
    binaries = postgres_bin()
    if binaries is None:
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql; `make test` does it)")
    folder = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
    data, log, port = folder / "data", folder / "server.log", free_port()
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    initdb = subprocess.run(_as_owner([str(binaries / "initdb"), "-D", str(data), "-U", user, "--auth=trust",
                                       "--encoding=UTF8", "--locale=C.UTF-8"]), capture_output=True, timeout=120)
    if initdb.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"initdb failed:\n{initdb.stderr.decode(errors='replace')}")
    try:
        started = subprocess.run(_as_owner([
            str(binaries / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "start", "-o",
            f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off"]), capture_output=True, timeout=90)
        if started.returncode != 0:
            raise RuntimeError(f"PostgreSQL did not start:\n{started.stderr.decode(errors='replace')}\n"
                               f"{log.read_text(errors='replace') if log.exists() else ''}")
        yield f"postgresql+psycopg://{user}@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(_as_owner([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
                           capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
