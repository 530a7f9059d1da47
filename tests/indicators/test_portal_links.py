"""Linking the portal's units to cchc units, on the real portal files in tests/fixtures/ and the
official names of the 34 provinces (vietnamadminunits 1.0.4) and Gia Lai's departments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cchc.cli import main
from cchc.core.models import AuditEntry, Unit, UnitKind
from cchc.indicators.models import PortalUnitLink
from cchc.indicators.portal_history import compare
from cchc.indicators.portal_links import portal_units, unit_for

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PROVINCES_JSON = FIXTURES / "portal-766-provinces-2026-as-of-2026-10-10.json"
PROVINCES_CSV = FIXTURES / "portal-766-provinces-2026-as-of-2026-10-10.csv"
GIALAI = FIXTURES / "portal-766-gialai-departments-2026-as-of-2026-10-10.json"

# The 34 provinces from 1 July 2025 as cchc holds them (`vn34-` + official code, official name).
PROVINCES = {
    "01": "Thành phố Hà Nội", "08": "Tỉnh Tuyên Quang", "04": "Tỉnh Cao Bằng",
    "19": "Tỉnh Thái Nguyên", "15": "Tỉnh Lào Cai", "11": "Tỉnh Điện Biên",
    "12": "Tỉnh Lai Châu", "14": "Tỉnh Sơn La", "25": "Tỉnh Phú Thọ", "20": "Tỉnh Lạng Sơn",
    "22": "Tỉnh Quảng Ninh", "24": "Tỉnh Bắc Ninh", "31": "Thành phố Hải Phòng",
    "33": "Tỉnh Hưng Yên", "37": "Tỉnh Ninh Bình", "38": "Tỉnh Thanh Hóa", "40": "Tỉnh Nghệ An",
    "42": "Tỉnh Hà Tĩnh", "44": "Tỉnh Quảng Trị", "46": "Thành phố Huế",
    "48": "Thành phố Đà Nẵng", "51": "Tỉnh Quảng Ngãi", "52": "Tỉnh Gia Lai",
    "66": "Tỉnh Đắk Lắk", "56": "Tỉnh Khánh Hòa", "68": "Tỉnh Lâm Đồng", "75": "Tỉnh Đồng Nai",
    "80": "Tỉnh Tây Ninh", "79": "Thành phố Hồ Chí Minh", "82": "Tỉnh Đồng Tháp",
    "86": "Tỉnh Vĩnh Long", "91": "Tỉnh An Giang", "92": "Thành phố Cần Thơ", "96": "Tỉnh Cà Mau",
}  # fmt: skip
# Gia Lai's departments as a province's own unit list names them (no "- tỉnh Gia Lai").
DEPARTMENTS = {
    "GL-VHTTDL": "Sở Văn hóa, Thể thao và Du lịch", "GL-KHCN": "Sở Khoa học và Công nghệ",
    "GL-BQLKKT": "Ban Quản lý Khu kinh tế", "GL-SYT": "Sở Y tế", "GL-SNV": "Sở Nội vụ",
    "GL-DTTG": "Sở Dân tộc và Tôn giáo", "GL-SCT": "Sở Công Thương", "GL-STP": "Sở Tư pháp",
    "GL-GDDT": "Sở Giáo dục và Đào tạo", "GL-SXD": "Sở Xây dựng",
    "GL-NNMT": "Sở Nông nghiệp và Môi trường", "GL-SNGV": "Sở Ngoại vụ",
    "GL-STC": "Sở Tài chính", "GL-TTT": "Thanh tra tỉnh",
}  # fmt: skip

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def units() -> None:
    new = dt.date(2025, 7, 1)
    for code, name in PROVINCES.items():
        Unit.objects.create(code=f"vn34-{code}", name=name, kind=UnitKind.PROVINCE, valid_from=new)
    gia_lai = Unit.objects.get(code="vn34-52")
    for code, name in DEPARTMENTS.items():
        Unit.objects.create(code=code, name=name, kind=UnitKind.AGENCY, parent=gia_lai)
    # the old Gia Lai, same name, ended with the 2025 reorganisation: never the suggestion
    Unit.objects.create(
        code="vn63-64", name="Tỉnh Gia Lai", kind=UnitKind.PROVINCE, valid_to=dt.date(2025, 6, 30)
    )


def _listing(capsys: pytest.CaptureFixture[str], *args: str) -> list[list[str]]:
    assert main(["indicators", "portal-units", *args]) == 0
    return [line.split("\t") for line in capsys.readouterr().out.splitlines() if "\t" in line][1:]


def test_every_real_province_and_department_gets_the_right_suggestion(
    units: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "portal-scores", str(PROVINCES_JSON)]) == 0
    assert main(["import", "portal-scores", str(GIALAI)]) == 0
    out = capsys.readouterr().out
    assert "chưa khớp (unmatched) 34: UBND tỉnh Đồng Tháp (H20)" in out  # nothing linked yet
    assert "chưa khớp (unmatched) 14: Sở Văn hóa, Thể thao và Du lịch - tỉnh Gia Lai" in out
    rows = {(r[1], r[3]): r for r in _listing(capsys)}
    assert len(rows) == 48 and {r[0] for r in rows.values()} == {"gợi ý (suggestion)"}
    assert rows[('""', "UBND Thành phố Hồ Chí Minh")][4] == "vn34-79 Thành phố Hồ Chí Minh"
    assert rows[('""', "UBND tỉnh Gia Lai")][4] == "vn34-52 Tỉnh Gia Lai"  # not the old one
    assert rows[("H21", "Sở Tư pháp - tỉnh Gia Lai")][4] == "GL-STP Sở Tư pháp"
    assert rows[("H21", "Thanh tra tỉnh - tỉnh Gia Lai")][4] == "GL-TTT Thanh tra tỉnh"
    # the portal calls three provinces "thành phố"; the official list "Tỉnh"
    kind_only = {k[1] for k, r in rows.items() if "bỏ tỉnh/thành phố" in r[5]}
    assert kind_only == {
        "UBND Thành phố Đồng Nai",
        "UBND thành phố Quảng Ninh",
        "UBND thành phố Bắc Ninh",
    }
    assert rows[('""', "UBND Thành phố Đồng Nai")][4] == "vn34-75 Tỉnh Đồng Nai"


def test_accepting_the_suggestions_links_and_audits_every_one(
    units: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "portal-scores", str(PROVINCES_JSON)]) == 0
    assert main(["import", "portal-scores", str(GIALAI)]) == 0
    rows = _listing(capsys, "--accept-suggestions")
    assert {r[0] for r in rows} == {"đã liên kết (mapped)"} and len(rows) == 48
    assert PortalUnitLink.objects.count() == 48
    assert AuditEntry.objects.filter(action="portal_link_create").count() == 48
    hcm = PortalUnitLink.objects.get(department_code="H29")
    assert (hcm.unit.code, hcm.how, hcm.parent_code) == ("vn34-79", "suggestion", "")
    # the CSV of the same table now matches every row through the stored links
    PortalUnitLink.objects.filter(department_code="H20").delete()
    assert main(["import", "portal-scores", str(PROVINCES_CSV)]) == 0
    out = capsys.readouterr().out
    assert "33/34; chưa khớp (unmatched) 1: UBND tỉnh Đồng Tháp (H20)" in out


def test_a_name_is_mapped_by_hand_in_any_form_and_removed(
    units: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "portal-scores", str(PROVINCES_JSON)]) == 0
    assert main(["indicators", "portal-map", "tp. ho chi minh", "vn34-79"]) == 0
    assert "UBND Thành phố Hồ Chí Minh [H29] → vn34-79" in capsys.readouterr().out
    link = PortalUnitLink.objects.get()
    assert (link.portal_name, link.name_key, link.how) == (
        "UBND Thành phố Hồ Chí Minh",
        "thanh pho ho chi minh",
        "manual",
    )
    entry = AuditEntry.objects.get(action="portal_link_create")
    assert entry.after is not None and entry.after["unit_id"] == link.unit_id
    assert main(["indicators", "portal-map", "H29", "vn34-01"]) == 0  # by the portal's code
    update = AuditEntry.objects.get(action="portal_link_update")
    assert update.before is not None and update.after is not None
    assert update.before["unit_id"] == Unit.objects.get(code="vn34-79").pk
    assert update.after["unit_id"] == Unit.objects.get(code="vn34-01").pk
    assert main(["indicators", "portal-map", "UBND Thành phố Hồ Chí Minh", "--remove"]) == 0
    assert not PortalUnitLink.objects.exists()
    assert AuditEntry.objects.filter(action="portal_link_delete").count() == 1


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["UBND Thành phố Hồ Chí Minh", "KHONG-CO"], "Không có đơn vị cchc mã 'KHONG-CO'"),
        (["Tỉnh Không Có", "vn34-79"], "Không có đơn vị tên hoặc mã 'Tỉnh Không Có'"),
        (["UBND Thành phố Hồ Chí Minh"], "Cần MÃ_ĐƠN_VỊ hoặc --remove"),
        (["UBND Thành phố Hồ Chí Minh", "--remove"], "Không có liên kết nào"),
    ],
)
def test_a_bad_mapping_is_refused_by_name_and_changes_nothing(
    units: None, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    assert main(["import", "portal-scores", str(PROVINCES_JSON)]) == 0
    audit = AuditEntry.objects.count()
    assert main(["indicators", "portal-map", *args]) == 1
    assert says in capsys.readouterr().err
    assert not PortalUnitLink.objects.exists() and AuditEntry.objects.count() == audit


def test_a_name_under_two_parents_asks_which(
    units: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the same department table filed under another parent: "Sở Tư pháp" of which province?
    other = tmp_path / "portal-766-other-departments-2026-as-of-2026-10-10.json"
    other.write_text(GIALAI.read_text(encoding="utf-8").replace('"H21"', '"H99"'), "utf-8")
    assert main(["import", "portal-scores", str(GIALAI)]) == 0
    assert main(["import", "portal-scores", str(other)]) == 0
    capsys.readouterr()
    assert main(["indicators", "portal-map", "Sở Tư pháp - tỉnh Gia Lai", "GL-STP"]) == 1
    assert "--parent H21" in capsys.readouterr().err
    args = ["Sở Tư pháp - tỉnh Gia Lai", "GL-STP", "--parent", "H21"]
    assert main(["indicators", "portal-map", *args]) == 0
    assert PortalUnitLink.objects.get().parent_code == "H21"


def test_matching_uses_the_link_first_then_the_same_code(
    units: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "portal-scores", str(GIALAI)]) == 0
    Unit.objects.create(code="H21.17", name="Sở Văn hóa (mã Cổng)", kind=UnitKind.AGENCY)
    assert unit_for("H21", "Sở Văn hóa, Thể thao và Du lịch - tỉnh Gia Lai", "H21.17") == (
        Unit.objects.get(code="H21.17")
    )
    assert main(["indicators", "portal-map", "H21.17", "GL-VHTTDL"]) == 0
    linked = unit_for("H21", "Sở Văn hóa, Thể thao và Du lịch - tỉnh Gia Lai", "H21.17")
    assert linked is not None and linked.code == "GL-VHTTDL"
    result = compare("2026", "H21.17", today=dt.date(2026, 10, 10))
    assert result.unit_code == "GL-VHTTDL" and len(result.unmatched) == 13
    capsys.readouterr()
    assert main(["indicators", "portal", "--period", "2026", "--unit", "H21.17"]) == 0
    out = capsys.readouterr().out
    assert "1/14; chưa khớp (unmatched) 13: Sở Khoa học và Công nghệ - tỉnh Gia Lai" in out
    status = {u.name: u.status for u in portal_units()}
    assert status["Sở Văn hóa, Thể thao và Du lịch - tỉnh Gia Lai"] == "mapped"


def test_the_admin_edits_a_link_and_the_audit_log_records_it(units: None) -> None:
    assert main(["import", "portal-scores", str(PROVINCES_JSON)]) == 0
    admin = User.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-dai-123")
    client = Client()
    client.force_login(admin)
    page = client.get("/quan-tri/indicators/portalunitlink/add/")
    assert page.status_code == 200 and "liên kết đơn vị trên Cổng DVC" in page.content.decode()
    hcm = Unit.objects.get(code="vn34-79")
    form = {"parent_code": "", "portal_name": "UBND Thành phố Hồ Chí Minh",
            "department_code": "H29", "unit": hcm.pk, "how": "manual"}  # fmt: skip
    assert client.post("/quan-tri/indicators/portalunitlink/add/", form).status_code == 302
    link = PortalUnitLink.objects.get()
    entry = AuditEntry.objects.get(action="portal_link_create")
    assert entry.user == admin and entry.object_id == str(link.pk)
    same = {**form, "portal_name": "TP. Hồ Chí Minh"}  # the same name in another form
    again = client.post("/quan-tri/indicators/portalunitlink/add/", same)
    assert again.status_code == 200 and "đã có liên kết" in again.content.decode().lower()
    assert PortalUnitLink.objects.count() == 1
    url = f"/quan-tri/indicators/portalunitlink/{link.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 302
    gone = AuditEntry.objects.get(action="portal_link_delete")
    assert (
        gone.user == admin and gone.before is not None and gone.before["department_code"] == "H29"
    )
