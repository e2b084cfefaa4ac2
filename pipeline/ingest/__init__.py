"""PDF ingestion: ``read_pdf(path) -> DocumentResult`` with pages, passages and metadata.

Only this package imports pypdfium2 and pdfplumber.
"""

from pipeline.ingest.reader import read_pdf

__all__ = ["read_pdf"]
