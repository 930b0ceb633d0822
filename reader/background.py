"""The app's background work: the search index built or brought up to date in a worker (its
progress in the title bars through the `activity` reactive), and the library watched for
documents another process imported or removed.

The worker shares the interpreter lock with the UI, so it keeps out of the way of someone paging
through a document: the freshness check (importing the search code, some 150 ms of CPU) waits
for half a second without a key, and warming the searcher once the index is up to date
(importing Whoosh, opening the index, loading the reading tables: some 200 ms) for 1.5 s."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.reactive import reactive
from textual.worker import get_current_worker

from reader import messages
from reader.notices import NoticesApp

if TYPE_CHECKING:
    from reader.corpus import Corpus
    from reader.services import Services


class BackgroundApp(NoticesApp):
    WATCH_SECONDS = 2.0  # how often the library is checked for changes made by other processes
    CHECK_AFTER_QUIET = 0.5  # seconds without a key or a click before the index is checked
    WARM_AFTER_QUIET = 1.5  # … and before the searcher is warmed

    activity: reactive[str] = reactive("")  # background work, shown in the title bars
    services: Services

    def __init__(self) -> None:
        super().__init__()
        self._corpus_stamp: tuple = ()
        self.last_input = time.monotonic()  # when the user last pressed a key or clicked

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self.last_input = time.monotonic()
        await super().on_event(event)

    @property
    def corpus(self) -> Corpus:
        return self.services.corpus

    def watch_library(self) -> None:
        """From now on, changes made to the library by other processes are noticed."""
        self._corpus_stamp = self.corpus.stamp()
        self.set_interval(self.WATCH_SECONDS, self._watch_corpus)

    def library_seen(self) -> None:
        """The app knows of the library's current state (after its own import or removal)."""
        self._corpus_stamp = self.corpus.stamp()

    def _watch_corpus(self) -> None:
        """Another process (`reader import`, `reader remove`) changed the library: show it."""
        if self.corpus.stamp() != self._corpus_stamp:
            self.post_message(
                messages.DocumentsChanged("The library changed on disk; it is up to date again.")
            )

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _build_index(self) -> None:
        if not self._quiet_for(self.CHECK_AFTER_QUIET):
            return
        engine = self.services.search_engine

        def progress(done: int, total: int) -> None:
            self.post_message(messages.IndexProgress(done, total))

        try:
            message = engine.ensure_index(progress=progress)
        except Exception as exc:
            self.post_message(messages.IndexReady(f"Search index unavailable: {exc}", False))
            return
        self.post_message(messages.IndexReady(message, True))
        if self._quiet_for(self.WARM_AFTER_QUIET):
            engine.warm()

    def _quiet_for(self, seconds: float) -> bool:
        """Wait (in a worker) until there was no input for `seconds`; False if cancelled first."""
        worker = get_current_worker()
        while not worker.is_cancelled:
            quiet = time.monotonic() - self.last_input
            if quiet >= seconds:
                return True
            time.sleep(seconds - quiet)
        return False

    @on(messages.IndexProgress)
    def _index_progress(self, event: messages.IndexProgress) -> None:
        self.activity = f"indexing {event.done}/{event.total}…"

    @on(messages.IndexReady)
    def _index_ready(self, event: messages.IndexReady) -> None:
        self.activity = ""
        if event.message:
            self.notify(event.message, severity="information" if event.ok else "error")

    def after_worker_failed(self) -> None:
        self.activity = ""
