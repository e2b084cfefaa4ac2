"""Reading the next documents in a process of their own while this one analyses.

With one local worker the run used one core for parsing and language ID (pure Python and
pdfium) while the other waited, then both for classification. A reader process parses and
identifies the languages of the next documents (:func:`pipeline.reading.read_document`,
no models loaded) while this process extracts and classifies the current one. Measured on
the 34 corpus files, OCR off: 38.6-40.4 s in one process, 35.5 s with the reader
(2026-12-05). A thread was tried first and gained 1.5-2.5%: parsing holds the interpreter
lock the classifier's threads also need.

It also keeps pdfium, which is not thread-safe and can crash on a hostile file, out of the
run's process: a reader that dies takes down only the document it was reading (a one-line
failure naming the signal); the documents queued behind it go to a new reader. A document
whose reading outlasts the time limit has its reader killed the same way.

Only the documents asked for in order are read ahead, at most ``depth`` of them; the
reader exits when this process closes it, or within a second once this process is gone.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import SpawnProcess
from pathlib import Path

from pipeline.records import DocumentResult

POLL_S = 0.2
DEPTH = 2  # documents read ahead of the one being analysed
DEFAULT_TIMEOUT_S = 900.0  # a document's time limit (the ingest flow's default)
READ_AHEAD_ENV = "SANDINGAN_READ_AHEAD"  # "0": one local worker parses in the run's process


class ReaderDied(RuntimeError):
    """The reader process ended while reading a document (a crash inside the PDF library)."""


@dataclass(frozen=True)
class ReadRequest:
    """One document for the reader: its path and how to read it."""

    key: str
    path: str
    password: str | None = None
    ocr: bool = True


def _read(request: ReadRequest) -> DocumentResult | BaseException:
    """Read one document in the reader; an unexpected error is returned, picklable."""
    from pipeline.reading import read_document  # lazy: pdfium, language ID (in the reader only)

    try:
        return read_document(Path(request.path), password=request.password, ocr=request.ocr)
    except Exception as exc:  # noqa: BLE001 - reported for this document, the reader goes on
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def serve(requests: Connection, results: Connection, parent: int) -> None:
    """The reader's loop: read each request, report ("start", key, t) then ("done", key,
    result); on ``None`` report ("exit", "", its peak memory in MB) and end; end also when
    the parent process is gone."""
    from pipeline.settings import configure_offline, peak_rss_mb

    configure_offline()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while os.getppid() == parent:
        if not requests.poll(1.0):
            continue
        request = requests.recv()
        if request is None:
            results.send(("exit", "", peak_rss_mb()))
            return
        results.send(("start", request.key, time.monotonic()))
        results.send(("done", request.key, _read(request)))


def signal_name(code: int | None) -> str:
    """How a process ended, in words: "signal 11 (SIGSEGV)" or "exit code 1"."""
    if code is None:
        return "no exit code"
    if code < 0:
        try:
            return f"signal {-code} ({signal.Signals(-code).name})"
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def _receive(connection: Connection, inbox: queue.Queue) -> None:
    """Move the reader's messages into ``inbox`` as they come (so the reader never waits
    for this process to read), until it closes its end."""
    try:
        while True:
            inbox.put(connection.recv())
    except (EOFError, OSError):
        return
    except Exception as exc:  # noqa: BLE001 - an answer that cannot be unpickled: the reader is lost
        inbox.put(("lost", "", f"{type(exc).__name__}: {exc}"))
    finally:
        connection.close()


@dataclass
class _Reader:
    """One reader process, the pipe that asks it and the messages it sent back.

    Plain pipes, not ``multiprocessing`` queues: a queue's lock would start a resource
    tracker process besides the reader."""

    process: SpawnProcess
    requests: Connection
    inbox: queue.Queue
    receiver: threading.Thread

    def stop(self, kill: bool) -> None:
        """End the process (killed, or waited for up to 5 s) and close the pipe."""
        if kill and self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.requests.close()
        self.receiver.join(timeout=1)  # the pipe is closed at the other end: it ends


@dataclass
class ReadAhead:
    """Documents read in a reader process ahead of their analysis, in the order given.

    :meth:`take` returns a document's read result (waiting for it), or ``None`` for a path
    it was never given, which the caller then reads itself.
    """

    requests: list[ReadRequest]
    timeout_s: float = DEFAULT_TIMEOUT_S
    depth: int = DEPTH
    _order: list[str] = field(default_factory=list)
    _by_key: dict[str, ReadRequest] = field(default_factory=dict)
    _sent: list[str] = field(default_factory=list)  # requested from the current reader, not yet taken
    _started: dict[str, float] = field(default_factory=dict)
    _done: dict[str, DocumentResult | BaseException] = field(default_factory=dict)
    _reader: _Reader | None = None
    peak_mb: float = 0.0  # the largest peak memory a reader reported at its end

    def __post_init__(self) -> None:
        self._order = [r.key for r in self.requests]
        self._by_key = {r.key: r for r in self.requests}

    @classmethod
    def of(
        cls, paths: Iterable[str], password: str | None, ocr: bool, timeout_s: float, depth: int = DEPTH
    ) -> ReadAhead:
        """A read-ahead over files (each path its own key)."""
        return cls([ReadRequest(p, p, password, ocr) for p in paths], timeout_s=timeout_s, depth=depth)

    def __enter__(self) -> ReadAhead:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the reader and ask for the first documents."""
        self._fill()

    def _spawn(self) -> _Reader:
        context = mp.get_context("spawn")  # never fork a process holding models and threads
        their_requests, requests = context.Pipe(duplex=False)
        results, their_results = context.Pipe(duplex=False)
        process = context.Process(
            target=serve,
            args=(their_requests, their_results, os.getpid()),
            name="sandingan-reader",
            daemon=True,
        )
        process.start()
        their_requests.close()
        their_results.close()
        inbox: queue.Queue = queue.Queue()
        receiver = threading.Thread(
            target=_receive, args=(results, inbox), name="sandingan-reader-inbox", daemon=True
        )
        receiver.start()
        return _Reader(process, requests, inbox, receiver)

    def _fill(self) -> None:
        """Keep up to ``depth`` untaken documents requested from a live reader."""
        waiting = [k for k in self._order if k not in self._sent and k not in self._done]
        wanted = waiting[: max(0, self.depth - len(self._sent))]
        if not wanted:
            return
        if self._reader is None:
            self._reader = self._spawn()
        for key in wanted:
            self._reader.requests.send(self._by_key[key])
            self._sent.append(key)

    def _pump(self, timeout: float) -> bool:
        """Take one message from the reader; False when none came within ``timeout`` (or
        no reader runs)."""
        if self._reader is None:
            return False
        try:
            kind, key, value = (
                self._reader.inbox.get(timeout=timeout) if timeout else self._reader.inbox.get_nowait()
            )
        except queue.Empty:
            return False
        if kind == "start":
            self._started[key] = float(value)
        elif kind == "exit":
            self.peak_mb = max(self.peak_mb, float(value))
        elif kind == "lost":
            culprit = next(iter(self._started), None) or (self._sent[0] if self._sent else None)
            self._lose_reader(culprit, ReaderDied(f"the PDF reader's answer could not be read ({value})"))
        else:
            self._done[key] = value
            self._started.pop(key, None)
            if key in self._sent:
                self._sent.remove(key)
        return True

    def _lose_reader(self, culprit: str | None, error: BaseException) -> None:
        """Kill the reader; ``culprit`` fails with ``error``, the rest are asked again."""
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.stop(kill=True)
        if culprit is not None:
            self._done[culprit] = error
        self._sent = []
        self._started = {}

    def _check(self, key: str) -> None:
        """Fail the document being read when the reader died or ran past the time limit."""
        assert self._reader is not None
        process = self._reader.process
        if not process.is_alive():
            self._reader.receiver.join(timeout=1)
            while self._pump(0.0):  # what it said before it ended
                pass
            if key in self._done:
                return
            culprit = next(iter(self._started), key)
            how = signal_name(process.exitcode)
            self._lose_reader(culprit, ReaderDied(f"the PDF reader process ended ({how}) reading this file"))
            return
        started = self._started.get(key)
        if started is not None and time.monotonic() - started > self.timeout_s:
            limit = TimeoutError(f"reading the PDF took longer than {self.timeout_s:g} s (reader stopped)")
            self._lose_reader(key, limit)

    def take(self, key: str) -> DocumentResult | None:
        """The read document for ``key``, waiting for it; ``None`` for a key it was never
        given. Raises when its reading failed (:class:`ReaderDied`, ``TimeoutError``)."""
        if key not in self._by_key:
            return None
        try:
            while key not in self._done:
                if key not in self._sent:  # asked out of order: it goes next
                    self._order.remove(key)
                    self._order.insert(0, key)
                self._fill()
                if not self._pump(POLL_S):
                    self._check(key)
        except BaseException:  # a time limit or an interrupt from outside: stop reading
            self._lose_reader(None, RuntimeError("interrupted"))
            raise
        value = self._done.pop(key)
        self._order.remove(key)
        del self._by_key[key]
        self._fill()
        if isinstance(value, BaseException):
            raise value
        return value

    def close(self) -> None:
        """Stop the reader (asking first, then killing after 5 s)."""
        reader, self._reader = self._reader, None
        if reader is None:
            return
        try:
            reader.requests.send(None)
            reader.process.join(timeout=5)
        except OSError:  # it is gone already
            pass
        finally:
            reader.stop(kill=True)
        self._reader = reader
        try:
            while self._pump(0.0):  # its last messages, and its peak memory
                pass
        finally:
            self._reader = None

    @property
    def pid(self) -> int | None:
        """The current reader's process id (None when none runs)."""
        return self._reader.process.pid if self._reader is not None else None

    def pending(self) -> list[str]:
        """Keys given and not yet taken, in order."""
        return list(self._order)


def new_reader(paths: list[str], password: str | None, ocr: bool, timeout_s: float) -> ReadAhead | None:
    """A reader over ``paths``; None when there are none or ``SANDINGAN_READ_AHEAD=0``."""
    if not paths or os.environ.get(READ_AHEAD_ENV, "").strip() == "0":
        return None
    return ReadAhead.of(paths, password, ocr, timeout_s)


_CURRENT: list[ReadAhead] = []  # the reader this process's document tasks take from, while one runs


def current_reader() -> ReadAhead | None:
    """The reader registered by :func:`reading_ahead` in this process, if any."""
    return _CURRENT[-1] if _CURRENT else None


@contextmanager
def reading_ahead(reader: ReadAhead | None) -> Iterator[ReadAhead | None]:
    """Start ``reader`` and let this process's document tasks take from it meanwhile; it is
    stopped at the end, whatever happens. ``None``: nothing to do."""
    if reader is None:
        yield None
        return
    _CURRENT.append(reader)
    try:
        with reader:
            yield reader
    finally:
        _CURRENT.remove(reader)
