"""The compute process without a window: the protocol, chunked messages, stop and quit."""

import multiprocessing
import os
import threading
import time

import numpy as np
import pytest

from engine import RunConfig
from engine.service.compute_process import CHUNK_BYTES, MessageAssembler, send_message, serve
from engine.service.jobs import ProbeJob, TrainingJob
from tests.conftest import SMALL


class FailingJob:
    """A job with a bug in it: the process reports the error, with its traceback."""

    def run(self, report, stop):
        raise ValueError("a bug in a job")

    def describe(self) -> str:
        return "a failing job"


def test_a_large_message_travels_in_parts_and_arrives_whole():
    here, there = multiprocessing.Pipe()
    payload = ("done", 1, np.arange(3 * CHUNK_BYTES // 8 + 5, dtype=np.float64))
    sender = threading.Thread(target=send_message, args=(there, threading.Lock(), payload))
    sender.start()
    assembler, parts, message = MessageAssembler(), 0, None
    while message is None:
        raw = here.recv_bytes()
        assert len(raw) <= CHUNK_BYTES + 1  # never one giant message
        parts += 1
        message = assembler.feed(raw)
    sender.join()
    assert parts == 4
    assert message[:2] == ("done", 1) and np.array_equal(message[2], payload[2])


class Compute:
    """serve() in a spawned process, driven as the window drives it."""

    def __init__(self):
        context = multiprocessing.get_context("spawn")
        self.connection, there = context.Pipe()
        self.process = context.Process(target=serve, args=(there, os.getpid()), daemon=True)
        self.process.start()
        there.close()
        self.assembler = MessageAssembler()

    def receive(self, timeout=60.0):
        assert self.connection.poll(timeout), "no message from the compute process"
        while True:
            message = self.assembler.feed(self.connection.recv_bytes())
            if message is not None:
                return message

    def until_end(self, job_id):
        progress = []
        while True:
            message = self.receive()
            if message[0] == "progress" and message[1] == job_id:
                progress.append(message[2])
            elif message[1] == job_id:
                return message, progress

    def close(self):
        self.connection.send(("quit",))
        self.process.join(10)
        assert self.process.exitcode == 0


@pytest.fixture
def compute():
    c = Compute()
    assert c.receive()[0] == "ready"
    yield c
    c.close()


@pytest.mark.slow  # a few seconds: the full suite (CI) runs it
def test_a_training_job_streams_its_losses_and_returns_the_record_without_them(compute):
    job = TrainingJob(RunConfig(**SMALL, iterations=300_000, learning_rate=1e-3))
    compute.connection.send(("job", 1, job))
    (kind, _, result), progress = compute.until_end(1)
    assert kind == "done" and result.iterations_completed == 300_000
    assert len(result.losses) == 0  # they came as progress
    restored = job.incoming(result, [p.losses for p in progress])
    assert len(restored.losses) == 300_000 and np.isfinite(restored.losses).all()
    assert [p.first_iteration for p in progress] == sorted(p.first_iteration for p in progress)


def test_stop_reaches_a_running_job_and_the_next_job_runs(compute):
    compute.connection.send(("job", 1, TrainingJob(RunConfig(**SMALL, iterations=50_000_000))))
    while compute.receive()[0] != "progress":
        pass
    compute.connection.send(("stop", 1))
    (kind, _, result), _ = compute.until_end(1)
    assert kind == "done" and result.status == "stopped"
    compute.connection.send(("job", 2, ProbeJob()))
    (kind, _, status), _ = compute.until_end(2)
    from engine.machine.devices import probe_gpu

    # The next job runs, and answers as the probe here does.
    assert kind == "done" and status.available == probe_gpu().available


def test_refusals_and_failures_come_back_as_messages(compute):
    compute.connection.send(("job", 1, TrainingJob(RunConfig(d_in=10**9))))
    (kind, _, message, field), _ = compute.until_end(1)
    assert kind == "refused" and "needs" in message and "available" in message
    assert field == ""
    compute.connection.send(("job", 3, TrainingJob(RunConfig(device="gpu"))))
    end, _ = compute.until_end(3)
    if end[0] == "refused":  # no GPU here: the reason, and the field for the window to name
        _, _, message, field = end
        assert field == "device" and not message.startswith("device")
    else:  # a GPU here: the run completes
        assert end[0] == "done" and end[2].status == "completed"
    compute.connection.send(("job", 2, FailingJob()))
    (kind, _, message, details), _ = compute.until_end(2)
    assert kind == "failed" and "ValueError" in message and "Traceback" in details


def test_the_process_ends_when_its_parent_connection_closes():
    c = Compute()
    assert c.receive()[0] == "ready"
    c.connection.close()  # as when the window's process dies
    started = time.monotonic()
    c.process.join(5)
    assert c.process.exitcode == 0 and time.monotonic() - started < 5
