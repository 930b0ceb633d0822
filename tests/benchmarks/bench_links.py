"""Word links: quality on the gold term list, and speed at 100,000 units.

    .venv/bin/python tests/benchmarks/bench_links.py --gold [-v]     # precision / recall per direction
    .venv/bin/python tests/benchmarks/bench_links.py [UNITS] [--serial]   # speed (default 100,000 units)

--gold links the bundled corpus in a temporary cache and scores the top rendering of every term
in each other language: precision = right / terms given a rendering, recall = right / all terms.
`renderings_gold.tsv` is the tuning set (its "tune" and "check" rows, both tuned on since),
`renderings_heldout.tsv` the held-out set (other terms, written before tuning, never tuned on);
they are reported apart.

Speed builds the search benchmark's corpus (NTREX-128 + the bundled documents, repeated; see
bench_search.py), times the search index build and the word-link build in the same run, then the
cost of counterparts for 20-hit pages and `reader renderings` for a term with about 1,000
occurrences (whole processes, warm, medians).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
GOLD = HERE / "renderings_gold.tsv"
HELDOUT = HERE / "renderings_heldout.tsv"
LANGS = ("zh", "vi", "en")


def read_gold(path: Path = GOLD) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("part\t"):
            continue
        part, lang, term, *answers = line.split("\t")
        rows.append(
            {
                "part": part,
                "lang": lang,
                "term": term,
                "answers": {
                    other: [a.strip() for a in answer.split("|")]
                    for other, answer in zip(LANGS, answers, strict=True)
                    if answer != "-"
                },
            }
        )
    return rows


def gold(verbose: bool) -> None:
    os.environ["READER_HOME"] = tempfile.mkdtemp()
    from reader.corpus import Corpus
    from reader.links.renderings import group_key, renderings
    from reader.links.store import LinkStore

    store = LinkStore()
    start = time.perf_counter()
    print(store.ensure(Corpus()), f"({time.perf_counter() - start:.1f} s with dictionary loading)")
    scores: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for row in read_gold(GOLD) + read_gold(HELDOUT):
        found = renderings(store, row["term"], row["lang"])
        for other, accepted in row["answers"].items():
            options = found.renderings.get(other, [])
            top = options[0].text if options else ""
            right = bool(top) and group_key(top, other) in {group_key(a, other) for a in accepted}
            for part in ("heldout" if row["part"] == "heldout" else "tuning",):
                tally = scores[row["lang"], other][part]
                tally[0] += right
                tally[1] += bool(top)
                tally[2] += 1
            if verbose and not right:
                print(
                    f"  [{row['part']}] {row['lang']}→{other} {row['term']!r}: got {top!r}, want {accepted}"
                )
    print(f"{'direction':10} {'part':7} {'precision':>10} {'recall':>8}  (right / given / terms)")
    for (lang, other), parts in sorted(scores.items()):
        for part in ("tuning", "heldout"):
            right, given, total = parts[part]
            if total:
                precision = right / given if given else 0.0
                print(
                    f"{lang}→{other:7} {part:7} {precision:10.1%} {right / total:8.1%}  ({right} / {given} / {total})"
                )


def _units_in(corpus) -> int:
    return sum(len(corpus.get(doc_id).units) for doc_id in corpus.ids())


def speed(total: int, with_serial: bool) -> None:
    sys.path.insert(0, str(HERE))
    from bench_search import make_corpus

    from reader.corpus import write_document
    from reader.links import counterparts
    from reader.links.store import LinkStore
    from reader.search import SearchEngine

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["READER_HOME"] = str(root / "home")
        from reader.corpus import Corpus
        from reader.paths import user_corpus_dir

        # in the user's library, so `reader renderings` (a process of its own) sees it too
        make_corpus(user_corpus_dir(), total)
        corpus = Corpus()
        engine = SearchEngine(corpus, root / "index")
        start, cpu = time.perf_counter(), time.process_time()
        engine.ensure_index()
        index_time, index_cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"search index build, {total:,} units: {index_time:.1f} s (cpu {index_cpu:.1f} s)")
        from reader.links.store import workers

        if with_serial:
            _serial_build(corpus, root, index_time, index_cpu)
        store = LinkStore()
        start, cpu = time.perf_counter(), time.process_time()
        message = store.ensure(corpus)
        links_time = time.perf_counter() - start
        import resource

        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        links_cpu = time.process_time() - cpu + children.ru_utime + children.ru_stime
        print(
            f"word links build, {workers()} worker processes (as shipped): {links_time:.1f} s = "
            f"{links_time / index_time:.2f} × the index; cpu, workers included, {links_cpu:.1f} s ({message})"
        )

        # counterparts for 20-hit pages: the page's hits, then their counterparts
        pages = [engine.search(query, limit=20) for query in ("court", "法院", "toa an", "government", "the")]
        pages = [results for results in pages if len(results.hits) == 20]  # full pages only
        if not pages:
            sys.exit("no query gave a full 20-hit page: counterparts not measured")
        for results in pages:
            for hit in results.hits:
                counterparts(hit.text, hit.lang, hit.spans)  # warm
        costs = []
        for _ in range(20):
            for results in pages:
                t = time.perf_counter()
                for hit in results.hits:
                    counterparts(hit.text, hit.lang, hit.spans)
                costs.append(time.perf_counter() - t)
        print(
            f"counterparts per 20-hit page: median {statistics.median(costs) * 1000:.2f} ms, "
            f"max {max(costs) * 1000:.2f} ms ({len(costs)} full pages of {len(pages)} queries)"
        )

        # one document changed: links again for it alone
        doc = corpus.get(next(doc_id for doc_id in corpus.ids() if doc_id.startswith("bench-")))
        doc.versions["en"].paragraphs[0][0] += " Changed."
        write_document(doc, user_corpus_dir())
        corpus.reload()
        start = time.perf_counter()
        message = store.ensure(corpus)
        print(f"one {len(doc.units)}-unit document changed: {time.perf_counter() - start:.2f} s ({message})")

        # renderings of a term with about 1,000 occurrences, as whole processes
        term = _term_with(store, 1000)
        env = {**os.environ, "READER_HOME": str(root / "home")}
        argv = [sys.executable, "-m", "reader", "renderings", term, "--json"]
        base = [sys.executable, "-c", "import reader.cli"]
        runs, baseline = [], []
        for _ in range(6):
            for target, command in ((runs, argv), (baseline, base)):
                t = time.perf_counter()
                done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True)
                target.append(time.perf_counter() - t)
                if done.returncode:
                    sys.exit(done.stderr)
        print(
            f"reader renderings {term!r} ({_count(store, term)} occurrences), whole process, warm: "
            f"median {statistics.median(runs[1:]):.2f} s (python + import reader.cli alone: "
            f"{statistics.median(baseline[1:]):.2f} s)"
        )
        store.close()


def _serial_build(corpus, root: Path, index_time: float, index_cpu: float) -> None:
    """The link build in this process alone (READER_LINK_WORKERS=1), CPU time beside wall time."""
    from reader.links.store import LinkStore

    serial = LinkStore(root / "serial.sqlite")
    os.environ["READER_LINK_WORKERS"] = "1"
    start, cpu = time.perf_counter(), time.process_time()
    message = serial.ensure(corpus)
    serial_time, serial_cpu = time.perf_counter() - start, time.process_time() - cpu
    serial.close()
    print(
        f"word links build, one process: {serial_time:.1f} s = {serial_time / index_time:.2f} × the index; "
        f"cpu {serial_cpu:.1f} s = {serial_cpu / index_cpu:.2f} × ({message})"
    )
    del os.environ["READER_LINK_WORKERS"]


def _count(store, term: str) -> int:
    lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in term) else "en"
    return sum(len(spans) for _, spans in store.find(term, lang))


def _term_with(store, wanted: int) -> str:
    best, gap = "court", 10**9
    for term in ("court", "government", "police", "法院", "政府", "president", "minister", "people"):
        count = _count(store, term)
        if abs(count - wanted) < gap:
            best, gap = term, abs(count - wanted)
    return best


def main() -> None:
    args = sys.argv[1:]
    if "--gold" in args:
        gold("-v" in args)
        return
    numbers = [a for a in args if a.isdigit()]
    speed(int(numbers[0]) if numbers else 100_000, "--serial" in args)


if __name__ == "__main__":
    main()
