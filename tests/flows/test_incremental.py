"""Which documents a run redoes: bytes, pipeline version, model versions, --force."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.filenames import file_sha256
from pipeline.flows import incremental
from pipeline.flows.incremental import (
    discover_pdfs,
    fingerprint,
    folder_signature,
    load_failures,
    make_versions_key,
    plan_corpus,
    update_failures,
    write_atomic,
)


def test_discover_finds_nested_pdfs_any_case_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / ".cache").mkdir()
    for name in ("a/one.pdf", "TWO.PDF", ".cache/three.pdf", ".hidden.pdf", "notes.txt"):
        (tmp_path / name).write_bytes(b"%PDF-1.4")
    found = [p.relative_to(tmp_path).as_posix() for p in discover_pdfs(tmp_path)]
    assert found == ["TWO.PDF", "a/one.pdf"]


def test_sha256_is_of_the_bytes_and_follows_a_change(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(b"first")
    assert file_sha256(path) == hashlib.sha256(b"first").hexdigest()
    path.write_bytes(b"second version")
    assert file_sha256(path) == hashlib.sha256(b"second version").hexdigest()


def _files(tmp_path: Path, *contents: bytes) -> list[Path]:
    out = []
    for i, data in enumerate(contents):
        path = tmp_path / f"f{i}.pdf"
        path.write_bytes(data)
        out.append(path)
    return out


def test_plan_skips_stored_documents_with_the_same_fingerprint(tmp_path: Path) -> None:
    a, b = _files(tmp_path, b"aaa", b"bbbb")
    stored = {file_sha256(a): fingerprint(file_sha256(a), "k1")}
    plan = plan_corpus([a, b], stored, "k1")
    assert [Path(i.path) for i in plan.skipped] == [a]
    assert [Path(i.path) for i in plan.todo] == [b]


@pytest.mark.parametrize(
    "force, key, redo, todo",
    [
        (True, "k1", False, 2),  # --force redoes everything
        (False, "k2", False, 2),  # a pipeline or model version changed
        (False, "k1", True, 2),  # asked to redo (e.g. encrypted, password given now)
        (False, "k1", False, 1),  # nothing changed for the stored one
    ],
)
def test_plan_redoes_what_changed(tmp_path: Path, force: bool, key: str, redo: bool, todo: int) -> None:
    a, b = _files(tmp_path, b"aaa", b"bbbb")
    a_id = file_sha256(a)
    plan = plan_corpus(
        [a, b],
        {a_id: fingerprint(a_id, "k1")},
        key,
        force=force,
        redo_ids=frozenset({a_id}) if redo else frozenset(),
    )
    assert len(plan.todo) == todo and plan.total == 2


def test_a_failure_is_not_retried_until_something_changes(tmp_path: Path) -> None:
    a, b = _files(tmp_path, b"aaa", b"bbbb")
    a_id = file_sha256(a)
    failed = {a_id: fingerprint(a_id, "k1")}
    plan = plan_corpus([a, b], {}, "k1", failed=failed)
    assert [Path(i.path) for i in plan.failed_before] == [a] and len(plan.todo) == 1
    assert len(plan_corpus([a, b], {}, "k2", failed=failed).todo) == 2  # a new version
    assert len(plan_corpus([a, b], {}, "k1", force=True, failed=failed).todo) == 2


def test_failure_ledger_adds_failed_and_drops_processed_documents(tmp_path: Path) -> None:
    ledger = update_failures(
        {"old": {"fingerprint": "x"}},
        [("d1", "a.pdf", "failed", "ValueError: bad"), ("old", "b.pdf", "ok", None)],
        "k",
    )
    assert ledger == {
        "d1": {"fingerprint": fingerprint("d1", "k"), "file": "a.pdf", "reason": "ValueError: bad"}
    }
    write_atomic(tmp_path / "ledger.json", json.dumps(ledger))
    assert load_failures(tmp_path / "ledger.json") == ledger
    assert load_failures(tmp_path / "absent.json") == {}


def test_plan_processes_identical_files_once_largest_first(tmp_path: Path) -> None:
    files = _files(tmp_path, b"small", b"a much larger file", b"small")
    plan = plan_corpus(files, {}, "k")
    assert [Path(i.path).name for i in plan.todo] == ["f1.pdf", "f0.pdf"]
    assert [Path(i.path).name for i in plan.duplicates] == ["f2.pdf"]


def test_versions_key_follows_pipeline_version_ocr_and_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = tmp_path / "models"
    (models / "spacy_ner").mkdir(parents=True)
    key = make_versions_key(models)
    assert make_versions_key(models) == key
    assert make_versions_key(models, ocr=False) != key
    (models / "spacy_ner" / "model.bin").write_bytes(b"weights")
    changed = make_versions_key(models)
    assert changed != key
    monkeypatch.setattr(incremental, "__version__", "99.0")
    assert make_versions_key(models) != changed


def test_unpromoted_model_versions_do_not_change_the_key(tmp_path: Path) -> None:
    models = tmp_path / "models"
    (models / "dimensions" / "v1").mkdir(parents=True)
    (models / "registry.json").write_text(json.dumps({"dimensions": {"production": "v1"}}))
    key = make_versions_key(models)
    (models / "dimensions" / "v2").mkdir()
    (models / "dimensions" / "v2" / "model.bin").write_bytes(b"new weights")
    assert make_versions_key(models) == key  # trained, not promoted
    (models / "registry.json").write_text(json.dumps({"dimensions": {"production": "v2"}}))
    assert make_versions_key(models) != key


def test_folder_signature_ignores_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "m.bin").write_bytes(b"1")
    before = folder_signature(tmp_path)
    (tmp_path / ".lock").write_bytes(b"x")
    assert folder_signature(tmp_path) == before
    assert folder_signature(tmp_path / "absent") == "none"


def test_write_atomic_replaces_content_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.json"
    write_atomic(target, "old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.json"]


def test_a_file_that_cannot_be_read_is_listed_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = _files(tmp_path, b"aaa", b"bbbb")
    real_open = Path.open

    def guarded(self: Path, *args, **kwargs):
        if self == a:
            raise PermissionError(13, "Permission denied", str(a))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    plan = plan_corpus([a, b], {}, "k1")
    assert [Path(i.path) for i in plan.todo] == [b]
    assert plan.unreadable == [(str(a), "unreadable: PermissionError: Permission denied")]
    assert plan.total == 2


def test_discover_lists_a_link_whose_target_is_gone(tmp_path: Path) -> None:
    (tmp_path / "gone.pdf").symlink_to(tmp_path / "missing.pdf")
    assert discover_pdfs(tmp_path) == [tmp_path / "gone.pdf"]
