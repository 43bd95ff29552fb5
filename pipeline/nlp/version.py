"""The extractor version: what decides that every document must be parsed again.

It changes when the spaCy model (name or version), any reference data file, the extraction code
(`pipeline/nlp/`), the cleaning code that makes the text spaCy reads (`pipeline/text/`) or
`PIPELINE_SELECTIVE_PARSE` changes, and only then: a change to any of them parses every document once more, so mention offsets always
point into the text that is stored.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import lru_cache
from pathlib import Path

from pipeline.metadata import source_fingerprint

EXTRACTION_CODE_DIRS = ("nlp", "text")


def model_version(model_name: str) -> str:
    """Version of an installed model package, read from its meta.json without loading weights."""
    try:
        # Located without importing the package: importing it would import spaCy into every process.
        spec = importlib.util.find_spec(model_name)
        meta_path = Path(next(iter(spec.submodule_search_locations))) / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    except Exception:  # a model given as a path, or not installed: the name is all we know
        return model_name


@lru_cache(maxsize=1)
def extraction_code_fingerprint() -> str:
    package_root = Path(__file__).resolve().parents[1]
    parts = [source_fingerprint(package_root / folder) for folder in EXTRACTION_CODE_DIRS]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def extractor_version(model_name: str) -> str:
    from pipeline.reference import load_reference

    from pipeline.settings import selective_parse_enabled

    parts = [model_name, model_version(model_name), load_reference().fingerprint(), extraction_code_fingerprint()]
    if not selective_parse_enabled():
        parts.append("every-sentence-parsed")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
