"""Helpers for extraction tests: passages built in the test."""

from __future__ import annotations

import pytest

from pipeline.records import Document, Passage, assign_offsets


@pytest.fixture
def make_passages():
    """Build passages from (text, lang, section, table) tuples or plain strings."""

    def build(*items, lang: str = "id") -> tuple[Document, list[Passage]]:
        passages = []
        for i, item in enumerate(items):
            text, plang, section, table = (
                (item, lang, None, None)
                if isinstance(item, str)
                else (tuple(item) + (None,) * (4 - len(item)))
            )
            passages.append(
                Passage(
                    id=f"p{i}",
                    document_id="d",
                    page=1,
                    text=text,
                    lang=plang or lang,
                    section=section,
                    table=table,
                    kind="table_cell" if table else "text",
                )
            )
        assign_offsets(passages)
        return Document(id="d", file="test.pdf"), passages

    return build


@pytest.fixture
def kb_build_script():
    """Load a ``scripts/kb/build_*.py`` script by name, as a module (its ``main`` and ``SOURCE``)."""
    import importlib.util
    from pathlib import Path

    def load(name: str):
        path = Path(__file__).resolve().parents[2] / "scripts" / "kb" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        return script

    return load
