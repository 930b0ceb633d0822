"""Search at 100,000 units, measured as a user meets it.

- build: time and rate, index size, peak RSS;
- per query class (top 20 with spans, reused engine): p50/p95 latency over RUNS runs, recall@20
  against the exhaustive top 20 (Whoosh's own collector scoring every match, limit=None), and the
  count shown against the exact count (whether it is labelled estimated);
- adding one document to the full index;
- whole processes: `reader search QUERY --json` on the bundled corpus beside `python -I -c pass`,
  alternating, medians of wall and CPU time (bytecode cached, as installed; the index built first).

Units are real sentences: NTREX-128 (en/vi/zh, read from ../shared/bench-data at run time) plus
the bundled corpus, repeated under new document ids. Run:
    .venv/bin/python tests/benchmarks/bench_search.py [UNITS] [--keep DIR]  # DIR: reuse corpus+index
    .venv/bin/python tests/benchmarks/bench_search.py --cli                 # whole processes only
    .venv/bin/python tests/benchmarks/bench_search.py --split UNITS [POOL_MB]   # analysis vs writer
"""

from __future__ import annotations

import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader.corpus import Corpus, write_document
from reader.model import Bead, Document, Version
from reader.search import SearchEngine
from reader.search.analyzers import FastText

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "bench-data" / "ntrex" / "NTREX-128"
FILES = {
    "en": "newstest2019-src.eng.txt",
    "vi": "newstest2019-ref.vie.txt",
    "zh": "newstest2019-ref.zho-CN.txt",
}
QUERIES = {
    "zh 2-char word": "法院",
    "zh 4-char phrase": "人民法院",
    "vi folded 2 syllables": "toa an",
    "en word": "court",
    "cross-script name": "Nguyen Huy Tien",
    "frequent (>20k units)": "the",
    "zh phrase, quoted": '"高级人民法院"',
    "en phrase": '"the court"',
    "filtered": "court date:2015..2017",
}
CLI_QUERIES = ("法院", "toa an", "Nguyen Huy Tien")
CLI_RUNS = 15
UNITS_PER_DOC = 500
RUNS = 40  # per query; p95 is the nearest-rank 38th of 40, the first (cold) run included


def sentences() -> list[dict[str, str]]:
    lines = {lang: (DATA / name).read_text(encoding="utf-8").splitlines() for lang, name in FILES.items()}
    rows = [{lang: lines[lang][i] for lang in FILES} for i in range(len(lines["en"]))]
    bundled = Corpus(user_root=Path(tempfile.mkdtemp()) / "none")
    for doc in bundled.documents():
        rows.extend({lang: unit.text.get(lang, "") for lang in FILES} for unit in doc.units)
    return rows


def make_corpus(root: Path, total: int) -> Corpus:
    rows = sentences()
    made = 0
    number = 0
    while made < total:
        count = min(UNITS_PER_DOC, total - made)
        chunk = [rows[(made + i) % len(rows)] for i in range(count)]
        doc = Document(
            id=f"bench-{number:04d}",
            original_language="en",
            versions={lang: Version(lang, [[r[lang] or "." for r in chunk]], "imported") for lang in FILES},
            titles={"en": f"Bench {number}"},
            date=f"{2015 + number % 10}-01-01",
            source="NTREX",
            alignments={lang: [Bead((i,), (i,)) for i in range(count)] for lang in ("vi", "zh")},
        )
        write_document(doc, root)
        made += count
        number += 1
    return Corpus(bundled_root=root, user_root=root / ".user")


class Precomputed(FastText):
    """A text field that indexes a list of postings computed beforehand (for `split`)."""

    def index(self, value, **kwargs):
        return value


def split(total: int, pool_mb: int) -> None:
    """Build time split in two: our analysis alone, then Whoosh's writer alone (pool, sort,
    codec, stored fields) fed the same postings precomputed. Shows the writer's ceiling."""
    from whoosh import index
    from whoosh.fields import STORED

    from reader.search.index import schema, unit_fields
    from reader.search.writer import SegmentWriter

    text_fields = ("zh", "vi", "vi_exact", "en")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp) / "corpus", total)
        rows = [row for doc_id in corpus.ids() for row in unit_fields(corpus.get(doc_id))]
        fields = schema()
        start = time.perf_counter()
        postings = [
            {name: list(fields[name].index(row[name])) for name in text_fields if name in row} for row in rows
        ]
        analysis = time.perf_counter() - start
        writer_schema = schema()
        for name in text_fields:
            analyzer = writer_schema[name].analyzer
            writer_schema.remove(name)
            writer_schema.add(name, Precomputed(name, analyzer))
            writer_schema.add(f"{name}_text", STORED())
        ix = index.create_in(tmp, writer_schema)
        start = time.perf_counter()
        writer = SegmentWriter(ix, limitmb=pool_mb)
        count = 0
        for row, items in zip(rows, postings, strict=True):
            doc = {key: value for key, value in row.items() if key not in text_fields}
            for name, terms in items.items():
                doc[name], doc[f"{name}_text"] = terms, row[name]
                count += len(terms)
            writer.add_document(**doc)
        writer.commit()
        written = time.perf_counter() - start
    print(
        f"{total:,} units, {count / total:.0f} text postings per unit: analysis alone {analysis:.1f} s "
        f"({total / analysis:,.0f} units/s); Whoosh writer alone, {pool_mb} MB pool: {written:.1f} s "
        f"({total / written:,.0f} units/s, {written / count * 1e6:.1f} µs per posting)"
    )


