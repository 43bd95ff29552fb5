"""The one job: materialize the whole graph, in process, so writers to DuckDB never overlap."""

import dagster as dg

pipeline_job = dg.define_asset_job(
    name="pipeline_job",
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Ingest the inbox, clean, extract, build the SQL models and publish the read-only copy. "
    "Only new or changed articles are parsed.",
)
