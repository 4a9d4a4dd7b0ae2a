"""printkit: print-ready PDFs for campaign letters, leaflets and sign-up sheets."""

__version__ = "0.1.0"
