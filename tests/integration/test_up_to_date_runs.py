"""`make run` again on the same Dagster instance and warehouse: a run starts only when something changed."""

from __future__ import annotations

import re
import subprocess
import sys

import dagster as dg

from corpus_files import copy_articles
from run_helpers import REPO_ROOT, dagster_home, pipeline_env

NEW_ARTICLE = """Ruritania and Freedonia sign a fisheries accord

The foreign ministers of Ruritania and Freedonia met in the Freedonian capital on Tuesday and signed an
agreement on fishing rights in their shared waters. The two ministers said the accord would end a dispute
that had lasted for a decade, and agreed to meet again next year to review its first results.
"""


def _run(env, *args):
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "run", *args], cwd=REPO_ROOT, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)


def _runs(home):
    with dg.DagsterInstance.from_config(str(home)) as instance:
        return instance.get_runs()


def _parser_started(home):
    """Where the latest run's parser was started (the NLP step's metadata), None if it parsed nothing."""
    with dg.DagsterInstance.from_config(str(home)) as instance:
        run = instance.get_runs(limit=1)[0]
        for entry in instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION):
            materialization = entry.dagster_event.step_materialization_data.materialization
            if materialization.asset_key.path == ["core", "entities"] and "nlp_parser_started" in materialization.metadata:
                return materialization.metadata["nlp_parser_started"].value
    return None


def test_a_run_starts_only_when_the_inbox_code_settings_or_warehouse_changed(tmp_path):
    inbox = copy_articles(tmp_path / "inbox")
    warehouse = tmp_path / "warehouse.duckdb"
    home = dagster_home(tmp_path)
    env = {**pipeline_env(inbox, warehouse, DAGSTER_HOME=str(home)), "PIPELINE_LOG_LEVEL": ""}  # stage lines

    first = _run(env)
    assert first.returncode == 0, first.stdout[-3000:]
    [recorded] = _runs(home)
    assert recorded.status == dg.DagsterRunStatus.SUCCESS
    assert _parser_started(home) == "before the run"  # the model loaded while Dagster started

    unchanged = _run(env)
    assert unchanged.returncode == 0, unchanged.stdout[-3000:]
    assert unchanged.stdout.startswith(f"Nothing changed since run {recorded.run_id}"), unchanged.stdout
    assert "core.interactions" in unchanged.stdout  # the summary of the published copy is still shown
    assert len(_runs(home)) == 1

    (inbox / "fisheries.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    added = _run(env)
    assert added.returncode == 0, added.stdout[-3000:]
    assert "read       6 files: 1 new" in added.stdout, added.stdout
    runs = _runs(home)
    assert len(runs) == 2 and runs[0].status == dg.DagsterRunStatus.SUCCESS
    assert _parser_started(home) == "before the run"

    assert _run(env).stdout.startswith(f"Nothing changed since run {runs[0].run_id}")
    forced = _run(env, "--force")
    assert forced.returncode == 0 and "read       6 files: 0 new" in forced.stdout, forced.stdout
    assert len(_runs(home)) == 3
    assert _parser_started(home) is None  # nothing to parse, and no parser started for it

    # A setting that decides what the tables hold (here: which sentences are parsed) starts a run.
    other_setting = _run({**env, "PIPELINE_SELECTIVE_PARSE": "0"})
    assert other_setting.returncode == 0, other_setting.stdout[-3000:]
    assert re.search(r"^  parsed +6 of 6 documents", other_setting.stdout, re.MULTILINE), other_setting.stdout
    assert len(_runs(home)) == 4
    assert _parser_started(home) == "the NLP step"  # the inbox is as it was: nothing started it earlier
