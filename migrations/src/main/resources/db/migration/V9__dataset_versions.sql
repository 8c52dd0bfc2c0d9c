-- Dataset versions (issue 13): a watched source of files, the versions its content went through,
-- and the per-file manifest each version was computed from.

-- A source the app watches. Its dataset row gives the asset URI whose events start the Dags
-- scheduled on it (by default the source's own file:// URI). kind is 'folder' today; a bucket
-- prefix ('s3') is the next kind. The curation settings are read at every scan.
create table dataset_source (
    id                bigserial primary key,
    name              text        not null unique,
    kind              text        not null check (kind in ('folder')),
    uri               text        not null,
    dataset_id        bigint      not null references dataset (id),
    quiet_seconds     integer     not null default 5 check (quiet_seconds >= 0),
    min_image_size    integer     not null default 16 check (min_image_size >= 1),
    min_class_size    integer     not null default 1 check (min_class_size >= 1),
    near_dup_distance integer     not null default 4 check (near_dup_distance between 0 and 64),
    -- Whether training leaves duplicates / rejected files out: stored only, the trainer does not
    -- read them yet.
    exclude_duplicates boolean    not null default false,
    exclude_rejects    boolean    not null default false,
    -- The cheap listing (names, sizes, mtimes) the last full scan saw, so the watcher scans again
    -- only when the listing changed.
    listing_digest    text,
    last_error        text,
    last_checked_at   timestamptz,
    created_at        timestamptz not null default now()
);

-- One content state of a source. digest is SHA-256 over the sorted lines "path\tsha256\tsize";
-- the same content is one version (unique per source). The change lists hold at most a few
-- hundred paths each (the counts are exact).
create table dataset_version (
    id             bigserial primary key,
    source_id      bigint      not null references dataset_source (id) on delete cascade,
    number         integer     not null,
    digest         text        not null,
    file_count     integer     not null,
    bytes          bigint      not null,
    classes        jsonb       not null default '{}',
    added_count    integer     not null,
    removed_count  integer     not null,
    modified_count integer     not null,
    added          jsonb       not null default '[]',
    removed        jsonb       not null default '[]',
    modified       jsonb       not null default '[]',
    curation       jsonb       not null default '{}',
    event_id       bigint      references dataset_event (id),
    created_at     timestamptz not null default now(),
    unique (source_id, number),
    unique (source_id, digest)
);

-- The files of a version, [{path, sha256, size, dhash, width, height, problem}], read and written
-- whole: only the next version's diff reads it. One jsonb row per version instead of a row per
-- file keeps recording a 100 000-file version to one insert; kept apart from dataset_version so
-- listing versions never reads it.
create table dataset_version_manifest (
    version_id bigint primary key references dataset_version (id) on delete cascade,
    files      jsonb  not null
);
