"""A benchmark corpus of real article text: the real-news development set's sentences recombined.

`python -m benchmarks.realtext --n 1000 --seed 7 --out DIR` writes DIR/articles/rt_NNNNN.txt: each
article takes a headline (the first line of a real article, without its date) and then whole
sentences of the development set's bodies (`tests/data/realnews/articles/`, 119 openly licensed texts),
drawn in runs of one to five consecutive sentences from random texts, in paragraphs of two to four
runs, until it has 250 to 1,000 words. The text is real news prose (names, quotes, figures, readouts)
rather than the synthetic generator's templates; the articles are not real articles, and there is no
gold. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = REPO_ROOT / "tests" / "data" / "realnews" / "articles"
MIN_WORDS, MAX_WORDS = 250, 1000
# A sentence ends at . ! ? (with a closing quote) before a space and a capital, digit or quote.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"\u201c'A-Z0-9])")
HEADER_DATE = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s+")


@dataclass(frozen=True)
class Source:
    headline: str
    sentences: list[str]


def load_sources(folder: Path = SOURCE_DIR) -> list[Source]:
    sources = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        first, _, body = text.partition("\n")
        headline = HEADER_DATE.sub("", first).strip()
        sentences = []
        for paragraph in re.split(r"\n\s*\n", body):
            paragraph = " ".join(paragraph.split())
            if len(paragraph.split()) < 6:
                continue  # bylines, datelines, list items
            sentences.extend(s.strip() for s in SENTENCE_END.split(paragraph) if len(s.split()) >= 4)
        if headline and sentences:
            sources.append(Source(headline, sentences))
    return sources


def generate_realtext_corpus(n: int, seed: int, out_dir: Path) -> tuple[int, int]:
    """Write n articles; (articles, words)."""
    articles_dir = Path(out_dir) / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)
    for stale in articles_dir.glob("rt_*.txt"):
        stale.unlink()
    sources = load_sources()
    rng = random.Random(seed)
    total_words = 0
    for index in range(n):
        target = rng.randint(MIN_WORDS, MAX_WORDS)
        headline = rng.choice(sources).headline
        paragraphs: list[str] = []
        words = 0
        while words < target:
            runs = []
            for _ in range(rng.randint(2, 4)):
                source = rng.choice(sources)
                length = rng.randint(1, 5)
                start = rng.randrange(max(1, len(source.sentences) - length + 1))
                run = source.sentences[start : start + length]
                runs.append(" ".join(run))
                words += sum(len(s.split()) for s in run)
                if words >= target:
                    break
            paragraphs.append(" ".join(runs))
        total_words += words
        (articles_dir / f"rt_{index:05d}.txt").write_text(headline + "\n\n" + "\n\n".join(paragraphs) + "\n",
                                                          encoding="utf-8")
    return n, total_words


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    articles, words = generate_realtext_corpus(args.n, args.seed, args.out)
    print(f"{articles} articles, {words} words -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
