"""Whole held-out documents labelled by the fold models: substantive passages read from the
PDF as a run reads them, each document counted once by the model of its own fold."""

from __future__ import annotations

import json

import numpy as np
from pdfmaker import Text, make_pdf, paragraph

from pipeline.classify.model import ClassifierConfig
from pipeline.filenames import file_sha256
from pipeline.train import crossval
from pipeline.train import dimensions as td
from pipeline.train.whole_documents import (
    WHOLE_FILE,
    WholeDocumentShares,
    read_whole_shares,
    substantive_texts,
)

SENTENCES = (
    "The city government runs a bus rapid transit line that links the old town with the port. "
    "Residents report their complaints through a public service application every week."
)


def test_substantive_texts_leave_out_fragments_and_keep_reading_order(tmp_path, monkeypatch):
    monkeypatch.setenv("SANDINGAN_OUT", str(tmp_path / "out"))
    pdf = tmp_path / "pdfs" / "city.pdf"
    pdf.parent.mkdir()
    page = [Text(72, 60, "BAB II", size=12), *paragraph(72, 100, 450, SENTENCES), Text(72, 300, "2,50")]
    make_pdf(pdf, [page])
    labels = tmp_path / "labels.jsonl"
    record = {"file": "city.pdf", "document": file_sha256(pdf), "page": 1, "start": 0, "end": 5}
    labels.write_text(json.dumps(record) + "\n")
    texts = substantive_texts(labels, {"city", "absent"}, [pdf.parent])
    assert list(texts) == ["city"]
    joined = " ".join(texts["city"])
    assert "bus rapid transit" in joined and "public service application" in joined
    assert "BAB II" not in joined and "2,50" not in joined


def test_each_fold_model_labels_its_own_documents_once_and_forgets_them(tiny_gold, monkeypatch):
    examples, _ = td.collect_examples(td.Sources(gold_dir=tiny_gold, seed_file=None, owned_dir=None))
    fits: list[int] = []
    monkeypatch.setattr(crossval, "fit", lambda encoded, texts, targets: fits.append(len(fits)) or len(fits))

    class FakeEncoded:
        config = ClassifierConfig(labels=["mobility"])
        _memo: dict[str, object] = {}

    def fake_predict(encoded, head, texts):
        for t in texts:
            encoded._memo[t] = head
        return np.array([[1.0 if f"model {head}" in t else 0.0] for t in texts])

    monkeypatch.setattr(crossval, "predict", fake_predict)
    texts = [f"model {n} wrote this" for n in range(1, 4)] + ["nothing"]
    whole = {doc: list(texts) for doc in ("doc0", "doc1", "doc2")}
    hook = WholeDocumentShares(whole, ["mobility"])
    encoded = FakeEncoded()
    crossval.group_calibrated_predictions(encoded, examples, 3, after_fold=hook)
    assert set(hook.counts) == {"doc0", "doc1", "doc2"}
    # each document labelled by exactly one fold model: one of its texts names that model
    assert all(c == {"substantive": 4, "labelled": 1} for c in hook.counts.values())
    assert not any("wrote this" in t for t in encoded._memo)  # whole-document texts not kept


def test_shares_are_saved_and_read_with_a_passage_minimum(tmp_path):
    hook = WholeDocumentShares({}, ["mobility"], counts={"a": {"substantive": 10, "labelled": 4}})
    hook.counts["tiny"] = {"substantive": 2, "labelled": 2}
    hook.counts["empty"] = {"substantive": 0, "labelled": 0}
    path = hook.save(tmp_path)
    assert path.name == WHOLE_FILE and json.loads(path.read_text())["a"]["share"] == 0.4
    assert read_whole_shares(path, min_passages=5) == {"a": 0.4}


def test_whole_documents_need_group_calibration(tiny_gold):
    import pytest

    sources = td.Sources(gold_dir=tiny_gold, seed_file=None, owned_dir=None, whole_documents=True)
    with pytest.raises(ValueError, match="calibration 'group'"):
        td.whole_document_hook([], sources, ClassifierConfig())
