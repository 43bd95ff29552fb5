"""The Dask executor: dagster-dask's, with two changes that make it run this job.

- dagster-dask 0.29 hands the run (a Dagster record built on a named tuple) to `client.submit` as a
  plain argument, and Dask 2025+ walks tuple arguments looking for futures, which Dagster's records
  forbid ("Iteration is not allowed on `@record` RunOpConcurrency"). Here the step's arguments travel
  in one opaque object; only the futures of the steps it waits for are visible to Dask.
- dagster-dask submits every step at once and runs a step even when a step it depends on failed (a
  failed blocking check must stop the SQL models and the publish step). Here the steps go to the
  cluster one level of the plan at a time, and a step whose upstream steps did not all succeed is not
  run (an engine event says so).
- A worker killed while it runs a step: Dask runs the step again on another worker (up to
  `distributed.scheduler.allowed-failures` times); no finished step runs again, since no task takes
  another's result as an argument.

- The steps that open the DuckDB file or its published copy (the assets with the `warehouse`
  resource) need the Dask resource `warehouse`, so
  on a cluster of several machines they run only on the workers started where the file is
  (`dask worker <scheduler> --nthreads 1 --resources warehouse=1`); every worker of a LocalCluster
  has it. A scheduler with no such worker fails the run at once, saying so, instead of leaving the
  writer steps waiting for a worker that never comes.

Cluster configuration is dagster-dask's (`cluster: {local: {...}}` for a LocalCluster,
`cluster: {existing: {address: ...}}` for a running scheduler).
"""

from __future__ import annotations

import logging
import time

import dagster as dg
from dagster import _check as check
from dagster._core.errors import raise_execution_interrupts
from dagster._core.events import DagsterEvent
from dagster._utils import iterate_with_context
from dagster_dask.executor import DaskExecutor, dask_executor as upstream_dask_executor
from dagster_dask.executor import get_dask_resource_requirements, query_on_dask_worker

# The Dask resource a worker offers when it runs where the warehouse file is; also the name of the
# Dagster resource (WarehouseResource) whose users must run there.
WAREHOUSE_RESOURCE = "warehouse"


# Dask estimates the size of every result (a step's list of Dagster events) and warns when it cannot.
logging.getLogger("distributed.sizeof").setLevel(logging.ERROR)


class _Payload:
    """The arguments of one step, opaque to Dask's argument parsing (pickled as they are)."""

    def __init__(self, *arguments) -> None:
        self.arguments = arguments


def run_step_on_worker(dependencies, payload: _Payload):
    return query_on_dask_worker(dependencies, *payload.arguments)


def step_resources(step, job_def: dg.JobDefinition) -> dict[str, float]:
    """The Dask resources a step needs: its `dagster-dask/resource_requirements` tag, and the
    warehouse for a step that opens the DuckDB file or the published copy beside it (every step
    that uses the `warehouse` resource: the writers and the report)."""
    resources = dict(get_dask_resource_requirements(step.tags))
    if WAREHOUSE_RESOURCE in job_def.graph.get_node(step.node_handle).definition.required_resource_keys:
        resources[WAREHOUSE_RESOURCE] = 1
    return resources


def workers_with_the_warehouse(client, wait_seconds: float = 30.0) -> list[str]:
    """The workers that offer the warehouse resource, waiting a little for workers still joining."""
    deadline = time.monotonic() + wait_seconds
    while True:
        workers = [address for address, worker in client.scheduler_info(n_workers=-1)["workers"].items()
                   if worker.get("resources", {}).get(WAREHOUSE_RESOURCE, 0) >= 1]
        if workers or time.monotonic() > deadline:
            return workers
        time.sleep(0.5)


class NoWarehouseWorker(Exception):
    """No worker of an existing Dask cluster offers the `warehouse` resource."""


class LevelledDaskExecutor(DaskExecutor):
    def execute(self, plan_context, execution_plan):
        import dask.distributed

        instance = plan_context.instance
        check.invariant(instance.is_persistent, "Dask execution requires a persistent DagsterInstance")
        job_name = plan_context.job_name
        if self.cluster_type == "existing":
            cluster = self.cluster_configuration["address"]
        elif self.cluster_type == "local":
            from dask.distributed import LocalCluster

            cluster = LocalCluster(**self.build_dict(job_name))
        else:
            raise ValueError(f"cluster type {self.cluster_type!r}: this executor starts 'local' or uses 'existing'")
        succeeded: set[str] = set()
        levels = execution_plan.get_steps_to_execute_by_level()
        # Steps outside this plan (a re-execution's steps that succeeded before) count as done.
        planned = {step.key for level in levels for step in level}
        job_def = plan_context.reconstructable_job.get_definition()
        try:
            with dask.distributed.Client(cluster) as client:
                if not workers_with_the_warehouse(client):
                    raise NoWarehouseWorker(
                        f"no worker of the Dask scheduler at {cluster} offers the '{WAREHOUSE_RESOURCE}' resource, "
                        "so no step could write the warehouse. Start one where the DuckDB file is: "
                        f"dask worker {cluster} --nthreads 1 --resources {WAREHOUSE_RESOURCE}=1"
                    )
                for level in levels:
                    submitted = []
                    for step in level:
                        upstream = {key for step_input in step.step_inputs for key in step_input.dependency_keys}
                        missing = sorted(key for key in upstream if key in planned and key not in succeeded)
                        if missing:
                            yield DagsterEvent.engine_event(
                                plan_context,
                                f"Dependencies for step {step.key} did not succeed: {missing}. Not executing.",
                            )
                            continue
                        # No futures as arguments: the levels order the steps, and a worker that dies
                        # then costs only the step it was running (Dask would otherwise run again every
                        # finished step whose result that worker held).
                        future = client.submit(
                            run_step_on_worker,
                            [],
                            _Payload(plan_context.reconstructable_job, plan_context.dagster_run,
                                     plan_context.run_config, [step.key], instance.get_ref(),
                                     execution_plan.known_state),
                            key=f"{job_name}.{step.key}.{plan_context.run_id}",
                            resources=step_resources(step, job_def),
                            pure=False,
                        )
                        submitted.append(future)
                    completed = dask.distributed.as_completed(submitted, with_results=True)
                    for _future, events in iterate_with_context(raise_execution_interrupts, completed):
                        for event in events:
                            event = check.inst(event, DagsterEvent)
                            if event.event_type_value == "STEP_SUCCESS":
                                succeeded.add(event.step_key)
                            yield event
                    del submitted, completed  # the results are here: the workers may drop them
        finally:
            if not isinstance(cluster, str):
                cluster.close()


@dg.executor(
    name="dask",
    requirements=dg.multiple_process_executor_requirements(),
    config_schema=upstream_dask_executor.config_schema,
)
def dask_executor(init_context):
    ((cluster_type, cluster_configuration),) = init_context.executor_config["cluster"].items()
    return LevelledDaskExecutor(cluster_type, cluster_configuration)
