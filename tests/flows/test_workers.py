"""A Dask run's local cluster, started and warmed up before the flow needs it."""

from __future__ import annotations

import sys

import pytest

from pipeline.flows.runners import make_task_runner, runner_label
from pipeline.flows.workers import OWN_CLUSTERS, WarmCluster

pytestmark = pytest.mark.slow


def test_a_warm_cluster_has_its_workers_loaded_before_the_first_task() -> None:
    from distributed import Client

    cluster = WarmCluster(1)
    cluster.start_in_background()
    cluster.wait()
    try:
        with Client(cluster.address, set_as_default=False) as client:
            loaded = client.run(lambda: "pipeline.process" in sys.modules)
        assert list(loaded.values()) == [True]
        runner = make_task_runner(cluster.address, 1)
        assert runner_label(runner)[0] == "dask"  # this process's own cluster, reached by address
    finally:
        cluster.close()
    assert not OWN_CLUSTERS and cluster.cluster is None
    assert runner_label(make_task_runner(runner.address, 1))[0] == runner.address


def test_closing_a_cluster_that_never_started_does_nothing() -> None:
    cluster = WarmCluster(2)
    cluster.close()
    cluster.wait()
    assert cluster.cluster is None
    with pytest.raises(RuntimeError, match="not been started"):
        _ = cluster.address
