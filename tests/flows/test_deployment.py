"""prefect.yaml deployed to a Prefect server on loopback; one run completed by a worker.

Starts ``prefect server start`` on a free 127.0.0.1 port with its own PREFECT_HOME, creates
the process work pool, deploys every deployment of prefect.yaml, triggers the nightly
ingest on a one-PDF folder and runs ``prefect worker start --run-once``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREFECT = str(Path(sys.executable).parent / "prefect")
POOL = "sandingan-process"
JAKARTA = ZoneInfo("Asia/Jakarta")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(url: str, body: dict | None = None) -> object:
    """GET (or POST ``body`` as JSON to) a Prefect API URL; the decoded JSON answer."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def wait_healthy(api_url: str, server: subprocess.Popen, seconds: float = 150) -> None:
    """Wait until the server answers /health, or fail with its output."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"prefect server exited with {server.returncode}")
        try:
            api(f"{api_url}/health")
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail("prefect server did not become healthy")


def prefect(env: dict[str, str], *args: str, timeout: float = 180) -> str:
    """Run a prefect CLI command from the repository root; its output (fails on error)."""
    done = subprocess.run(
        [PREFECT, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A Prefect server on loopback with its own home, the work pool, and prefect.yaml
    deployed; yields the environment to reach it."""
    tmp_path = tmp_path_factory.mktemp("prefect_server")
    port = free_port()
    env = dict(os.environ)
    env.update(
        {
            "PREFECT_HOME": str(tmp_path / "prefect_home"),
            "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            "DO_NOT_TRACK": "1",
            "PREFECT_LOGGING_LEVEL": "INFO",
            "HF_HUB_OFFLINE": "1",
        }
    )
    env.pop("SANDINGAN_DB_URL", None)
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_healthy(env["PREFECT_API_URL"], server)
        prefect(env, "work-pool", "create", POOL, "--type", "process")
        prefect(env, "--no-prompt", "deploy", "--all")
        yield env
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


def flow_run_id(output: str) -> str:
    """The flow run UUID printed by ``prefect deployment run``."""
    for line in output.splitlines():
        if "UUID:" in line:
            return line.split("UUID:")[1].strip()
    raise AssertionError(f"no flow run id in:\n{output}")


@pytest.mark.slow
def test_nightly_ingest_deploys_and_a_worker_completes_one_run(
    prefect_server: dict[str, str], tmp_path: Path, corpus_factory
) -> None:
    env, api_url = prefect_server, prefect_server["PREFECT_API_URL"]
    corpus, out = tmp_path / "inbox", tmp_path / "out"
    corpus_factory(corpus, 1)
    deployment = api(f"{api_url}/deployments/name/ingest/nightly-ingest")
    schedule = deployment["schedules"][0]["schedule"]
    assert (schedule["cron"], schedule["timezone"]) == ("0 2 * * *", "Asia/Jakarta")
    retrain = api(f"{api_url}/deployments/name/retrain/weekly-retrain")
    assert retrain["schedules"][0]["schedule"]["timezone"] == "Asia/Jakarta"

    run_id = flow_run_id(
        prefect(
            env,
            "deployment",
            "run",
            "ingest/nightly-ingest",
            "--param",
            f"corpus_dir={corpus}",
            "--param",
            f"out_dir={out}",
        )
    )
    prefect(env, "worker", "start", "--pool", POOL, "--run-once", timeout=420)

    run = api(f"{api_url}/flow_runs/{run_id}")
    assert run["state"]["type"] == "COMPLETED", run["state"]
    summary = json.loads((out / "last_run.json").read_text())
    assert (summary["found"], summary["processed"]) == (1, 1)
    assert (out / "documents.csv").is_file()


@pytest.mark.slow
def test_deployed_schedule_fires_at_two_in_the_morning_jakarta_time(prefect_server: dict[str, str]) -> None:
    api_url = prefect_server["PREFECT_API_URL"]
    deployment_id = api(f"{api_url}/deployments/name/ingest/nightly-ingest")["id"]
    query = {
        "flow_runs": {"state": {"type": {"any_": ["SCHEDULED"]}}},
        "deployments": {"id": {"any_": [deployment_id]}},
        "limit": 10,
    }
    deadline, runs = time.monotonic() + 90, []
    while not runs and time.monotonic() < deadline:
        runs = api(f"{api_url}/flow_runs/filter", query)
        time.sleep(1)
    assert runs, "the scheduler created no runs for the cron schedule"
    starts = [datetime.fromisoformat(r["expected_start_time"].replace("Z", "+00:00")) for r in runs]
    assert {s.astimezone(JAKARTA).strftime("%H:%M") for s in starts} == {"02:00"}
