import dagster as dg

from pipeline.jobs import pipeline_job

daily_pipeline_schedule = dg.ScheduleDefinition(
    name="daily_pipeline_schedule",
    job=pipeline_job,
    cron_schedule="0 6 * * *",
    description="Daily run; cheap when nothing changed (no file is read, no model is loaded).",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)
