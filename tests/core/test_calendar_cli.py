"""`cchc calendar due|show|override`: the worked examples, and overrides changing the answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cchc.cli import main
from cchc.core.calendar_db import invalidate_calendar
from cchc.core.models import AuditEntry, CalendarOverride

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    # The calendar is cached per process; the test database is emptied without signals.
    invalidate_calendar()
    yield
    invalidate_calendar()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def dates(out: str) -> tuple[str, ...]:
    """The three dates `calendar due` prints (deemed receipt, day 1, due), as YYYY-MM-DD."""
    return tuple("-".join(reversed(line.rsplit(" ", 1)[1].split("/"))) for line in out.splitlines())


def due(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, "calendar", "due", *argv)
    assert (code, err) == (0, "")
    return dates(out)[2]


# (received, days) → (deemed receipt, day 1, due): worked by hand on the 2023–2026 notices.
@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        # Tết 8–14 Feb 2024; Thu 15 is day 1
        ("2024-02-07", "2", ("2024-02-07", "2024-02-15", "2024-02-16")),
        ("2024-05-03", "1", ("2024-05-03", "2024-05-04", "2024-05-04")),  # a worked Saturday
        ("2026-01-09", "1", ("2026-01-09", "2026-01-10", "2026-01-10")),  # a worked Saturday
        ("2026-02-13", "1", ("2026-02-13", "2026-02-23", "2026-02-23")),
        # received on a day off (Sat in Tết): deemed received Thu 15, day 1 is Fri 16
        ("2024-02-10", "1", ("2024-02-15", "2024-02-16", "2024-02-16")),
        # Sunday 13 Aug 2023: deemed Mon 14, day 1 Tue 15, 10th working day Mon 28
        ("2023-08-13", "10", ("2023-08-14", "2023-08-15", "2023-08-28")),
    ],
)
def test_due_gives_the_worked_examples(
    capsys: pytest.CaptureFixture[str], received: str, days: str, expected: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, "calendar", "due", received, days)
    assert (code, err, dates(out)) == (0, "", expected)


def test_due_prints_three_labelled_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "calendar", "due", "2023-08-13", "10")[1] == (
        "Ngày tiếp nhận hợp lệ (deemed receipt):  Thứ Hai, 14/08/2023\n"
        "Ngày thứ 1 (day 1):                      Thứ Ba, 15/08/2023\n"
        "Hạn giải quyết (due date):               Thứ Hai, 28/08/2023\n"
    )


def test_after_the_cutoff_is_received_like_a_day_off(capsys: pytest.CaptureFixture[str]) -> None:
    # Fri 11 Aug 2023 at 16:10 after a 15:00 cut-off is deemed received on Mon 14, exactly like
    # the same dossier received on Sun 13 (the rule is coherent: one moves, both move alike).
    late_friday = run(capsys, "calendar", "due", "2023-08-11T16:10", "10", "--cutoff", "15:00")
    assert dates(late_friday[1]) == ("2023-08-14", "2023-08-15", "2023-08-28")
    early_friday = run(capsys, "calendar", "due", "2023-08-11T14:10", "10", "--cutoff", "15:00")
    assert dates(early_friday[1]) == ("2023-08-11", "2023-08-14", "2023-08-25")
    # at the cut-off minute itself is not after it
    assert due(capsys, "2024-03-04T15:00", "1", "--cutoff", "15:00") == "2024-03-05"


def test_due_after_the_cutoff_counts_from_the_next_working_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Mon 4 Mar 2024, 1 working day: before 15:00 due Tue 5, after it due Wed 6.
    assert due(capsys, "2024-03-04T14:59", "1", "--cutoff", "15:00") == "2024-03-05"
    assert due(capsys, "2024-03-04T15:30", "1", "--cutoff", "15:00") == "2024-03-06"
    assert due(capsys, "2024-03-04T15:30", "1") == "2024-03-05"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["2024-13-01", "2"], "Ngày không hợp lệ"),
        (["07/02/2024", "2"], "invalid receipt date"),
        (["2024-02-07", "two"], "invalid number"),
        (["2024-02-07", "-1"], "invalid number"),
        (["2024-02-07", "2", "--cutoff", "15:00"], "--cutoff"),
        (["2024-02-07T10:00", "2", "--cutoff", "25:00"], "invalid cut-off"),
        (["2046-01-01", "2"], "2045"),
    ],
)
def test_due_refuses_bad_arguments(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "calendar", "due", *argv)
    assert code == 1 and out == "" and message in err


def test_an_override_changes_the_answer_and_removing_it_restores_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert due(capsys, "2024-03-04", "1") == "2024-03-05"
    code, out, _ = run(
        capsys,
        "calendar",
        "override",
        "2024-03-05",
        "off",
        "--notice",
        "99/TB-UBND",
        "--note",
        "bão",
    )
    assert code == 0 and "05/03/2024" in out
    override = CalendarOverride.objects.get()
    assert (override.kind, override.notice, override.note) == ("off", "99/TB-UBND", "bão")
    assert due(capsys, "2024-03-04", "1") == "2024-03-06"
    # a worked Sunday after a Saturday: Fri 8 Mar + 1 working day is Sun 10 Mar
    run(capsys, "calendar", "override", "2024-03-10", "work")
    assert due(capsys, "2024-03-08", "1") == "2024-03-10"
    assert run(capsys, "calendar", "override", "2024-03-05", "--remove")[0] == 0
    assert due(capsys, "2024-03-04", "1") == "2024-03-05"
    assert list(AuditEntry.objects.order_by("id").values_list("action", "object_id")) == [
        ("calendar_override", "2024-03-05"),
        ("calendar_override", "2024-03-10"),
        ("calendar_override_remove", "2024-03-05"),
    ]


def test_override_refuses_bad_requests(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "calendar", "override", "2024-03-05")[0] == 1
    code, _, err = run(capsys, "calendar", "override", "2024-03-05", "--remove")
    assert code == 1 and "no override" in err
    assert run(capsys, "calendar", "override", "2024-03-05", "off", "--remove")[0] == 1
    assert run(capsys, "calendar", "override", "5/3/2024", "off")[0] == 1
    assert not CalendarOverride.objects.exists()


def test_show_lists_days_off_and_worked_saturdays_with_their_source(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "calendar", "show", "2024")
    assert code == 0
    lines = out.splitlines()
    assert any("08/02/2024" in line and "5015/TB-LĐTBXH" in line for line in lines)
    assert any(line.strip().startswith("Thứ Bảy") and "04/05/2024" in line for line in lines)
    assert "non-working weekdays): 12" in out
    run(capsys, "calendar", "override", "2024-03-05", "off", "--notice", "99/TB-UBND")
    out = run(capsys, "calendar", "show", "2024")[1]
    assert "non-working weekdays): 13" in out
    assert any("05/03/2024" in line and "99/TB-UBND" in line for line in out.splitlines())


def test_show_a_year_without_a_notice_uses_the_statutory_holidays(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "calendar", "show", "2030")
    assert code == 0 and "01/01/2030" in out and "Điều 112" in out
    assert run(capsys, "calendar", "show", "1990")[0] == 1
