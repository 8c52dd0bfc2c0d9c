# ./atelier users list|add|set-role|passwd|remove: who may sign in, with which role, through the
# running app's admin API (/api/atelier/users; the caller must be an admin). scripts/atelier_users.py
# does the work with Python 3's standard library; `./atelier users --help` and its docstring say
# more. Like ./atelier backfill: ATELIER_URL (default http://127.0.0.1:8080), ATELIER_USER and
# ATELIER_PASSWORD (admin/admin, the demo's) say which app and who asks; --url and --user override
# the first two. A new password comes from --password-stdin or a no-echo prompt, never an argument.
# Exit codes: 0 done, 2 usage, 3 the app refused (its detail printed), 4 unreachable, 1 app failed.

run_users() {
  python3 "$ROOT/scripts/atelier_users.py" "$@"
}
