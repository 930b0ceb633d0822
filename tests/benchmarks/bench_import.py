"""Import at book scale: a ~300-page EPUB pair (zh original, en translation) and a PDF pair (en
original, vi translation) of about 10,000 sentences a side, built from NTREX-128 news (each of
its 123 documents a chapter whose first line is its heading, the set repeated to reach the size),
beside the same texts as plain .txt files (the baseline). Each import runs as a whole
`reader import` process in a fresh READER_HOME (import + align + search index); the script prints
wall time (median of the runs) and peak memory, at 1/4, 1/2 and full size to show how both grow.

Run: .venv/bin/python tests/benchmarks/bench_import.py [runs] [sizes, e.g. 1,2,5]   (reads ../shared/bench-data at
run time; the PDF pair needs the DejaVu Sans font, which Debian's fonts-dejavu-core installs)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
DATA = REPO.parent / "shared" / "bench-data" / "ntrex"
FILES = {
    "en": "newstest2019-src.eng.txt",
    "vi": "newstest2019-ref.vie.txt",
    "zh": "newstest2019-ref.zho-CN.txt",
}
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def chapters(lang: str, copies: int) -> list[tuple[str, list[str]]]:
    lines = (DATA / "NTREX-128" / FILES[lang]).read_text(encoding="utf-8").splitlines()
    ids = (DATA / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    found: list[tuple[str, list[str]]] = []
    for _ in range(copies):
        current = None
        for doc, line in zip(ids, lines, strict=True):
            if doc != current:
                found.append((line, []))  # the headline heads the chapter
                current = doc
            else:
                found[-1][1].append(line)
    return found


def write_txt(path: Path, book: list[tuple[str, list[str]]]) -> Path:
    path.write_text("\n\n".join(h + "\n\n" + "\n".join(body) for h, body in book) + "\n", encoding="utf-8")
    return path


def write_epub(path: Path, book: list[tuple[str, list[str]]], lang: str) -> Path:
    from make_fixtures import epub_file

    return epub_file(path, book, title=book[0][0], lang=lang)


def write_pdf(path: Path, book: list[tuple[str, list[str]]]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    for heading, body in book:
        pdf.set_font("DejaVu", size=15)
        pdf.multi_cell(0, 8, heading)
        pdf.ln(3)
        pdf.set_font("DejaVu", size=10)
        for paragraph in body:
            pdf.multi_cell(0, 5, paragraph)
            pdf.ln(3)
    pdf.set_font("DejaVu", size=8)
    pdf.output(str(path))
    return path


def run_import(original: Path, lang: str, translation: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, stdout) of one whole `reader import` process in a fresh home."""
    with tempfile.TemporaryDirectory() as home:
        probe = (
            "import json, resource, subprocess, sys, time;"
            "t = time.perf_counter();"
            f"r = subprocess.run([sys.executable, '-m', 'reader', 'import', {str(original)!r}, "
            f"'--translation', {f'{lang}={translation}'!r}], capture_output=True, text=True);"
            "print(json.dumps([time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
            " r.returncode, r.stdout + r.stderr]))"
        )
        env = {**os.environ, "READER_HOME": home}
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd=REPO)
        seconds, peak_kb, code, output = json.loads(out.stdout)
        if code != 0:
            raise SystemExit(f"import failed: {output}")
        return seconds, peak_kb / 1024, output.strip().splitlines()[0]


def main() -> None:
    if not DATA.is_dir():
        raise SystemExit(f"NTREX not found at {DATA}; nothing to measure")
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sizes = [int(x) for x in sys.argv[2].split(",")] if len(sys.argv) > 2 else [1, 2, 5]
        for copies in sizes:
            pairs = {}
            zh, en, vi = (chapters(lang, copies) for lang in ("zh", "en", "vi"))
            pairs["txt zh+en"] = (
                write_txt(folder / f"b{copies}.txt", zh),
                "en",
                write_txt(folder / f"b{copies}.en.txt", en),
            )
            t = time.perf_counter()
            pairs["epub zh+en"] = (
                write_epub(folder / f"b{copies}.epub", zh, "zh"),
                "en",
                write_epub(folder / f"b{copies}.en.epub", en, "en"),
            )
            pairs["txt en+vi"] = (
                write_txt(folder / f"r{copies}.txt", en),
                "vi",
                write_txt(folder / f"r{copies}.vi.txt", vi),
            )
            if FONT.exists():
                pairs["pdf en+vi"] = (
                    write_pdf(folder / f"r{copies}.pdf", en),
                    "vi",
                    write_pdf(folder / f"r{copies}.vi.pdf", vi),
                )
            built = time.perf_counter() - t
            print(
                f"size {copies}/5 ({sum(len(b) + 1 for _, b in zh)} zh lines; fixtures built in {built:.0f} s)"
            )
            for name, (original, lang, translation) in pairs.items():
                results = [run_import(original, lang, translation) for _ in range(runs)]
                seconds = statistics.median(r[0] for r in results)
                peak = max(r[1] for r in results)
                pages = ""
                if original.suffix == ".pdf":
                    from pypdf import PdfReader

                    pages = f", {len(PdfReader(original).pages)} + {len(PdfReader(translation).pages)} pages"
                print(f"  {name:11} {seconds:6.1f} s  peak {peak:5.0f} MB  {results[0][2]}{pages}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
