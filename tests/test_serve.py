"""`reader serve`: the app served to a web browser by textual-serve, on localhost."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp
import pytest
from conftest import REPO, sample_document

from reader.corpus import write_document

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture
def server(reader_home: Path):
    write_document(sample_document(), reader_home / "data" / "corpus")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", "--port", str(port)],
        cwd=REPO,
        env={**os.environ, "READER_HOME": str(reader_home)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_serve_answers_over_http_on_localhost(server) -> None:
    url, process = server
    page = fetch(url)
    assert f'data-session-websocket-url="ws://127.0.0.1:{url.split(":")[2].rstrip("/")}/ws"' in page
    assert "<div>reader</div>" in page
    assert process.poll() is None


def test_serve_refuses_a_bad_port(reader_home: Path) -> None:
    from conftest import run_reader

    result = run_reader(reader_home, "serve", "--port", "70000")
    assert result.returncode == 2 and "--port 70000" in result.stderr and "Traceback" not in result.stderr


class Browser:
    """Headless Chromium driven over the DevTools protocol (aiohttp's websocket client)."""

    def __init__(self, url: str, tmp_path: Path) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--window-size=1200,800",
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={tmp_path / 'chromium'}",
                url,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        pages = json.loads(fetch(f"http://127.0.0.1:{self.port}/json"))
        self.ws_url = next(page["webSocketDebuggerUrl"] for page in pages if page["type"] == "page")
        self.next_id = 0

    def call(self, method: str, **params: object) -> dict:
        async def run() -> dict:
            async with (
                aiohttp.ClientSession() as session,
                session.ws_connect(self.ws_url, max_msg_size=0) as ws,
            ):
                self.next_id += 1
                await ws.send_json({"id": self.next_id, "method": method, "params": params})
                while True:
                    message = json.loads((await ws.receive()).data)
                    if message.get("id") == self.next_id:
                        return message.get("result", {})

        return asyncio.run(run())

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wait_for(check, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def type_keys(browser: Browser, text: str) -> None:
    """Keys as a user types them: keyDown (with the character) and keyUp, one key at a time."""
    for char in text:
        if char == "\n":
            key = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"}
        else:
            key = {"key": char, "text": char}
        browser.call("Input.dispatchKeyEvent", type="keyDown", **key)
        browser.call("Input.dispatchKeyEvent", type="keyUp", key=key["key"])
        time.sleep(0.05)


def last_document(reader_home: Path) -> str:
    try:
        return json.loads((reader_home / "config" / "state.json").read_text()).get("last_document", "")
    except (OSError, ValueError):
        return ""


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium (/usr/bin/chromium) is not installed")
def test_in_a_browser_a_user_opens_a_document_then_a_search_hit(
    server, reader_home: Path, tmp_path: Path
) -> None:
    """The page's terminal is a canvas, so what the app did is read from what it leaves: the
    search index it builds on start, a drawn page (not the splash), and the document the user
    opened by typing into the page (the state file records the last document)."""
    url, _ = server
    fetch(url)
    browser = Browser(url, tmp_path)
    try:
        assert wait_for(lambda: (reader_home / "cache").exists()), (
            "the browser's session never started the app"
        )
        time.sleep(3)  # the first screen drawn
        shot = tmp_path / "library.png"
        shot.write_bytes(base64.b64decode(browser.call("Page.captureScreenshot")["data"]))
        assert shot.stat().st_size > 20_000  # a drawn library, not the splash (about 10 kB)
        browser.call(
            "Input.dispatchMouseEvent", type="mousePressed", x=600, y=400, button="left", clickCount=1
        )
        browser.call(
            "Input.dispatchMouseEvent", type="mouseReleased", x=600, y=400, button="left", clickCount=1
        )
        type_keys(browser, "fsample-court\n")  # the filter leaves the one imported document; Enter opens it
        assert wait_for(lambda: last_document(reader_home) == "sample-court-visit", timeout=30), (
            f"typing in the page did not open the document (last document: {last_document(reader_home)!r})"
        )
        # a search: `/`, a word only one bundled document has, Enter to the results, Enter on
        # the first hit (again every few seconds until it opens: the results come from a worker)
        type_keys(browser, "/Tongzhou\n")
        target = "hanoi-procuracy-visits-beijing-2024"
        deadline = time.monotonic() + 60
        while last_document(reader_home) != target and time.monotonic() < deadline:
            type_keys(browser, "\n")
            wait_for(lambda: last_document(reader_home) == target, timeout=4)
        assert last_document(reader_home) == target, (
            f"the search typed in the page did not open its hit (last document: {last_document(reader_home)!r})"
        )
    finally:
        browser.close()
