"""The one job: materialize the whole graph with the executor `PIPELINE_EXECUTOR` selects.

`in_process` (the default) runs every step in the run's process, so writers to DuckDB never overlap
and the parser process forked by the ingest step serves the NLP stage. `multiprocess` and `dask` run
each step in its own process (a Dask worker for `dask`); the NLP stage then runs in shards that never
open the warehouse, and the writers still take the run lock one step at a time.
"""

import dagster as dg

from pipeline.settings import apply_defaults, dask_workers, executor_name, nlp_shards, setting, usable_cores


def dask_cluster_config() -> dict:
    """dagster-dask's `cluster` config: the scheduler at PIPELINE_DASK_SCHEDULER, or a LocalCluster with
    one single-threaded worker process per usable core (PIPELINE_DASK_WORKERS to change the count),
    every one on the warehouse's machine, so every one offers the warehouse resource."""
    from pipeline.dask_executor import WAREHOUSE_RESOURCE

    address = setting("PIPELINE_DASK_SCHEDULER").strip()
    if address:
        return {"existing": {"address": address}}
    return {"local": {"n_workers": dask_workers(), "threads_per_worker": 1, "processes": True,
                      "dashboard_address": None, "resources": {WAREHOUSE_RESOURCE: 1}}}


def executor_for(name: str | None = None) -> dg.ExecutorDefinition:
    name = name or executor_name()
    if name == "multiprocess":
        # As many steps at once as there are shards or cores, whichever is fewer (the warehouse pool
        # and the run lock still let one writer step at a time in).
        return dg.multiprocess_executor.configured(
            {"max_concurrent": max(1, min(nlp_shards(), usable_cores()))}, name="multiprocess"
        )
    if name == "dask":
        from pipeline.dask_executor import dask_executor

        return dask_executor.configured({"cluster": dask_cluster_config()}, name="dask")
    return dg.in_process_executor


apply_defaults()

pipeline_job = dg.define_asset_job(
    name="pipeline_job",
    selection=dg.AssetSelection.all(),
    executor_def=executor_for(),
    description="Ingest the inbox, clean, extract, build the SQL models and publish the read-only copy. "
    "Only new or changed articles are parsed.",
)
