"""The web bench's clients: log in through the login form, then N threads (http.client,
keep-alive) request an endpoint's URLs in turn; latencies, errors and the server's CPU time."""

from __future__ import annotations

import http.client
import os
import re
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD = "cchc-demo"


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
    elapsed: float = 0.0
    cpu_seconds: float = 0.0

    def pct(self, q: float) -> float:
        """The q-quantile of the latencies, in ms (nearest rank)."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    @property
    def max_ms(self) -> float:
        return max(self.latencies, default=float("nan")) * 1000


def _get(con: http.client.HTTPConnection, url: str, cookie: str) -> tuple[int, float]:
    began = time.perf_counter()
    con.request("GET", url, headers={"Cookie": cookie})
    response = con.getresponse()
    response.read()
    return response.status, time.perf_counter() - began


def _client(
    port: int, work: Iterator[tuple[str, str]], stop: float, budget: list[int], results: Results
) -> None:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
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
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            with results.lock:
                results.errors.append(f"{url}: {exc!r}")
            continue
        with results.lock:
            results.latencies.append(seconds)
            if status != 200:
                results.errors.append(f"{url}: HTTP {status}")
    con.close()


def pairs(urls: list[str], cookies: dict[str, str]) -> list[tuple[str, str]]:
    """Every URL for every persona, URL by URL."""
    return [(u, c) for u in urls for c in cookies.values()]


def _cycle(work: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    while True:
        yield from work


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server and its worker processes (Linux /proc; else 0)."""
    if not hasattr(os, "sysconf"):
        return 0.0
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def run_clients(
    port: int, pid: int, work: list[tuple[str, str]], clients: int, seconds: float, requests: int
) -> Results:
    """`clients` threads requesting `work` in turn, for `seconds` or `requests` in all."""
    results, budget = Results(), [requests]
    cycle = _cycle(work)
    stop = time.monotonic() + seconds
    cpu_began = server_cpu(pid)
    began = time.perf_counter()
    threads = [
        threading.Thread(target=_client, args=(port, cycle, stop, budget, results))
        for _ in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.elapsed = time.perf_counter() - began
    results.cpu_seconds = server_cpu(pid) - cpu_began
    return results
