"""Supporters' spreadsheets to post: reading CSV exports, the row outcomes (a letter or a reject
with its reason), and what a mailing writes beside its PDFs (rejects, manifest, file names)."""
