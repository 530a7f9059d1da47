"""Load a real Vietnamese province, before and after the 1 July 2025 reorganisation, with lineage.

Source: the PyPI package `vietnamadminunits` (its offline data: the 63-province structure, the
34-province structure and the old→new conversion table). No network service is ever called.

Code scheme (Unit.code): official codes with a prefix naming the code space, because the new
structure reuses old numbers (e.g. new ward 25750 is not old ward 25750):
  `vn63-<code>` units of the 63-province structure, valid until 30/06/2025
                (province 2 digits, district 3 digits, commune 5 digits: no clash inside);
  `vn34-<code>` units of the 34-province structure, valid from 01/07/2025.
Lineage (Resolution 202/2025/QH15 and the Standing Committee's commune resolutions, in force
1 Jul 2025): one old → several new is a split, several old → one new a merge, one → one a rename.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from django.db import transaction

from cchc.core.lineage import DEFAULT_MARK
from cchc.core.models import LineageKind, Unit, UnitKind, UnitLineage
from cchc.core.units_history import read_history, shipped_history
from cchc.core.units_vn_history import add_history, apply_formers
from cchc.core.vn_format import strip_marks

OLD_PREFIX = "vn63-"
NEW_PREFIX = "vn34-"
# Resolution 202/2025/QH15: the 34-province, two-tier structure takes effect on 1 July 2025.
REORGANISATION_DAY = dt.date(2025, 7, 1)
LAST_OLD_DAY = dt.date(2025, 6, 30)
RESOLUTION_202 = "Nghị quyết 202/2025/QH15"
COMMUNE_ACTS = "Nghị quyết của UBTVQH về sắp xếp đơn vị hành chính cấp xã năm 2025"


class ProvinceNotFound(LookupError):
    pass


@dataclass
class LoadReport:
    province_code: str = ""
    province_name: str = ""
    successor_province_codes: list[str] = field(default_factory=list)
    districts: int = 0
    communes: int = 0
    new_units: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    links_created: int = 0
    links_updated: int = 0
    links_unchanged: int = 0
    splits_from_names: int = 0
    source: str = ""
    history_file: str = ""
    history_units: int = 0
    history_links: int = 0
    former_forms: int = 0

    def lines(self) -> list[str]:
        return [
            f"Tỉnh (province): {self.province_name} ({self.province_code}) → "
            + ", ".join(self.successor_province_codes),
            f"Đơn vị cấp huyện (districts): {self.districts}; cấp xã (communes): {self.communes};"
            f" đơn vị mới từ 01/07/2025 (new units): {self.new_units}",
            f"Đơn vị (units): thêm mới {self.created}, cập nhật {self.updated},"
            f" không đổi {self.unchanged} (created, updated, unchanged)",
            f"Liên kết lịch sử (lineage links): thêm mới {self.links_created},"
            f" cập nhật {self.links_updated}, không đổi {self.links_unchanged}",
            f"{self.splits_from_names} đơn vị chia tách: suy ra từ tên, không tra cứu địa chỉ"
            f" ({self.splits_from_names} split units: lineage derived from names,"
            " no address lookup)",
            f"Nguồn (source): {self.source}",
            *(
                [
                    f"Lịch sử trước đó (earlier history): {self.history_units} đơn vị đã kết thúc,"
                    f" {self.history_links} liên kết, {self.former_forms} tên hoặc cấp trên"
                    f" trước đây (units, links, former names or parents) — {self.history_file}"
                ]
                if self.history_file
                else []
            ),
        ]


def _package_dir() -> Path:
    import vietnamadminunits

    return Path(vietnamadminunits.__file__).parent


def _query(sql: str, params: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    import sqlite3

    uri = f"file:{_package_dir() / 'data' / 'dataset.db'}?mode=ro"
    with sqlite3.connect(uri, uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(sql, params)]


def _converter() -> dict[str, Any]:
    with (_package_dir() / "data" / "converter_2025.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def source_label() -> str:
    return f"vietnamadminunits {metadata.version('vietnamadminunits')}"


def name_key(text: str) -> str:
    """'Bà Rịa - Vũng Tàu' → 'bariavungtau' (no marks, đ → d, letters and digits only)."""
    return re.sub(r"[^a-z0-9]", "", strip_marks(text).lower())


def _initials(text: str) -> str:
    return "".join(name_key(word)[:1] for word in re.split(r"[\s\-–]+", text) if name_key(word))


def find_province(name: str) -> dict[str, Any]:
    """The old (63-province) province matching a name, slug, code or initials ('brvt')."""
    wanted = name_key(name)
    provinces = _query(
        "SELECT DISTINCT provinceCode, province, provinceShort, provinceKey, provinceShortKey"
        " FROM admin_units_legacy"
    )
    exact = [
        p
        for p in provinces
        if wanted in {p["provinceKey"], p["provinceShortKey"], p["provinceCode"]}
    ]
    matches = exact or [p for p in provinces if wanted == _initials(p["provinceShort"])]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ProvinceNotFound(f"Không tìm thấy tỉnh {name!r} (no such province before 2025)")
    names = ", ".join(sorted(p["provinceShort"] for p in matches))
    raise ProvinceNotFound(f"Tên {name!r} không rõ, có thể là: {names} (ambiguous name)")


@dataclass
class _Plan:
    units: list[dict[str, Any]] = field(default_factory=list)  # in parent-before-child order
    # (old, new) → (kind, note, date in force, legal act)
    links: dict[tuple[str, str], tuple[str, str, dt.date, str]] = field(default_factory=dict)


def _link_kind(predecessors_of_new: int, successors_of_old: int) -> str:
    if successors_of_old > 1:
        return LineageKind.SPLIT
    if predecessors_of_new > 1:
        return LineageKind.MERGE
    return LineageKind.RENAME


def _plan(province: dict[str, Any], include_all_new_units: bool) -> tuple[_Plan, LoadReport]:
    report = LoadReport(source=source_label())
    plan = _Plan()
    old_key = province["provinceKey"]
    rows = _query(
        "SELECT district, districtCode, districtKey, ward, wardCode, wardKey"
        " FROM admin_units_legacy WHERE provinceCode = ? ORDER BY districtCode, wardCode",
        (province["provinceCode"],),
    )
    province_code = OLD_PREFIX + province["provinceCode"]
    report.province_code, report.province_name = province_code, province["province"]
    plan.units.append(
        {"code": province_code, "name": province["province"], "kind": UnitKind.PROVINCE,
         "parent": None, "valid_from": None, "valid_to": LAST_OLD_DAY, "source": "63"}
    )  # fmt: skip
    old_code_by_key: dict[str, str] = {}
    district_of: dict[str, str] = {}
    for row in rows:
        district_code = OLD_PREFIX + row["districtCode"]
        if district_code not in district_of.values():
            plan.units.append(
                {"code": district_code, "name": row["district"], "kind": UnitKind.DISTRICT,
                 "parent": province_code, "valid_from": None, "valid_to": LAST_OLD_DAY,
                 "source": "63"}
            )  # fmt: skip
            report.districts += 1
        key = f"{old_key}_{row['districtKey']}_{row['wardKey'] or ''}"
        if row["wardCode"]:
            ward_code = OLD_PREFIX + row["wardCode"]
            plan.units.append(
                {"code": ward_code, "name": row["ward"], "kind": UnitKind.COMMUNE,
                 "parent": district_code, "valid_from": None, "valid_to": LAST_OLD_DAY,
                 "source": "63"}
            )  # fmt: skip
            report.communes += 1
            old_code_by_key[key] = ward_code
        else:  # a district without communes (island districts such as Côn Đảo)
            old_code_by_key[key] = district_code
        district_of[old_code_by_key[key]] = district_code

    converter = _converter()
    new_province_key = next(k for k, v in converter["DICT_PROVINCE"].items() if old_key in v)
    new_province = _query(
        "SELECT DISTINCT provinceCode, province FROM admin_units WHERE provinceKey = ?",
        (new_province_key,),
    )[0]
    new_province_code = NEW_PREFIX + new_province["provinceCode"]
    report.successor_province_codes = [new_province_code]
    new_wards = {
        row["wardKey"]: row
        for row in _query(
            "SELECT ward, wardCode, wardKey FROM admin_units WHERE provinceKey = ?",
            (new_province_key,),
        )
    }

    # old key → [(new ward key, note)], and how many predecessors each new ward has nationally
    successors: dict[str, list[tuple[str, str]]] = defaultdict(list)
    predecessor_count: dict[str, int] = defaultdict(int)
    for new_key, old_keys in converter["DICT_PROVINCE_WARD_NO_DIVIDED"][new_province_key].items():
        predecessor_count[new_key] += len(old_keys)
        for key in old_keys:
            successors[key].append((new_key, ""))
    divided = converter["DICT_PROVINCE_WARD_DIVIDED"].get(new_province_key, {})
    for key, targets in divided.items():
        for target in targets:
            predecessor_count[target["newWardKey"]] += 1
            if key in old_code_by_key:
                default = target["isDefaultNewWard"]
                note = f"suy ra từ tên; {DEFAULT_MARK}" if default else "suy ra từ tên"
                successors[key].append((target["newWardKey"], note))
    report.splits_from_names = sum(1 for key in divided if key in old_code_by_key)

    wanted_new = set(new_wards) if include_all_new_units else set()
    province_predecessors = len(converter["DICT_PROVINCE"][new_province_key])
    plan.links[(province_code, new_province_code)] = (
        _link_kind(province_predecessors, 1),
        "",
        REORGANISATION_DAY,
        RESOLUTION_202,
    )
    district_successors: dict[str, set[str]] = defaultdict(set)
    for key, old_code in old_code_by_key.items():
        targets = successors.get(key, [])
        for new_key, note in targets:
            wanted_new.add(new_key)
            new_code = NEW_PREFIX + new_wards[new_key]["wardCode"]
            kind = _link_kind(predecessor_count[new_key], len(targets))
            plan.links[(old_code, new_code)] = (kind, note, REORGANISATION_DAY, COMMUNE_ACTS)
            if district_of[old_code] != old_code:
                district_successors[district_of[old_code]].add(new_code)
    for district_code, new_codes in district_successors.items():
        for new_code in new_codes:
            kind = LineageKind.SPLIT if len(new_codes) > 1 else LineageKind.RENAME
            plan.links.setdefault(
                (district_code, new_code),
                (kind, "theo các xã, phường trực thuộc (via communes)", REORGANISATION_DAY,
                 RESOLUTION_202),
            )  # fmt: skip

    plan.units.append(
        {"code": new_province_code, "name": new_province["province"], "kind": UnitKind.PROVINCE,
         "parent": None, "valid_from": REORGANISATION_DAY, "valid_to": None, "source": "34"}
    )  # fmt: skip
    for new_key in sorted(wanted_new, key=lambda k: new_wards[k]["wardCode"]):
        ward = new_wards[new_key]
        plan.units.append(
            {"code": NEW_PREFIX + ward["wardCode"], "name": ward["ward"],
             "kind": UnitKind.COMMUNE, "parent": new_province_code,
             "valid_from": REORGANISATION_DAY, "valid_to": None, "source": "34"}
        )  # fmt: skip
        report.new_units += 1
    return plan, report


def _apply(plan: _Plan, report: LoadReport) -> dict[str, Unit]:
    existing = {u.code: u for u in Unit.objects.filter(code__in=[p["code"] for p in plan.units])}
    for spec in plan.units:
        values = {
            "name": spec["name"],
            "kind": spec["kind"],
            "parent": existing[spec["parent"]] if spec["parent"] else None,
            "valid_from": spec["valid_from"],
            "valid_to": spec["valid_to"],
            "source": spec.get("source_label") or f"{report.source} ({spec['source']} tỉnh)",
        }
        unit = existing.get(spec["code"])
        if unit is None:
            existing[spec["code"]] = Unit.objects.create(code=spec["code"], **values)
            report.created += 1
            continue
        changed = [name for name, value in values.items() if getattr(unit, name) != value]
        if changed:
            for name in changed:
                setattr(unit, name, values[name])
            unit.save(update_fields=changed)
            report.updated += 1
        else:
            report.unchanged += 1
    current = {
        (link.predecessor.code, link.successor.code, link.date): link
        for link in UnitLineage.objects.filter(
            predecessor__code__in=[old for old, _ in plan.links]
        ).select_related("predecessor", "successor")
    }
    for (old, new), (kind, note, date, act) in plan.links.items():
        link = current.get((old, new, date))
        if link is None:
            UnitLineage.objects.create(
                predecessor=existing[old], successor=existing[new],
                date=date, kind=kind, note=note, act=act,
            )  # fmt: skip
            report.links_created += 1
        elif (link.kind, link.note, link.act) != (kind, note, act):
            link.kind, link.note, link.act = kind, note, act
            link.save(update_fields=["kind", "note", "act"])
            report.links_updated += 1
        else:
            report.links_unchanged += 1
    return existing


def load_vn_province(
    name: str, include_all_new_units: bool = False, history: Path | str | None = "shipped"
) -> LoadReport:
    """Load (or refresh) a pre-2025 province, its districts and communes, the province and
    communes that succeeded them on 1 July 2025, and the lineage links. Idempotent.

    `include_all_new_units` also loads the new province's communes that have no predecessor in
    this province (e.g. all 168 of Hồ Chí Minh City for Bà Rịa - Vũng Tàu).
    `history`: the province's earlier changes (units_history), by default the file shipped for
    it if any; a path to use another; None for none. A bad file changes nothing.
    """
    plan, report = _plan(find_province(name), include_all_new_units)
    path = shipped_history(report.province_code) if history == "shipped" else history
    loaded = read_history(path) if path is not None else None
    if loaded is not None:
        add_history(plan, loaded, report)
    with transaction.atomic():
        existing = _apply(plan, report)
        if loaded is not None:
            apply_formers(loaded, existing, report)
    return report
