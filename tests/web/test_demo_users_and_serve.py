"""Demo logins and the `cchc serve` command (a real waitress or gunicorn server in a subprocess)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from cchc.core.models import Profile, Role, Unit, UnitKind
from cchc.web.demo_users import DEMO_PASSWORD, create_demo_users
from tests.web.world import World


def test_demo_users_cover_every_role_and_can_log_in(world: World) -> None:
    users = {u.username: u for u in create_demo_users()}
    assert set(users) == {"quantri", "chuyenvien", "thanhtra", "bancd", "truongphong", "chutichxa"}
    assert users["truongphong"].unit_code == "H01-VPDK"  # the existing land office
    assert Unit.objects.get(code=users["chutichxa"].unit_code).kind == UnitKind.COMMUNE
    assert Profile.objects.get(user__username="bancd").role == Role.STEERING
    for username in users:
        assert Client().login(username=username, password=DEMO_PASSWORD), username
    create_demo_users()  # safe to run again
    assert Profile.objects.filter(user__username__in=users).count() == 6


@pytest.mark.django_db
def test_demo_users_create_a_land_office_when_there_is_none() -> None:
    district = Unit.objects.create(code="D9", name="Huyện Chín", kind=UnitKind.DISTRICT)
    Unit.objects.create(code="X9", name="Xã Chín", kind=UnitKind.COMMUNE, parent=district)
    users = {u.username: u for u in create_demo_users()}
    office = Unit.objects.get(code=users["truongphong"].unit_code)
    assert office.code == "D9-VPDK" and office.kind == UnitKind.DIVISION
    assert office.parent == district
    assert users["chutichxa"].unit_code == "X9"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return int(response.status), response.read()


@pytest.mark.parametrize("workers", ["1", "2"])  # 1: waitress; 2: gunicorn, two processes
def test_serve_runs_a_wsgi_server_with_static_files(tmp_path: Path, workers: str) -> None:
    port = _free_port()
    env = {**os.environ, "CCHC_DATA_DIR": str(tmp_path)}
    cmd = [sys.executable, "-m", "cchc.cli", "serve", "--port", str(port), "--threads", "2"]
    cmd += ["--workers", workers]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):  # waits for migrations and collectstatic, up to a minute
            try:
                status, body = _get(f"{base}/cong-khai/")
                break
            except OSError:
                if server.poll() is not None:
                    out = server.stdout.read().decode() if server.stdout else ""
                    pytest.fail(f"cchc serve exited: {out}")
                time.sleep(0.2)
        else:
            pytest.fail("cchc serve did not answer")
        assert status == 200 and "Công khai" in body.decode()
        status, body = _get(f"{base}/static/vendor/echarts/echarts.min.js")
        assert status == 200 and len(body) > 500_000
        assert (tmp_path / "static" / "web" / "app.css").exists()  # collected
    finally:
        server.terminate()
        server.wait(timeout=15)
    out = server.stdout.read().decode() if server.stdout else ""
    assert f"http://127.0.0.1:{port}/" in out
    assert ("waitress" if workers == "1" else "gunicorn, 2 processes") in out
