"""Alignment edits (merge, split, shift/pop, confirm, re-align) with an undo history that
survives restarts; `rows` holds the pure operations, `editor` the saving and the history."""

from reader.edits.editor import Editor, Outcome
from reader.edits.rows import EditError

__all__ = ["EditError", "Editor", "Outcome"]
