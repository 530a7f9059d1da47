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

from cchc.core.models import LineageKind, Unit, UnitKind, UnitLineage

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
    return f"{'79' if new else '77'}.VPDK.{district_code.rsplit('-', 1)[-1]}"


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


def _link(old: Unit, new: Unit, day: dt.date, kind: str, note: str, report: AgencyReport) -> None:
    _, created = UnitLineage.objects.update_or_create(
        predecessor=old, successor=new, date=day, defaults={"kind": kind, "note": note}
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
        for district in Unit.objects.filter(parent=old_province, kind=UnitKind.DISTRICT):
            area = area_name(district.name)
            old_branch = _put(
                land_branch_code(district.code),
                {"name": f"Chi nhánh Văn phòng đăng ký đất đai {district.name}",
                 "kind": UnitKind.DIVISION, "parent": district, "valid_from": district.valid_from,
                 "valid_to": district.valid_to or last_old_day, "source": SOURCE},
                report,
            )  # fmt: skip
            new_branch = _put(
                land_branch_code(district.code, new=True),
                {"name": f"Chi nhánh Văn phòng đăng ký đất đai khu vực {area}",
                 "kind": UnitKind.DIVISION, "parent": new_units["SNNMT"],
                 "valid_from": REORGANISATION_DAY, "valid_to": None, "source": SOURCE},
                report,
            )  # fmt: skip
            _link(old_branch, new_branch, REORGANISATION_DAY, LineageKind.RENAME,
                  "Nghị quyết 202/2025/QH15", report)  # fmt: skip
    return report
