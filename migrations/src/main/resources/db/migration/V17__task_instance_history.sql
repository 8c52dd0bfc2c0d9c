-- Airflow 3's task_instance_history (issue 15): every try of a task instance that ended, kept when
-- the instance is cleared or tried again, so /api/v2's .../tries lists them all.
--
-- try_base counts the tries before the instance was last cleared: a cleared run's workflow counts
-- its tries from 1 again, and the worker records base + its own count (a second run's first try of
-- a task tried once is try 2, as in Airflow).
alter table task_instance add column try_base integer not null default 0;

create table task_instance_history (
    dag_id        text    not null,
    run_id        text    not null,
    task_id       text    not null,
    map_index     integer not null,
    try_number    integer not null,
    state         text,
    operator      text,
    start_date    timestamptz,
    end_date      timestamptz,
    mlflow_run_id text,
    note          text,
    primary key (dag_id, run_id, task_id, map_index, try_number),
    foreign key (dag_id, run_id) references dag_run (dag_id, run_id) on delete cascade
);

-- Archives the try an update ends: a clear (the state and start go) or a retry (the number grows).
-- An instance that never started (try 0) or was already cleared has no try to keep.
create function task_instance_archive_try() returns trigger language plpgsql as $$
begin
  if old.try_number > 0 and old.start_date is not null
     and (new.try_number > old.try_number or (new.state is null and new.start_date is null)) then
    insert into task_instance_history (dag_id, run_id, task_id, map_index, try_number, state,
                                       operator, start_date, end_date, mlflow_run_id, note)
    values (old.dag_id, old.run_id, old.task_id, old.map_index, old.try_number, old.state,
            old.operator, old.start_date, old.end_date, old.mlflow_run_id, old.note)
    on conflict (dag_id, run_id, task_id, map_index, try_number) do update set
      state = excluded.state, operator = excluded.operator, start_date = excluded.start_date,
      end_date = excluded.end_date, mlflow_run_id = excluded.mlflow_run_id, note = excluded.note;
  end if;
  return new;
end $$;
create trigger task_instance_archive_try before update on task_instance
  for each row execute function task_instance_archive_try();
