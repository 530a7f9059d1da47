"""Commune X1 seen on Saturday 05/12/2026, with dossiers worked by hand (the test files say
what each one is for); a steering-committee member's client. Today is fixed through
cchc.core.clock.today, data as of that morning."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from cchc.core.models import ImportBatch, Profile, Role, Unit, UnitKind
from cchc.dossiers.rulebook.timing import Outcome
from tests.dossiers.summary_world import make_dossier
from tests.web.world import PASSWORD

TODAY = dt.date(2026, 12, 5)
EARLY, ON_TIME, LATE = Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE


def build_running_world() -> Client:
    province = Unit.objects.create(code="T", name="Tỉnh Thử", kind=UnitKind.PROVINCE)
    Unit.objects.create(code="X1", name="Xã Một", kind=UnitKind.COMMUNE, parent=province)
    for code, received, deadline, finished, outcome in [
        ("A", "2026-07-06", "2026-07-20", "2026-07-15", EARLY),
        ("B", "2026-11-02", "2026-11-16", "2026-11-20", LATE),
        ("C", "2026-12-01", "2026-12-15", None, None),
        ("D", "2025-07-07", "2025-07-21", "2025-07-10", EARLY),
        ("E", "2025-12-01", "2025-12-03", "2025-12-04", LATE),
        ("G", "2025-11-20", "2025-12-02", "2025-12-20", LATE),
        ("F", "2025-12-08", "2025-12-22", "2025-12-10", EARLY),
        ("H", "2025-12-10", "2025-12-30", "2025-12-29", ON_TIME),
    ]:
        make_dossier(code, "X1", "online", received, deadline, finished, outcome)
    as_of = timezone.make_aware(dt.datetime(2026, 12, 5, 7))
    ImportBatch.objects.create(
        file_name="x1.csv", file_hash="1" * 64, status=ImportBatch.Status.DONE, finished_at=as_of
    )
    user = User.objects.create_user("bancd", password=PASSWORD)
    Profile.objects.create(user=user, role=Role.STEERING)
    client = Client()
    client.force_login(user)
    return client
