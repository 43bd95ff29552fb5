"""The code location: every asset, check, job, schedule, sensor and resource of the pipeline."""

import dagster as dg

from pipeline import collector, settings

settings.apply_defaults()

from assets import clean, ingest, nlp, reference, report  # noqa: E402  (defaults must be set first)
from assets.models import sql_model_assets  # noqa: E402
from assets.publish import build_published_warehouse_asset  # noqa: E402
from pipeline.jobs import executor_for, pipeline_job  # noqa: E402
from pipeline.resources import InboxResource, NlpResource, WarehouseResource  # noqa: E402
from pipeline.schedules import daily_pipeline_schedule  # noqa: E402
from pipeline.sensors import inbox_sensor, run_recovery_sensor  # noqa: E402


def _mart_keys() -> list[dg.AssetKey]:
    return [key for definition in sql_model_assets for key in definition.keys if key.path[0] == "marts"]


defs = dg.Definitions(
    assets=[
        ingest.raw_documents,
        reference.reference_tables,
        clean.core_documents,
        *nlp.build_nlp_assets(),
        *sql_model_assets,
        build_published_warehouse_asset(_mart_keys()),
        report.relationship_report,
    ],
    jobs=[pipeline_job],
    schedules=[daily_pipeline_schedule],
    sensors=[inbox_sensor, run_recovery_sensor],
    # "Materialize all" in the UI runs the same way as `make run` (PIPELINE_EXECUTOR; by default one
    # process, one run lock, and the parser process the ingest step starts lives until the NLP stage).
    executor=executor_for(),
    resources={
        "warehouse": WarehouseResource(
            database=dg.EnvVar("PIPELINE_WAREHOUSE_PATH"),
            published_dir=dg.EnvVar("PIPELINE_PUBLISHED_DIR"),
            wait_seconds=dg.EnvVar.int("PIPELINE_WAIT_SECONDS"),
        ),
        "inbox": InboxResource(
            path=dg.EnvVar("PIPELINE_INBOX_DIR"),
            max_file_bytes=dg.EnvVar.int("PIPELINE_MAX_FILE_BYTES"),
            max_text_chars=dg.EnvVar.int("PIPELINE_MAX_TEXT_CHARS"),
        ),
        "nlp": NlpResource(
            model_name=dg.EnvVar("PIPELINE_SPACY_MODEL"),
            batch_size=dg.EnvVar.int("PIPELINE_NLP_BATCH_SIZE"),
            n_process=dg.EnvVar.int("PIPELINE_NLP_PROCESSES"),
            chunk_size=dg.EnvVar.int("PIPELINE_NLP_CHUNK_SIZE"),
        ),
    },
)

# Everything above lives as long as the process: keep the garbage collector off it.
collector.configure_for_runs()
