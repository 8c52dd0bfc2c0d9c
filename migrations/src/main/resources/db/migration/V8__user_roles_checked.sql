-- Roles are enforced now (viewer < member < lead < admin, see ui's RoleHierarchy), so a role the
-- app does not know would silently grant nothing: the column only takes the four, and a user
-- added without one gets the least, not admin.
alter table users alter column role set default 'viewer';
alter table users add constraint users_role_known
  check (role in ('viewer', 'member', 'lead', 'admin'));
