"""Listing the inbox and deciding, file by file, what the ingest step has to do."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm")


def storable_path(relative: str) -> str:
    """A path as text every table and log can hold, without losing anything.

    File names are bytes; names that are not UTF-8 (a Latin-1 "café" unpacked from a Windows zip)
    arrive from the file system with surrogates, which no UTF-8 store accepts. Such bytes are written
    as `\\xNN`, and a backslash as `\\\\`, so two different names never meet.
    """
    escaped = os.fsencode(relative).replace(b"\\", b"\\\\")
    return escaped.decode("utf-8", errors="backslashreplace")


@dataclass(frozen=True)
class InboxFile:
    source_path: str  # relative to the inbox, POSIX separators, escaped (storable_path): stable across machines
    absolute_path: Path
    size_bytes: int
    modified_at: datetime

    @property
    def suffix(self) -> str:
        return self.absolute_path.suffix.lower()


def scan_inbox(directory: Path) -> list[InboxFile]:
    """Every regular file below the inbox, sorted by path; hidden files and folders are skipped."""
    found: list[InboxFile] = []
    if not directory.is_dir():
        return found
    for root, folders, names in os.walk(directory):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(root) / name
            try:
                stat = path.stat()
            except OSError:  # vanished while listing: the next run sees the truth
                continue
            if not path.is_file():
                continue
            found.append(
                InboxFile(
                    source_path=storable_path(path.relative_to(directory).as_posix()),
                    absolute_path=path,
                    size_bytes=stat.st_size,
                    modified_at=datetime.fromtimestamp(stat.st_mtime),
                )
            )
    return found


def newest_modification(files: list[InboxFile]) -> float:
    return max((f.modified_at.timestamp() for f in files), default=0.0)
