"""The compute process: where the window's runs and tools execute, away from the window.

The window (gui.compute) starts one persistent process with the spawn method and talks to it
over a pipe. A crash in here (a native abort, a fatal CUDA error, os._exit) ends this process,
not the window, and a job stuck inside an iteration can be ended by ending the process.

Protocol (Message's kinds). Window → here: (job, id, job), (stop, id), (quit,). Here → window:
(ready, pid) once warmed up, (progress, id, item), (done, id, result), (refused, id, reason,
field) and (failed, id, message, traceback), as pickled messages of at most CHUNK_BYTES
each: a larger message (a tool's result with millions of losses) is sent in parts that
MessageAssembler joins.
No Qt here: the process imports only the engine.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import threading
import time
import traceback
from enum import StrEnum
from typing import Any

from engine.core import language

CHUNK_BYTES = 1 << 20
PART, WHOLE = b"P", b"M"  # a part of a message; the last (or only) part
PARENT_CHECK_SECONDS = 0.5


class Message(StrEnum):
    """The kinds of message on the pipe (the first item of each tuple)."""

    JOB = "job"  # window → here
    STOP = "stop"
    QUIT = "quit"
    READY = "ready"  # here → window
    PROGRESS = "progress"
    DONE = "done"
    REFUSED = "refused"
    FAILED = "failed"


def send_message(connection, lock: threading.Lock, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    with lock:
        view = memoryview(data)
        while len(view) > CHUNK_BYTES:
            connection.send_bytes(PART + view[:CHUNK_BYTES].tobytes())
            view = view[CHUNK_BYTES:]
        connection.send_bytes(WHOLE + view.tobytes())


class MessageAssembler:
    """Joins the parts of a message; `feed` returns the message once its last part arrived."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def feed(self, raw: bytes) -> Any | None:
        kind, body = raw[:1], raw[1:]
        self._parts.append(body)
        if kind == PART:
            return None
        data, self._parts = b"".join(self._parts), []
        return pickle.loads(data)


def warm_up() -> None:
    """Imports, the BLAS thread pool and the first products: none of it in a timed run.
    (Not through train(): an injected fault must not fire here.)"""
    from engine.backends.cpu import open_trainer
    from engine.core.config import RunConfig
    from engine.core.problem import draw_problem
    from engine.machine.devices import probe_gpu

    config = RunConfig(iterations=3)
    with open_trainer(config, draw_problem(config)) as trainer:
        t = 0
        while t < config.iterations:
            t += trainer.advance(t)[0]
    probe_gpu()


def _outcome(job, report, stop) -> tuple:
    """Run one job; always return the message that ends it."""
    from engine.core.config import ConfigError
    from engine.run.memory import InsufficientMemoryError

    try:
        result = job.run(report, stop)
    except ConfigError as exc:  # the window names the setting as its panel does
        return (Message.REFUSED, exc.reason, exc.field)
    except InsufficientMemoryError as exc:
        return (Message.REFUSED, str(exc), "")
    except MemoryError as exc:  # CuPy's OutOfMemoryError is one: the estimate fell short
        return (Message.REFUSED, f"the device ran out of memory ({exc or 'no detail'}); try "
                "smaller sizes", "")
    except Exception as exc:
        return (Message.FAILED, f"{type(exc).__name__}: {exc}", traceback.format_exc())
    return (Message.DONE, job.outgoing(result))


def serve(connection, parent_pid: int) -> None:
    """The compute process's main: warm up, then run jobs in order until told to quit.

    A listener thread reads the pipe (jobs, stop requests) while the main thread works, so a
    stop reaches a running job. When the window's process dies, even by SIGKILL, the pipe
    closes: the listener sees end-of-file and ends this process (a second thread also
    watches the parent's pid).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is the window's
    send_lock = threading.Lock()
    jobs: queue.Queue = queue.Queue()
    stops: dict[int, threading.Event] = {}

    def listen() -> None:
        while True:
            try:
                message = connection.recv()
            except (EOFError, OSError):
                os._exit(0)  # the window is gone
            if message[0] == Message.JOB:
                stops[message[1]] = threading.Event()
                jobs.put(message)
            elif message[0] == Message.STOP and message[1] in stops:
                stops[message[1]].set()
            elif message[0] == Message.QUIT:
                jobs.put(None)
                return

    def watch_parent() -> None:
        while True:
            time.sleep(PARENT_CHECK_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=listen, name="listen", daemon=True).start()
    threading.Thread(target=watch_parent, name="watch-parent", daemon=True).start()
    warm_up()
    send_message(connection, send_lock, (Message.READY, os.getpid()))
    while True:
        message = jobs.get()
        if message is None:
            break
        _, job_id, job, *lang = message
        if lang:
            language.use(lang[0])  # the window's language when it sent the job

        def report(item, job_id=job_id) -> None:
            send_message(connection, send_lock, (Message.PROGRESS, job_id, item))

        ending = _outcome(job, report, stops[job_id])
        stops.pop(job_id, None)
        send_message(connection, send_lock, (ending[0], job_id, *ending[1:]))
    connection.close()
