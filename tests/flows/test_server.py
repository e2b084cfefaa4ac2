"""The run's temporary Prefect server: started as Prefect starts it, without Prefect's server
package in this process, stopped with the run, and one clear line when it cannot start."""

from __future__ import annotations

import sys

import pytest

from pipeline.flows import server as module
from pipeline.flows.server import TemporaryServer, free_port, healthy, server_command


def test_the_server_answers_and_stops() -> None:
    server = TemporaryServer()
    server.start()
    try:
        assert healthy(server.api_url)
        process = server.process
        assert process is not None and "uvicorn" in " ".join(process.args)
        server.start()  # a second start is nothing
        assert server.process is process
    finally:
        server.stop()
    assert process.poll() is not None
    assert not healthy(server.api_url, timeout=1)
    server.stop()  # stopping twice is nothing


def test_a_server_that_exits_gives_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "server_command", lambda port: [sys.executable, "-c", "raise SystemExit(5)"])
    with pytest.raises(
        RuntimeError, match=r"^the temporary Prefect server exited with code 5 before it answered$"
    ):
        TemporaryServer(timeout_s=30).start()


def test_a_server_that_never_answers_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        module, "server_command", lambda port: [sys.executable, "-c", "import time; time.sleep(60)"]
    )
    server = TemporaryServer(timeout_s=1)
    with pytest.raises(RuntimeError, match="did not answer within 1 s"):
        server.start()
    assert server.process is None


def test_a_port_taken_meanwhile_gets_another(monkeypatch: pytest.MonkeyPatch) -> None:
    real = server_command
    calls: list[int] = []

    def first_taken(port: int) -> list[str]:
        calls.append(port)
        return [sys.executable, "-c", "raise SystemExit(3)"] if len(calls) == 1 else real(port)

    monkeypatch.setattr(module, "server_command", first_taken)
    server = TemporaryServer()
    try:
        server.start()
        assert len(calls) == 2 and healthy(server.api_url)
    finally:
        server.stop()


def test_free_ports_are_free() -> None:
    import socket

    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


def test_the_flow_process_never_imports_prefects_server(loaded_modules) -> None:
    code = (
        "from prefect.settings import PREFECT_API_URL, temporary_settings\n"
        "from pipeline.flows.runners import run_api\n"
        "with temporary_settings(restore_defaults={PREFECT_API_URL}):\n"
        "    with run_api(None) as url:\n"
        "        assert PREFECT_API_URL.value() == url, (PREFECT_API_URL.value(), url)\n"
    )
    assert loaded_modules(code, ("prefect.server",)) == []
