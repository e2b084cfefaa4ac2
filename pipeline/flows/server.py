"""Prefect's temporary API server for one run, started without Prefect's server package.

Prefect starts the same server itself (``prefect.server.api.server.SubprocessASGIServer``:
uvicorn in a child process, serving ``create_app`` without the UI), but importing that class
imports the whole server (FastAPI, its database models) into the flow's process: 1.8 s on
the run's critical path and about 80 MB that stay resident for the whole run (2026-12-05).
The child imports it anyway; this process only needs its address.
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
PORT_IN_USE = 3  # uvicorn's exit code when it cannot bind its port
POLL_S = 0.1
# Prefect's own switches for its temporary server (no UI, no migrations prompt)
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}


def free_port(host: str = HOST) -> int:
    """A TCP port nobody listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def server_command(port: int, host: str = HOST) -> list[str]:
    """The command that serves Prefect's API on ``port`` (the one Prefect itself runs)."""
    import prefect  # lazy: Prefect (its package folder)

    return [
        sys.executable,
        "-m",
        "uvicorn",
        "--app-dir",
        str(Path(prefect.__file__).parent.parent),
        "--factory",
        "prefect.server.api.server:create_app",
        "--host",
        host,
        "--port",
        str(port),
        "--log-level",
        "error",
        "--lifespan",
        "on",
    ]


def server_env() -> dict[str, str]:
    """The child's environment: this one, Prefect's settings as set here, no UI."""
    from prefect.settings import get_current_settings  # lazy: Prefect

    return {**os.environ, **SERVER_ENV, **get_current_settings().to_environment_variables(exclude_unset=True)}


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    """Whether the API at ``api_url`` answers its health check."""
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    try:
        with direct.open(f"{api_url}/health", timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


class TemporaryServer:
    """Prefect's API in a child process for as long as this process needs it: :meth:`start`
    returns once it answers, :meth:`stop` (also run at exit) ends it."""

    def __init__(self, timeout_s: float | None = None) -> None:
        self.timeout_s = timeout_s
        self.port: int | None = None
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        """The API's address (after :meth:`start`)."""
        if self.port is None:
            raise RuntimeError("the temporary Prefect server has not been started")
        return f"http://{HOST}:{self.port}/api"

    def _launch(self) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(server_command(self.port), env=server_env(), stdin=subprocess.DEVNULL)

    def start(self) -> None:
        """Start the server and wait until it answers; RuntimeError with one line when it
        exits or does not answer in time (``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS``)."""
        if self.process is not None:
            return
        from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS  # lazy: Prefect

        limit = self.timeout_s or float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
        self._launch()
        atexit.register(self.stop)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            assert self.process is not None
            code = self.process.poll()
            if code == PORT_IN_USE:  # taken between our probe and its bind: another port
                self._launch()
                continue
            if code is not None:
                self.process = None
                raise RuntimeError(f"the temporary Prefect server exited with code {code} before it answered")
            if healthy(self.api_url):
                return
            time.sleep(POLL_S)
        self.stop()
        raise RuntimeError(f"the temporary Prefect server did not answer within {limit:.0f} s")

    def stop(self) -> None:
        """End the server (terminate, then kill after 5 s); nothing when it is not running."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
