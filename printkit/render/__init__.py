"""The engine only: HTML and CSS to checked PDF pages with WeasyPrint, joining PDFs, composing
letters from shared shapes into one PDF (the fast letter path), templates, fonts and glyph
coverage, measuring text, the process pool, proofs and QR codes. It knows nothing about any
one product."""
