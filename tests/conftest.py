"""Shared fixtures: an isolated $READER_HOME and small trilingual documents."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.corpus import Corpus, write_document
from reader.model import Bead, Document, Version

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# A small court-news document; sentence 3 of the original is split in two in English (1-2),
# and the last zh sentence has markup-like text that must show literally.
ZH = [
    ["越南最高人民法院代表团访问广西。", "双方讨论了司法合作。"],
    ["阮辉进会见了赵志军。", "会谈在南宁举行，气氛友好。"],
    ["[Reuters] 报道称 [/b] 双方签署了备忘录 [RED] 路径\\"],
]
VI = [
    [
        "Đoàn đại biểu Tòa án nhân dân tối cao Việt Nam thăm Quảng Tây.",
        "Hai bên thảo luận về hợp tác tư pháp.",
    ],
    [
        "Nguyễn Huy Tiến hội kiến Triệu Chí Quân.",
        "Cuộc hội đàm diễn ra tại Nam Ninh trong không khí hữu nghị.",
    ],
    ["[Reuters] đưa tin [/b] hai bên đã ký bản ghi nhớ [RED] đường dẫn\\"],
]
EN = [
    [
        "A delegation of the Supreme People's Court of Vietnam visited Guangxi.",
        "The two sides discussed judicial cooperation.",
    ],
    ["Nguyen Huy Tien met Zhao Zhijun.", "The talks were held in Nanning.", "The atmosphere was friendly."],
    ["[Reuters] reported [/b] that the two sides signed a memorandum [RED] path\\"],
]


def sample_document(doc_id: str = "sample-court-visit", n_copies: int = 1) -> Document:
    """The sample document, optionally repeated `n_copies` times (for big-document tests)."""
    zh = [list(p) for _ in range(n_copies) for p in ZH]  # fresh lists: tests may edit them
    vi = [list(p) for _ in range(n_copies) for p in VI]
    en = [list(p) for _ in range(n_copies) for p in EN]
    vi_beads, en_beads = [], []
    for copy in range(n_copies):
        s, e = copy * 5, copy * 6
        vi_beads += [Bead((s + i,), (s + i,)) for i in range(5)]
        en_beads += [
            Bead((s,), (e,)),
            Bead((s + 1,), (e + 1,)),
            Bead((s + 2,), (e + 2,)),
            Bead((s + 3,), (e + 3, e + 4)),
            Bead((s + 4,), (e + 5,)),
        ]
    return Document(
        id=doc_id,
        original_language="zh",
        versions={
            "zh": Version("zh", zh, "original"),
            "vi": Version("vi", vi, "translation written for this corpus"),
            "en": Version("en", en, "translation written for this corpus"),
        },
        titles={
            "zh": "越南最高人民法院代表团访问广西",
            "vi": "Đoàn TANDTC thăm Quảng Tây",
            "en": "[Court] delegation visits Guangxi",
        },
        date="2024-06-12",
        source="Test Source",
        url="https://example.org/a",
        alignments={"vi": vi_beads, "en": en_beads},
    )


@pytest.fixture(autouse=True)
def _never_the_real_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test runs under a temporary $READER_HOME unless it asks for its own."""
    monkeypatch.setenv("READER_HOME", str(tmp_path_factory.getbasetemp() / "default-home"))


@pytest.fixture
def reader_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("READER_HOME", str(home))
    return home


@pytest.fixture
def make_corpus(tmp_path: Path, reader_home: Path) -> Callable[..., Corpus]:
    """A corpus with the given documents in a tmp bundled dir and an empty user dir."""

    def make(*docs: Document) -> Corpus:
        root = tmp_path / "bundled"
        for doc in docs or (sample_document(),):
            write_document(doc, root)
        return Corpus(bundled_root=root, user_root=reader_home / "data" / "corpus")

    return make


def run_reader(home: Path | None, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`python -m reader ARGS` as a user would run it, with READER_HOME set when given."""
    env = {**os.environ, "READER_HOME": str(home)} if home is not None else dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=timeout,
    )


async def wait_until(pilot, condition, seconds: float = 60.0) -> bool:
    """Pause until `condition()` holds (True) or `seconds` pass (False): for work whose time
    depends on the machine, such as the dictionaries' first load (a minute on a busy one)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return bool(condition())


async def settle(pilot) -> None:
    """Let the app finish what the last keys started: messages, timers due now and workers
    (debounces are 0 in tests, see `_no_debounce`), then one more refresh."""
    from textual.worker import WorkerCancelled, WorkerFailed

    await pilot.pause()
    for _ in range(3):  # a worker's result may start another (search → open the hit)
        # (Textual's own long-lived workers, such as DirectoryTree's loader, never finish)
        workers = [w for w in pilot.app.workers if not w.is_finished and not w.group.startswith("_")]
        if not workers:
            break
        for worker in workers:
            with contextlib.suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()
        await pilot.pause()
    await pilot.pause()


@pytest.fixture(autouse=True)
def _no_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    """No real-time waits in the app's tests: the search debounce, the state-saving delay and the
    index worker's waits for quiet keys are 0 (tests/test_background.py tests those waits)."""
    from reader.app import ReaderApp
    from reader.screens.search import SearchScreen

    monkeypatch.setattr(SearchScreen, "DEBOUNCE", 0)
    monkeypatch.setattr(ReaderApp, "SAVE_DELAY", 0)
    monkeypatch.setattr(ReaderApp, "CHECK_AFTER_QUIET", 0)
    monkeypatch.setattr(ReaderApp, "WARM_AFTER_QUIET", 0)


async def open_reader(pilot, doc_id: str = "sample-court-visit"):
    """Open `doc_id` in the reader as the app does (an `OpenDocument` message) and return the
    reader screen once it shows."""
    from reader.messages import OpenDocument
    from reader.screens.reader import ReaderScreen

    await settle(pilot)
    pilot.app.post_message(OpenDocument(doc_id))
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen) and screen.doc.id == doc_id
    return screen
