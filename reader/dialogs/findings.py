"""The glossary check of the open document: each unit where a term's agreed rendering is missing
in an aligned language; Enter goes to the unit."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.terms import Finding
from reader.text import LANGUAGE_NAMES
from reader.widgets.plain import Plain, plain


def describe(finding: Finding) -> str:
    where = "title" if finding.unit_index is None else finding.unit
    expected = " / ".join(finding.expected[:2]) or "—"
    instead = f"; has “{finding.found}” instead" if finding.found else ""
    return f"{where}  {finding.term} ({finding.term_lang}): {LANGUAGE_NAMES[finding.lang]} lacks “{expected}”{instead}"


class FindingsDialog(ModalScreen[int | None]):
    """Dismissed with the unit index to go to, or None."""

    DEFAULT_CSS = """
    FindingsDialog { align: center middle; }
    FindingsDialog > .dialog {
        width: 90%; max-width: 120; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    FindingsDialog OptionList { height: auto; max-height: 30; }
    """
    BINDINGS = [Binding("escape", "dismiss_none", "Close", id="findings.close")]

    def __init__(self, title: str, findings: Sequence[Finding]) -> None:
        super().__init__()
        self.title_text = title
        self.findings = list(findings)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            count = len(self.findings)
            yield Plain(
                f"Glossary check of {self.title_text}: "
                + (
                    f"{count} finding{'s' if count != 1 else ''}"
                    if count
                    else "nothing departs from the glossary"
                ),
                classes="dialog-title",
            )
            yield OptionList(*(Option(plain(describe(f))) for f in self.findings), id="findings")
            yield Plain("Enter: go to the unit · Esc: close", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        finding = self.findings[event.option_index]
        if finding.unit_index is None:
            self.notify("That one is in the document's title.")
            return
        self.dismiss(finding.unit_index)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
