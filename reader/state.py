"""What the app remembers between runs: last document, positions, languages, layout, theme.

Stored as JSON in the user config dir (or `$READER_HOME/config`), written atomically. A missing
or unreadable file means defaults: losing the reading position must never stop the app.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reader import atomic
from reader.paths import config_dir


@dataclass
class DocumentState:
    unit: str = ""
    langs: list[str] = field(default_factory=list)
    layout: str = "auto"


@dataclass
class AppState:
    last_document: str = ""
    theme: str = ""
    title_lang: str = ""  # the language titles are shown in; "" = each document's original
    documents: dict[str, DocumentState] = field(default_factory=dict)

    def document(self, doc_id: str) -> DocumentState:
        return self.documents.setdefault(doc_id, DocumentState())


def state_path() -> Path:
    return config_dir() / "state.json"


def load_state(path: Path | None = None) -> AppState:
    path = path or state_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        documents = {
            str(key): DocumentState(
                unit=str(value.get("unit", "")),
                langs=[str(lang) for lang in value.get("langs", [])],
                layout=str(value.get("layout", "auto")),
            )
            for key, value in dict(data.get("documents", {})).items()
        }
        return AppState(
            last_document=str(data.get("last_document", "")),
            theme=str(data.get("theme", "")),
            title_lang=str(data.get("title_lang", "")),
            documents=documents,
        )
    except (OSError, ValueError, TypeError, AttributeError):
        return AppState()


def save_state(state: AppState, path: Path | None = None) -> None:
    path = path or state_path()
    atomic.write_text(path, json.dumps(asdict(state), ensure_ascii=False, indent=1))
