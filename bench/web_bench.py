"""Web latency under load: the overview page and the late-list API at 1,000,000 dossiers, on SQLite
and on PostgreSQL, each with the analytics store and without it (issue #12).

Setup (web_data.py, cached in bench/out/ while its inputs are unchanged): the demo province built
by `cchc demo`, then `cchc analytics rebuild`. PostgreSQL runs when CCHC_BENCH_DATABASE_URL names
a database the bench may empty (e.g. postgresql://postgres@127.0.0.1:55499/cchc_bench); otherwise
it prints a "skipped" line. "Without the store": the store's folder is moved aside for the run
(and put back after) and `cchc serve --no-store-build` keeps it from building one in the
background, so every page answers from the database (the fallback).

Each configuration starts `cchc serve` (its default workers, 8 threads each;
CCHC_BENCH_WEB_WORKERS overrides) on 127.0.0.1 and a free port with an empty web cache; the
officer and a commune chairman log in through the login form. Per endpoint, 20 client threads
(http.client, keep-alive, web_load.py) then:
- cold: request every URL × persona once, 20 at a time, on an empty cache (the worst case: a
  server just started, every request a miss);
- load: request the URLs in turn for at most 20 s or 3,000 requests, over several periods and
  pages (so the load measures real work, not one cached answer).
Printed per phase: p50, p95, p99, max, errors, and the ratio of p95 to the goal; the server's
CPU time per request (all its processes, from /proc). Goals: p95 ≤ 150 ms under load with the
store, ≤ 1 s without it, no errors. CCHC_BENCH_CONFIGS (e.g. "sqlite-store,pg-nostore") runs a
subset; CCHC_BENCH_WEB_DATA / CCHC_BENCH_WEB_PG_DATA name data dirs built earlier.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.web_data import CCHC, PG_URL_VARIABLE, ROOT, ROWS, env, prepare_data
from bench.web_load import Results, login, pairs, run_clients

CLIENTS = 20
THREADS = os.environ.get("CCHC_BENCH_WEB_THREADS", "8")  # cchc serve's default
WORKERS = os.environ.get("CCHC_BENCH_WEB_WORKERS", "")  # empty = cchc serve's default
SECONDS = float(os.environ.get("CCHC_BENCH_WEB_SECONDS", "20"))
MAX_REQUESTS = 3000
GOAL_MS = {True: 150.0, False: 1000.0}  # p95 under load, with the store / without it
PERSONAS = {"officer": "chuyenvien", "chairman": "chutichxa"}
# Several periods and many pages, so that the load measures real work (each page's rows are read
# fresh; cached figures and rankings are per period and scope, as a real audience would hit them).
OVERVIEW_PERIODS = ["", "2025-H1", "2025-H2", "2024", "2025", "2024-H2", "2025-Q3", "2024-Q1"]
LATE_LISTS = [
    "period=2025-H1",
    "period=2025&sort=-received_on",
    "period=2024-H2",
    "period=2025-Q4&sort=deadline_on",
]
LATE_OFFSETS = [0, 50, 100, 400, 1000, 2000, 5000, 20000]
ENDPOINTS: dict[str, list[str]] = {
    "overview": [f"/?period={p}" if p else "/" for p in OVERVIEW_PERIODS],
    "late API": [
        f"/api/dossiers/late?{q}&limit=50&offset={o}" for q in LATE_LISTS for o in LATE_OFFSETS
    ],
}
ASIDE = "analytics-set-aside-by-bench"


@dataclass(frozen=True)
class Config:
    slug: str
    database: str
    url: str | None
    store: bool

    @property
    def label(self) -> str:
        return f"{self.database}, {'with the store' if self.store else 'without the store'}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[bytes], timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"cchc serve exited with {server.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("cchc serve did not start")


def _line(config: Config, name: str, phase: str, r: Results, goal: float | None) -> str:
    verdict = ""
    if goal is not None:
        met = r.pct(0.95) <= goal and not r.errors
        verdict = (
            f"; p95/goal {r.pct(0.95) / goal:.2f} (goal ≤ {goal:.0f} ms): "
            f"{'OK' if met else 'CHƯA ĐẠT (not met)'}"
        )
    cpu = r.cpu_seconds * 1000 / max(len(r.latencies), 1)
    return (
        f"  [{config.slug}] {name} {phase}: {len(r.latencies)} requests in {r.elapsed:.1f} s, "
        f"p50 {r.pct(0.5):.0f} ms, p95 {r.pct(0.95):.0f} ms, p99 {r.pct(0.99):.0f} ms, "
        f"max {r.max_ms:.0f} ms, errors {len(r.errors)}, server CPU {cpu:.0f} ms/request"
        f"{verdict}"
    )


def _measure(config: Config, port: int, pid: int, cookies: dict[str, str]) -> None:
    for name, urls in ENDPOINTS.items():
        work = pairs(urls, cookies)
        cold = run_clients(port, pid, work, CLIENTS, 600.0, len(work))
        print(
            _line(
                config, name, f"cold ({len(work)} first requests, {CLIENTS} at a time)", cold, None
            ),
            flush=True,
        )
        warm = run_clients(port, pid, work, CLIENTS, SECONDS, MAX_REQUESTS)
        print(_line(config, name, "load", warm, GOAL_MS[config.store]), flush=True)
        for error in (cold.errors + warm.errors)[:5]:
            print(f"    {error}")


def _restore(analytics: Path) -> None:
    """Put back a store an interrupted run set aside."""
    aside = analytics.with_name(ASIDE)
    if aside.exists() and not analytics.exists():
        os.replace(aside, analytics)


def run(config: Config, data_dir: Path) -> None:
    analytics = data_dir / "analytics"
    _restore(analytics)
    if not config.store and analytics.exists():
        os.replace(analytics, analytics.with_name(ASIDE))
    # The first requests must be real cache misses: no figures or rankings kept from a last run.
    shutil.rmtree(data_dir / "cache", ignore_errors=True)
    port = _free_port()
    workers = ["--workers", WORKERS] if WORKERS else []
    if not config.store:
        workers.append("--no-store-build")
    command = [CCHC, "serve", "--host", "127.0.0.1", "--port", str(port), "--threads", THREADS]
    print(f"  [{config.slug}] {config.label}: {' '.join(command[1:2] + command[6:] + workers)}")
    server = subprocess.Popen(
        [*command, *workers],
        env=env(data_dir, config.url),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, server)
        cookies = {persona: login(port, user) for persona, user in PERSONAS.items()}
        _measure(config, port, server.pid, cookies)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        _restore(analytics)


def configurations() -> list[Config]:
    url = os.environ.get(PG_URL_VARIABLE) or None
    out = []
    for database, slug, db_url in (("SQLite", "sqlite", None), ("PostgreSQL", "pg", url)):
        for store in (True, False):
            name = f"{slug}-{'store' if store else 'nostore'}"
            out.append(Config(name, database, db_url, store))
    return out


def main() -> None:
    chosen = {s.strip() for s in os.environ.get("CCHC_BENCH_CONFIGS", "").split(",") if s.strip()}
    print(
        f"  {ROWS:,} dossiers; {CLIENTS} clients, ≤ {SECONDS:.0f} s or {MAX_REQUESTS} requests "
        f"per endpoint under load"
    )
    data_dirs: dict[str | None, Path] = {}
    for config in configurations():
        if chosen and config.slug not in chosen:
            continue
        if config.database == "PostgreSQL" and config.url is None:
            print(
                f"  [{config.slug}] skipped: set {PG_URL_VARIABLE} to a PostgreSQL database the "
                "bench may empty (e.g. postgresql://postgres@127.0.0.1:55499/cchc_bench)"
            )
            continue
        if config.url not in data_dirs:
            data_dirs[config.url] = prepare_data(config.url)
        run(config, data_dirs[config.url])


if __name__ == "__main__":
    main()
