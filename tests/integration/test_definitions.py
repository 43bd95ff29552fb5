import dagster as dg

from pipeline.definitions import defs


def test_definitions_load_with_every_asset_check_sensor_and_schedule():
    repository = defs.get_repository_def()
    asset_keys = {key.to_user_string() for key in repository.asset_graph.get_all_asset_keys()}
    expected_assets = {
        "raw/documents", "raw/rejected_documents", "core/documents", "core/entities", "core/mentions",
        "core/person_roles", "core/document_topics", "core/interactions", "core/quantities",
        "core/milestones", "ref/ranks", "ref/countries", "ref/event_codes", "marts/dyad_monthly",
        "marts/entity_cooccurrence", "marts/topic_trends", "marts/actor_profiles", "marts/economic_figures",
        "marts/relationship_milestones", "published/warehouse",
    }
    assert expected_assets <= asset_keys
    assert any(key.startswith("staging/") for key in asset_keys)
    check_names = {key.name for key in repository.asset_graph.asset_check_keys}
    assert {"raw_documents_unique_path", "documents_ok_unique", "mentions_point_at_documents",
            "interactions_have_participants"} <= check_names
    assert repository.has_sensor_def("inbox_sensor")
    assert repository.has_schedule_def("daily_pipeline_schedule")
    assert repository.has_job("pipeline_job")


def test_sql_models_depend_on_the_tables_they_read():
    graph = defs.get_repository_def().asset_graph
    dyad = graph.get(dg.AssetKey(["marts", "dyad_monthly"]))
    assert dyad.parent_keys, "a mart must have upstream models"
    assert all(parent.path[0] in {"staging", "marts"} for parent in dyad.parent_keys)
    for key in graph.get_all_asset_keys():
        if key.path[0] == "staging":
            assert all(parent.path[0] in {"raw", "core", "ref", "staging"} for parent in graph.get(key).parent_keys)


def test_runs_from_the_ui_use_the_executor_of_make_run():
    # "Materialize all" and a selection in the UI run the implicit asset job: one process, so one run
    # lock and one parser process for the whole run, as `make run` has.
    implicit = defs.resolve_implicit_global_asset_job_def()
    assert implicit.executor_def.name == dg.in_process_executor.name
    assert defs.resolve_job_def("pipeline_job").executor_def.name == dg.in_process_executor.name


def test_every_asset_check_blocks_what_comes_after_it():
    specs = [spec for assets in defs.resolve_asset_graph().assets_defs for spec in assets.check_specs]
    assert specs and all(spec.blocking for spec in specs)
    assert defs.get_repository_def().has_sensor_def("run_recovery_sensor")
