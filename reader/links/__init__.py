"""Word links: which words of an aligned unit translate which, in zh, vi and en.

`linker` finds them in one unit from dictionaries and readings, `stats` adds what co-occurrence
across the corpus shows, `store` keeps them per unit in the cache dir (linked once, again only
for changed documents), `spans` answers "what translates this span", `renderings` counts how a
term has been rendered, `lookup` is the dictionary at the cursor. Nothing here imports the UI.
"""

from __future__ import annotations

from reader.links.spans import counterparts_in


def counterparts(
    unit_texts: dict[str, str], lang: str, spans: list[tuple[int, int]], *, compute_missing: bool = True
) -> dict[str, list[tuple[int, int]]]:
    """For each other language of the unit, the spans that translate `spans` of `lang`.

    Links come from the store in the cache dir (`reader.links.store.LinkStore.ensure` keeps it
    up to date). A unit the store does not have is linked on the spot with the dictionaries
    alone (slow the first time: they load), or, with `compute_missing=False`, left out of the
    answer (an empty dict), so a caller in a hurry can tell "not linked yet" from "no words"."""
    from reader.links.store import default_store

    links = default_store().links_for(unit_texts)
    if links is None:
        if not compute_missing:
            return {}
        from reader.links.linker import link_unit

        links = link_unit(unit_texts)
    return counterparts_in(links, unit_texts, lang, spans)
