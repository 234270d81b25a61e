"""The read load of issue 12: gunicorn as documented (4 workers, DEBUG off, a generated
secret key) on PostgreSQL with the demo zone, driven by 8 concurrent clients through a mix
of pages and API routes read by the demo's leader, clerk and firm user.

Steps: a fresh database ``gaoxin_bench_load`` on 127.0.0.1:5432 (user postgres), ``gaoxin
demo --no-serve`` into it, gunicorn on 127.0.0.1 (``--port``, default 8110), sign-ins with
the demo personas' passwords, one warm-up pass over the mix (every URL must answer 200),
then ``--requests`` requests (default 2,400) by ``--clients`` threads (default 8), each
request on a new connection (gunicorn's sync workers close it) with http.client. Reported:
requests per second, p50 and p99 latency, errors (any answer but 200, any exception).

Peer: the same mix, same run, with the cached figures off (``GAOXIN_FIGURES_CACHE=false``:
the cockpit computes every figure per request), as the code before the cache would. The
database is dropped at the end. ``python benchmarks/load.py`` runs it alone; ``make bench``
runs it with the others (``--only load``). Goal: ≥ 150 req/s, p99 < 300 ms, 0 errors.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DB = "gaoxin_bench_load"
SERVER = "postgres://postgres@127.0.0.1:5432"
PASSWORD = "gaoxin2025"  # the demo personas'
HOST = "127.0.0.1"

# (persona, path, weight): what leaders, the department clerk and a firm read most.
# "{enterprise}" and the like are filled from the demo data after sign-in.
MIX = [
    ("leader", "/projects/{project}/", 1),
    ("leader", "/cockpit/", 3),
    ("leader", "/enterprises/", 2),
    ("leader", "/enterprises/{enterprise}/", 2),
    ("leader", "/projects/", 2),
    ("leader", "/attraction/leads/", 1),
    ("leader", "/economy/", 1),
    ("leader", "/economy/{indicator}/", 1),
    ("leader", "/todo/", 1),
    ("leader", "/api/enterprises/", 1),
    ("leader", "/api/projects/", 1),
    ("leader", "/api/goals/", 1),
    ("leader", "/api/leads/", 1),
    ("clerk", "/", 2),
    ("clerk", "/economy/submissions/", 1),
    ("clerk", "/api/submissions/", 1),
    ("firm", "/", 1),
    ("firm", "/enterprises/{firm_enterprise}/", 1),
]


def database_url(name: str = DB) -> str:
    return f"{SERVER}/{name}"


def admin_sql(*statements: str) -> None:
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def server_env(cache: bool) -> dict:
    env = dict(os.environ)
    env.update(
        GAOXIN_DATABASE_URL=database_url(),
        GAOXIN_VAR_DIR=str(OUT / "load-var"),
        GAOXIN_DEBUG="false",
        GAOXIN_SECRET_KEY=secrets.token_urlsafe(50),
        GAOXIN_ALLOWED_HOSTS="127.0.0.1,localhost",
        # the documented production setting: one connection per worker, kept (not one per request)
        GAOXIN_DB_CONN_MAX_AGE="600",
        GAOXIN_FIGURES_CACHE="true" if cache else "false",
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="gaoxin.settings",
    )
    return env


def load_demo() -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "gaoxin.cli", "demo", "--no-serve"],
        env=server_env(True),
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def start_server(port: int, cache: bool, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "gaoxin.wsgi", "-b", f"{HOST}:{port}", "-w", str(workers)]
    process = subprocess.Popen(command, env=server_env(cache), cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "/healthz")[0] == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def request(port: int, path: str, cookie: str = "", method: str = "GET", body: str | None = None):
    """(status, headers, body bytes) of one request on a new connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = f"http://{HOST}:{port}{path}"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def cookies_of(headers) -> dict:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key] = rest.split(";", 1)[0]
    return found


