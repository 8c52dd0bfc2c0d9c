-- Pools edited through the REST API (issue 15). ATELIER_POOLS still names the default pools and
-- their sizes; a row here overrides the pool of its name, and a deleted row hides an environment
-- pool (deleted = true) so a restart does not bring it back. slots -1 is Airflow's "unlimited".
create table pool (
    name             text        primary key check (length(name) between 1 and 256),
    slots            integer     not null check (slots >= -1),
    description      text,
    include_deferred boolean     not null default false,
    deleted          boolean     not null default false,
    updated_at       timestamptz not null default now()
);
