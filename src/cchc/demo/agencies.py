"""The demo province's specialised agencies (sở) and district land registry branches, with the
2025 mergers as lineage.

Bà Rịa – Vũng Tàu's agencies until 30/06/2025, Hồ Chí Minh City's from 01/07/2025 (Resolution
202/2025/QH15). On 01/03/2025 the provincial agencies were merged (Decree 45/2025/NĐ-CP on the
organisation of provincial agencies): Planning and Investment into Finance, Transport into
Construction, Natural Resources and Environment with Agriculture into Agriculture and Environment,
Labour–Invalids–Social Affairs into Home Affairs. Codes are ours (`77.STP`, `79.STP`,
`77.VPDK.748`): the national code list has no agencies.

Each agency handles "pools" of procedures, defined by the catalogue's sectors (lĩnh vực).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import ProtectedError

from cchc.core.models import LineageKind, Unit, UnitFormer, UnitKind, UnitLineage

AGENCY_MERGER_DAY = dt.date(2025, 3, 1)
REORGANISATION_DAY = dt.date(2025, 7, 1)
OLD_PROVINCE = "vn63-77"  # Bà Rịa – Vũng Tàu in cchc.core.units_vn's code scheme
NEW_PROVINCE = "vn34-79"  # Hồ Chí Minh City
SOURCE = "cchc demo"

# Procedure pools by sector (exact names of the national catalogue).
POOL_SECTORS: dict[str, tuple[str, ...]] = {
    "justice": ("Bồi thường nhà nước", "Chứng thực", "Công chứng", "Giám định tư pháp",
                "Hòa giải thương mại", "Hỗ trợ pháp lý cho doanh nghiệp nhỏ và vừa", "Hộ tịch",
                "Luật sư", "Lý lịch tư pháp", "Nuôi con nuôi", "Quản tài viên", "Quốc tịch",
                "Thừa phát lại", "Trọng tài thương mại", "Trợ giúp pháp lý", "Tư vấn pháp luật",
                "Đăng ký biện pháp bảo đảm", "Đấu giá tài sản", "Hòa giải ở cơ sở"),
    "finance": ("Quản lý công sản", "Quản lý giá", "Tài chính doanh nghiệp", "Tài chính đất đai",
                "Đấu thầu", "Quản lý chương trình mục tiêu quốc gia"),
    "planning": ("Thành lập và hoạt động của doanh nghiệp",
                 "Thành lập và hoạt động của tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã",
                 "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)",
                 "Thành lập và hoạt động doanh nghiệp xã hội", "Đầu tư tại Việt nam",
                 "Đầu tư vào nông nghiệp, nông thôn", "Đầu tư theo phương thức đối tác công tư",
                 "Đấu thầu lựa chọn nhà đầu tư", "Hỗ trợ doanh nghiệp nhỏ và vừa",
                 "Hỗ trợ đầu tư", "Hỗ trợ tổ hợp tác, hợp tác xã, liên hiệp hợp tác xã"),
    "construction": ("Hoạt động xây dựng", "Nhà ở và công sở", "Kinh doanh bất động sản",
                     "Kiến trúc", "Quy hoạch đô thị và nông thôn", "Hạ tầng kỹ thuật",
                     "Vật liệu xây dựng", "Phát triển đô thị",
                     "Quản lý chất lượng công trình xây dựng",
                     "Kiểm định kỹ thuật an toàn lao động"),
    "transport": ("Đường bộ", "Hàng hải và đường thủy nội địa", "Đăng kiểm", "Đường sắt",
                  "Giao thông vận tải"),
    "environment": ("Đất đai", "Môi trường", "Tài nguyên nước", "Địa chất và khoáng sản",
                    "Biển và hải đảo", "Khí tượng, thủy văn", "Biến đổi khí hậu",
                    "Đo đạc, bản đồ và thông tin địa lý"),
    "agriculture": ("Thú y", "Thủy sản", "Trồng trọt", "Trồng trọt và Bảo vệ thực vật",
                    "Lâm nghiệp", "Kiểm lâm", "Chăn nuôi", "Thủy lợi",
                    "Quản lý chất lượng nông lâm sản và thủy sản",
                    "Kinh tế hợp tác và Phát triển nông thôn", "Nông nghiệp",
                    "Quản lý Đê điều và Phòng, chống thiên tai",
                    "Bảo tồn thiên nhiên và Đa dạng sinh học"),
    "labour": ("Người có công", "Giảm nghèo"),
}  # fmt: skip
LAND_SECTORS = ("Đất đai",)


@dataclass(frozen=True)
class AgencySpec:
    key: str  # code without the province prefix
    name: str  # without the province
    pools: tuple[str, ...]  # before the 01/03/2025 merger for Bà Rịa – Vũng Tàu's agencies
    size: float
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    merged_into: str | None = None  # key of the agency that took it over


# Bà Rịa – Vũng Tàu until 30/06/2025 (agencies with procedures for citizens and businesses)
OLD_AGENCIES = (
    AgencySpec("SNV", "Sở Nội vụ", (), 0.8),  # its citizen procedures came with the merger
    AgencySpec("SLDTBXH", "Sở Lao động - Thương binh và Xã hội", ("labour",), 0.8,
               valid_to=AGENCY_MERGER_DAY - dt.timedelta(days=1), merged_into="SNV"),
    AgencySpec("STC", "Sở Tài chính", ("finance",), 0.6),
    AgencySpec("SKHDT", "Sở Kế hoạch và Đầu tư", ("planning",), 1.5,
               valid_to=AGENCY_MERGER_DAY - dt.timedelta(days=1), merged_into="STC"),
    AgencySpec("STP", "Sở Tư pháp", ("justice",), 1.2),
    AgencySpec("SXD", "Sở Xây dựng", ("construction",), 1.0),
    AgencySpec("SGTVT", "Sở Giao thông vận tải", ("transport",), 1.5,
               valid_to=AGENCY_MERGER_DAY - dt.timedelta(days=1), merged_into="SXD"),
    AgencySpec("STNMT", "Sở Tài nguyên và Môi trường", ("environment",), 1.0,
               valid_to=AGENCY_MERGER_DAY - dt.timedelta(days=1), merged_into="SNNMT"),
    AgencySpec("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", ("agriculture",), 0.7,
               valid_to=AGENCY_MERGER_DAY - dt.timedelta(days=1), merged_into="SNNMT"),
    AgencySpec("SNNMT", "Sở Nông nghiệp và Môi trường", ("environment", "agriculture"), 1.7,
               valid_from=AGENCY_MERGER_DAY),
)  # fmt: skip
# Pools an agency gains at the merger (it keeps its code, its work grows).
POOLS_FROM_MERGER = {"SNV": ("labour",), "STC": ("finance", "planning"),
                     "SXD": ("construction", "transport")}  # fmt: skip
# Hồ Chí Minh City from 01/07/2025 (the agencies that took over Bà Rịa – Vũng Tàu's work)
NEW_AGENCIES = (
    AgencySpec("SNV", "Sở Nội vụ", ("labour",), 0.8),
    AgencySpec("STC", "Sở Tài chính", ("finance", "planning"), 2.1),
    AgencySpec("STP", "Sở Tư pháp", ("justice",), 1.2),
    AgencySpec("SXD", "Sở Xây dựng", ("construction", "transport"), 2.5),
    AgencySpec("SNNMT", "Sở Nông nghiệp và Môi trường", ("environment", "agriculture"), 1.7),
)
OLD_SUFFIX = " tỉnh Bà Rịa - Vũng Tàu"
NEW_SUFFIX = " Thành phố Hồ Chí Minh"


def old_agency_code(key: str) -> str:
    return f"77.{key}"


def new_agency_code(key: str) -> str:
    return f"79.{key}"


def land_branch_code(district_code: str, new: bool = False) -> str:
    """`77.VPDK.748` for district `vn63-748` (`79.…` for its city successor); the code space
    prefix is dropped, a year suffix kept (`vn63-753-2024` → `77.VPDK.753-2024`)."""
    return f"{'79' if new else '77'}.VPDK.{district_code.split('-', 1)[-1]}"


def branch_name(district_name: str) -> str:
    return f"Chi nhánh Văn phòng đăng ký đất đai {district_name}"


def area_name(district_name: str) -> str:
    for prefix in ("Thành phố ", "Thị xã ", "Huyện "):
        if district_name.startswith(prefix):
            return district_name[len(prefix) :]
    return district_name


@dataclass
class AgencyReport:
    created: int = 0
    updated: int = 0
    links: int = 0
    formers: int = 0  # former names written (a branch of a renamed district)


def _put(code: str, values: dict[str, object], report: AgencyReport) -> Unit:
    unit, created = Unit.objects.get_or_create(code=code, defaults=values)
    if created:
        report.created += 1
        return unit
    changed = [k for k, v in values.items() if getattr(unit, k) != v]
    if changed:
        for k in changed:
            setattr(unit, k, values[k])
        unit.save(update_fields=changed)
        report.updated += 1
    return unit


def _link(
    old: Unit, new: Unit, day: dt.date, kind: str, note: str, report: AgencyReport, act: str = ""
) -> None:
    _, created = UnitLineage.objects.update_or_create(
        predecessor=old, successor=new, date=day, defaults={"kind": kind, "note": note, "act": act}
    )
    report.links += int(created)


def ensure_agencies() -> AgencyReport:
    """Create or refresh the agencies and land branches (needs the units of `load_vn_province`
    for Bà Rịa – Vũng Tàu). Idempotent."""
    report = AgencyReport()
    with transaction.atomic():
        old_province = Unit.objects.get(code=OLD_PROVINCE)
        new_province = Unit.objects.get(code=NEW_PROVINCE)
        last_old_day = REORGANISATION_DAY - dt.timedelta(days=1)
        new_units: dict[str, Unit] = {}
        for spec in NEW_AGENCIES:
            new_units[spec.key] = _put(
                new_agency_code(spec.key),
                {"name": spec.name + NEW_SUFFIX, "kind": UnitKind.AGENCY, "parent": new_province,
                 "valid_from": REORGANISATION_DAY, "valid_to": None, "source": SOURCE},
                report,
            )  # fmt: skip
        old_units: dict[str, Unit] = {}
        for spec in OLD_AGENCIES:
            old_units[spec.key] = _put(
                old_agency_code(spec.key),
                {"name": spec.name + OLD_SUFFIX, "kind": UnitKind.AGENCY, "parent": old_province,
                 "valid_from": spec.valid_from, "valid_to": spec.valid_to or last_old_day,
                 "source": SOURCE},
                report,
            )  # fmt: skip
        for spec in OLD_AGENCIES:
            if spec.merged_into:
                _link(old_units[spec.key], old_units[spec.merged_into], AGENCY_MERGER_DAY,
                      LineageKind.MERGE, "Hợp nhất sở ngày 01/03/2025", report)  # fmt: skip
            elif spec.key in new_units:
                _link(old_units[spec.key], new_units[spec.key], REORGANISATION_DAY,
                      LineageKind.MERGE, "Nghị quyết 202/2025/QH15", report)  # fmt: skip
        _land_branches(old_province, new_units["SNNMT"], report)
    return report


def _land_branches(old_province: Unit, city_agency: Unit, report: AgencyReport) -> None:
    """One branch per district for the district's own validity. A district that ended before
    30/06/2025 passes its branch to the branch of the district it merged into (Long Điền and Đất
    Đỏ → Long Đất on 01/01/2025); a district in force on 30/06/2025 passes it to a city branch
    "khu vực …" on 01/07/2025."""
    last_old_day = REORGANISATION_DAY - dt.timedelta(days=1)
    districts = list(
        Unit.objects.filter(parent=old_province, kind=UnitKind.DISTRICT).order_by("code")
    )
    branches: dict[int, Unit] = {}
    for district in districts:
        branch = _put(
            land_branch_code(district.code),
            {"name": branch_name(district.name), "kind": UnitKind.DIVISION, "parent": district,
             "valid_from": district.valid_from, "valid_to": district.valid_to or last_old_day,
             "source": SOURCE},
            report,
        )  # fmt: skip
        _former_names(branch, district, report)
        branches[district.pk] = branch
    for district in districts:
        branch = branches[district.pk]
        if district.valid_to is not None and district.valid_to < last_old_day:
            links = UnitLineage.objects.filter(predecessor=district, successor_id__in=branches)
            for link in links:
                _link(branch, branches[link.successor_id], link.date, link.kind,
                      "Theo đơn vị cấp huyện", report, link.act)  # fmt: skip
            continue
        city_branch = _put(
            land_branch_code(district.code, new=True),
            {"name": f"Chi nhánh Văn phòng đăng ký đất đai khu vực {area_name(district.name)}",
             "kind": UnitKind.DIVISION, "parent": city_agency,
             "valid_from": REORGANISATION_DAY, "valid_to": None, "source": SOURCE},
            report,
        )  # fmt: skip
        _link(branch, city_branch, REORGANISATION_DAY, LineageKind.RENAME,
              "Nghị quyết 202/2025/QH15", report)  # fmt: skip


def _former_names(branch: Unit, district: Unit, report: AgencyReport) -> None:
    """The branch bore the district's former names (Chi nhánh … Thị xã Phú Mỹ until
    28/02/2025); former forms the district no longer has are removed."""
    kept = []
    for former in UnitFormer.objects.filter(unit=district).order_by("until"):
        if former.name == district.name:
            continue
        kept.append(former.until)
        values = {"name": branch_name(former.name), "kind": UnitKind.DIVISION,
                  "parent": district, "act": former.act, "note": former.note}  # fmt: skip
        row = UnitFormer.objects.filter(unit=branch, until=former.until).first()
        if row is None or any(getattr(row, k) != v for k, v in values.items()):
            UnitFormer.objects.update_or_create(unit=branch, until=former.until, defaults=values)
            report.formers += 1
    UnitFormer.objects.filter(unit=branch).exclude(until__in=kept).delete()


def land_branch_codes() -> set[str]:
    """The land branches `ensure_agencies` defines for the units now in the database."""
    old_province = Unit.objects.filter(code=OLD_PROVINCE).first()
    if old_province is None:
        return set()
    last_old_day = REORGANISATION_DAY - dt.timedelta(days=1)
    codes = set()
    for district in Unit.objects.filter(parent=old_province, kind=UnitKind.DISTRICT):
        codes.add(land_branch_code(district.code))
        if district.valid_to is None or district.valid_to >= last_old_day:
            codes.add(land_branch_code(district.code, new=True))
    return codes


def remove_stale_branches() -> list[str]:
    """Delete the land branches an earlier demo wrote that no district defines any more (a city
    branch of Huyện Long Điền, `77.VPDK.2024`); one still referred to (an inspection, a login)
    stays until the next run. Returns the codes removed."""
    wanted = land_branch_codes()
    stale = Unit.objects.filter(source=SOURCE, kind=UnitKind.DIVISION, code__contains=".VPDK.")
    removed = []
    for unit in stale.exclude(code__in=wanted).order_by("code"):
        try:
            with transaction.atomic():
                unit.delete()
        except ProtectedError:
            continue
        removed.append(unit.code)
    return removed
