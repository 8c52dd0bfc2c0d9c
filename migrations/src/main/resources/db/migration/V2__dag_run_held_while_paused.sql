-- Dag runs as Airflow's REST API v1 manages them beyond V1.

-- A run triggered while its Dag is paused waits, queued, with no Temporal workflow yet (Airflow
-- keeps such a run queued until the Dag is unpaused). Unpausing starts the workflows of the runs
-- that wait, oldest logical date first.
alter table dag_run add column awaiting_unpause boolean not null default false;
create index dag_run_awaiting_unpause on dag_run (dag_id, logical_date) where awaiting_unpause;

-- Airflow's DagRun id: the creation order that GET .../dagRuns sorts by unless told otherwise
-- (order_by=id). Existing rows are numbered in their table order.
alter table dag_run add column id bigserial;
create unique index dag_run_id on dag_run (id);
