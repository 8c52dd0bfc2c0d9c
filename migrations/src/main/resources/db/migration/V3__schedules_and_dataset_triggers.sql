-- Runs created by schedules and dataset events, and max_active_runs.

-- A run waits, queued and without a workflow, until its Dag is unpaused *and* has a free slot
-- under max_active_runs; pausing was the only reason before.
alter table dag_run rename column awaiting_unpause to awaiting_start;
alter index dag_run_awaiting_unpause rename to dag_run_awaiting_start;
-- Runs that hold a max_active_runs slot are found per Dag.
create index dag_run_active on dag_run (dag_id) where state in ('queued', 'running');
-- The latest scheduled run of a Dag (next_dagrun, catch-up) is found per Dag.
create index dag_run_automated on dag_run (dag_id, data_interval_end)
    where run_type in ('scheduled', 'backfill');

-- Per Dag and dataset: the last dataset event the Dag has consumed. Written when a Dag is first
-- registered as scheduled on the dataset (so events from before it existed never trigger it) and
-- advanced when a dataset-triggered run consumes the events queued since.
create table dag_dataset_watermark (
    dag_id            text   not null references dag (dag_id) on delete cascade,
    uri               text   not null,
    consumed_event_id bigint not null,
    primary key (dag_id, uri)
);

-- Airflow's dagrun_dataset_event: the events a dataset-triggered run consumed; a dataset event's
-- created_dagruns are read from here.
create table dag_run_dataset_event (
    dag_id   text   not null,
    run_id   text   not null,
    event_id bigint not null references dataset_event (id) on delete cascade,
    primary key (dag_id, run_id, event_id),
    foreign key (dag_id, run_id) references dag_run (dag_id, run_id) on delete cascade
);
create index dag_run_dataset_event_by_event on dag_run_dataset_event (event_id);
