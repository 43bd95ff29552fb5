"""The code fingerprint behind the clean and extractor versions covers sub-packages."""

from __future__ import annotations

import hashlib

from pipeline.metadata import source_fingerprint


def test_flat_folder_hash_is_names_and_bytes_in_order(tmp_path):
    (tmp_path / "b.py").write_text("B = 2\n")
    (tmp_path / "a.py").write_text("A = 1\n")
    (tmp_path / "notes.txt").write_text("not code")
    expected = hashlib.sha256(b"a.pyA = 1\nb.pyB = 2\n").hexdigest()
    assert source_fingerprint(tmp_path) == expected


def test_a_change_in_a_sub_package_changes_the_fingerprint(tmp_path):
    (tmp_path / "a.py").write_text("A = 1\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.py").write_text("C = 3\n")
    before = source_fingerprint(tmp_path)
    (tmp_path / "sub" / "c.py").write_text("C = 4\n")
    assert source_fingerprint(tmp_path) != before


def test_a_file_moved_into_a_sub_package_changes_the_fingerprint(tmp_path):
    (tmp_path / "c.py").write_text("C = 3\n")
    before = source_fingerprint(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "c.py").rename(tmp_path / "sub" / "c.py")
    assert source_fingerprint(tmp_path) != before
