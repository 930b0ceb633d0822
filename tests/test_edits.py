"""Alignment edits: merge, split, shift/pop, confirm, re-align; undo/redo across restarts; the
overlay for bundled documents and in-place edits of imported ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import sample_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.corpus import Corpus, CorpusError, write_document
from reader.edits import EditError, Editor
from reader.edits import rows as ops
from reader.errors import UserError
from reader.model import Bead

DOC = "sample-court-visit"


def _corpus(root: Path, home: Path) -> Corpus:
    """A fresh catalogue, as a new process would open it."""
    return Corpus(bundled_root=root, user_root=home / "data" / "corpus")


@pytest.fixture
def bundled(tmp_path: Path, reader_home: Path) -> Callable[[], Corpus]:
    write_document(sample_document(), tmp_path / "bundled")
    return lambda: _corpus(tmp_path / "bundled", reader_home)


@pytest.fixture
def imported(tmp_path: Path, reader_home: Path) -> Callable[[], Corpus]:
    doc = sample_document("imported-doc")
    doc.bundled = False
    write_document(doc, reader_home / "data" / "corpus")
    (tmp_path / "empty").mkdir()
    return lambda: _corpus(tmp_path / "empty", reader_home)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _without_journal(files: dict[str, bytes]) -> dict[str, bytes]:
    """The alignment files (an empty confirmed list is the same as none)."""
    return {
        name: data
        for name, data in files.items()
        if name != "journal.jsonl" and (name, data) != ("confirmed.txt", b"")
    }


def _shape(doc) -> list[tuple[str, dict[str, tuple[int, ...]]]]:
    return [(u.id, {k: v for k, v in sorted(u.sentences.items())}) for u in doc.units]


def test_merge_keeps_first_id_and_persists_in_an_overlay(
    bundled: Callable[[], Corpus], tmp_path: Path, reader_home: Path
) -> None:
    before = _files(tmp_path / "bundled" / DOC)
    outcome = Editor(bundled(), DOC).merge("p1s1")
    assert outcome.unit == "p1s1" and "p1s2" in outcome.message
    doc = bundled().get(DOC)  # a new catalogue reads the overlay
    assert [u.id for u in doc.units] == ["p1s1", "p2s1", "p2s2", "p3s1"]
    assert doc.units[0].sentences == {"zh": (0, 1), "vi": (0, 1), "en": (0, 1)}
    assert doc.units[0].text["en"].startswith("A delegation") and doc.units[0].text["en"].endswith(
        "cooperation."
    )
    # the merged-in unit's id resolves to the merged unit
    assert doc.resolve("p1s2") == 0 and doc.resolve("p9s9") is None
    assert _files(tmp_path / "bundled" / DOC) == before  # the bundled corpus is read-only
    overlay = reader_home / "data" / "edits" / DOC
    assert (overlay / "vi.align").read_text() == "[0,1]:[0,1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n"


def test_imported_documents_are_edited_in_place(imported: Callable[[], Corpus], reader_home: Path) -> None:
    Editor(imported(), "imported-doc").merge("p2s1")
    folder = reader_home / "data" / "corpus" / "imported-doc"
    assert "[2,3]:[2,3,4]" in (folder / "en.align").read_text()
    assert not (reader_home / "data" / "edits").exists()
    assert [u.id for u in imported().get("imported-doc").units] == ["p1s1", "p1s2", "p2s1", "p3s1"]


def test_split_defaults_to_one_to_one_from_the_top(bundled: Callable[[], Corpus]) -> None:
    editor = Editor(bundled(), DOC)
    editor.merge("p2s1")  # zh 2,3 / en 2,3,4
    outcome = editor.split("p2s1")
    assert outcome.unit == "p2s1" and "p2s2" in outcome.message
    doc = bundled().get(DOC)
    assert doc.units[2].sentences["en"] == (2,) and doc.units[3].sentences["en"] == (3, 4)
    editor.merge("p2s1")
    editor.split("p2s1", {"en": 2})
    doc = bundled().get(DOC)
    assert doc.units[2].sentences == {"zh": (2,), "vi": (2,), "en": (2, 3)}
    assert doc.units[3].sentences == {"zh": (3,), "vi": (3,), "en": (4,)}
    editor.merge("p2s1")
    editor.split("p2s1", {"zh": 1, "vi": 0, "en": 3})  # a unit may be empty in a translation
    doc = bundled().get(DOC)
    assert doc.units[2].sentences["vi"] == () and doc.units[3].sentences == {
        "zh": (3,),
        "vi": (2, 3),
        "en": (),
    }


@pytest.mark.parametrize(
    ("unit", "at", "error"),
    [
        ("p1s1", {}, "one zh sentence"),
        ("p9s1", {}, "no unit 'p9s1'"),
    ],
)
def test_impossible_splits_are_refused(
    bundled: Callable[[], Corpus], unit: str, at: dict, error: str
) -> None:
    with pytest.raises(EditError, match=error):
        Editor(bundled(), DOC).split(unit, at)


def test_split_points_out_of_range_name_the_range(bundled: Callable[[], Corpus], reader_home: Path) -> None:
    editor = Editor(bundled(), DOC)
    editor.merge("p1s1")
    for at, error in (({"zh": 2}, r"zh:2 .* 1 to 1"), ({"en": 3, "zh": 1}, r"en:3 .* 0 to 2")):
        with pytest.raises(EditError, match=error):
            editor.split("p1s1", at)
    assert editor.history() == (1, 0)  # nothing was written by the refused edits


def test_shift_and_pop_move_one_language_sentence(bundled: Callable[[], Corpus]) -> None:
    editor = Editor(bundled(), DOC)
    editor.pop("p2s2", "en")  # "The atmosphere was friendly." joins the last unit
    doc = bundled().get(DOC)
    assert doc.units[3].sentences["en"] == (3,) and doc.units[4].sentences["en"] == (4, 5)
    editor.shift("p3s1", "en")  # and back
    assert bundled().get(DOC).units[3].sentences["en"] == (3, 4)
    with pytest.raises(EditError, match="no previous unit"):
        editor.shift("p1s1", "vi")
    with pytest.raises(EditError, match="merge the units instead"):
        editor.shift("p1s2", "zh")


def test_moving_an_original_sentence_moves_the_unit_boundary(bundled: Callable[[], Corpus]) -> None:
    editor = Editor(bundled(), DOC)
    editor.merge("p2s1")
    outcome = editor.pop("p2s1", "zh")  # 会谈在南宁举行 goes down to the last unit
    doc = bundled().get(DOC)
    assert outcome.unit == "p2s1"
    assert [u.id for u in doc.units] == ["p1s1", "p1s2", "p2s1", "p2s2"]
    assert doc.units[3].sentences == {"zh": (3, 4), "vi": (4,), "en": (5,)}


def test_undo_and_redo_survive_a_restart(bundled: Callable[[], Corpus]) -> None:
    original = _shape(bundled().get(DOC))
    Editor(bundled(), DOC).merge("p1s1")
    merged = _shape(bundled().get(DOC))
    Editor(bundled(), DOC).pop("p2s2", "en")
    popped = _shape(bundled().get(DOC))
    assert Editor(bundled(), DOC).history() == (2, 0)
    Editor(bundled(), DOC).undo()  # each Editor and Corpus is a fresh start
    assert _shape(bundled().get(DOC)) == merged
    outcome = Editor(bundled(), DOC).undo()
    assert _shape(bundled().get(DOC)) == original and "merge" in outcome.message
    with pytest.raises(EditError, match="nothing to undo"):
        Editor(bundled(), DOC).undo()
    Editor(bundled(), DOC).redo()
    Editor(bundled(), DOC).redo()
    assert _shape(bundled().get(DOC)) == popped
    with pytest.raises(EditError, match="nothing to redo"):
        Editor(bundled(), DOC).redo()
    Editor(bundled(), DOC).undo()
    Editor(bundled(), DOC).confirm("p1s1")  # a new edit drops what could be redone
    assert Editor(bundled(), DOC).history() == (2, 0)


def test_confirmations_persist_and_are_dropped_by_edits_of_that_unit(bundled: Callable[[], Corpus]) -> None:
    editor = Editor(bundled(), DOC)
    editor.confirm("p1s1")
    editor.confirm("p2s2")
    assert Editor(bundled(), DOC).confirmed() == {"p1s1", "p2s2"}
    editor.merge("p1s1")
    assert Editor(bundled(), DOC).confirmed() == {"p2s2"}
    editor.undo()
    assert Editor(bundled(), DOC).confirmed() == {"p1s1", "p2s2"}
    outcome = editor.confirm("p2s2")  # toggles
    assert editor.confirmed() == outcome.confirmed == {"p1s1"}
    assert editor.merge("p2s1").confirmed == {"p1s1"} and editor.undo().confirmed == {"p1s1"}


def test_realign_keeps_confirmed_units_fixed(bundled: Callable[[], Corpus]) -> None:
    editor = Editor(bundled(), DOC)
    # Misalign the English of the middle: p2s1 takes both sentences of p2s2's translation.
    editor.shift("p2s2", "en")
    editor.shift("p2s2", "en")
    editor.confirm("p1s1")
    editor.confirm("p3s1")
    before = bundled().get(DOC)
    assert before.units[2].sentences["en"] == (2, 3, 4) and before.units[3].sentences["en"] == ()
    outcome = editor.realign("p2s1")
    assert "p1s2" in outcome.message and "p2s2" in outcome.message  # the stretch between
    after = bundled().get(DOC)
    assert after.units[0].sentences == before.units[0].sentences
    assert after.units[-1].sentences == before.units[-1].sentences
    assert after.units[2].sentences["en"] == (2,) and after.units[3].sentences["en"] == (3, 4)
    assert editor.confirmed() == {"p1s1", "p3s1"}
    with pytest.raises(EditError, match="confirmed"):
        editor.realign("p1s1")


def test_history_restarts_when_files_change_outside(
    imported: Callable[[], Corpus], reader_home: Path
) -> None:
    editor = Editor(imported(), "imported-doc")
    editor.merge("p1s1")
    align = reader_home / "data" / "corpus" / "imported-doc" / "vi.align"
    align.write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n")  # e.g. re-aligned by a script
    fresh = Editor(imported(), "imported-doc")
    with pytest.raises(EditError, match="nothing to undo"):
        fresh.undo()
    assert "changed outside the editor" in fresh.notice
    journal = (align.parent / "journal.jsonl").read_text().splitlines()
    assert json.loads(journal[-1])["op"] == "rebase"
    fresh.merge("p1s1")
    fresh.undo()
    assert align.read_text() == "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n"


def test_a_damaged_journal_is_named(bundled: Callable[[], Corpus], reader_home: Path) -> None:
    Editor(bundled(), DOC).merge("p1s1")
    journal = reader_home / "data" / "edits" / DOC / "journal.jsonl"
    good = journal.read_text()
    journal.write_text(good + "{not json\n")
    with pytest.raises(UserError, match=r"journal.jsonl:2: damaged edit history"):
        Editor(bundled(), DOC).undo()
    entry = json.loads(good)
    entry["changes"] = {"vi": [0, "not a list of beads"]}
    journal.write_text(json.dumps(entry) + "\n")
    with pytest.raises(UserError, match=r"journal.jsonl:1: damaged edit history"):
        Editor(bundled(), DOC).undo()


def test_overlay_for_changed_bundled_text_is_an_error_not_a_silent_misalignment(
    bundled: Callable[[], Corpus], tmp_path: Path
) -> None:
    Editor(bundled(), DOC).merge("p1s1")
    zh = tmp_path / "bundled" / DOC / "zh.txt"
    zh.write_text(zh.read_text().replace("双方", "两国"))  # a new release changed the text
    with pytest.raises(CorpusError, match="earlier version of this document's text"):
        bundled().get(DOC)


def test_bookmarks_follow_merges_and_splits(bundled: Callable[[], Corpus]) -> None:
    from reader.bookmarks import BookmarkStore

    store = BookmarkStore()
    store.add(bundled().get(DOC), "p1s2", note="second sentence")
    editor = Editor(bundled(), DOC)
    editor.merge("p1s1")
    assert store.mark_stale(bundled()) == 0
    doc = bundled().get(DOC)
    assert doc.units[doc.resolve("p1s2") or 0].id == "p1s1"
    editor.split("p1s1")
    assert store.mark_stale(bundled()) == 0
    assert bundled().get(DOC).resolve("p1s2") == 1


# -- the pure operations, under random edit sequences ----------------------------------------

EDITS = st.lists(
    st.tuples(
        st.sampled_from(["merge", "split", "shift", "pop"]),
        st.integers(0, 20),
        st.sampled_from(["zh", "vi", "en"]),
        st.integers(0, 3),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_random_edits_keep_a_valid_alignment_and_undo_to_the_start(edits) -> None:
    doc = sample_document(n_copies=2)
    rows = ops.rows_of(doc)
    assert ops.alignments_of(rows) == doc.alignments  # grouping then flattening loses nothing
    for op, position, lang, n in edits:
        index = position % len(rows)
        try:
            if op == "merge":
                rows = ops.merge(rows, index)
            elif op == "split":
                rows = ops.split(rows, index, {lang: n}, "zh")
            elif op == "shift":
                rows = ops.shift(rows, index, lang, "zh")
            else:
                rows = ops.pop(rows, index, lang, "zh")
        except EditError:
            continue
        alignments = ops.alignments_of(rows)
        for beads in alignments.values():  # every sentence once, in order, every bead with an original
            assert [i for b in beads for i in b.src] == list(range(10))
            assert all(b.src for b in beads)
        assert sorted(t for b in alignments["en"] for t in b.tgt) == list(range(12))
        edited = replace(doc, alignments=alignments)
        assert [u.sentences["zh"] for u in edited.units] == [r.orig for r in rows]


def test_rows_keep_untouched_beads(bundled: Callable[[], Corpus]) -> None:
    doc = bundled().get(DOC)
    doc.alignments["en"] = [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), ()), *doc.alignments["en"][2:]]
    rows = ops.merge(ops.rows_of(doc), 3)
    assert ops.alignments_of(rows)["en"][:3] == [Bead((0,), (0,)), Bead((), (1,)), Bead((1,), ())]


OPS = st.lists(
    st.tuples(
        st.sampled_from(["merge", "split", "shift", "pop", "confirm"]),
        st.integers(0, 9),
        st.sampled_from(["zh", "vi", "en"]),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=OPS)
def test_undo_all_then_redo_all_restores_each_state(tmp_path_factory, steps) -> None:
    root = tmp_path_factory.mktemp("undo")
    doc = sample_document("imported-doc", 2)
    doc.bundled = False
    write_document(doc, root / "user")
    corpus = Corpus(bundled_root=root / "none", user_root=root / "user", overlay_root=root / "edits")
    editor = Editor(corpus, "imported-doc")
    folder = root / "user" / "imported-doc"
    states = [_files(folder)]
    for op, position, lang in steps:
        units = editor.document().units
        unit = units[position % len(units)].id
        try:
            if op in ("shift", "pop"):
                getattr(editor, op)(unit, lang)
            elif op == "split":
                editor.split(unit, {})
            else:
                getattr(editor, op)(unit)
        except EditError:
            continue
        states.append(_files(folder))
    for state in reversed(states[:-1]):
        editor.undo()
        assert _without_journal(_files(folder)) == _without_journal(state)
    for state in states[1:]:
        Editor(
            Corpus(bundled_root=root / "none", user_root=root / "user", overlay_root=root / "edits"),
            "imported-doc",
        ).redo()
        assert _without_journal(_files(folder)) == _without_journal(state)


@pytest.mark.slow
def test_search_index_follows_edits_to_a_bundled_document(
    bundled: Callable[[], Corpus], tmp_path: Path
) -> None:
    from reader.search import SearchEngine

    corpus = bundled()
    engine = SearchEngine(corpus, tmp_path / "index")
    assert "built" in engine.ensure_index()
    hits = engine.search("Nanning").hits
    assert [(h.doc, h.unit) for h in hits] == [(DOC, "p2s2")]
    Editor(corpus, DOC).merge("p2s1")  # only the overlay changes, not the bundled folder
    assert engine.ensure_index() == "Search index updated: 1 changed, 0 removed."
    assert [(h.doc, h.unit) for h in engine.search("Nanning").hits] == [(DOC, "p2s1")]


def test_an_editor_sees_edits_made_by_another_process(bundled: Callable[[], Corpus]) -> None:
    first = Editor(bundled(), DOC)
    first.merge("p1s1")
    assert [u.id for u in first.document().units] == ["p1s1", "p2s1", "p2s2", "p3s1"]
    Editor(bundled(), DOC).merge("p2s1")  # e.g. `reader units` while the app is open
    assert [u.id for u in first.document().units] == ["p1s1", "p2s1", "p3s1"]
    outcome = first.undo()
    assert "merge of p2s1" in outcome.message and not first.notice
    assert [u.id for u in outcome.doc.units] == ["p1s1", "p2s1", "p2s2", "p3s1"]


def test_undo_gives_back_the_aligner_confidences(imported: Callable[[], Corpus], reader_home: Path) -> None:
    align = reader_home / "data" / "corpus" / "imported-doc" / "en.align"
    align.write_text("[0]:[0]:0.990\n[1]:[1]:0.870\n[2]:[2]:0.950\n[3]:[3,4]:0.610\n[4]:[5]:0.930\n")
    before = align.read_text()
    editor = Editor(imported(), "imported-doc")
    editor.merge("p1s1")
    assert align.read_text().startswith("[0,1]:[0,1]\n[2]:[2]:0.950\n")  # a hand-made bead has none
    editor.undo()
    assert align.read_text() == before
    editor.redo()
    editor.undo()
    assert align.read_text() == before and not editor.notice
