"""The generator's inputs read from the database: which units receive dossiers when, which
procedures each handles (from the national catalogue), and where the problems are planted."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from cchc.core.models import Procedure, Unit, UnitKind, UnitLineage
from cchc.demo import agencies
from cchc.demo.patterns import PlantedProblems, stable_unit_factor
from cchc.demo.spec import DemoProcedure, DemoUnit

LAST_OLD_DAY = agencies.REORGANISATION_DAY - dt.timedelta(days=1)
BEFORE_MERGER = agencies.AGENCY_MERGER_DAY - dt.timedelta(days=1)
# Everyday procedures carry most of the volume (demo assumption).
SECTOR_WEIGHT = {
    "Hộ tịch": 12.0, "Chứng thực": 12.0, "Đất đai": 5.0, "Lý lịch tư pháp": 4.0,
    "Thành lập và hoạt động của doanh nghiệp": 6.0,
    "Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)": 4.0, "Đường bộ": 4.0,
    "Hoạt động xây dựng": 3.0, "Người có công": 2.0, "Công chứng": 2.0,
}  # fmt: skip
# The planted problems, by the real names of the units that carry them (fictional problems).
LAND_OFFICE_DISTRICT = "Thành phố Bà Rịa"
SUPPLEMENT_COMMUNE = "Xã Bàu Chinh"
# The planted commune is a busy rural one (the top of stable_unit_factor's range), so its few
# months of repeated requests before the visit show in a small demo too.
PLANTED_COMMUNE_SIZE = 2.0
APPOINTMENT_AGENCY = "SXD"
NO_APOLOGY_DISTRICT = "Huyện Xuyên Mộc"
NO_APOLOGY_WARD = "Xã Hồ Tràm"
SECTOR_POOL = {
    sector: pool for pool, sectors in agencies.POOL_SECTORS.items() for sector in sectors
}


def procedure_pools(sector: str, level: str) -> tuple[str, ...]:
    """Which demo units handle a procedure: agencies for province-level, communes (and the old
    districts) for commune-level ones, land branches for land procedures."""
    pools: list[str] = []
    pool = SECTOR_POOL.get(sector)
    if pool and "Cấp tỉnh" in level:
        pools.append(pool)
    if pool and "Cấp xã" in level:
        pools.append("commune")
    if sector in agencies.LAND_SECTORS and ("Cấp tỉnh" in level or "Cấp xã" in level):
        pools.append("land")
    return tuple(pools)


def demo_procedures(procedures: Iterable[Procedure]) -> list[DemoProcedure]:
    """Procedures with a time limit that some demo unit handles; weights stable per code."""
    result = []
    for p in procedures:
        pools = procedure_pools(p.sector, p.level)
        if not pools or p.time_limit is None or p.time_limit <= 0:
            continue
        weight = SECTOR_WEIGHT.get(p.sector, 1.0) * stable_unit_factor(p.code) ** 2
        cutoff = -1 if p.cutoff is None else p.cutoff.hour * 60 + p.cutoff.minute
        result.append(
            DemoProcedure(
                code=p.code,
                pools=pools,
                time_limit=float(p.time_limit),
                time_unit=p.time_unit,
                weight=weight,
                has_fee=p.has_fee,
                land=p.sector in agencies.LAND_SECTORS,
                cutoff_minute=cutoff,
            )
        )
    return result


def _commune_size(unit: Unit) -> float:
    if unit.name == SUPPLEMENT_COMMUNE:
        return PLANTED_COMMUNE_SIZE
    urban = unit.name.startswith(("Phường", "Thị trấn"))
    return (1.6 if urban else 1.0) * stable_unit_factor(unit.code)


def _land_size(district: Unit) -> float:
    if "Côn Đảo" in district.name:
        return 0.2
    return 1.5 if district.name.startswith(("Thành phố", "Thị xã")) else 1.0


def demo_units() -> list[DemoUnit]:
    """Bà Rịa – Vũng Tàu's districts, communes, agencies and land branches, each while it was in
    force (8 districts and 82 communes until 31/12/2024, Long Đất, Tam An … from 01/01/2025, all
    until 30/06/2025), then the Hồ Chí Minh City wards and agencies that succeeded them."""
    old_province = Unit.objects.get(code=agencies.OLD_PROVINCE)
    districts = list(
        Unit.objects.filter(parent=old_province, kind=UnitKind.DISTRICT).order_by("code")
    )
    # by current parent: a commune moved under Long Đất keeps its 2023 dossiers (UnitFormer)
    communes = list(
        Unit.objects.filter(parent__in=districts, kind=UnitKind.COMMUNE).order_by("code")
    )
    successor_ids = UnitLineage.objects.filter(
        predecessor__in=[*districts, *communes], successor__kind=UnitKind.COMMUNE
    ).values_list("successor_id", flat=True)
    old_codes = {c.code for c in communes}
    wards = [
        w
        for w in Unit.objects.filter(id__in=successor_ids).order_by("code")
        if w.code not in old_codes  # Tam An is both a commune of Long Đất and a successor
    ]
    branches = {u.code: u for u in Unit.objects.filter(code__in=agencies.land_branch_codes())}
    units: list[DemoUnit] = []
    for d in districts:
        units.append(DemoUnit(d.code, "district", ("commune",), *_active(d),
                              size=stable_unit_factor(d.code)))  # fmt: skip
        for code in (agencies.land_branch_code(d.code), agencies.land_branch_code(d.code, True)):
            if code in branches:
                units.append(DemoUnit(code, "land", ("land",), *_active(branches[code]),
                                      size=_land_size(d)))  # fmt: skip
    for c in [*communes, *wards]:
        units.append(DemoUnit(c.code, "commune", ("commune",), *_active(c),
                              size=_commune_size(c)))  # fmt: skip
    return [*_merged_sizes(units), *_agency_units()]


def _merged_sizes(units: list[DemoUnit]) -> list[DemoUnit]:
    """A district, commune or branch formed from others of its kind has their combined size
    (Tam An = An Nhứt + An Ngãi + Tam Phước; a split unit's size is shared out), so a merger
    moves the dossiers, it does not shrink them."""
    by_code = {u.code: u for u in units}
    links = UnitLineage.objects.filter(
        predecessor__code__in=list(by_code), successor__code__in=list(by_code)
    ).values_list("predecessor__code", "successor__code")
    successors: dict[str, list[str]] = defaultdict(list)
    for old, new in links:
        if by_code[old].kind == by_code[new].kind:
            successors[old].append(new)
    sizes = {u.code: u.size for u in units}
    merged: dict[str, float] = defaultdict(float)
    for unit in sorted(units, key=lambda u: (u.active_from or dt.date.min, u.code)):
        if unit.code in merged:
            sizes[unit.code] = merged[unit.code]
        for new in successors.get(unit.code, []):
            merged[new] += sizes[unit.code] / len(successors[unit.code])
    return [replace(u, size=sizes[u.code]) for u in units]


def _active(unit: Unit) -> tuple[dt.date | None, dt.date | None]:
    """While a unit receives demo dossiers: its validity (a Bà Rịa – Vũng Tàu unit without an
    end date ends on 30/06/2025)."""
    if unit.valid_from is not None and unit.valid_from >= agencies.REORGANISATION_DAY:
        return unit.valid_from, unit.valid_to
    return unit.valid_from, unit.valid_to or LAST_OLD_DAY


def _agency_units() -> list[DemoUnit]:
    units = []
    for spec in agencies.OLD_AGENCIES:
        code = agencies.old_agency_code(spec.key)
        last = spec.valid_to or LAST_OLD_DAY
        gained = agencies.POOLS_FROM_MERGER.get(spec.key)
        if gained:
            if spec.pools:
                units.append(DemoUnit(code, "agency", spec.pools, None, BEFORE_MERGER, spec.size))
            units.append(DemoUnit(code, "agency", gained, agencies.AGENCY_MERGER_DAY, last,
                                  spec.size * 1.5))  # fmt: skip
        elif spec.pools:
            units.append(DemoUnit(code, "agency", spec.pools, spec.valid_from, last, spec.size))
    for spec in agencies.NEW_AGENCIES:
        units.append(DemoUnit(agencies.new_agency_code(spec.key), "agency", spec.pools,
                              agencies.REORGANISATION_DAY, None, spec.size))  # fmt: skip
    return units


def _codes_named(name: str, kinds: Iterable[str]) -> list[str]:
    return list(Unit.objects.filter(name=name, kind__in=list(kinds)).values_list("code", flat=True))


def choose_planted(units: Iterable[DemoUnit]) -> PlantedProblems:
    """The units that carry the planted problems (only those present in `units`)."""
    present = {u.code for u in units}
    district = Unit.objects.filter(
        parent__code=agencies.OLD_PROVINCE, name=LAND_OFFICE_DISTRICT
    ).first()
    land_office = agencies.land_branch_code(district.code) if district else None
    supplement = _codes_named(SUPPLEMENT_COMMUNE, [UnitKind.COMMUNE])
    supplement += list(
        UnitLineage.objects.filter(predecessor__code__in=supplement).values_list(
            "successor__code", flat=True
        )
    )
    appointment = [agencies.old_agency_code(APPOINTMENT_AGENCY),
                   agencies.new_agency_code(APPOINTMENT_AGENCY)]  # fmt: skip
    no_apology = _codes_named(NO_APOLOGY_DISTRICT, [UnitKind.DISTRICT])
    no_apology += _codes_named(NO_APOLOGY_WARD, [UnitKind.COMMUNE])
    return PlantedProblems(
        land_office=land_office if land_office in present else None,
        supplement_units=tuple(sorted(c for c in set(supplement) if c in present)),
        appointment_units=tuple(c for c in appointment if c in present),
        no_apology_units=tuple(sorted(c for c in set(no_apology) if c in present)),
    )


def demo_heads() -> tuple[str | None, str | None]:
    """The units the two demo unit heads answer for: today's successors of the planted land
    branch and of the planted commune, so each sees his unit today and its predecessors' story
    (the 2023 inspection included)."""
    from cchc.core.lineage import current_successors
    from cchc.core.units import UnknownUnit

    district = Unit.objects.filter(
        parent__code=agencies.OLD_PROVINCE, name=LAND_OFFICE_DISTRICT
    ).first()
    starts = [
        agencies.land_branch_code(district.code) if district else None,
        next(iter(_codes_named(SUPPLEMENT_COMMUNE, [UnitKind.COMMUNE])), None),
    ]
    heads: list[str | None] = []
    for code in starts:
        try:
            found = current_successors(code) if code else []
        except UnknownUnit:
            found = []
        heads.append(found[0].code if found else None)
    return heads[0], heads[1]
