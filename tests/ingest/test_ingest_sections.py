"""Heading grammar: one case per pattern, in both languages, and the section path."""

from __future__ import annotations

import pytest

from pipeline.ingest.sections import (
    SECTION_SEPARATOR,
    Heading,
    SectionTracker,
    line_heading,
    numbered_heading,
    numbered_level,
    styled_heading,
)


@pytest.mark.parametrize(
    ("text", "level", "inline"),
    [
        ("BAB I", 1, False),
        ("BAB XII KETENTUAN PENUTUP", 1, False),
        ("CHAPTER 3", 1, False),
        ("PART II", 1, False),
        ("PENJELASAN ATAS UNDANG-UNDANG REPUBLIK INDONESIA", 1, False),
        ("LAMPIRAN I", 1, False),
        ("Bagian Kesatu", 2, False),
        ("Paragraf 2", 3, False),
        ("Pasal 12", 4, False),
        ("Pasal 5A", 4, False),
        ("PASAL 7", 4, False),
        ("Article 4", 4, False),
        ("ABSTRACT", 1, False),
        ("Abstrak", 1, False),
        ("PENDAHULUAN", 1, False),
        ("1. INTRODUCTION", 1, False),
        ("II. METODE PENELITIAN", 1, False),
        ("HASIL DAN PEMBAHASAN", 1, False),
        ("Results and Discussion", 1, False),
        ("KESIMPULAN", 1, False),
        ("DAFTAR PUSTAKA", 1, False),
        ("References", 1, False),
        ("Menimbang :", 1, False),
        ("Menimbang : a. bahwa dalam rangka", 1, True),
        ("Mengingat : 1. Pasal 5 ayat (1)", 1, True),
        ("Menimbang a. bahwa dalam kegiatan", 1, True),  # a scan's text layer lost the colon
        ("Menetapkan PERATURAN PRESIDEN TENTANG", 1, True),
        ("MEMUTUSKAN:", 1, False),
        ("Abstract: This paper compares", 1, True),
    ],
)
def test_line_heading_patterns(text: str, level: int, inline: bool) -> None:
    found = line_heading(text)
    assert found is not None
    assert (found.level, found.inline) == (level, inline)


@pytest.mark.parametrize(
    "text",
    [
        "sebagaimana dimaksud dalam Pasal 5 ayat (1) huruf a",  # a citation, not a heading
        "by any of the following methods:",  # a sentence ending in a keyword
        "Pasal 5.",  # the end of a sentence
        "The results show that the city",
        "B. List of Completed Projects across the Six Focus Areas..........32",  # contents entry
        "BAB II TINJAUAN PUSTAKA . . . . . . . 12",
    ],
)
def test_not_headings(text: str) -> None:
    assert line_heading(text) is None


@pytest.mark.parametrize(
    ("text", "emphasised", "level"),
    [("2.1 Smart city policy", True, 2), ("3. Indonesia", True, 1), ("1.2.3 Data sources", True, 3)],
)
def test_numbered_heading(text: str, emphasised: bool, level: int) -> None:
    found = numbered_heading(text, emphasised)
    assert found is not None and found.level == level


@pytest.mark.parametrize(
    ("text", "emphasised"),
    [
        ("2.1 Smart city policy", False),  # plain body style: a list item
        ("1. Setiap orang berhak atas pekerjaan.", True),  # a sentence
        ("3. the city government", True),  # lower-case title
    ],
)
def test_numbered_heading_rejects(text: str, emphasised: bool) -> None:
    assert numbered_heading(text, emphasised) is None


def test_numbered_level() -> None:
    assert [numbered_level(n) for n in ("3", "III.", "3.1", "3.1.2", "3.1.2.4")] == [1, 1, 2, 3, 3]


def test_styled_heading_needs_size_weight_or_capitals() -> None:
    assert styled_heading("Smart City Thailand", 1.4, False) == Heading("Smart City Thailand", 1)
    assert styled_heading("Smart City Thailand", 1.0, True) == Heading("Smart City Thailand", 2)
    assert styled_heading("KETENTUAN UMUM", 1.0, False) == Heading("KETENTUAN UMUM", 2)
    assert styled_heading("Smart City Thailand", 1.0, False) is None
    assert styled_heading("A sentence in bold.", 1.0, True) is None


def test_section_tracker_keeps_a_path() -> None:
    tracker = SectionTracker()
    assert tracker.path is None
    tracker.enter(Heading("BAB I KETENTUAN UMUM", 1))
    tracker.enter(Heading("Pasal 1", 4))
    assert tracker.path == SECTION_SEPARATOR.join(["BAB I KETENTUAN UMUM", "Pasal 1"])
    tracker.enter(Heading("Pasal 2", 4))
    assert tracker.path == SECTION_SEPARATOR.join(["BAB I KETENTUAN UMUM", "Pasal 2"])
    tracker.enter(Heading("BAB II ASAS", 1))
    assert tracker.path == "BAB II ASAS"
