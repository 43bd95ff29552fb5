"""DuckDB 1.x clients, each in a virtualenv of its own, installed from the locked files beside this one.

The files (`duckdb-<version>.txt`) pin one DuckDB release with the hashes of its wheels; a client is
installed once into `.cache/duckdb-clients/<version>` (git-ignored) and reused while its file is
unchanged. uv installs it when the repository's copy is there (`.tools/bin/uv`, made by `make`),
otherwise the standard library's venv and pip do.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
CLIENTS = REPO_ROOT / ".cache" / "duckdb-clients"
READER = HERE / "read_published.py"


def client_python(version: str) -> Path:
    """The interpreter of a virtualenv holding exactly duckdb==version (installed when missing)."""
    lock = HERE / f"duckdb-{version}.txt"
    target = CLIENTS / version
    python = target / "bin" / "python"
    stamp = target / ".installed-from"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    shutil.rmtree(target, ignore_errors=True)
    uv = REPO_ROOT / ".tools" / "bin" / "uv"
    if uv.exists():
        subprocess.run([str(uv), "venv", "--quiet", "--python", sys.executable, str(target)], check=True)
        subprocess.run([str(uv), "pip", "install", "--quiet", "--python", str(python), "--require-hashes",
                        "-r", str(lock)], check=True)
    else:
        subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--require-hashes", "-r", str(lock)],
                       check=True)
    stamp.write_text(wanted)
    return python


def read_with(python: Path, published: Path) -> dict:
    completed = subprocess.run([str(python), str(READER), str(published)], capture_output=True, text=True,
                               timeout=300, check=False)
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr.strip()[-2000:] or "failed")
    return json.loads(completed.stdout)
