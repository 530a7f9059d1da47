"""Web latency under load: the overview page and the late-list API at 1,000,000 dossiers.

Setup (cached in bench/out/web-<key>/ while its inputs are unchanged): the demo province built by
`cchc demo` (demo generator + the real import), then `cchc analytics rebuild`. The app runs as
`cchc serve` (its default workers, 8 threads each; CCHC_BENCH_WEB_WORKERS overrides) on
127.0.0.1 and a free port; the officer and a commune chairman log in through the login form.
20 client threads (http.client, keep-alive) then request
each endpoint for at most 20 s or 3,000 requests, over several periods and pages per endpoint (so
the load measures real work, not one cached answer). The web cache (data dir's cache/) is
removed first; first requests (cache misses) are timed one by one before the load. The server's
CPU time per request (all its processes, from /proc) is printed too. CCHC_BENCH_WEB_DATA names a
data dir built earlier. Goal: p95 ≤ 150 ms under load, no errors.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROWS = int(os.environ.get("CCHC_BENCH_ROWS", "1000000"))
SEED = 2023
TODAY = "2026-01-15"  # the demo's data then ends 31/12/2025
CLIENTS = 20
THREADS = os.environ.get("CCHC_BENCH_WEB_THREADS", "8")  # cchc serve's default
WORKERS = os.environ.get("CCHC_BENCH_WEB_WORKERS", "")  # empty = cchc serve's default
SECONDS = float(os.environ.get("CCHC_BENCH_WEB_SECONDS", "20"))
MAX_REQUESTS = 3000
GOAL_P95_MS = 150.0
ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).parent / "out"
CCHC = str(Path(sys.executable).with_name("cchc"))
PASSWORD = "cchc-demo"
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


def _inputs_key() -> str:
    """Rows, seed, day and the code that shapes the data (demo generator, importer, timing)."""
    digest = hashlib.sha256(f"{ROWS}|{SEED}|{TODAY}".encode())
    for folder in ("src/cchc/demo", "src/cchc/dossiers", "src/cchc/core"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".toml", ".csv", ".json"}:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _env(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "CCHC_DATA_DIR": str(data_dir), "CCHC_DEBUG": "false"}
    env.pop("CCHC_DATABASE_URL", None)
    env.setdefault("CCHC_SECRET_KEY", "bench-only-secret-key-not-for-production")
    return env


def prepare_data() -> Path:
    """The cached data dir, built when missing (older builds are removed).

    CCHC_BENCH_WEB_DATA names a data dir built earlier instead (to compare code changes on the
    same data while src/cchc/{demo,dossiers,core} change under the cache key).
    """
    given = os.environ.get("CCHC_BENCH_WEB_DATA")
    if given:
        print(f"  data: {given} (CCHC_BENCH_WEB_DATA)")
        return Path(given).resolve()
    OUT.mkdir(exist_ok=True)
    target = OUT / f"web-{_inputs_key()}"
    if (target / "ready").exists():
        print(f"  data: {target.name} (cached)")
        return target
    for old in OUT.glob("web-*"):
        shutil.rmtree(old, ignore_errors=True)
    staging = OUT / f"building-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    began = time.perf_counter()
    demo = [CCHC, "demo", "--dossiers", str(ROWS), "--no-serve", "--today", TODAY]
    subprocess.run(demo, env=_env(staging), check=True, capture_output=True, cwd=ROOT)
    subprocess.run(
        [CCHC, "analytics", "rebuild"], env=_env(staging), check=True, capture_output=True, cwd=ROOT
    )
    for csv_file in (staging / "demo").glob("*.csv"):
        csv_file.unlink()  # the generated export, no longer needed
    os.replace(staging, target)
    (target / "ready").write_text(TODAY, encoding="utf-8")
    print(f"  data: built {ROWS:,} dossiers + store in {time.perf_counter() - began:.0f} s")
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
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


def _cookies(response: http.client.HTTPResponse) -> dict[str, str]:
    out: dict[str, str] = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        out[name.strip()] = rest.split(";", 1)[0]
    return out


def login(port: int, username: str) -> str:
    """The Cookie header of a session logged in through the login form."""
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    con.request("GET", "/dang-nhap/")
    response = con.getresponse()
    page = response.read().decode()
    cookies = _cookies(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    body = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "Referer": f"http://127.0.0.1:{port}/dang-nhap/",
    }
    con.request("POST", "/dang-nhap/", body, headers)
    response = con.getresponse()
    response.read()
    cookies.update(_cookies(response))
    con.close()
    if response.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"login as {username} failed: HTTP {response.status}")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _get(con: http.client.HTTPConnection, url: str, cookie: str) -> tuple[int, float]:
    began = time.perf_counter()
    con.request("GET", url, headers={"Cookie": cookie})
    response = con.getresponse()
    response.read()
    return response.status, time.perf_counter() - began


def _client(
    port: int, work: Iterator[tuple[str, str]], stop: float, budget: list[int], results: Results
) -> None:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < stop:
        with results.lock:
            if budget[0] <= 0:
                break
            budget[0] -= 1
            url, cookie = next(work)
        try:
            status, seconds = _get(con, url, cookie)
        except (OSError, http.client.HTTPException) as exc:
            con.close()
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            with results.lock:
                results.errors.append(f"{url}: {exc!r}")
            continue
        with results.lock:
            results.latencies.append(seconds)
            if status != 200:
                results.errors.append(f"{url}: HTTP {status}")
    con.close()


def _cycle(urls: list[str], cookies: dict[str, str]) -> Iterator[tuple[str, str]]:
    pairs = [(u, c) for u in urls for c in cookies.values()]
    while True:
        yield from pairs


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server and its worker processes (Linux /proc; else 0)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 0.0


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def load(port: int, pid: int, name: str, urls: list[str], cookies: dict[str, str]) -> None:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    firsts: list[float] = []
    for url in urls:
        for persona, cookie in cookies.items():
            status, seconds = _get(con, url, cookie)
            if status != 200:
                raise RuntimeError(f"{persona} {url}: HTTP {status}")
            firsts.append(seconds)
    con.close()
    print(
        f"  {name}: first request per URL and persona (cache miss, one at a time): "
        f"median {_pct(firsts, 0.5):.0f} ms, max {max(firsts) * 1000:.0f} ms"
    )
    results, budget = Results(), [MAX_REQUESTS]
    work = _cycle(urls, cookies)
    stop = time.monotonic() + SECONDS
    cpu_began = server_cpu(pid)
    began = time.perf_counter()
    threads = [
        threading.Thread(target=_client, args=(port, work, stop, budget, results))
        for _ in range(CLIENTS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    cpu_ms = (server_cpu(pid) - cpu_began) * 1000
    lat = results.latencies
    p95 = _pct(lat, 0.95)
    verdict = "OK" if p95 <= GOAL_P95_MS and not results.errors else "CHƯA ĐẠT (not met)"
    print(
        f"  {name}: {len(lat)} requests in {elapsed:.1f} s ({len(lat) / elapsed:.0f}/s), "
        f"{CLIENTS} clients: p50 {_pct(lat, 0.5):.0f} ms, p95 {p95:.0f} ms, "
        f"p99 {_pct(lat, 0.99):.0f} ms, errors {len(results.errors)}; "
        f"goal p95 ≤ {GOAL_P95_MS:.0f} ms: {verdict}"
    )
    print(
        f"  {name}: server CPU {cpu_ms / max(len(lat), 1):.1f} ms per request "
        f"(all worker processes; the rest of the latency is waiting for a core)"
    )
    for error in results.errors[:5]:
        print(f"    {error}")


def main() -> None:
    data_dir = prepare_data()
    # The first requests must be real cache misses: no figures or rankings kept from a last run
    # (`cchc serve` empties the web cache too; cache/web is where older code kept it).
    shutil.rmtree(data_dir / "cache", ignore_errors=True)
    port = _free_port()
    workers = ["--workers", WORKERS] if WORKERS else []
    options = " ".join(["--threads", THREADS, *workers])
    print(f"  cchc serve {options}; {CLIENTS} clients, ≤ {SECONDS:.0f} s per endpoint")
    server = subprocess.Popen(
        [CCHC, "serve", "--host", "127.0.0.1", "--port", str(port), "--threads", THREADS, *workers],
        env=_env(data_dir),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, server)
        cookies = {persona: login(port, user) for persona, user in PERSONAS.items()}
        for name, urls in ENDPOINTS.items():
            load(port, server.pid, name, urls, cookies)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
