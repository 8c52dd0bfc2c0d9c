-- Airflow 3's asset aliases (issue 15): an alias names assets known only at run time. A task lists
-- the alias in its outlets and adds events through it on the assets it wrote; each such asset joins
-- what the alias resolves to, and Dags scheduled on the alias are scheduled on those assets. The
-- tables mirror Airflow's asset_alias, asset_alias_asset and asset_alias_asset_event (an asset is a
-- row of dataset here). Numbered 15 so it follows the migrations other branches add (12 to 14).

create table asset_alias (
    id         bigserial primary key,
    name       text not null unique check (length(name) between 1 and 1500),
    "group"    text not null default 'asset' check (length("group") between 1 and 1500),
    created_at timestamptz not null default now()
);

-- What the alias resolves to: every asset an event was added on through it.
create table asset_alias_asset (
    alias_id   bigint not null references asset_alias (id) on delete cascade,
    dataset_id bigint not null references dataset (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (alias_id, dataset_id)
);
create index asset_alias_asset_dataset on asset_alias_asset (dataset_id);

-- The events added through the alias (Airflow's source_aliases of an event).
create table asset_alias_asset_event (
    alias_id bigint not null references asset_alias (id) on delete cascade,
    event_id bigint not null references dataset_event (id) on delete cascade,
    primary key (alias_id, event_id)
);
create index asset_alias_asset_event_event on asset_alias_asset_event (event_id);
