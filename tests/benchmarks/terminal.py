"""A real terminal for the benchmarks: programs run in a private tmux server, read back with
`tmux capture-pane`, keys sent with `tmux send-keys`. Times are taken around those calls, so they
include what a user waits for: the event loop, the compositor, terminal output and tmux."""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

WIDTH, HEIGHT = 160, 50
SOCKET = f"reader-bench-{os.getpid()}"
SESSION = "bench"
TIMEOUT = 30.0


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


@contextmanager
def terminal() -> Iterator[None]:
    """The private tmux server, killed at the end (only this one: it has its own socket)."""
    if not shutil.which("tmux"):
        raise SystemExit("this benchmark needs tmux")
    # A session that outlives the measured ones: with none left, the server would exit while the
    # next `new-session` connects to it.
    tmux("new-session", "-d", "-s", "keep", "-x", "20", "-y", "5", "sleep 86400")
    try:
        yield
    finally:
        tmux("kill-server")


def pane() -> str:
    return tmux("capture-pane", "-p", "-t", SESSION)


def start(command: str, env: dict[str, str]) -> float:
    """Start `command` in a fresh WIDTH×HEIGHT session with `env` added; when it was started."""
    tmux("kill-session", "-t", SESSION)
    run = " ".join(["env", *(f"{k}={shlex.quote(v)}" for k, v in env.items()), command])
    # If the program ends, its last words and exit status stay on the pane (for the timeout message).
    line = f"sh -c {shlex.quote(f'{run}; echo exited with status $?; sleep 60')}"
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", SESSION, "-x", str(WIDTH), "-y", str(HEIGHT), line)
    return started


def send(*keys: str, literal: bool = False) -> float:
    """Send keys (tmux key names, or text with `literal`); when they were sent."""
    sent = time.perf_counter()
    tmux("send-keys", "-t", SESSION, *(["-l"] if literal else []), *keys)
    return sent


def wait_for(found: Callable[[str], bool], timeout: float = TIMEOUT) -> float:
    """Poll the pane until `found(text)`; when it was first seen."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if found(pane()):
            return time.perf_counter()
        time.sleep(0.001)
    raise SystemExit(
        f"timed out after {timeout:.0f} s waiting for {found.__doc__ or found}; the pane shows:\n{pane()}"
    )


def stable(settle: float = 0.15, timeout: float = TIMEOUT) -> str:
    """The pane once it has not changed for `settle` seconds."""
    last, since = pane(), time.perf_counter()
    deadline = since + timeout
    while time.perf_counter() < deadline:
        time.sleep(0.01)
        now = pane()
        if now != last:
            last, since = now, time.perf_counter()
        elif time.perf_counter() - since >= settle:
            return now
    return last


def fmt(values: list[float]) -> str:
    """Median and p95 of durations in seconds, in ms."""
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  (n={len(ordered)})"


def load() -> str:
    return f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
