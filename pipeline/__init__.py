"""Sandingan: evidence-linked comparison tables from English and Indonesian policy PDFs."""

__version__ = "0.15.0"
