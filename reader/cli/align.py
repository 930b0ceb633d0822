"""`reader align SRC TGT` and `reader align-score GOLD TEST`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "align",
        help="align the sentences of a text and its translation",
        description="Align SRC (original) and TGT (translation) sentence by sentence.",
    )
    parser.add_argument("src", type=Path, help="original text file")
    parser.add_argument("tgt", type=Path, help="translation text file")
    parser.add_argument("--src-lang", required=True, help="zh, vi or en")
    parser.add_argument("--tgt-lang", required=True, help="zh, vi or en")
    parser.add_argument(
        "--presplit", action="store_true", help="each input line is one sentence; do not re-split"
    )
    parser.add_argument(
        "--format",
        choices=("beads", "tsv", "tmx"),
        default="beads",
        help="beads ([0,1]:[0] per line, the default), tsv or tmx",
    )
    parser.set_defaults(func=run_align)
    score = sub.add_parser(
        "align-score",
        help="score alignments against gold (strict and lax P/R/F1)",
        description="Score every bead file in TEST against the file of the same name in GOLD.",
    )
    score.add_argument("gold", type=Path, help="folder of gold bead files")
    score.add_argument("test", type=Path, help="folder of bead files to score")
    score.set_defaults(func=run_score)


def _sentences(path: Path, lang: str, presplit: bool) -> tuple[list[str], list[int]]:
    from reader.errors import UserError
    from reader.ingest.decode import read_text_file
    from reader.segment import segment

    text = read_text_file(path)
    if presplit:
        lines = [" ".join(line.split()) for line in text.split("\n")]
        sentences = [line for line in lines if line]
        if not sentences:
            raise UserError(f"{path}: no sentences")
        return sentences, [0] * len(sentences)
    paragraphs = segment(text, lang)
    if not paragraphs:
        raise UserError(f"{path}: no sentences")
    return [s for p in paragraphs for s in p], [i for i, p in enumerate(paragraphs) for _ in p]


def run_align(args: argparse.Namespace) -> int:
    from reader.align import align
    from reader.errors import UserError
    from reader.text import LANGUAGES

    for option, value in (("--src-lang", args.src_lang), ("--tgt-lang", args.tgt_lang)):
        if value not in LANGUAGES:
            raise UserError(f"{option} {value!r}: unknown language (expected {', '.join(LANGUAGES)})")
    src, src_par = _sentences(args.src, args.src_lang, args.presplit)
    tgt, tgt_par = _sentences(args.tgt, args.tgt_lang, args.presplit)
    beads = align(
        src,
        tgt,
        args.src_lang,
        args.tgt_lang,
        None if args.presplit else src_par,
        None if args.presplit else tgt_par,
    )
    from reader.model import Version

    source, target = Version(args.src_lang, [src]), Version(args.tgt_lang, [tgt])
    if args.format == "beads":
        sys.stdout.write("".join(bead.format() + "\n" for bead in beads))
    elif args.format == "tsv":
        for bead in beads:
            left, right = source.join(bead.src).replace("\t", " "), target.join(bead.tgt).replace("\t", " ")
            sys.stdout.write(f"{left}\t{right}\n")
    else:
        from reader.export.tmx import document, tuv

        units = [  # CAT tools expect both sides
            f"    <tu>{tuv(source.lang, source.join(bead.src))}{tuv(target.lang, target.join(bead.tgt))}</tu>"
            for bead in beads
            if bead.src and bead.tgt
        ]
        sys.stdout.write(document(source.lang, units))
    return 0


def run_score(args: argparse.Namespace) -> int:
    from reader.align.score import score_dirs

    counts, documents = score_dirs(args.gold, args.test)
    scores = counts.scores()
    print(f"documents: {documents}")
    for kind in ("strict", "lax"):
        p, r, f1 = scores[f"{kind}_p"], scores[f"{kind}_r"], scores[f"{kind}_f1"]
        print(f"{kind:6}  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")
    return 0
