-- Atelier's first schema: Dags and their runs as Airflow names them, the promotion audit
-- trail, datasets, and the users that HTTP basic auth checks.

create table users (
    username      text primary key,
    -- bcrypt in Modular Crypt Format ($2a$...), checked by Quarkus's JDBC security realm.
    password_hash text not null,
    role          text not null default 'admin'
);

create table dag (
    dag_id       text primary key,
    is_paused    boolean     not null default false,
    description  text,
    schedule     text,
    tags         jsonb       not null default '[]',
    definition   jsonb       not null,
    updated_at   timestamptz not null default now()
);

create table dag_run (
    dag_id              text        not null references dag (dag_id),
    run_id              text        not null,
    state               text        not null,
    run_type            text        not null default 'manual',
    conf                jsonb       not null default '{}',
    logical_date        timestamptz not null,
    data_interval_start timestamptz,
    data_interval_end   timestamptz,
    start_date          timestamptz,
    end_date            timestamptz,
    external_trigger    boolean     not null default true,
    workflow_id         text        not null,
    note                text,
    primary key (dag_id, run_id)
);

create table task_instance (
    dag_id        text    not null,
    run_id        text    not null,
    task_id       text    not null,
    map_index     integer not null default -1,
    state         text,
    try_number    integer not null default 0,
    operator      text,
    start_date    timestamptz,
    end_date      timestamptz,
    xcom          jsonb,
    mlflow_run_id text,
    note          text,
    primary key (dag_id, run_id, task_id, map_index),
    foreign key (dag_id, run_id) references dag_run (dag_id, run_id) on delete cascade
);

create table promotion_audit (
    id             bigserial primary key,
    model_name     text        not null,
    model_version  text        not null,
    alias          text        not null,
    mlflow_run_id  text        not null,
    dag_id         text,
    dag_run_id     text,
    step           bigint,
    reason         text        not null,
    promoted_by    text        not null,
    promoted_at    timestamptz not null default now()
);

create table dataset (
    id         bigserial primary key,
    uri        text unique not null,
    extra      jsonb       not null default '{}',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table dataset_event (
    id               bigserial primary key,
    dataset_id       bigint      not null references dataset (id),
    extra            jsonb       not null default '{}',
    source_dag_id    text,
    source_task_id   text,
    source_run_id    text,
    source_map_index integer     not null default -1,
    created_at       timestamptz not null default now()
);
