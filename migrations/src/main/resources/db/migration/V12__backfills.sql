-- Backfills as Airflow 3 keeps them (issue 15): the request, its switches and its end. A backfill
-- owns the runs it created or re-ran (dag_run.backfill_id); while it is paused, or holds
-- max_active_runs active runs, its waiting runs are not started. Cancelling fails the runs that
-- had not started and sets completed_at; a backfill whose runs have all finished completes too.
create table backfill (
    id                 bigserial primary key,
    dag_id             text        not null references dag (dag_id) on delete cascade,
    from_date          timestamptz not null,
    to_date            timestamptz not null,
    dag_run_conf       jsonb       not null default '{}',
    -- Airflow's ReprocessBehavior: which logical dates that already have a run are run again.
    reprocess_behavior text        not null default 'none'
                                   check (reprocess_behavior in ('none', 'failed', 'completed')),
    max_active_runs    integer     not null default 10 check (max_active_runs >= 1),
    run_backwards      boolean     not null default false,
    is_paused          boolean     not null default false,
    created_by         text,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now(),
    completed_at       timestamptz,
    check (from_date <= to_date)
);
-- Airflow allows one backfill at a time per Dag.
create unique index backfill_one_running_per_dag on backfill (dag_id) where completed_at is null;

alter table dag_run add column backfill_id bigint references backfill (id) on delete set null;
create index dag_run_backfill on dag_run (backfill_id) where backfill_id is not null;
