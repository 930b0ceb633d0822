"""Tab and shift+Tab in dialogs with several fields, as priority bindings.

A priority binding runs when the app receives the key, before the keys after it are passed on;
an ordinary one runs only once the key has bubbled up from the focused field, by which time the
keys typed right after Tab (in the same read from the terminal) were already given to the field
being left ("second" Tab "court" gave the note "secondcourt" and no tags).
"""

from __future__ import annotations

from textual.binding import Binding

FIELD_KEYS = [
    Binding("tab", "app.focus_next", "Next field", show=False, priority=True, id="dialog.next-field"),
    Binding(
        "shift+tab",
        "app.focus_previous",
        "Previous field",
        show=False,
        priority=True,
        id="dialog.previous-field",
    ),
]
