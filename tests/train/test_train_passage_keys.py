"""Keys that find a labelled passage again: whole, inside a longer passage, or orphaned."""

from __future__ import annotations

from pipeline.records import Passage, assign_offsets
from pipeline.train.passage_keys import find_passage, find_within, passage_key, text_sha1

CLAUSE = "(1) Pemutusan hubungan kerja sebagaimana dimaksud pada ayat"
REST = "(2) dibuktikan dengan akta notaris."


def passages(*texts: str, pages: list[int] | None = None) -> list[Passage]:
    out = [Passage(f"p{i}", "doc", (pages or [1] * len(texts))[i], t) for i, t in enumerate(texts)]
    assign_offsets(out)
    return out


def test_hash_ignores_spacing_and_normal_form():
    assert text_sha1("Kota  cerdas\n") == text_sha1("Kota cerdas")
    assert text_sha1("Cafe\u0301") == text_sha1("Caf\u00e9")


def test_a_passage_is_found_again_by_its_key():
    old = passages("Judul.", CLAUSE, REST)
    new = passages("Halaman baru.", "Judul.", CLAUSE, REST, pages=[1, 2, 2, 2])
    assert find_passage(passage_key(old[1]), new) is new[2]


def test_a_passage_now_inside_a_longer_one_is_found_by_length_and_hash():
    old = passages("Judul.", CLAUSE, REST, pages=[1, 1, 2])
    new = passages("Judul.", f"{CLAUSE} {REST}")
    for labelled in old[1:]:
        key = passage_key(labelled)
        assert find_passage(key, new) is None
        found = find_within(key, new)
        assert found is not None
        passage, a, b = found
        assert passage is new[1] and passage.text[a:b] == labelled.text


def test_text_that_is_gone_is_an_orphan():
    key = passage_key(passages("Teks yang sudah tidak ada di dokumen.")[0])
    new = passages("Judul.", f"{CLAUSE} {REST}")
    assert find_passage(key, new) is None and find_within(key, new) is None


def test_a_stretch_must_end_at_word_boundaries():
    key = passage_key(passages("kerja sebagai")[0])  # "sebagai" is only a prefix of a word
    assert find_within(key, passages(CLAUSE)) is None
