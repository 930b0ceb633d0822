"""Bring the user's files into the corpus: one reader per format, one import path.

Each format reader (`plain`, `markdown`, `html`, `docx`, `pdf`, `epub`, `subtitles`) turns a file
into a `Source`: metadata plus blocks (heading, paragraph, list item, subtitle cue) with every line
of the input in them. `importer` segments, aligns and writes them; `clean` is the opt-in news
cleaner; `aligned_formats` reads TMX and TSV. Readers with heavy libraries are imported only when
a file of their format is imported.
"""
