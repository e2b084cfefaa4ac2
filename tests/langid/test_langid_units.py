"""Text units of markdown, HTML, JSON and plain text."""

from __future__ import annotations

import json

from pipeline.langid.units import MAX_UNIT_CHARS, text_units

LONG = "Setiap orang yang melanggar peruntukan seksyen ini hendaklah didenda."


def test_paragraphs_and_short_lines():
    text = f"Tajuk\n\n{LONG}\nbaris sambungan ayat yang sama.\n\nSatu\nDua\nTiga\n"
    assert text_units(text) == ["Tajuk", f"{LONG} baris sambungan ayat yang sama.", "Satu", "Dua", "Tiga"]


def test_markdown_marks_rules_and_tables_go():
    text = f"# Bahagian I\n\n_{LONG}_\n\n-----\n\n| Kolum | Nilai |\n"
    units = text_units(text, "md")
    assert units[:2] == ["Bahagian I", LONG]
    assert "-----" not in " ".join(units) and "|" not in " ".join(units)


def test_html_keeps_visible_text_only():
    text = (
        f"<html><head><script>var x = 1;</script><style>p {{}}</style></head>"
        f"<body><p>{LONG}</p><div>Cara&nbsp;Memohon</div><!-- nota --></body></html>"
    )
    assert text_units(text, "html") == [LONG, "Cara Memohon"]


def test_json_string_values():
    text = json.dumps({"a": {"desc": LONG}, "b": ["Laman Utama", 3]})
    assert text_units(text, "json") == [LONG, "Laman Utama"]


def test_long_paragraphs_are_cut_at_sentence_ends():
    paragraph = " ".join([LONG] * 40)
    units = text_units(paragraph)
    assert len(units) > 1 and all(len(u) <= MAX_UNIT_CHARS for u in units)
    assert all(u.endswith("didenda.") for u in units)
    assert " ".join(units) == paragraph
