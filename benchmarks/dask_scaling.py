"""The NLP stage on Dask: a cold run with 1 and with 2 Dask workers, next to the default run.

    python -m benchmarks.dask_scaling --size 1000 --seed 7 [--report BENCHMARKS.md]

Three cold runs of `python -m pipeline.cli run` over the same synthetic corpus (`benchmarks.corpus`),
each measured as `benchmarks.run` measures its runs (wall time, CPU, peak memory of the process tree,
step times from a scratch DAGSTER_HOME):

- `in_process`: the default (one NLP step, the parser process with a spaCy worker per core);
- `dask-1`: `PIPELINE_EXECUTOR=dask`, a LocalCluster of 1 single-threaded worker, 1 shard;
- `dask-2`: the same with 2 workers and 2 shards.

The NLP stage of a sharded run is the span from the start of `nlp__shard_inputs` (the planner) to the
end of `nlp_extractions` (the loader); the overhead of a shard is its step's time less the time it
spent parsing (model loading, reading the texts from and writing the Parquet files to the store,
Dagster's step start-up in the worker).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.run import REPO_ROOT, machine_info, pipeline_run, prepare_corpus, prepend_report

RUNS = (
    ("in_process", {"PIPELINE_EXECUTOR": "in_process", "PIPELINE_NLP_SHARDS": "1"}),
    ("dask-1", {"PIPELINE_EXECUTOR": "dask", "PIPELINE_NLP_SHARDS": "1", "PIPELINE_DASK_WORKERS": "1"}),
    ("dask-2", {"PIPELINE_EXECUTOR": "dask", "PIPELINE_NLP_SHARDS": "2", "PIPELINE_DASK_WORKERS": "2"}),
)


def step_times(dagster_home: Path) -> dict[str, dict]:
    """Start, end and the NLP metadata of every step of the latest run of an instance."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        run = instance.get_runs(limit=1)[0]
        steps = {stat.step_key: {"start": stat.start_time, "end": stat.end_time}
                 for stat in instance.get_run_step_stats(run.run_id) if stat.start_time is not None}
        for entry in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
            event = entry.dagster_event
            metadata = {key: value.value for key, value in event.step_materialization_data.materialization.metadata.items()
                        if key.startswith("nlp_") or key in ("documents_parsed", "documents_to_parse")}
            steps.setdefault(event.step_key, {}).setdefault("metadata", {}).update(metadata)
    return steps


def nlp_summary(steps: dict[str, dict]) -> dict:
    loader = steps["nlp_extractions"]
    if "nlp__shard_inputs" not in steps:  # the default: one step parses and writes
        return {"nlp_span_seconds": loader["end"] - loader["start"], "parse_seconds": loader["metadata"]["nlp_seconds"]}
    shards = sorted(key for key in steps if key.startswith("nlp__shard_") and key != "nlp__shard_inputs")
    shard_rows = []
    for key in shards:
        seconds = steps[key]["end"] - steps[key]["start"]
        parse = steps[key]["metadata"]["nlp_seconds"]
        shard_rows.append({"step": key, "seconds": seconds, "parse_seconds": parse,
                           "documents": steps[key]["metadata"]["documents_parsed"], "overhead_seconds": seconds - parse})
    plan = steps["nlp__shard_inputs"]
    return {
        "nlp_span_seconds": loader["end"] - plan["start"],
        "plan_seconds": plan["end"] - plan["start"],
        "loader_seconds": loader["end"] - loader["start"],
        "shards": shard_rows,
        "parse_seconds": max(row["parse_seconds"] for row in shard_rows),
    }


def report(size: int, seed: int, results: dict[str, dict]) -> str:
    base, one, two = results["in_process"], results["dask-1"], results["dask-2"]
    lines = [
        f"## NLP stage on Dask: {size} synthetic articles, 1 and 2 workers ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC)",
        "",
        f"`python -m benchmarks.dask_scaling --size {size} --seed {seed}` on {machine_info().get('cpu', 'this machine')}, "
        f"{machine_info()['cores']} cores. Cold runs; the NLP stage of a sharded run spans the planner's start to the loader's end.",
        "",
        "| run | wall s | CPU s | peak tree RSS MiB | NLP stage s | slowest shard's parse s | planner s | loader s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, result in results.items():
        nlp = result["nlp"]
        lines.append(
            f"| {label} | {result['wall_seconds']:.1f} | {result['cpu_seconds']:.1f} | {result['peak_mib']:,.0f} | "
            f"{nlp['nlp_span_seconds']:.1f} | {nlp['parse_seconds']:.1f} | {nlp.get('plan_seconds', 0):.1f} | "
            f"{nlp.get('loader_seconds', 0):.1f} |"
        )
    lines += ["", "| shard step | documents | step s | parsing s | overhead s (model load, store I/O, step start-up) |",
              "| --- | --- | --- | --- | --- |"]
    for label in ("dask-1", "dask-2"):
        for row in results[label]["nlp"]["shards"]:
            lines.append(f"| {label} {row['step']} | {row['documents']} | {row['seconds']:.1f} | "
                         f"{row['parse_seconds']:.1f} | {row['overhead_seconds']:.1f} |")
    lines += [
        "",
        f"Speed-up of the NLP stage, 2 workers over 1: **{one['nlp']['nlp_span_seconds'] / two['nlp']['nlp_span_seconds']:.2f}x**; "
        f"of the whole run: {one['wall_seconds'] / two['wall_seconds']:.2f}x. "
        f"The default in-process run (its parser process with a spaCy worker per core): NLP stage "
        f"{base['nlp']['nlp_span_seconds']:.1f} s, whole run {base['wall_seconds']:.1f} s.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--report", type=Path, default=None, help="prepend the table to this Markdown file")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    root = args.workdir or Path(tempfile.mkdtemp(prefix="dask-scaling-"))
    root.mkdir(parents=True, exist_ok=True)
    inbox = prepare_corpus(args.size, args.seed, root)
    results: dict[str, dict] = {}
    for label, env in RUNS:
        workspace = root / label
        workspace.mkdir(exist_ok=True)
        run = pipeline_run(label, args.size, inbox, workspace, root, env)
        results[label] = {"wall_seconds": run.wall_seconds, "cpu_seconds": run.cpu_seconds,
                          "peak_mib": run.peak_tree_rss_bytes / 2**20,
                          "nlp": nlp_summary(step_times(workspace / "dagster_home"))}
    text = report(args.size, args.seed, results)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    if args.report:
        prepend_report(args.report, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
