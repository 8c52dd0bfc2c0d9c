-- Every state change anyone makes (trigger, pause, delete, clear, vote, comment, approve, reject,
-- promote, sweep controls, user management): who, when, what, on what, and from which page or
-- the API. Append-only; the audit page and GET /api/atelier/audit list it newest first.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor text not null,
  action text not null,
  target text not null,
  source text not null check (source in ('page', 'api', 'system')),
  detail jsonb not null default '{}'::jsonb
);
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_target on audit_log (target);
