"""How the app tells the user things: one place for toasts and errors.

Every toast shows its text literally (document titles, file names and error messages are never
read as markup), the same toast is not stacked while it still shows, and failures reported by
screens (`messages.Failed`) or by workers that raised are shown as errors.
"""

from __future__ import annotations

import time

from textual import on
from textual.app import App
from textual.notifications import SeverityLevel
from textual.worker import Worker, WorkerState

from reader import messages


class NoticesApp(App):
    def __init__(self) -> None:
        super().__init__()
        self._toasts: dict[tuple[str, str], float] = {}  # (severity, text) → when it stops showing

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast: literal text (never markup), and the same toast not stacked while it shows."""
        timeout = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        now = time.monotonic()
        key = (severity, f"{title}\n{message}")
        if self._toasts.get(key, 0.0) > now:
            return
        self._toasts = {k: until for k, until in self._toasts.items() if until > now}
        self._toasts[key] = now + timeout
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def forget_notices(self) -> None:
        """Clear the toasts (e.g. on opening another document: they were about the last one)."""
        self.clear_notifications()
        self._toasts.clear()

    @on(messages.Failed)
    def _failed(self, event: messages.Failed) -> None:
        self.notify(event.error, title=event.doing, severity="error", timeout=10)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.notify(str(event.worker.error), title=f"{event.worker.name} failed", severity="error")
            self.after_worker_failed()

    def after_worker_failed(self) -> None:
        """Undo what a failed worker left showing (the app clears its activity)."""
