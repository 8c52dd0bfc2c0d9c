-- Airflow 3's run dates (issue 15): every run has a run_after, the earliest time it may run, by
-- which runs are ordered; its logical_date may be null. A run triggered through /api/v2 without a
-- logical date (Airflow 3's default) and an asset materialisation store none, and no data
-- interval. Every other run (scheduled, dataset-triggered, backfill, Airflow 2's API) keeps a
-- logical date, and its run_after is that date. Existing rows take their logical date.
alter table dag_run add column run_after timestamptz;
update dag_run set run_after = logical_date;
alter table dag_run alter column run_after set not null;
alter table dag_run alter column logical_date drop not null;
create index dag_run_run_after on dag_run (dag_id, run_after);

-- A writer that names only a logical date (the worker recording a scheduled run it started, older
-- fixtures) gets it as run_after too.
create function dag_run_after_default() returns trigger language plpgsql as $$
begin
  new.run_after := coalesce(new.run_after, new.logical_date);
  return new;
end $$;
create trigger dag_run_after_default before insert on dag_run
  for each row execute function dag_run_after_default();
