"""Tesseract's thread limit stays with Tesseract: it never leaks into torch's process."""

from __future__ import annotations

import os
import subprocess

import pytest

from pipeline.ingest.ocr import one_tesseract_thread


def _child_sees() -> str:
    shown = subprocess.run(["sh", "-c", "echo ${OMP_THREAD_LIMIT:-unset}"], capture_output=True, text=True)
    return shown.stdout.strip()


def test_processes_started_inside_get_one_thread_and_the_setting_is_gone_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OMP_THREAD_LIMIT", "")  # recorded, so the test's state is undone
    monkeypatch.delenv("OMP_THREAD_LIMIT")
    with one_tesseract_thread():
        assert _child_sees() == "1"
    assert "OMP_THREAD_LIMIT" not in os.environ and _child_sees() == "unset"


def test_a_limit_the_user_set_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_THREAD_LIMIT", "3")
    with one_tesseract_thread():
        assert _child_sees() == "3"
    assert os.environ["OMP_THREAD_LIMIT"] == "3"


def test_the_setting_is_gone_after_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMP_THREAD_LIMIT", "")
    monkeypatch.delenv("OMP_THREAD_LIMIT")
    with pytest.raises(RuntimeError), one_tesseract_thread():
        raise RuntimeError("tesseract failed")
    assert "OMP_THREAD_LIMIT" not in os.environ
