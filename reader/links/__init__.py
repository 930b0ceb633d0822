"""Word links: which words of an aligned unit translate which, in zh, vi and en.

`linker` finds them in one unit from dictionaries and readings, `stats` adds what co-occurrence
across the corpus shows, `store` keeps them per unit in the cache dir (linked once, again only
for changed documents), `spans` answers "what translates this span", `renderings` counts how a
term has been rendered, `lookup` is the dictionary at the cursor. Nothing here imports the UI.
"""

from __future__ import annotations

from reader.links.spans import counterparts_in


def _links(unit_texts: dict[str, str], compute_missing: bool) -> dict | None:
    from reader.links.store import default_store

    links = default_store().links_for(unit_texts)
    if links is None and compute_missing:
        from reader.links.linker import link_unit

        links = link_unit(unit_texts)
    return links


def rendering(
    unit_texts: dict[str, str], lang: str, span: tuple[int, int], other: str, *, compute_missing: bool = True
) -> str | None:
    """What the unit's `other` text has for the words at `span` of its `lang` text (the span
    `reader renderings` would count), or None when the links show nothing. Links as for
    `counterparts`."""
    from reader.links.renderings import rendering_in

    links = _links(unit_texts, compute_missing)
    return rendering_in(unit_texts, links, lang, span, other) if links is not None else None


def counterparts(
    unit_texts: dict[str, str], lang: str, spans: list[tuple[int, int]], *, compute_missing: bool = True
) -> dict[str, list[tuple[int, int]]]:
    """For each other language of the unit, the spans that translate `spans` of `lang`.

    Links come from the store in the cache dir (`reader.links.store.LinkStore.ensure` keeps it
    up to date). A unit the store does not have is linked on the spot with the dictionaries
    alone (slow the first time: they load), or, with `compute_missing=False`, left out of the
    answer (an empty dict), so a caller in a hurry can tell "not linked yet" from "no words"."""
    links = _links(unit_texts, compute_missing)
    return counterparts_in(links, unit_texts, lang, spans) if links is not None else {}
