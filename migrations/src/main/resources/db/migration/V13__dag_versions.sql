-- Dag versions (issue 15): each Dag definition the app registered, numbered 1, 2, ... per Dag.
-- digest is SHA-256 over the Dag's canonical JSON form (its DagSpec, keys sorted); bundle_version
-- is the version of the build that defined it. A Dag whose digest or build changed gets the next
-- number at start; every run records the version it was created under.
create table dag_version (
    id             uuid        primary key default gen_random_uuid(),
    dag_id         text        not null references dag (dag_id) on delete cascade,
    version_number integer     not null check (version_number >= 1),
    digest         text        not null,
    bundle_version text        not null,
    definition     jsonb       not null,
    created_at     timestamptz not null default now(),
    unique (dag_id, version_number)
);

alter table dag_run add column dag_version_id uuid references dag_version (id) on delete set null;
