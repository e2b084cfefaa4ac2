"""Parsing a dimension x country effort table from plain text."""

from __future__ import annotations

from pipeline.train.seed_table import dimension_of, parse_effort_table

TABLE = """Upaya Pemerintah dalam Mewujudkan Smart City
Smart
Governan

ce

1. Membangun portal pengaduan warga
2. Menyediakan layanan publik digital
Smart
Mobility

1. Membangun sistem transportasi massal
Tabel 4. Komparasi
"""


def test_rows_with_broken_header_words_are_parsed():
    pairs = parse_effort_table(TABLE)
    assert pairs == [
        ("Membangun portal pengaduan warga", "governance"),
        ("Menyediakan layanan publik digital", "governance"),
        ("Membangun sistem transportasi massal", "mobility"),
    ]


def test_truncated_header_words_map_to_dimensions():
    assert dimension_of("Environm") == "environment"
    assert dimension_of("ce") is None


def test_seed_paper_table_covers_all_six_dimensions(seeds_dir):
    path = seeds_dir / "003_443ed6d8acc8a0e6.txt"
    pairs = parse_effort_table(path.read_text(encoding="utf-8"))
    assert {d for _, d in pairs} == {"governance", "economy", "mobility", "environment", "people", "living"}
    assert all(len(text) >= 15 for text, _ in pairs)
