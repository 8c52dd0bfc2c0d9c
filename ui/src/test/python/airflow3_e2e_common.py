"""What the airflow3_*_e2e.py scripts share: numbered steps, checks, the token from POST
/auth/token (Airflow 3's client flow: 201 with an access_token), expected API errors and polling.
Each script imports it from beside itself (Python puts a script's folder on its path)."""

import json
import time
import urllib.request

from airflow_client.client.exceptions import ApiException

STEPS = []


def step(text):
    STEPS.append(text)
    print(f"[{len(STEPS):2}] {text}", flush=True)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def post_json(url, body, headers=None):
    req = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    with urllib.request.urlopen(req) as response:
        return response.status, json.load(response)


def token(base, user, password):
    """Airflow 3's client flow, as the client's README shows it: POST /auth/token → 201."""
    status, body = post_json(f"{base}/auth/token", {"username": user, "password": password})
    check(status == 201, f"POST /auth/token answered {status}")
    check(body.get("access_token"), f"no access_token in {body}")
    return body["access_token"]


def expect_error(status, call, *args, **kwargs):
    """The API's error body (parsed; {} when empty) of a call that must fail with `status`."""
    try:
        call(*args, **kwargs)
    except ApiException as e:
        check(e.status == status, f"expected HTTP {status}, got {e.status}: {e.body}")
        return json.loads(e.body) if e.body else {}
    raise AssertionError(f"expected HTTP {status}, the call succeeded")


def wait_for(what, probe, limit_s):
    deadline = time.time() + limit_s
    while time.time() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(1)
    raise AssertionError(f"{what}: not reached in {limit_s} s")
