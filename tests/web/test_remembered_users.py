"""Who is logged in, read without a query per request (sessions from the shared cache, the user
and profile remembered under the change stamp), and every change to them seen at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cchc.core.catalogue import import_procedures
from cchc.core.models import Procedure, Profile, Role
from cchc.core.remembered_users import RememberedModelBackend
from cchc.dossiers.late_names import procedure_names
from cchc.web.scope import load_profile
from tests.web.world import PASSWORD, World

IDENTITY_TABLES = ("django_session", "auth_user", "core_profile")


def _logged_in(username: str) -> Client:
    client = Client()
    response = client.post("/dang-nhap/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_a_logged_in_page_reads_no_session_user_or_profile_row_once_warm(world: World) -> None:
    client = _logged_in("officer")
    assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    read = [
        q["sql"] for q in queries.captured_queries if any(t in q["sql"] for t in IDENTITY_TABLES)
    ]
    assert read == []


def test_a_deactivated_user_is_refused_on_the_next_request(world: World) -> None:
    client = _logged_in("officer")
    assert client.get("/").status_code == 200
    user = world.users["officer"]
    user.is_active = False
    user.save()
    assert client.get("/").status_code == 302  # to the login page


def test_a_password_changed_elsewhere_ends_the_other_sessions(world: World) -> None:
    client = _logged_in("officer")
    assert client.get("/").status_code == 200
    user = get_user_model().objects.get(username="officer")
    user.set_password("mật-khẩu-mới-2026")
    user.save()
    assert client.get("/").status_code == 302


def test_a_logged_out_session_cookie_opens_nothing(world: World) -> None:
    client = _logged_in("officer")
    cookie = client.cookies["sessionid"].value
    assert client.post("/dang-xuat/").status_code == 200
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert replay.get("/").status_code == 302


def test_each_request_gets_its_own_copy_of_the_user(world: World) -> None:
    backend = RememberedModelBackend()
    first = backend.get_user(world.users["officer"].pk)
    assert first is not None
    first.first_name = "Đổi trong một yêu cầu"
    second = backend.get_user(world.users["officer"].pk)
    assert second is not None and second is not first
    assert second.first_name != "Đổi trong một yêu cầu"
    assert backend.get_user(10**9) is None  # no such user


def _role(user: object) -> str:
    profile = load_profile(user)  # type: ignore[arg-type]
    assert profile is not None
    return str(profile.role)


def test_a_changed_role_is_seen_by_the_next_read_of_the_profile(world: World) -> None:
    user = world.users["officer"]
    profile = load_profile(user)
    assert profile is not None and profile.role == Role.OFFICER
    profile.role = Role.STEERING  # changed on a copy only: not saved, not seen
    assert _role(user) == Role.OFFICER
    saved = Profile.objects.get(user=user)
    saved.role = Role.INSPECTOR
    saved.save()  # a save raises the stamp
    assert _role(user) == Role.INSPECTOR


def test_a_renamed_procedure_shows_its_new_name_after_the_catalogue_import(
    world: World, tmp_path: Path
) -> None:
    Procedure.objects.create(code="9.000001", name="Tên cũ")
    assert procedure_names(["9.000001"]) == {"9.000001": "Tên cũ"}
    path = tmp_path / "thu-tuc.csv"
    path.write_text(
        "procedure_code,name\n9.000001,Tên mới\n",
        encoding="utf-8",
    )
    import_procedures(path)
    assert procedure_names(["9.000001", "không-có"]) == {"9.000001": "Tên mới"}


@pytest.mark.parametrize("username", ["officer", "chair_x011"])
def test_a_warm_overview_and_late_api_ask_the_database_little(world: World, username: str) -> None:
    """The overview's figures are cached and what it is made of is remembered: only the change
    stamp is read; a late list page reads its rows and their explanation links besides (for a
    unit head, the units whose dossiers he may explain: his own and its predecessors)."""
    client = _logged_in(username)
    urls = ["/?period=2024", "/api/dossiers/late?period=2024&limit=20"]
    for url in urls:
        assert client.get(url).status_code == 200
    for url, expected in zip(urls, (1, 3), strict=True):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries.captured_queries) == expected, [q["sql"] for q in queries]
