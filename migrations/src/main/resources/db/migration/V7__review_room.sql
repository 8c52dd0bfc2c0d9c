-- The review room (issue 12): a ReviewOperator's try writes one pending review with its
-- candidates (the sweep's top-k by pick_best's objective, best first) and the model's champion
-- when it started; members vote and comment; a lead approves one candidate at a step (the app
-- promotes it) or rejects; at the timeout the workflow closes it with the task's defaults.
-- 'deciding' is a lead's claim while the promotion runs, so two answers never both take effect.
create table review (
  id bigserial primary key,
  dag_id text not null,
  run_id text not null,
  task_id text not null,
  try_number int not null,
  subject text not null,
  body text,
  options jsonb not null,
  defaults jsonb not null default '[]'::jsonb,
  assigned_users jsonb not null default '[]'::jsonb,
  assigned_roles jsonb not null default '["lead"]'::jsonb,
  fail_on_reject boolean not null default false,
  metric text not null,
  mode text not null check (mode in ('min', 'max')),
  -- [{"rank", "mlflow_run_id", "map_index", "status", "value", "last_step"}], best first
  candidates jsonb not null,
  model text,
  champion_run_id text,
  champion_version text,
  state text not null default 'pending'
    check (state in ('pending', 'deciding', 'approved', 'rejected', 'timed_out')),
  created_at timestamptz not null default now(),
  timeout_at timestamptz,
  chosen_options jsonb,
  responded_by text,
  responded_at timestamptz,
  chosen_candidate text,
  chosen_step bigint,
  reason text,
  promotion_id bigint,
  unique (dag_id, run_id, task_id, try_number),
  foreign key (dag_id, run_id) references dag_run (dag_id, run_id) on delete cascade
);
create index review_state on review (state, created_at desc);

-- One vote per user per candidate; voting again changes it.
create table review_vote (
  review_id bigint not null references review (id) on delete cascade,
  candidate text not null,
  voter text not null,
  value smallint not null check (value in (-1, 1)),
  at timestamptz not null default now(),
  primary key (review_id, candidate, voter)
);

create table review_comment (
  id bigserial primary key,
  review_id bigint not null references review (id) on delete cascade,
  candidate text,
  author text not null,
  body text not null,
  at timestamptz not null default now()
);
create index review_comment_review on review_comment (review_id, at);
