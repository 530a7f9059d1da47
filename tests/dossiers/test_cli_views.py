"""`cchc dossiers summary` and `cchc dossiers late` through cchc.cli.main on the small world."""

from __future__ import annotations

import csv
import io
import json

import pytest

from cchc.cli import main
from tests.dossiers.summary_world import build_world

pytestmark = pytest.mark.django_db(transaction=True)
AS_OF = ["--as-of", "2025-01-01"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_summary_csv_by_unit_has_codes_counts_and_fractions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    build_world()
    code, out, _ = run(
        capsys,
        "dossiers",
        "summary",
        "--period",
        "2024-Q1",
        "--by",
        "unit",
        "--format",
        "csv",
        *AS_OF,
    )
    assert code == 0
    header = out.splitlines()[0].split(",")
    assert header[:2] == ["unit_code", "unit_name"]
    for column in [
        "dossiers",
        "ended",
        "early",
        "on_time",
        "late",
        "open_overdue",
        "late_rate",
        "on_time_rate",
        "online_share",
    ]:
        assert column in header
    rows = {r["unit_code"]: r for r in csv_rows(out)}
    assert set(rows) == {"A", "A1", "B", "OLD"}
    assert rows["B"]["dossiers"] == "4" and rows["B"]["late_rate"] == "0.5"
    assert sum(int(r["dossiers"]) for r in rows.values()) == 11
    assert rows["A"]["online_share"] == "0.75"  # 3 of 4 received online


def test_summary_table_is_vietnamese_with_percentages_and_a_total(
    capsys: pytest.CaptureFixture[str],
) -> None:
    build_world()
    code, out, _ = run(capsys, "dossiers", "summary", "--period", "2024-Q1", "--by", "unit", *AS_OF)
    assert code == 0
    assert "Quý 1/2024" in out
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("Mã đơn vị"))
    assert "Tỷ lệ trễ hạn" in header and "Đang quá hạn" in header
    total = next(line for line in lines if line.startswith("Tổng cộng"))
    assert "36,4%" in total and "63,6%" in total and "37,5%" in total  # 4/11, 7/11, 3/8
    b = next(line for line in lines if line.startswith("B "))
    assert "50,0%" in b
    # aligned: every data line as wide as the header's rule
    rule = lines[lines.index(header) + 1]
    assert all(len(line) <= len(rule) for line in lines[lines.index(header) :])


def test_summary_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    code, out, _ = run(
        capsys,
        "dossiers",
        "summary",
        "--period",
        "2024-Q1",
        "--by",
        "month",
        "--format",
        "json",
        *AS_OF,
    )
    assert code == 0
    doc = json.loads(out)
    assert doc["period"] == {"label": "2024-Q1", "start": "2024-01-01", "end": "2024-03-31"}
    assert doc["reference_date"] == "2024-03-31"
    assert [r["month"] for r in doc["rows"]] == ["2024-01", "2024-02", "2024-03"]
    assert sum(r["dossiers"] for r in doc["rows"]) == doc["total"]["dossiers"] == 11
    assert doc["total"]["late_rate"] == pytest.approx(4 / 11)


def test_summary_of_the_whole_period_without_grouping(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    code, out, _ = run(
        capsys,
        "dossiers",
        "summary",
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-31",
        "--format",
        "csv",
        *AS_OF,
    )
    assert code == 0
    [row] = csv_rows(out)
    assert row["period"] == "2024-01-01..2024-03-31"
    assert (row["dossiers"], row["late"], row["open_overdue"]) == ("11", "2", "2")


@pytest.mark.parametrize(("unit", "dossiers"), [("PROV", "10"), ("A", "6"), ("OLD", "1")])
def test_summary_unit_includes_the_units_below_as_of_the_period_end(
    capsys: pytest.CaptureFixture[str], unit: str, dossiers: str
) -> None:
    build_world()
    code, out, _ = run(
        capsys,
        "dossiers",
        "summary",
        "--period",
        "2024-Q1",
        "--unit",
        unit,
        "--format",
        "csv",
        *AS_OF,
    )
    assert code == 0
    assert csv_rows(out)[0]["dossiers"] == dossiers


def test_report_layout_columns_and_identities(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    code, out, _ = run(
        capsys,
        "dossiers",
        "summary",
        "--period",
        "2024-Q1",
        "--by",
        "channel",
        "--layout",
        "report",
        "--format",
        "csv",
        *AS_OF,
    )
    assert code == 0
    rows = csv_rows(out)
    assert list(rows[0])[:3] == ["channel", "channel_name", "units"]
    assert {r["units"] for r in rows} == {"as-was"}  # the default view, stated in every row
    for r in rows:
        n = {k: int(v) for k, v in r.items() if k not in {"channel", "channel_name", "units"}}
        assert (
            n["received_total"]
            == n["carried_over"]
            + n["received_online"]
            + n["received_in_person"]
            + n["received_postal"]
        )
        assert n["solved_total"] == n["solved_early"] + n["solved_on_time"] + n["solved_late"]
        assert n["in_process_total"] == n["in_process_not_yet_due"] + n["in_process_overdue"]
        assert n["received_total"] == n["solved_total"] + n["in_process_total"]
    online = next(r for r in rows if r["channel"] == "online")
    assert (
        online["carried_over"],
        online["in_process_overdue"],
        online["in_process_not_yet_due"],
    ) == ("2", "1", "2")
    code, out, _ = run(
        capsys, "dossiers", "summary", "--period", "2024-Q1", "--layout", "report", *AS_OF
    )
    assert "Kỳ trước chuyển qua" in out and "Chưa đến hạn" in out and "Nhận trực tuyến" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--period", "2024-Q5"], "Kỳ không hợp lệ"),
        (["--from", "2024-01-01"], "Cần --period"),
        (["--period", "2024", "--from", "2024-01-01", "--to", "2024-02-01"], "Chỉ dùng --period"),
        (["--from", "2024-03-01", "--to", "2024-01-01"], "trước ngày bắt đầu"),
        (["--period", "2024", "--unit", "NOPE"], "unknown unit"),
        (["--period", "2024", "--as-of", "31/02/2024"], "Ngày không hợp lệ"),
    ],
)
@pytest.mark.parametrize("command", ["summary", "late"])
def test_bad_arguments_exit_1_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], command: str, argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "dossiers", command, *argv)
    assert code == 1
    assert message in err and out == ""