def cpu_seconds() -> float:
    """User + system CPU of this process and its finished children (the build's workers)."""
    return sum(
        usage.ru_utime + usage.ru_stime
        for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    )


def exhaustive_top(engine: SearchEngine, query: str, k: int) -> tuple[list[tuple[str, str]], int]:
    """The true top k and count: Whoosh's own collector scoring every match (no skipping, no
    limit), ordered by score then document number, as the engine's page must be."""
    from reader.search.query import clean, parse_filters, user_query, with_filters

    searcher = engine._get_searcher()
    parsed = parse_filters(clean(query), None, None)
    final = with_filters(user_query(parsed, searcher, engine._exists), parsed, searcher.schema)
    results = searcher.search(final, limit=None)
    ranked = sorted((-hit.score, hit.docnum) for hit in results)[:k]
    top = []
    for _, docnum in ranked:
        stored = searcher.stored_fields(docnum)
        top.append((stored["doc"], stored["unit"]))
    return top, len(results)


def queries(engine: SearchEngine) -> None:
    engine.search("warm up")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'query class':24} {'query':24} {'p50':>8} {'p95':>8}  recall@20  count shown / exact")
    for label, query in QUERIES.items():
        times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            results = engine.search(query, limit=20)
            times.append(time.perf_counter() - t)
        times.sort()
        truth, exact = exhaustive_top(engine, query, 20)
        got = [(hit.doc, hit.unit) for hit in results.hits]
        recall = len(set(got) & set(truth)) / len(truth) if truth else 1.0
        shown = f"{'≈' if results.estimated else ''}{results.total:,}"
        print(
            f"  {label:22} {query!r:24} {statistics.median(times) * 1000:6.1f}ms {times[math.ceil(len(times) * 0.95) - 1] * 1000:6.1f}ms"
            f"  {recall:5.2f}{' same order' if got == truth else ''}  {shown} / {exact:,}"
            f"{'' if results.total == exact else '  MISMATCH'}"
        )


def cli() -> None:
    """Whole processes, as a user runs them: `reader search Q --json` on the bundled corpus (its
    index built first, bytecode cached) beside `python -I -c pass`, alternating."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "READER_HOME": home}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        reader = [sys.executable, "-m", "reader", "search"]
        subprocess.run([*reader, "warm", "--json"], env=env, cwd=REPO, capture_output=True, check=True)

        def run(command: list[str]) -> tuple[float, float]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        for query in CLI_QUERIES:
            base, ours = [], []
            for _ in range(CLI_RUNS):
                base.append(run([sys.executable, "-I", "-c", "pass"]))
                ours.append(run([*reader, query, "--json"]))
            bw, bc = (statistics.median(x) for x in zip(*base, strict=True))
            ow, oc = (statistics.median(x) for x in zip(*ours, strict=True))
            print(
                f"reader search {query!r} --json: wall {ow * 1000:.0f} ms vs python -I -c pass {bw * 1000:.0f} ms "
                f"= {ow / bw:.1f}x; CPU {oc * 1000:.0f} ms vs {bc * 1000:.0f} ms = {oc / max(bc, 1e-3):.1f}x "
                f"(medians of {CLI_RUNS}, alternating)"
            )


def main() -> None:
    if sys.argv[1:2] == ["--cli"]:
        cli()
        return
    if not DATA.is_dir():
        sys.exit(f"NTREX not found at {DATA}")
    if sys.argv[1:2] == ["--split"]:
        split(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 256)
        return
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        keep = Path(args[args.index("--keep") + 1])
        del args[args.index("--keep") : args.index("--keep") + 2]
    total = int(args[0]) if args else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        root = keep or Path(tmp)
        reuse = keep is not None and (root / "index").is_dir()
        corpus = (
            Corpus(bundled_root=root / "corpus", user_root=root / "corpus" / ".user")
            if reuse
            else make_corpus(root / "corpus", total)
        )
        engine = SearchEngine(corpus, root / "index")
        before = cpu_seconds()
        start = time.perf_counter()
        message = engine.ensure_index()
        build = time.perf_counter() - start
        cpu = cpu_seconds() - before
        size = sum(p.stat().st_size for p in (root / "index").rglob("*") if p.is_file())
        peak = max(
            resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        if reuse:
            print(f"reused {root} ({message or 'index up to date'}); index {size / 1e6:.1f} MB")
        else:
            print(
                f"build {total:,} units: {build:.1f} s wall ({total / build:,.0f} units/s), {cpu:.0f} s CPU in all "
                f"processes ({total / cpu:,.0f} units per CPU-second); index {size / 1e6:.1f} MB; "
                f"peak RSS of one process {peak / 1024:.0f} MB; load average {os.getloadavg()[0]:.1f}"
            )
        queries(engine)
        bundled = Corpus(user_root=root / "none")
        article = max(bundled.documents(), key=lambda d: len(d.units))
        for doc in (article, corpus.get("bench-0000")):
            doc.id = f"added-{doc.id}"
            write_document(doc, root / "corpus")
            corpus.reload()
            t = time.perf_counter()
            message = engine.ensure_index()
            print(
                f"add one {len(doc.units)}-unit document to the {total:,}-unit index: "
                f"{time.perf_counter() - t:.2f} s ({message})"
            )
            shutil.rmtree(root / "corpus" / doc.id)  # leave a kept corpus as it was
            corpus.reload()
            engine.ensure_index()
    cli()


if __name__ == "__main__":
    main()
