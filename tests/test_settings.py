"""Settings read from the environment: the classifier's thread count and each worker's share."""

from __future__ import annotations

import pytest

from pipeline.settings import CLASSIFY_THREADS_ENV, available_cores, classify_threads, threads_per_worker


def test_the_classifier_uses_every_core_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CLASSIFY_THREADS_ENV, raising=False)
    assert classify_threads() == available_cores() >= 1
    monkeypatch.setenv(CLASSIFY_THREADS_ENV, " 3 ")
    assert classify_threads() == 3


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_a_bad_thread_count_is_a_clear_error(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CLASSIFY_THREADS_ENV, value)
    with pytest.raises(ValueError, match="SANDINGAN_CLASSIFY_THREADS must be a whole number"):
        classify_threads()


@pytest.mark.parametrize(
    ("workers", "cores", "share"), [(1, 2, 2), (2, 2, 1), (3, 8, 2), (4, 2, 1), (0, 4, 4)]
)
def test_workers_share_the_cores_with_at_least_one_thread_each(workers: int, cores: int, share: int) -> None:
    assert threads_per_worker(workers, cores) == share


def test_malloc_arenas_are_capped_unless_the_user_chose(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes

    from pipeline.settings import limit_malloc_arenas

    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    try:
        ctypes.CDLL("libc.so.6")
    except OSError:
        pytest.skip("no glibc here")
    assert limit_malloc_arenas() is True
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert limit_malloc_arenas() is False  # the user's setting stands