def test_late_table_lists_overdue_with_names_working_days_and_reasons(
    capsys: pytest.CaptureFixture[str],
) -> None:
    build_world()
    code, out, _ = run(capsys, "dossiers", "late", "--period", "2024-Q1", *AS_OF)
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("Mã hồ sơ") and "Lý do trễ hạn" in line for line in lines)
    d08 = next(line for line in lines if line.startswith("D08"))
    # D08: unit B "Sở Nông nghiệp", procedure P2 "Giao đất", online, open past 10/11/2023
    assert "Sở Nông nghiệp" in d08 and "Giao đất" in d08 and "Trực tuyến" in d08
    assert "10/11/2023" in d08 and " 94 " in d08 and "Đang quá hạn" in d08
    assert "đang quá hạn 94 ngày làm việc" in d08 and "bổ sung hồ sơ nhiều lần" in d08
    d03 = next(line for line in lines if line.startswith("D03"))
    assert "Phòng Hộ tịch" in d03 and "Chứng thực bản sao" in d03 and "27/02/2024" in d03
    assert "Quá hạn đã xử lý" in d03 and "không có văn bản xin lỗi" in d03
    assert "Tổng số: 4 hồ sơ" in out
    assert "vn" not in d03 and " A1 " not in d03  # names, not codes

    code, out, _ = run(capsys, "dossiers", "late", "--period", "2024-Q1", "--unit", "A", *AS_OF)
    assert "— Sở Tư pháp (A) và cấp dưới" in out.splitlines()[0]


def test_late_csv_and_json_with_unit_and_limit(capsys: pytest.CaptureFixture[str]) -> None:
    build_world()
    code, out, _ = run(
        capsys, "dossiers", "late", "--period", "2024-Q1", "--unit", "A", "--format", "csv", *AS_OF
    )
    assert code == 0
    rows = csv_rows(out)
    assert [(r["code"], r["days_late"], r["finished_on"], r["flags"]) for r in rows] == [
        ("D07", "7", "", ""),
        ("D03", "3", "2024-02-27", "late_no_apology"),
    ]
    assert {(r["unit_code"], r["unit_name"], r["procedure_name"]) for r in rows} == {
        ("A1", "Phòng Hộ tịch", "Chứng thực bản sao")
    }
    # D07 still open at the period's end, 7 working days past its deadline; D03 ended 3 days late
    # with no apology letter
    assert [r["reasons"] for r in rows] == [
        "đang quá hạn 7 ngày làm việc",
        "quá hạn 3 ngày làm việc; trễ hạn không có văn bản xin lỗi",
    ]
    code, out, _ = run(
        capsys,
        "dossiers",
        "late",
        "--period",
        "2024-Q1",
        "--limit",
        "2",
        "--format",
        "json",
        *AS_OF,
    )
    doc = json.loads(out)
    assert doc["total"] == 4 and [r["code"] for r in doc["rows"]] == ["D08", "D07"]
    assert doc["rows"][0]["deadline_on"] == "2023-11-10" and doc["rows"][0]["flags"] == [
        "repeated_supplements"
    ]
    code, _, err = run(capsys, "dossiers", "late", "--period", "2024-Q1", "--limit", "0")
    assert code == 1 and "--limit" in err


@pytest.mark.parametrize(
    ("state", "codes"),
    # by the world's table: ended late in Q1 D03, D04; open and overdue on 31/03 D07, D08
    [("ended", ["D03", "D04"]), ("open", ["D07", "D08"])],
)
def test_late_state_keeps_one_of_the_two_late_counts(
    capsys: pytest.CaptureFixture[str], state: str, codes: list[str]
) -> None:
    build_world()
    argv = ["--period", "2024-Q1", "--state", state, "--format", "csv", *AS_OF]
    code, out, _ = run(capsys, "dossiers", "late", *argv)
    assert code == 0
    assert sorted(r["code"] for r in csv_rows(out)) == codes
