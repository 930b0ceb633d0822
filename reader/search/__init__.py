"""Multilingual search over aligned units (Whoosh). Importing this package is cheap: Whoosh
is imported only when an index is opened or built."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.search.engine import Hit, SearchEngine, SearchResults

__all__ = ["Hit", "SearchEngine", "SearchResults"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from reader.search import engine

        return getattr(engine, name)
    raise AttributeError(name)
