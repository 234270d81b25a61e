"""`gaoxin demo` never leaves its task worker behind (issue 12.13): SIGTERM, SIGHUP or
SIGKILL of the demo process stops the worker too."""

import os
import signal
import subprocess
import sys
import time

import pytest

PARENT = """
import sys, time
import django
django.setup()
from gaoxin.demo.management.commands.demo import start_worker, stop
worker = start_worker([sys.executable, "-c", "import time; time.sleep(120)"])
print(worker.pid, flush=True)
try:
    time.sleep(120)
finally:
    stop(worker)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by init) counts as stopped
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"


def wait_gone(pid: int, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(sys.platform != "linux", reason="process checks read /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGKILL])
def test_the_worker_stops_with_the_demo(signum):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gaoxin.settings"}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        # as from a terminal: a process started with SIGINT ignored (a pytest-xdist worker's
        # child may be) never gets Python's KeyboardInterrupt
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.default_int_handler),
    )
    worker_pid = int(parent.stdout.readline())
    assert alive(worker_pid)
    parent.send_signal(signum)
    parent.wait(timeout=20)
    assert wait_gone(worker_pid), f"worker {worker_pid} still running after {signal.Signals(signum).name}"
