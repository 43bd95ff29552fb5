"""Language identification with py3langid (normalised probabilities)."""

from __future__ import annotations

import functools

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The opening of an article identifies its language; reading further only costs time.
_SAMPLE_CHARS = 2000
UNDETERMINED = "und"


@functools.lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # Loading the model takes a moment: do it once per process, on first use.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence in [0, 1]); ('und', 0.0) when the text has no letters."""
    sample = (text or "")[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return UNDETERMINED, 0.0
    language, confidence = _identifier().classify(sample)
    return str(language), round(float(confidence), 4)
