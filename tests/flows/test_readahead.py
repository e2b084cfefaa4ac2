"""The reader process: documents read ahead in order, the same as read here, and a reader
that crashes, hangs or loses its parent takes down nothing else."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from pipeline.flows.readahead import ReadAhead, ReaderDied, ReadRequest, _receive, signal_name
from pipeline.reading import read_document

pytestmark = pytest.mark.slow


def wait_until(check, seconds: float = 10.0) -> bool:
    """Poll ``check`` until it holds or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def alive(pid: int) -> bool:
    """Whether a process with this id exists (and is not a zombie)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_documents_come_back_as_read_here_in_any_order(small_corpus: Path) -> None:
    paths = sorted(str(p) for p in small_corpus.glob("*.pdf"))
    with ReadAhead.of(paths, None, False, timeout_s=60) as reader:
        assert reader.take("not/given.pdf") is None
        last = reader.take(paths[2])  # asked out of order: read next
        first, second = reader.take(paths[0]), reader.take(paths[1])
        assert reader.pending() == []
    assert reader.pid is None and reader.peak_mb > 0
    for path, got in zip(paths, (first, second, last), strict=True):
        assert got is not None
        here = read_document(Path(path), ocr=False)
        assert (got.document.id, got.document.status, got.document.language) == (
            here.document.id,
            here.document.status,
            here.document.language,
        )
        passages = [(p.id, p.text, p.lang) for p in got.passages]
        assert passages == [(p.id, p.text, p.lang) for p in here.passages]
        assert {"parse", "langid"} <= set(got.timings)


def test_a_bad_file_is_a_status_not_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really\n")
    with ReadAhead.of([str(bad)], None, False, timeout_s=60) as reader:
        result = reader.take(str(bad))
    assert result is not None and result.document.status == "corrupt"


def test_a_reader_that_dies_fails_its_document_alone(small_corpus: Path, tmp_path: Path) -> None:
    stuck = tmp_path / "stuck.pdf"
    os.mkfifo(stuck)  # reading it blocks until someone writes: the reader is busy on it
    good = sorted(str(p) for p in small_corpus.glob("*.pdf"))[0]
    reader = ReadAhead([ReadRequest(str(stuck), str(stuck)), ReadRequest(good, good)], timeout_s=60)
    with reader:
        first_pid = reader.pid
        assert first_pid is not None

        def crash() -> None:
            time.sleep(1.0)
            os.kill(first_pid, signal.SIGSEGV)

        threading.Thread(target=crash, daemon=True).start()
        with pytest.raises(ReaderDied, match=r"signal 11 \(SIGSEGV\)"):
            reader.take(str(stuck))
        result = reader.take(good)  # asked again of a new reader
        assert result is not None and result.document.status == "ok"
        assert reader.pid is not None and reader.pid != first_pid
    assert not alive(first_pid)


def test_a_document_past_its_time_limit_stops_the_reader(small_corpus: Path, tmp_path: Path) -> None:
    stuck = tmp_path / "stuck.pdf"
    os.mkfifo(stuck)
    good = sorted(str(p) for p in small_corpus.glob("*.pdf"))[0]
    with ReadAhead.of([str(stuck), good], None, False, timeout_s=1.0) as reader:
        first_pid = reader.pid
        started = time.monotonic()
        with pytest.raises(TimeoutError, match="longer than 1 s"):
            reader.take(str(stuck))
        assert time.monotonic() - started < 30
        assert first_pid is not None and wait_until(lambda: not alive(first_pid))
        result = reader.take(good)
        assert result is not None and result.document.status == "ok"


def interrupt(*_: object) -> None:
    """A signal handler that interrupts like Ctrl-C."""
    raise KeyboardInterrupt


def test_an_interrupt_while_waiting_stops_the_reader(tmp_path: Path) -> None:
    stuck = tmp_path / "stuck.pdf"
    os.mkfifo(stuck)
    reader = ReadAhead.of([str(stuck)], None, False, timeout_s=60)
    with reader:
        pid = reader.pid
        assert pid is not None
        previous = signal.signal(signal.SIGALRM, interrupt)  # the test's own Ctrl-C, in a second
        try:
            signal.setitimer(signal.ITIMER_REAL, 1.0)
            with pytest.raises(KeyboardInterrupt):
                reader.take(str(stuck))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        assert reader.pid is None and wait_until(lambda: not alive(pid))


def test_the_reader_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys, time
        from pipeline.flows.readahead import ReadAhead
        reader = ReadAhead.of([{str(tmp_path / "none.pdf")!r}], None, False, timeout_s=60)
        reader.start()
        print(reader.pid, flush=True)
        time.sleep(60)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    reader_pid = int(parent.stdout.readline())
    assert alive(reader_pid)
    parent.kill()
    parent.wait()
    assert wait_until(lambda: not alive(reader_pid), 10.0)


def test_an_answer_that_cannot_be_read_loses_the_reader(tmp_path: Path) -> None:
    import multiprocessing as mp
    import queue

    ours, theirs = mp.Pipe(duplex=False)
    theirs.send_bytes(b"not a pickle")
    theirs.close()
    inbox: queue.Queue = queue.Queue()
    _receive(ours, inbox)
    kind, _, reason = inbox.get_nowait()
    assert kind == "lost" and "Unpickling" in reason

    stuck = tmp_path / "stuck.pdf"
    os.mkfifo(stuck)
    with ReadAhead.of([str(stuck)], None, False, timeout_s=60) as reader:
        pid = reader.pid
        assert pid is not None and reader._reader is not None
        assert wait_until(lambda: bool(reader._started) or not reader._reader.inbox.empty())
        reader._reader.inbox.put(("lost", "", "UnpicklingError: test"))
        with pytest.raises(ReaderDied, match="could not be read"):
            reader.take(str(stuck))
    assert wait_until(lambda: not alive(pid))


def test_how_a_process_ended_in_words() -> None:
    assert signal_name(-11) == "signal 11 (SIGSEGV)"
    assert signal_name(-9) == "signal 9 (SIGKILL)"
    assert signal_name(1) == "exit code 1"
    assert signal_name(None) == "no exit code"
