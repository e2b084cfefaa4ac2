"""Choosing the task runner: threads here, a local Dask cluster, or a cluster's address."""

from __future__ import annotations

import os

import pytest
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
from prefect_dask import DaskTaskRunner

from pipeline.flows.runners import make_task_runner, needs_own_server, run_api, runner_label
from pipeline.flows.workers import WORKER_MALLOC, describe_runner, prepare_worker


@pytest.mark.parametrize(
    "spec, expected",
    [
        (None, "local"),
        ("", "local"),
        ("LOCAL", "local"),
        ("Dask", "dask"),
        ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
    ],
)
def test_describe_runner_normalises_the_setting(
    spec: str | None, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SANDINGAN_TASK_RUNNER", raising=False)
    assert describe_runner(spec) == expected


def test_the_environment_setting_applies_when_none_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SANDINGAN_TASK_RUNNER", "dask")
    assert describe_runner(None) == "dask"
    assert describe_runner("local") == "local"


def test_local_with_one_worker_runs_in_this_process() -> None:
    runner = make_task_runner("local", 1)
    assert isinstance(runner, ThreadPoolTaskRunner)
    assert runner_label(runner) == ("local", 1)
    assert not needs_own_server("local", 1)


def test_local_with_more_workers_is_a_pool_of_processes_never_threads() -> None:
    runner = make_task_runner("local", 3)
    assert isinstance(runner, ProcessPoolTaskRunner)  # pdfium is not thread-safe
    assert runner_label(runner) == ("local", 3)
    assert runner._initializer is prepare_worker
    assert needs_own_server("local", 3) and needs_own_server("dask", 1)


def test_local_worker_processes_share_the_cores_for_the_classifier(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("pipeline.flows.runners.threads_per_worker", lambda n: 8 // n)
    assert make_task_runner("local", 2)._initargs == (4,)
    assert make_task_runner("local", 16)._initargs == (0,)  # the stand-in; the real one gives >= 1


def test_a_worker_takes_its_classifier_threads_unless_the_user_set_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pipeline.process  # noqa: F401  # what prepare_worker imports, already loaded

    monkeypatch.setenv("SANDINGAN_CLASSIFY_THREADS", "")  # recorded, so the test's value is undone
    monkeypatch.delenv("SANDINGAN_CLASSIFY_THREADS")
    prepare_worker(3)
    assert os.environ["SANDINGAN_CLASSIFY_THREADS"] == "3"
    prepare_worker(1)  # a value already there (the user's) is kept
    assert os.environ["SANDINGAN_CLASSIFY_THREADS"] == "3"


def test_dask_is_a_local_cluster_of_single_thread_processes() -> None:
    runner = make_task_runner("dask", 2)
    assert isinstance(runner, DaskTaskRunner)
    kwargs = runner.cluster_kwargs
    assert (kwargs["n_workers"], kwargs["threads_per_worker"], kwargs["processes"]) == (2, 1, True)
    assert kwargs["env"]["SANDINGAN_CLASSIFY_THREADS"] == "1"  # the workers are the parallelism


@pytest.mark.parametrize("spec", ["tcp://head:8786", "head:8786"])
def test_an_address_connects_to_an_existing_cluster(spec: str) -> None:
    runner = make_task_runner(spec, 4)
    assert isinstance(runner, DaskTaskRunner)
    assert runner.address == "tcp://head:8786"


def test_dask_workers_start_with_the_heap_settings_of_the_classifier() -> None:
    from distributed import Client, LocalCluster

    runner = make_task_runner("dask", 1)
    kwargs = {k: v for k, v in runner.cluster_kwargs.items() if k != "silence_logs"}
    with LocalCluster(**kwargs) as cluster, Client(cluster) as client:
        seen = client.run(lambda: {k: os.environ.get(k) for k in WORKER_MALLOC})
    assert list(seen.values()) == [WORKER_MALLOC]
    assert WORKER_MALLOC["MALLOC_TRIM_THRESHOLD_"] != "65536"  # Dask's own default, too slow here


def test_a_configured_api_is_used_as_it_is_and_the_warm_up_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    ran: list[str] = []
    configured = temporary_settings(updates={PREFECT_API_URL: "http://prefect.example:4200/api"})
    with configured, run_api(lambda: ran.append("warm")) as url:
        assert url == "http://prefect.example:4200/api"
    assert ran == ["warm"]


def test_without_one_a_temporary_server_starts_while_the_warm_up_runs() -> None:
    import threading

    import httpx
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    seen: dict[str, object] = {}

    def warm() -> None:
        seen["thread"] = threading.current_thread().name
        seen["helpers"] = [t.name for t in threading.enumerate() if t.name.startswith("prefect-server")]

    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        with run_api(warm) as url:
            assert url and httpx.get(f"{url}/health", timeout=10).status_code == 200
            assert get_current_settings().flows.heartbeat_frequency is None  # the server ends with the run
        assert get_current_settings().flows.heartbeat_frequency is not None
    assert seen["thread"] == threading.main_thread().name and seen["helpers"]  # side by side
