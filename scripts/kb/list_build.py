"""What every ``scripts/kb/build_*.py`` script shares: its arguments (the list's file, the
source repository's commit, the output file) and writing the built KB lines."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ListSource:
    """The list to build from: its text, the ``source`` each line records, the output file."""

    text: str
    source: str
    out: Path
    texts: tuple[str, ...] = ()  # every file given, in order (``text`` is the first)


def read_list(
    argv: list[str] | None, script: str, help_text: str, source: str, target: Path, files: int = 1
) -> ListSource | None:
    """Parse ``LIST [LIST ...] [--commit C] [--out F]`` (``files`` paths) and read them;
    None, after one error line, when a file is not there. ``source`` is recorded with the
    commit's first 12 digits."""
    parser = argparse.ArgumentParser(description=f"Build {target.name} from {help_text}")
    parser.add_argument("list", type=Path, nargs=files, help=help_text)
    parser.add_argument("--commit", default="", help="the source repository's commit, recorded in each line")
    parser.add_argument("--out", type=Path, default=target)
    args = parser.parse_args(argv)
    for path in args.list:
        if not path.is_file():
            print(f"{script}: no list at {path}", file=sys.stderr)
            return None
    recorded = f"{source}@{args.commit[:12]}" if args.commit else source
    texts = tuple(path.read_text(encoding="utf-8") for path in args.list)
    return ListSource(texts[0], recorded, args.out, texts)


def write_lines(path: Path, lines: list[dict]) -> None:
    """Write KB lines as JSON Lines (UTF-8, the order given)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")


def write_counted(script: str, lines: list[dict], out: Path, what: str) -> None:
    """Write KB lines and print how many are new and how many extend hand-written ones."""
    write_lines(out, lines)
    extended = sum("extends" in line for line in lines)
    print(f"{script}: {what} -> {len(lines) - extended} new, {extended} extending, in {out}")
