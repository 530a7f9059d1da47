"""The external indices' test world: the shipped PAPI files imported as the demo does, and one
user per role (who reads the page and who does not)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.core.models import Profile, Role, Unit, UnitKind
from cchc.plans.indices_shipped import load_shipped_indices

DATA = Path(__file__).resolve().parents[2] / "src" / "cchc" / "plans" / "data" / "papi"
BRVT = "Bà Rịa – Vũng Tàu"


@pytest.fixture
def papi(db: None) -> None:
    """The shipped files, loaded as the demo loads them."""
    load_shipped_indices()


@pytest.fixture
def personas(db: None) -> dict[str, User]:
    """admin, officer, steering: the page's readers; unit_head reads too; the inspector and a
    user without a role do not."""
    unit = Unit.objects.create(code="X011", name="Xã Một", kind=UnitKind.COMMUNE)
    users = {}
    for name, role in (
        ("admin", Role.ADMIN),
        ("officer", Role.OFFICER),
        ("steering", Role.STEERING),
        ("unit_head", Role.UNIT_HEAD),
        ("inspector", Role.INSPECTOR),
        ("norole", None),
    ):
        user = User.objects.create_user(name, password="x")
        if role:
            Profile.objects.create(
                user=user, role=role, unit=unit if role == Role.UNIT_HEAD else None
            )
        users[name] = user
    return users


@pytest.fixture
def client_as(personas: dict[str, User]) -> Callable[[str], Client]:
    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(personas[persona])
        return client

    return make


from tests.plans.pages_world import world  # noqa: E402, F401  (the plan pages' world)
