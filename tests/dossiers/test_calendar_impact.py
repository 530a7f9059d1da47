"""A calendar change in the admin (or `cchc calendar override`) says which stored dossiers it
affects and offers the recompute; the dossiers app tells core through a registry.

World (import_helpers.py): procedure 1.000178, 3 working days. Stored, hand-worked:
HS-0 received Mon 30 Jun 2025, due Thu 3 Jul (Tue 1, Wed 2, Thu 3);
HS-1 received Tue 1 Jul 2025, due Fri 4 Jul (Wed 2, Thu 3, Fri 4);
HS-8 received Fri 1 Aug 2025, due Wed 6 Aug (Mon 4, Tue 5, Wed 6).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.cli import main
from cchc.core.models import CalendarOverride
from cchc.dossiers.importer import import_dossiers
from cchc.dossiers.models import Dossier
from tests.dossiers.import_helpers import row, world, write_csv

pytestmark = pytest.mark.django_db(transaction=True)
ADD = "/quan-tri/core/calendaroverride/add/"


@pytest.fixture
def admin(tmp_path: Path) -> Client:
    world()
    rows = [row(dossier_code="HS-0", received_at="30/06/2025 09:00", finished_at=""),
            row(dossier_code="HS-1", received_at="01/07/2025 08:15", finished_at=""),
            row(dossier_code="HS-8", received_at="01/08/2025 08:00", finished_at="")]  # fmt: skip
    import_dossiers(write_csv(tmp_path / "d.csv", rows))
    client = Client()
    client.force_login(User.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-123"))
    return client


def _messages(response: object) -> list[str]:
    """The page's calendar-impact messages (the admin's own "saved" message left out)."""
    shown = [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]
    return [m for m in shown if m.startswith("Thay đổi lịch")]


def test_a_day_off_names_the_months_it_affects_and_the_recompute(admin: Client) -> None:
    page = admin.post(ADD, {"date": "2025-07-02", "kind": "off"}, follow=True)
    (message,) = _messages(page)
    # 2 Jul lies in HS-0's span (30 Jun – 3 Jul) and HS-1's (1 – 4 Jul), not in HS-8's
    assert "ảnh hưởng 2 hồ sơ đã lưu" in message and "06/2025, 07/2025" in message
    command = "cchc dossiers recompute --from 2025-06-01 --to 2025-07-31"
    assert message.endswith(command)

    assert main(command.split()[1:]) == 0  # the command offered does the work
    # HS-1 with Wed 2 Jul off: Thu 3 (1), Fri 4 (2), Mon 7 Jul (3)
    assert Dossier.objects.get(code="HS-1").statutory_due_on == dt.date(2025, 7, 7)
    assert Dossier.objects.get(code="HS-8").statutory_due_on == dt.date(2025, 8, 6)


def test_a_day_outside_every_span_affects_nothing(admin: Client) -> None:
    page = admin.post(ADD, {"date": "2025-07-10", "kind": "off"}, follow=True)
    assert _messages(page) == [
        "Thay đổi lịch ngày 10/07/2025 không ảnh hưởng hồ sơ nào đã lưu "
        "(the change affects no stored dossier)."
    ]


def test_moving_or_deleting_an_override_reports_the_days_it_leaves(admin: Client) -> None:
    override = CalendarOverride.objects.create(date=dt.date(2025, 8, 5), kind="off")
    change = f"/quan-tri/core/calendaroverride/{override.pk}/change/"
    page = admin.post(change, {"date": "2025-07-10", "kind": "off", "note": ""}, follow=True)
    (message,) = _messages(page)
    assert "10/07/2025, 05/08/2025 ảnh hưởng 1 hồ sơ" in message  # HS-8 (1-6 Aug) had 5 Aug

    note_only = admin.post(change, {"date": "2025-07-10", "kind": "off", "note": "x"}, follow=True)
    assert _messages(note_only) == []

    delete = f"/quan-tri/core/calendaroverride/{override.pk}/delete/"
    page = admin.post(delete, {"post": "yes"}, follow=True)
    assert any("10/07/2025 không ảnh hưởng" in m for m in _messages(page))


def test_the_calendar_command_reports_the_same(
    admin: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["calendar", "override", "2025-08-05", "off"]) == 0
    out = capsys.readouterr().out
    assert "ảnh hưởng 1 hồ sơ đã lưu" in out
    assert "cchc dossiers recompute --from 2025-08-01 --to 2025-08-31" in out
