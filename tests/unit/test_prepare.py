"""`python -m pipeline.prepare`: bytecode of the repository's modules and the unpacked language model."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from pipeline.metadata import source_fingerprint
from pipeline.prepare import PACKAGES, compile_modules
from pipeline.up_to_date import code_state
from run_helpers import REPO_ROOT, copy_code


def test_every_module_gets_bytecode_and_no_fingerprint_changes(tmp_path):
    root = copy_code(tmp_path / "repo")
    modules = [path for package in PACKAGES for path in (root / package).rglob("*.py")]
    assert len(modules) > 50
    assert not any(Path(importlib.util.cache_from_source(str(path))).exists() for path in modules)
    state, extraction_code = code_state(root), source_fingerprint(root / "pipeline" / "nlp")

    assert compile_modules(root)

    assert all(Path(importlib.util.cache_from_source(str(path))).exists() for path in modules)
    # bytecode is not code: a run after preparing is still up to date and re-parses nothing
    assert code_state(root) == state
    assert source_fingerprint(root / "pipeline" / "nlp") == extraction_code


def test_a_module_that_does_not_compile_fails_the_preparation(tmp_path):
    root = tmp_path / "repo"
    for package in PACKAGES:
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("")
    (root / "assets" / "broken.py").write_text("def broken(:\n")
    assert not compile_modules(root)


def test_the_command_unpacks_the_language_model_into_the_cache_folder(tmp_path):
    cache = tmp_path / "cache"
    env = {**os.environ, "PIPELINE_CACHE_DIR": str(cache)}
    completed = subprocess.run([sys.executable, "-m", "pipeline.prepare"], cwd=REPO_ROOT, env=env,
                               capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    unpacked = [path.parent for path in cache.glob("py3langid-*/meta.json")]
    assert len(unpacked) == 1 and (unpacked[0] / "ptc.npy").exists()
