"""Paths and copies of the bundled articles for tests (importable from every test folder)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED_ARTICLES = REPO_ROOT / "seeds" / "articles"
GOLD = REPO_ROOT / "tests" / "data" / "gold.json"


def copy_articles(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for article in sorted(SEED_ARTICLES.glob("*.txt")):
        shutil.copy2(article, target / article.name)
    return target