def sign_in(port: int, username: str) -> str:
    """The Cookie header of a signed-in session of ``username``."""
    status, headers, body = request(port, "/login/")
    assert status == 200, status
    jar = cookies_of(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    status, headers, _ = request(port, "/login/", cookie, "POST", form)
    assert status == 302, (username, status)
    jar.update(cookies_of(headers))
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def first_id(port: int, cookie: str, path: str) -> int:
    status, _, body = request(port, path, cookie)
    assert status == 200, (path, status)
    return json.loads(body)["results"][0]["id"]


def mix_urls(port: int, cookies: dict) -> list[tuple[str, str]]:
    """The weighted list of (cookie, path) the clients cycle through."""
    _status, headers, _ = request(port, "/enterprises/mine/", cookies["firm"])
    location = {k.lower(): v for k, v in headers}.get("location", "")
    firm_enterprise = re.search(r"/enterprises/(\d+)/", location).group(1)
    ids = {
        "enterprise": first_id(port, cookies["leader"], "/api/enterprises/?page_size=1"),
        "project": first_id(port, cookies["leader"], "/api/projects/?page_size=1"),
        "indicator": first_id(port, cookies["leader"], "/api/indicators/?page_size=1"),
        "firm_enterprise": firm_enterprise,
    }
    urls = []
    for persona, path, weight in MIX:
        urls += [(persona, path.format(**ids))] * weight
    return urls


def drive(port: int, cookies: dict, urls: list, total: int, clients: int) -> dict:
    samples: list[tuple[str, float, bool]] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        while True:
            with lock:
                index = next(counter, None)
            if index is None:
                return
            persona, path = urls[index % len(urls)]
            started = time.perf_counter()
            try:
                ok = request(port, path, cookies[persona])[0] == 200
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                samples.append((path, elapsed, ok))

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for _ in range(clients):
            pool.submit(client)
    wall = time.perf_counter() - started
    times = sorted(s[1] for s in samples)
    by_path: dict[str, list[float]] = {}
    for path, elapsed, _ok in samples:
        by_path.setdefault(path, []).append(elapsed)
    return {
        "requests": len(samples),
        "rps": round(len(samples) / wall, 1),
        "p50": round(times[len(times) // 2] * 1000, 1),
        "p99": round(times[min(len(times) - 1, int(len(times) * 0.99))] * 1000, 1),
        "errors": sum(1 for s in samples if not s[2]),
        "paths": {p: round(statistics.median(v) * 1000, 1) for p, v in sorted(by_path.items())},
    }


def run_mix(port: int, cache: bool, total: int, clients: int, workers: int) -> dict:
    process = start_server(port, cache, workers)
    try:
        cookies = {name: sign_in(port, name) for name in ("leader", "clerk", "firm")}
        urls = mix_urls(port, cookies)
        for _ in range(workers):  # warm-up: each worker's templates, caches, connection
            for persona, path in dict.fromkeys(urls):
                status = request(port, path, cookies[persona])[0]
                assert status == 200, (persona, path, status)
        return drive(port, cookies, urls, total, clients)
    finally:
        stop_server(process)


def bench_load(port: int = 8110, total: int = 2400, clients: int = 8, workers: int = 4) -> list[dict]:
    admin_sql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)", f"CREATE DATABASE {DB}")
    try:
        loaded = load_demo()
        load_before = os.getloadavg()[0]
        ours = run_mix(port, True, total, clients, workers)
        peer = run_mix(port, False, total, clients, workers)
        load_after = os.getloadavg()[0]
    finally:
        admin_sql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    print(f"demo loaded in {loaded:.0f} s; load average {load_before:.2f} before, {load_after:.2f} after")
    for name, result in (("cached", ours), ("uncached (peer)", peer)):
        print(f"  {name}: " + json.dumps({k: v for k, v in result.items() if k != "paths"}))
        for path, ms in result["paths"].items():
            print(f"      {path:<40} p50 {ms} ms")
    size = f"{ours['requests']} req, {clients} clients, {workers} workers, load {load_before:.1f}"
    return [
        {
            "name": "read mix over gunicorn + PostgreSQL (vs figures uncached)",
            "size": size,
            "ours": ours["rps"],
            "peer": peer["rps"],
            "ratio": round(ours["rps"] / peer["rps"], 2) if peer["rps"] else None,
            "unit": "req/s",
            "goal": "ours ≥ 150",
            "met": ours["rps"] >= 150 and ours["errors"] == 0,
        },
        {
            "name": "read mix p99 latency (vs figures uncached)",
            "size": size,
            "ours": ours["p99"],
            "peer": peer["p99"],
            "ratio": round(peer["p99"] / ours["p99"], 2) if ours["p99"] else None,
            "unit": "ms",
            "goal": "ours < 300",
            "met": ours["p99"] < 300,
        },
        {
            "name": "read mix p50 latency (vs figures uncached)",
            "size": size,
            "ours": ours["p50"],
            "peer": peer["p50"],
            "ratio": round(peer["p50"] / ours["p50"], 2) if ours["p50"] else None,
            "unit": "ms",
            "goal": "—",
            "met": True,
        },
        {
            "name": "read mix errors (vs figures uncached)",
            "size": size,
            "ours": ours["errors"],
            "peer": peer["errors"],
            "ratio": None,
            "unit": "responses",
            "goal": "ours = 0",
            "met": ours["errors"] == 0,
        },
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8110)
    parser.add_argument("--requests", type=int, default=2400)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from benchmarks.run import table

    print(table(bench_load(args.port, args.requests, args.clients, args.workers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
