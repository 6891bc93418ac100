"""A throwaway PostgreSQL server in a temporary folder, from Debian's `postgresql` package.

Shared by the store, reliability and browser tests and the benchmarks. As root the server
runs as the `postgres` user (PostgreSQL refuses to run as root); otherwise as the current
user. The app connects as `crampcare`, an ordinary role that owns its tables, so row-level
security applies to it; the `postgres` superuser is only used to set up and to inspect.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

APP_ROLE = "crampcare"


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if os.environ.get("CRAMPCARE_PG_BIN"):
        return str(Path(os.environ["CRAMPCARE_PG_BIN"]) / name)
    if found:
        return found[-1]
    if shutil.which(name):
        return shutil.which(name)
    raise FileNotFoundError(f"{name} not found: apt-get install postgresql (see README)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Server:
    port: int
    folder: Path

    @property
    def options(self) -> str:
        return f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off"

    def start(self) -> None:
        # With a log file, so the server holds none of our pipes open.
        _run_as_owner([_bin("pg_ctl"), "-D", str(self.folder / "data"), "-l",
                       str(self.folder / "log"), "-w", "-o", self.options, "start"],
                      self.folder)  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        _run_as_owner([_bin("pg_ctl"), "-D", str(self.folder / "data"), "-w", "-m", mode,
                       "stop"], self.folder)  # fmt: skip

    def url(self, database: str, role: str = APP_ROLE) -> str:
        return f"postgresql://{role}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str, database: str = "postgres") -> str:
        """Run SQL as the superuser (setting up, or looking behind the app's back)."""
        return subprocess.run(
            [_bin("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
             "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
             "-c", sql],
            check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip

    def new_database(self, name: str) -> str:
        """An empty database owned by the app's role; returns its URL."""
        self.admin(f'CREATE DATABASE "{name}" OWNER {APP_ROLE}')
        return self.url(name)

    def restart(self) -> None:
        """Stop and start the server, as an operator would: clients must reconnect."""
        self.stop()
        self.start()


def _run_as_owner(command: list[str], folder: Path) -> None:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + command, check=True, capture_output=True, cwd=folder)


@contextlib.contextmanager
def running() -> Iterator[Server]:
    """Start a fresh server on a free loopback port; stop it and remove its files after."""
    folder = Path(tempfile.mkdtemp(prefix="cramp-care-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    try:
        _run_as_owner([_bin("initdb"), "-D", str(folder / "data"), "-A", "trust",
                       "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                      folder)  # fmt: skip
        server = Server(port, folder)
        server.start()
        server.admin(f"CREATE ROLE {APP_ROLE} LOGIN")
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
            Server(port, folder).stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)
