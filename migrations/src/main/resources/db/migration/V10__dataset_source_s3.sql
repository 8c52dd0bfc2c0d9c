-- Dataset sources in a bucket (issue 13): kind 's3' is a prefix of the app's S3-compatible server,
-- its uri s3://bucket/prefix (the connection comes from the app's config, not from the row).
alter table dataset_source drop constraint dataset_source_kind_check;
alter table dataset_source add constraint dataset_source_kind_check check (kind in ('folder', 's3'));
