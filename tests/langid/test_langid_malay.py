"""The Malay/Indonesian model: features, fitting, deciding, and the document's variety."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.langid import assign_languages
from pipeline.langid.detect import analyse
from pipeline.langid.malay import BUCKETS, MalayModel, features, save_model, using_model
from pipeline.records import Passage
from pipeline.train.malay import fit_model, grouped_folds, recall_table

MALAY = [
    "Setiap orang hendaklah mematuhi peruntukan seksyen ini dan akta tersebut.",
    "Kerajaan Negeri boleh membuat kaedah-kaedah bagi maksud seksyen ini.",
    "Pihak berkuasa tempatan hendaklah memberikan notis kepada mana-mana orang.",
    "Menteri boleh melalui perintah dalam Warta mengecualikan mana-mana orang.",
]
INDONESIAN = [
    "Setiap orang wajib mematuhi ketentuan sebagaimana dimaksud dalam Pasal 5.",
    "Pemerintah Daerah dapat menetapkan peraturan untuk pelaksanaan Undang-Undang ini.",
    "Ketentuan lebih lanjut mengenai tata cara diatur dengan Peraturan Menteri.",
    "Pemerintah Pusat berwenang memberikan sanksi administratif kepada pelaku usaha.",
]


@pytest.fixture(scope="module")
def model() -> MalayModel:
    return fit_model(MALAY * 3 + INDONESIAN * 3, ["ms"] * 12 + ["id"] * 12)


def test_features_are_normalised_hashes_plus_markers():
    index, values = features("Kerajaan hendaklah")
    assert index.max() == BUCKETS + 1 and index[-2] == BUCKETS
    assert np.isclose(np.linalg.norm(values[:-2]), 1.0)
    assert features("12 345")[0].size == 0


def test_the_model_separates_the_two(model):
    assert model.probability("Kerajaan hendaklah mengambil tindakan di bawah seksyen ini.") > 0.5
    assert model.probability("Pemerintah wajib melaksanakan ketentuan dalam Pasal ini.") < 0.5
    assert model.probability("2024") is None


def test_saved_model_gives_the_same_answers(model, tmp_path):
    from pipeline.langid.malay import _load

    path = tmp_path / "m.npz"
    save_model(model, path)
    loaded = _load(path)
    text = "Kerajaan hendaklah mengambil tindakan."
    assert abs(loaded.probability(text) - model.probability(text)) < 1e-3


def test_analyse_uses_the_model_in_use(model):
    text = "Kerajaan Negeri hendaklah mengambil tindakan di bawah seksyen ini dengan segera."
    with using_model(model):
        guess = analyse(text)
    assert guess.lang == "ms"
    with using_model(model):
        assert analyse("Pemerintah Daerah wajib melaksanakan ketentuan dalam Pasal 7 ayat (2).").lang == "id"


def test_neutral_text_takes_the_document_variety():
    neutral_model = MalayModel(np.zeros(BUCKETS + 2, dtype=np.float32), 0.0, margin=0.25)
    texts = [
        "Kerajaan Negeri hendaklah mengambil tindakan di bawah seksyen ini.",
        "Program ini untuk semua warga yang tinggal di kawasan bandar raya.",
    ]
    passages = [Passage(str(i), "d", 1, t) for i, t in enumerate(texts)]
    with using_model(neutral_model):  # says 0.5 for everything: every passage is neutral
        assign_languages(passages, document_hint="id")
    assert {p.lang for p in passages} <= {"id", "ms"}


def test_folds_hold_whole_documents():
    folds = grouped_folds(["a", "a", "b", "c", "d", "e"], 2)
    assert sorted(x for f in folds for x in f) == ["a", "b", "c", "d", "e"]


def test_recall_table_counts_by_document():
    rows = [
        {"source": "a", "kind": "passage", "label": "ms", "answer": "ms"},
        {"source": "b", "kind": "passage", "label": "ms", "answer": "id"},
        {"source": "b", "kind": "line", "label": "id", "answer": "id"},
    ]
    table = recall_table(rows)
    assert table["ms/passage"]["recall"] == 0.5 and table["ms/passage"]["documents"] == 2
    assert table["id/line"]["recall"] == 1.0 and table["ms/line"]["n"] == 0
