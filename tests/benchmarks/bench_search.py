"""Search at 100,000 units: build time and rate, index size, peak memory, p50/p95 latency of a
fixed query set (top 20 with spans), and adding one document to the full index.

Units are real sentences: NTREX-128 (en/vi/zh, read from ../shared/bench-data at run time) plus
the bundled corpus, repeated under new document ids. Run:
    .venv/bin/python tests/benchmarks/bench_search.py [UNITS]
    .venv/bin/python tests/benchmarks/bench_search.py --split UNITS [POOL_MB]   # analysis vs writer
"""

from __future__ import annotations

import math
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reader.corpus import Corpus, write_document
from reader.model import Bead, Document, Version
from reader.search import SearchEngine
from reader.search.analyzers import FastText

DATA = Path(__file__).resolve().parents[3] / "shared" / "bench-data" / "ntrex" / "NTREX-128"
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
}
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


def main() -> None:
    if not DATA.is_dir():
        sys.exit(f"NTREX not found at {DATA}")
    if sys.argv[1:2] == ["--split"]:
        split(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 256)
        return
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = make_corpus(root / "corpus", total)
        engine = SearchEngine(corpus, root / "index")
        start = time.perf_counter()
        engine.ensure_index()
        build = time.perf_counter() - start
        size = sum(p.stat().st_size for p in (root / "index").rglob("*") if p.is_file())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"build {total:,} units: {build:.1f} s ({total / build:,.0f} units/s); index {size / 1e6:.1f} MB; peak RSS {peak:.0f} MB"
        )
        engine.search("warm up")
        for label, query in QUERIES.items():
            times = []
            for _ in range(RUNS):
                t = time.perf_counter()
                results = engine.search(query, limit=20)
                times.append(time.perf_counter() - t)
            times.sort()
            about = "≈" if results.estimated else ""
            print(
                f"  {label:24} {query!r:20} p50 {statistics.median(times) * 1000:6.1f} ms  "
                f"p95 {times[math.ceil(len(times) * 0.95) - 1] * 1000:6.1f} ms  hits {about}{results.total:,}"
            )
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


if __name__ == "__main__":
    main()
