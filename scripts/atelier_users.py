#!/usr/bin/env python3
"""./atelier users: who may sign in to Atelier, and with which role.

A thin client of the running app's admin API (GET/POST /api/atelier/users, PATCH/DELETE
/api/atelier/users/{username}); the app checks every rule and names field, value and rule when it
refuses, and this prints that as it is. Python 3 standard library only (argparse, urllib, getpass,
json).

Which app and who asks, as for ./atelier backfill: --url or ATELIER_URL (default
http://127.0.0.1:8080), --user or ATELIER_USER (default admin), and that user's password in
ATELIER_PASSWORD (default admin, the demo's). The caller must hold the role admin.

A user's new password (add, passwd) is never an argument, which would land in shell history and
process lists: --password-stdin reads one line from standard input, else it is prompted for twice
without echo when standard input is a terminal.

Exit codes: 0 done; 2 usage error (nothing was sent); 3 the app refused (4xx, its detail printed);
4 the app could not be reached; 1 the app failed (5xx) or answered something unexpected.
"""

import argparse
import base64
import getpass
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8080"
USAGE_ERROR, REFUSED, UNREACHABLE, FAILED = 2, 3, 4, 1
PROG = "./atelier users"


class Stop(Exception):
    """Ends the command with a message on stderr and an exit code."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def main(argv):
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "password", None) is not None:
        parser.error(
            "--password: a password given as an argument lands in shell history and process"
            " lists; pipe it with --password-stdin, or leave both out to be prompted"
        )
    if args.command is None:
        parser.error("name a command: list, add, set-role, passwd or remove")
    url = getattr(args, "url", None) or os.environ.get("ATELIER_URL") or DEFAULT_URL
    if not url.startswith(("http://", "https://")) or not urllib.parse.urlsplit(url).netloc:
        parser.error(f"--url '{url}': must be http://HOST[:PORT] or https://HOST[:PORT]")
    app = App(
        url.rstrip("/"),
        getattr(args, "user", None) or os.environ.get("ATELIER_USER") or "admin",
        os.environ.get("ATELIER_PASSWORD", "admin"),
    )
    try:
        args.run(app, args)
    except Stop as stop:
        print(f"atelier: users {args.command}: {stop}", file=sys.stderr)
        return stop.code
    return 0


def build_parser():
    # --url and --user go before or after the command: each subparser takes them too.
    connection = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    connection.add_argument(
        "--url", default=argparse.SUPPRESS, help=f"the app (ATELIER_URL; default {DEFAULT_URL})"
    )
    connection.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        help="who asks, an admin (ATELIER_USER; default admin); password in ATELIER_PASSWORD",
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[connection],
        allow_abbrev=False,
        description="Who may sign in, with which role (viewer < member < lead < admin), through"
        " the running app's admin API.",
        epilog="Exit codes: 0 done, 2 usage error, 3 the app refused (its detail is printed),"
        " 4 the app cannot be reached, 1 the app failed.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name, run, help_text):
        sub = commands.add_parser(
            name, parents=[connection], allow_abbrev=False, help=help_text, description=help_text
        )
        sub.set_defaults(run=run)
        return sub

    command("list", run_list, "list the users and their roles")
    add = command("add", run_add, "add a user with a role and a password")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, help="viewer, member, lead or admin")
    password_options(add)
    set_role = command("set-role", run_set_role, "give a user another role")
    set_role.add_argument("name", metavar="NAME")
    set_role.add_argument("role", metavar="ROLE", help="viewer, member, lead or admin")
    passwd = command("passwd", run_passwd, "set a user's password")
    passwd.add_argument("name", metavar="NAME")
    password_options(passwd)
    remove = command("remove", run_remove, "delete a user (never the last admin)")
    remove.add_argument("name", metavar="NAME")
    return parser


def password_options(sub):
    sub.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the new password from the first line of standard input"
        " (else it is prompted for, without echo)",
    )
    # Only to say why it is refused (main), instead of argparse's bare "unrecognized arguments".
    sub.add_argument("--password", help=argparse.SUPPRESS)


def run_list(app, args):
    users = app.call("GET", "/api/atelier/users")
    if not isinstance(users, list):
        raise Stop(FAILED, f"the app answered {users!r}, not a list of users")
    rows = [("USERNAME", "ROLE")] + [(u.get("username", ""), u.get("role", "")) for u in users]
    width = max(len(name) for name, _ in rows)
    for name, role in rows:
        print(f"{name:<{width}}  {role}")


def run_add(app, args):
    password = new_password(args)
    user = app.call(
        "POST",
        "/api/atelier/users",
        {"username": args.name, "role": args.role, "password": password},
    )
    print(f"added {user['username']} ({user['role']})")


def run_set_role(app, args):
    user = app.call("PATCH", user_path(args.name), {"role": args.role})
    print(f"{user['username']} is now {user['role']}")


def run_passwd(app, args):
    password = new_password(args)
    user = app.call("PATCH", user_path(args.name), {"password": password})
    print(f"{user['username']}: password changed")


def run_remove(app, args):
    app.call("DELETE", user_path(args.name))
    print(f"removed {args.name}")


def user_path(name):
    return "/api/atelier/users/" + urllib.parse.quote(name, safe="")


def new_password(args):
    """The new password, from stdin's first line or a no-echo prompt; never from an argument."""
    if args.password_stdin:
        line = sys.stdin.readline()
        if line == "":
            raise Stop(
                USAGE_ERROR, "password: --password-stdin read no line (standard input was empty)"
            )
        return line[:-1] if line.endswith("\n") else line
    if not sys.stdin.isatty():
        raise Stop(
            USAGE_ERROR,
            "password: standard input is not a terminal, so it cannot be prompted for; pipe it"
            " with --password-stdin",
        )
    first = getpass.getpass(f"New password for {args.name}: ")
    if getpass.getpass("Again: ") != first:
        raise Stop(USAGE_ERROR, "password: the two entries differ; nothing was changed")
    return first


class App:
    """The running app, called as one user with basic auth."""

    def __init__(self, url, user, password):
        self.url = url
        self.user = user
        token = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
        self.authorization = "Basic " + token

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", self.authorization)
        request.add_header("Accept", "application/json")
        if data is not None:
            # The app's CSRF rule: a state-changing request sends JSON (and no foreign Origin).
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
        except urllib.error.HTTPError as e:
            raise self.refusal(e.code, e.reason, e.read()) from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise Stop(
                UNREACHABLE,
                f"cannot reach the app at {self.url}: {reason}; is it running (./atelier demo)?",
            ) from None
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            raise Stop(FAILED, f"the app answered {method} {path} without JSON") from None

    def refusal(self, status, reason, raw):
        try:
            detail = json.loads(raw).get("detail")
        except (ValueError, AttributeError):
            detail = None
        if status == 401:
            return Stop(
                REFUSED,
                f"the app refused to sign in '{self.user}' (401): "
                f"{detail or 'user name or password is wrong'}; set ATELIER_PASSWORD (and"
                " --user or ATELIER_USER) to an admin's",
            )
        code = REFUSED if 400 <= status < 500 else FAILED
        what = "refused" if code == REFUSED else "failed"
        return Stop(code, f"the app {what} ({status} {reason}): {detail or '(no detail)'}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
