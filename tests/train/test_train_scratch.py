"""The from-scratch base model's tokenizer: deterministic, complete vocabulary."""

from __future__ import annotations

import subprocess
import sys

from pipeline.train.scratch import SPECIALS, train_wordpiece, wordpiece_vocabulary

TEXTS = ["Jalan tol dan bus kota", "bus kota, bus sekolah", "sampah kota"]


def test_vocabulary_orders_words_by_frequency_then_alphabet():
    vocab = wordpiece_vocabulary(["kota", "bus", "bus", "kota", "dan", "a"], 100)
    assert vocab[: len(SPECIALS)] == SPECIALS
    assert vocab[-3:] == ["bus", "kota", "dan"]
    assert "##k" in vocab and "a" in vocab


def test_vocabulary_stops_at_its_size():
    vocab = wordpiece_vocabulary(["bus", "kota", "dan"], len(SPECIALS) + 2 * 9 + 1)
    assert len(vocab) == len(SPECIALS) + 2 * 9 + 1 and vocab[-1] == "bus"


def test_unknown_words_split_into_characters():
    tokenizer = train_wordpiece(TEXTS, 200)
    tokens = tokenizer.encode("Bus sampah").tokens
    assert tokens == ["[CLS]", "bus", "sampah", "[SEP]"]
    assert "[UNK]" not in tokenizer.encode("tol kotak").tokens


def test_same_texts_give_the_same_ids_in_another_process():
    code = (
        "from pipeline.train.scratch import train_wordpiece;"
        f"print(sorted(train_wordpiece({TEXTS!r}, 200).get_vocab().items()))"
    )
    runs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    }
    assert len(runs) == 1
