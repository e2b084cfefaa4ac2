"""``sandingan extract``: the JSON contract on samples, bad files and the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"
DOCUMENT_KEYS = {"id", "file", "status", "error", "pages", "language", "title", "year", "doi"}
PASSAGE_KEYS = {"id", "page", "text", "lang", "section", "bbox", "start", "end", "kind", "table", "parts"}
MENTION_KEYS = {
    "id",
    "label",
    "text",
    "passage_id",
    "page",
    "start",
    "end",
    "canonical_id",
    "canonical_name",
    "country",
    "confidence",
    "method",
}
LABEL_KEYS = {"passage_id", "dimensions", "policy_stage", "diffusion"}
STATUSES = {"ok", "encrypted", "corrupt", "empty", "not_pdf", "no_text", "needs_ocr", "too_large"}


def run_extract(path: Path, *args: str) -> tuple[int, dict, str]:
    """Run the command; return exit code, the parsed JSON and stderr."""
    result = CliRunner().invoke(app, ["extract", str(path), *args])
    return result.exit_code, json.loads(result.stdout), result.stderr


def check_contract(data: dict) -> None:
    """Assert the shape of the extract JSON contract."""
    assert set(data["document"]) >= DOCUMENT_KEYS
    assert data["document"]["status"] in STATUSES
    passages = {p["id"]: p for p in data["passages"]}
    for p in data["passages"]:
        assert set(p) >= PASSAGE_KEYS
        assert p["end"] - p["start"] == len(p["text"])
        if p["parts"] is not None:  # a passage across a page or column break
            assert len(p["parts"]) >= 2 and p["parts"][0]["page"] == p["page"]
            assert all(set(part) == {"page", "bbox", "start"} for part in p["parts"])
            assert [part["start"] for part in p["parts"]] == sorted(part["start"] for part in p["parts"])
    for m in data["mentions"]:
        assert set(m) >= MENTION_KEYS
        assert m["label"] in {"LAW", "AGENCY", "PROGRAMME", "PLACE", "DIMENSION"}
        assert passages[m["passage_id"]]["text"][m["start"] : m["end"]] == m["text"]
        assert ("law" in m) == (m["label"] == "LAW")
    for lb in data["labels"]:
        assert set(lb) >= LABEL_KEYS
        assert lb["passage_id"] in passages


def test_english_sample_yields_contract_with_laws() -> None:
    code, data, _ = run_extract(SAMPLES / "en_brief_smart_city_malaysia_thailand.pdf")
    assert code == 0
    check_contract(data)
    assert data["document"]["status"] == "ok"
    assert data["document"]["language"] == "en"
    laws = {m["canonical_id"] for m in data["mentions"] if m["label"] == "LAW"}
    assert "my/act/1976/171" in laws
    assert data["labels"]


def test_broken_file_gives_json_one_line_error_and_exit_3() -> None:
    code, data, stderr = run_extract(SAMPLES / "broken_download.pdf")
    assert code == 3
    check_contract(data)
    assert data["document"]["status"] in {"corrupt", "not_pdf"}
    assert data["document"]["error"]
    assert len(stderr.strip().splitlines()) == 1
    assert "Traceback" not in stderr


def test_zero_byte_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    code, data, stderr = run_extract(empty)
    assert (code, data["document"]["status"]) == (3, "empty")
    assert stderr.strip()


@pytest.mark.slow
def test_every_shared_corpus_pdf_yields_the_contract(corpus_dir: Path) -> None:
    across_breaks = 0
    for pdf in sorted(corpus_dir.glob("*.pdf")):
        code, data, stderr = run_extract(pdf, "--no-ocr")
        check_contract(data)
        assert code in (0, 3), pdf.name
        assert (code == 3) == bool(stderr.strip()), pdf.name
        across_breaks += sum(1 for p in data["passages"] if p["parts"])
    assert across_breaks >= 20  # passages that run across a page or column break say so


@pytest.mark.parametrize(
    "env, flag, expected",
    [
        ("0", [], False),
        ("1", [], True),
        (None, [], True),
        ("0", ["--ocr"], True),
        ("1", ["--no-ocr"], False),
    ],
)
def test_ocr_follows_the_flag_else_the_environment(
    env: str | None, flag: list[str], expected: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pipeline import process

    seen: list[bool] = []
    real = process.process_pdf

    def spy(path, password=None, ocr=True):
        seen.append(ocr)
        return real(path, password=password, ocr=False)

    monkeypatch.setattr(process, "process_pdf", spy)
    if env is None:
        monkeypatch.delenv("SANDINGAN_OCR", raising=False)
    else:
        monkeypatch.setenv("SANDINGAN_OCR", env)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    run_extract(empty, *flag)
    assert seen == [expected]


def test_a_file_name_that_is_not_utf8_gives_valid_json(tmp_path: Path) -> None:
    source = SAMPLES / "en_brief_smart_city_malaysia_thailand.pdf"
    odd = tmp_path / "caf\udce9.pdf"  # the bytes b"caf\xe9.pdf"
    odd.write_bytes(source.read_bytes())
    code, data, _ = run_extract(odd, "--no-ocr")
    assert code == 0
    assert data["document"]["file"] == "caf\ufffd.pdf"


def test_a_missing_file_is_a_usage_error_not_a_corrupt_document(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "nowhere.pdf")])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == f"sandingan: {tmp_path / 'nowhere.pdf'}: no such file"
