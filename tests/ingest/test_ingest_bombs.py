"""Decompression bombs get status ``too_large`` before pdfium inflates them; real files pass."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from pipeline.ingest import read_pdf
from pipeline.ingest.bombs import bomb_reason, candidates, inflates_past


def deflate_zeros(size: int) -> bytes:
    """``size`` zero bytes, deflated, without holding them all."""
    packer, piece, out = zlib.compressobj(9), bytes(1 << 20), []
    for _ in range(size >> 20):
        out.append(packer.compress(piece))
    return b"".join(out) + packer.flush()


def raw_pdf(path: Path, stream: bytes, filters: str, length: int | None = None) -> Path:
    """A one-page PDF whose content stream is ``stream`` with the given /Filter value."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (length or len(stream), filters.encode())
        + stream
        + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def test_a_twice_deflated_bomb_is_too_large_and_never_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = zlib.compress(deflate_zeros(256 << 20), 9)  # 256 MB of zeros in about 1 KB
    assert len(bomb) < 4096
    pdf = raw_pdf(tmp_path / "bomb.pdf", bomb, "[/FlateDecode /FlateDecode]")
    monkeypatch.setenv("SANDINGAN_INFLATE_BUDGET_MB", "64")
    result = read_pdf(pdf, ocr=False)
    assert result.document.status == "too_large"
    assert result.document.error.endswith(
        "inflates past the 64 MB budget (2 Flate layer(s)): a decompression bomb"
    )
    assert result.passages == []


def test_a_small_twice_deflated_page_is_read() -> None:
    text = b"BT /F1 12 Tf 72 720 Td (Smart city) Tj ET"
    data = zlib.compress(zlib.compress(text))
    assert not inflates_past(data, 0, 2, 1 << 20)
    assert inflates_past(zlib.compress(zlib.compress(bytes(4 << 20))), 0, 2, 1 << 20)


def test_only_chained_or_long_streams_are_candidates() -> None:
    chained = b"<< /Length 9 /Filter [/Fl /FlateDecode] >>\nstream\nxxxxxxxxx"
    single = b"<< /Length 9 /Filter /FlateDecode >>\nstream\nxxxxxxxxx"
    long = b"<< /Length 2000000 /Filter /FlateDecode >>\r\nstream\r\nxx"
    indirect = b"<< /Length 2000000 0 R /Filter /FlateDecode >>\nstream\nxx"
    assert candidates(chained) == [(len(chained) - 9, 2)]
    assert candidates(single) == [] and candidates(indirect) == []
    assert candidates(long) == [(len(long) - 2, 1)]


def test_a_damaged_stream_is_not_called_a_bomb(tmp_path: Path) -> None:
    pdf = raw_pdf(tmp_path / "bad.pdf", b"not deflate data at all", "[/FlateDecode /FlateDecode]")
    assert bomb_reason(pdf, 1 << 20) is None


def test_no_shared_corpus_file_is_called_a_bomb(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.glob("*.pdf")):
        if path.stat().st_size:
            assert bomb_reason(path) is None, path.name
