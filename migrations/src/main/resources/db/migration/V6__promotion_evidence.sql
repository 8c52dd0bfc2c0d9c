-- What a promotion registered and what the lead saw when deciding (issue 12). The audit row now
-- names the checkpoint folder that became the version (checkpoints/step_NNNNNNN or
-- checkpoints/final) and its real step, the version the alias pointed at before (so a failed
-- commit can move it back and the chain of champions can be read), and the MLflow 3 logged model.
alter table promotion_audit add column checkpoint_path text;
alter table promotion_audit add column previous_version text;
alter table promotion_audit add column logged_model_id text;

-- The evidence kept with each promotion. The grid is both referenced (its artifact path in the
-- run) and copied (grid_png), so it survives the run's deletion; the champion-vs-challenger sheet
-- is an artifact of the promoted run. review holds the review room's votes and comments.
create table promotion_evidence (
  promotion_id bigint primary key references promotion_audit (id) on delete cascade,
  grid_path text,
  grid_png bytea,
  metrics jsonb not null default '{}'::jsonb,
  params jsonb not null default '{}'::jsonb,
  sheet_path text,
  champion jsonb,
  review jsonb not null default '{}'::jsonb
);
