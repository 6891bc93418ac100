"""Start the app with `streamlit run` on a free port, and the Chromium that drives it.

Shared by the browser tests and the browser benchmark.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import re
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CRAMPCARE_CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ServerFailed(RuntimeError):
    """The server exited or never answered its health check."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(
    workdir: Path,
    script: str = "app.py",
    cwd: Path = ROOT,
    *,
    env: dict[str, str] | None = None,
    args: tuple[str, ...] = (),
    host: str = "127.0.0.1",
) -> Iterator[str]:
    """Start `streamlit run SCRIPT` on a free port, with its own journal file in `workdir`;
    wait for its health check, stop it after. `host` is the name the browser is to use
    (a login's redirect address names one exactly)."""
    port = _free_port()
    log = workdir / f"streamlit-{port}.log"
    env = {**os.environ, "CRAMPCARE_DB": str(workdir / "journal.db"), **(env or {})}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", script,
                "--server.headless", "true",
                "--server.address", "127.0.0.1",
                "--server.port", str(port),
                "--browser.gatherUsageStats", "false",
                "--server.fileWatcherType", "none",
                *args,
            ],
            cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    base = f"http://{host}:{port}"
    try:
        _wait_until_healthy(base, proc, log)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _wait_until_healthy(base: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while not _healthy(base):
        if proc.poll() is not None:
            raise ServerFailed(f"{proc.args[2]} exited early:\n{log.read_text()}")
        if time.monotonic() > deadline:
            raise ServerFailed(f"{proc.args[2]} did not answer in 30 s:\n{log.read_text()}")
        time.sleep(0.02)  # polling the health check, not waiting on a page


def _healthy(base: str, path: str = "/_stcore/health", expect: bytes = b"ok") -> bool:
    try:
        with urllib.request.urlopen(f"{base}{path}", timeout=1) as r:
            return expect in r.read()
    except OSError:
        return False


@contextlib.contextmanager
def running_oidc_provider(workdir: Path) -> Iterator[str]:
    """A real OpenID Connect provider (oidc-provider-mock) on a free loopback port; yields
    its issuer URL. Anyone may log in as any user: the login form asks for a user id."""
    port = _free_port()
    log = workdir / f"oidc-{port}.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-W", "ignore", "-m", "oidc_provider_mock", "--port", str(port)],
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    issuer = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 30
        while not _healthy(issuer, "/.well-known/openid-configuration", b"issuer"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise ServerFailed(f"the OIDC provider did not start:\n{log.read_text()}")
            time.sleep(0.05)  # polling its discovery document, not waiting on a page
        yield issuer
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def login_secrets(folder: Path, issuer: str, app_port_placeholder: str = "{port}") -> Path:
    """A secrets.toml with an [auth] section for `issuer`, and a fresh random cookie secret."""
    path = folder / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{app_port_placeholder}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(48)}"\n'
        'client_id = "cramp-care"\n'
        'client_secret = "any-secret-the-mock-provider-accepts"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    return path


class StickyProxy:
    """A reverse proxy in front of several app servers, as a hosted set-up has one: one
    address (so one origin for the login cookie), websockets passed through. Each browser
    connection goes to the server its `crampcare_backend` cookie names (a sticky session,
    as load balancers keep them), so a test decides which server a browser talks to."""

    COOKIE = "crampcare_backend"

    def __init__(self, backends: list[int]):
        self.backends = backends
        self.port = _free_port()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.routed: collections.Counter[int] = collections.Counter()

    def __enter__(self) -> StickyProxy:
        self.thread.start()
        future = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, "127.0.0.1", self.port), self.loop
        )
        self.server = future.result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.server.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            writer.close()
            return
        match = re.search(rb"(?im)^cookie:.*\b" + self.COOKIE.encode() + rb"=(\d+)", head)
        index = int(match.group(1)) % len(self.backends) if match else 0
        self.routed[index] += 1
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.backends[index])
        except OSError:
            writer.close()
            return
        up_writer.write(head)
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    @staticmethod
    async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(Exception):
                sink.close()
