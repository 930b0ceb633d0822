"""A real-terminal smoke test: `reader` in tmux, keys sent, the screen read back."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import REPO, sample_document

from reader.corpus import Corpus, write_document

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


class Tmux:
    def __init__(self, command: str, width: int = 120, height: int = 30) -> None:
        self.name = f"reader-test-{uuid.uuid4().hex[:8]}"
        self.tmux = ["tmux", "-L", self.name, "-f", "/dev/null"]  # a server of its own
        subprocess.run(
            [*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command],
            check=True,
        )
        subprocess.run([*self.tmux, "resize-window", "-t", self.name, "-x", str(width), "-y", str(height)])

    def screen(self) -> str:
        result = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return result.stdout

    def send(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{self.screen()}")

    def wait_gone(self, text: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while text in self.screen():
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} is still on the screen:\n{self.screen()}")
            time.sleep(0.2)

    def alive(self) -> bool:
        return (
            subprocess.run([*self.tmux, "has-session", "-t", self.name], capture_output=True).returncode == 0
        )

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def test_reader_in_a_real_terminal(reader_home: Path) -> None:
    write_document(sample_document(), reader_home / "data" / "corpus")
    env = f"READER_HOME={shlex.quote(str(reader_home))} TERM=xterm-256color"
    command = f"cd {shlex.quote(str(REPO))} && {env} {shlex.quote(sys.executable)} -m reader"
    tmux = Tmux(command)
    try:
        tmux.wait_for("Library")
        tmux.send("f")  # typed at once, on a cold start: every key must land (issue 17)
        tmux.send("-l", "sample-court")
        tmux.wait_for("  sample-court ", timeout=10)
        tmux.wait_for("越南最高人民法院代表团访问")
        for info in Corpus(user_root=reader_home / "none").infos():  # the filter hides the bundled ones
            tmux.wait_gone(info.title()[:12])
        tmux.send("Enter")
        screen = tmux.wait_for("A delegation of the Supreme")
        assert "越南最高人民法院代表团访问广西。" in screen
        assert "▌" in screen  # the cursor row's gutter mark
        tmux.send("G")
        screen = tmux.wait_for("[Reuters] reported [/b]")
        assert "[RED]" in screen
        tmux.send("?")
        tmux.wait_for("Keys (esc closes)")
        tmux.send("Escape")  # (a key sent right after Escape would read as alt+key)
        tmux.wait_gone("Keys (esc closes)")
        tmux.send("q")
        tmux.wait_for("Library")
        tmux.send("q")
        deadline = time.monotonic() + 10
        while tmux.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not tmux.alive(), "the app did not quit on q from the library"
    finally:
        tmux.close()
    state = (reader_home / "config" / "state.json").read_text(encoding="utf-8")
    assert '"last_document": "sample-court-visit"' in state


def test_letters_typed_right_after_slash_are_the_query(reader_home: Path) -> None:
    """`/court` typed at once (a fast typist, a paste): every letter lands in the search box, none
    in the library's filter under it; and a `/` in the box is text (issue 19)."""
    env = f"READER_HOME={shlex.quote(str(reader_home))} TERM=xterm-256color"
    command = f"cd {shlex.quote(str(REPO))} && {env} {shlex.quote(sys.executable)} -m reader"
    tmux = Tmux(command)
    try:
        tmux.wait_for("documents")
        tmux.send("-l", "/court")
        screen = tmux.wait_for("▊  court ", timeout=10)
        assert "Search" in screen
        tmux.send("-l", "/x")
        tmux.wait_for("▊  court/x ", timeout=10)
    finally:
        tmux.close()
