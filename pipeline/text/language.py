"""Language identification with py3langid (normalised probabilities).

py3langid ships its model LZMA-compressed, and unpacking it takes about 0.3 s: a cost every run that
reads a new file would pay again. The unpacked arrays are kept in the cache folder
(`PIPELINE_CACHE_DIR`) and memory-mapped by later runs, which load in about 0.02 s. The classifier
is py3langid's own either way.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
from importlib.metadata import version
from pathlib import Path

import numpy as np
from py3langid import modelio
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from pipeline.settings import resolve_path, setting

# The opening of an article identifies its language; reading further only costs time.
_SAMPLE_CHARS = 2000
# The classifier reads byte by byte in Python, so its cost grows with the sample. A shorter opening
# that is English beyond doubt settles most articles at a third of the cost; any other verdict is
# read again on the whole sample, so no rejection depends on the short read.
_PROBE_CHARS = 700
_PROBE_CONFIDENCE = 0.999
UNDETERMINED = "und"


def _cache_key(model_path: Path) -> str:
    stat = model_path.stat()
    return f"py3langid-{version('py3langid')}-{stat.st_size}-{stat.st_mtime_ns}"


def unpack_model(model_path: Path, target: Path) -> None:
    """Unpack the model with py3langid's loader and save its arrays as .npy files in `target`."""
    ptc, pc, classes, nextmove, row, output = modelio.load_model(model_path)
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    np.save(staging / "ptc.npy", np.asarray(ptc))
    np.save(staging / "pc.npy", np.asarray(pc))
    np.save(staging / "output.npy", np.asarray(output, dtype=np.int64))
    for name, values in (("nextmove", nextmove), ("row", row)):
        np.save(staging / f"{name}.npy", np.frombuffer(values, dtype=np.dtype(values.typecode)))
    (staging / "meta.json").write_text(
        json.dumps({"classes": classes, "typecodes": {"nextmove": nextmove.typecode, "row": row.typecode}}),
        encoding="utf-8",
    )
    try:
        os.replace(staging, target)  # atomic: a concurrent run sees all of it or none
    except OSError:  # another process finished first
        shutil.rmtree(staging, ignore_errors=True)


def load_unpacked(target: Path, norm_probs: bool = True) -> LanguageIdentifier:
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))

    def mapped_table(name: str) -> memoryview:
        # The classifier indexes its state tables one item at a time, which a memoryview answers
        # with plain ints as fast as an array; copying the 39 MB transition table into an array
        # made the load take 0.09 s instead of 0.015 s, and only the pages read are ever loaded.
        return memoryview(np.load(target / f"{name}.npy", mmap_mode="r"))

    return LanguageIdentifier(
        np.load(target / "ptc.npy", mmap_mode="r"),
        np.load(target / "pc.npy"),
        meta["classes"],
        mapped_table("nextmove"),
        np.load(target / "output.npy").tolist(),
        norm_probs=norm_probs,
        tk_row=mapped_table("row"),
    )


def cached_identifier(model_path: Path, cache_dir: Path) -> LanguageIdentifier:
    """py3langid's identifier from the unpacked copy in `cache_dir`, unpacking it on first use."""
    target = cache_dir / _cache_key(model_path)
    if not (target / "meta.json").exists():
        unpack_model(model_path, target)
    return load_unpacked(target)


@functools.lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    try:
        return cached_identifier(MODEL_DIR / MODEL_FILE, resolve_path(setting("PIPELINE_CACHE_DIR")))
    except OSError:  # no writable cache folder: the library's loader, a little slower
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# A cheap screen before the classifier: an opening in which English function words make 22 % or more of
# the words is English (English news runs at 0.17-0.45, other languages written in Latin letters
# below 0.10). Only the verdict "English" is ever taken from the screen; every other opening goes to
# the classifier, so no rejection depends on it.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on with as by at from it was are be this has have said will its an "
    "which were their not or had been also but".split()
)
_SCREEN_MIN_WORDS = 60
_SCREEN_MIN_SHARE = 0.22
_WORD = re.compile(r"[^\W\d_]+")


def plainly_english(opening: str) -> bool:
    """Whether English function words make at least `_SCREEN_MIN_SHARE` of the opening's words."""
    words = _WORD.findall(opening.lower())
    if len(words) < _SCREEN_MIN_WORDS:
        return False
    return sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, words)) >= _SCREEN_MIN_SHARE * len(words)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence in [0, 1]); ('und', 0.0) when the text has no letters. An opening
    the screen settles as English is reported with confidence 1.0 without the classifier."""
    sample = (text or "")[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return UNDETERMINED, 0.0
    if plainly_english(sample[:_PROBE_CHARS]):
        return "en", 1.0
    if len(sample) > _PROBE_CHARS:
        language, confidence = _identifier().classify(sample[:_PROBE_CHARS])
        if language == "en" and confidence >= _PROBE_CONFIDENCE:
            return "en", round(float(confidence), 4)
    language, confidence = _identifier().classify(sample)
    return str(language), round(float(confidence), 4)
