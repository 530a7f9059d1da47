"""`cchc demo`: build the demo province in the configured data dir and serve it.

Steps: units of Bà Rịa – Vũng Tàu and their Hồ Chí Minh City successors, agencies and land
branches, the national catalogue, generated dossiers imported through the real import, demo users,
a summary, then the web app (inspections, citizens' surveys and feedback, published indices and
improvement plans on the way). Safe to re-run: reference data is refreshed in place; the dossiers
are reused when the same seed and size are already imported, rebuilt otherwise (docs/demo.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
from collections.abc import Sequence

from cchc.cli import CommandError, Commands
from cchc.core import clock
from cchc.core.vn_format import vn_date, vn_number, vn_percent
from cchc.demo.spec import DemoUnit

DEFAULT_DOSSIERS = 300_000
DEFAULT_SEED = 2023
BATCH_PREFIX = "demo-dossiers-"
PROGRESS_EVERY = 50_000


def batch_file_name(seed: int, dossiers: int, units: Sequence[DemoUnit] = ()) -> str:
    """The file and batch name; `u…` fingerprints the units and their active days, so dossiers
    generated for another unit history (an older demo, a corrected history file) are rebuilt."""
    key = f"-u{units_fingerprint(units)}" if units else ""
    return f"{BATCH_PREFIX}seed{seed}-n{dossiers}{key}.csv"


def units_fingerprint(units: Sequence[DemoUnit]) -> str:
    text = "\n".join(f"{u.code};{u.kind};{u.active_from};{u.active_to};{u.size:.6f}" for u in units)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _say(text: str) -> None:
    print(text, flush=True)


def _progress(stage: str, done: int, last: dict[str, int]) -> None:
    if done - last.get(stage, 0) >= PROGRESS_EVERY:
        last[stage] = done
        label = {"read": "đã đọc (read)", "write": "đã ghi (written)"}.get(stage, stage)
        _say(f"    … {label}: {vn_number(done)} hồ sơ (dossiers)")


def _delete_all_dossiers() -> None:
    """Delete every dossier (all are demo ones here). Plain SQL when only the steps refer to
    dossiers (300,000 rows in well under a second instead of half a minute); else the ORM."""
    from django.db import connection, transaction

    from cchc.dossiers.models import Dossier, DossierStep

    if [r.related_model for r in Dossier._meta.related_objects] != [DossierStep]:
        Dossier.objects.all().delete()
        return
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (DossierStep, Dossier):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


def _dossiers_step(seed: int, dossiers: int, end_date: dt.date) -> str:
    """Import the generated dossiers unless the same ones are there; say which happened."""
    from django.conf import settings

    from cchc.core.calendar_db import get_calendar
    from cchc.core.models import ImportBatch, Procedure
    from cchc.demo.generator import generate_dossiers, write_canonical_csv
    from cchc.demo.inputs import choose_planted, demo_procedures, demo_units
    from cchc.dossiers.importer import import_dossiers
    from cchc.dossiers.models import Dossier

    units = demo_units()
    name = batch_file_name(seed, dossiers, units)
    demo_batches = ImportBatch.objects.filter(file_name__startswith=BATCH_PREFIX)
    others = Dossier.objects.exclude(batch__in=demo_batches).count()
    if others:
        raise CommandError(
            f"Thư mục dữ liệu đã có {vn_number(others)} hồ sơ không phải dữ liệu mẫu; hãy dùng thư"
            f" mục khác với CCHC_DATA_DIR (the data dir holds {others} non-demo dossiers; use"
            " another CCHC_DATA_DIR)"
        )
    done = demo_batches.filter(file_name=name, status=ImportBatch.Status.DONE).exists()
    if done and Dossier.objects.count() == dossiers:
        return (
            f"dùng lại {vn_number(dossiers)} hồ sơ mẫu đã nhập (reused the imported demo dossiers)"
        )
    rebuilt = Dossier.objects.exists()
    if rebuilt:
        _delete_all_dossiers()
    procedures = demo_procedures(Procedure.objects.all())
    _say(f"  Sinh {vn_number(dossiers)} hồ sơ, seed {seed} (generating dossiers) …")
    frame = generate_dossiers(
        dossiers, seed, units, procedures, end_date, choose_planted(units), get_calendar()
    )
    folder = settings.DATA_DIR / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    path = write_canonical_csv(frame, folder / name)
    _say(f"  Nhập qua đường nhập chuẩn (importing through the import) {path} …")
    last: dict[str, int] = {}
    result = import_dossiers(path, "canonical", progress=lambda s, d: _progress(s, d, last))
    action = "dựng lại (rebuilt)" if rebuilt else "tạo mới (created)"
    inserted = vn_number(result.inserted)
    return f"{action}: {inserted} hồ sơ (dossiers), lô nhập (batch) #{result.batch_id}"


def _late_by_year(end_date: dt.date) -> list[tuple[str, int, float | None]]:
    """Per year, by the rulebook (ended in the year + open at its end, judged on `end_date`)."""
    from cchc.analytics.gateway import Analytics
    from cchc.dossiers.periods import parse_period

    analytics = Analytics.current("database")
    rows = []
    for year in range(2022, end_date.year + 1):
        (total,) = analytics.summarise(parse_period(str(year)), today=end_date)
        rows.append((str(year), total.dossiers, total.late_rate))
    return rows


def _print_summary(end_date: dt.date) -> None:
    from cchc.core.models import Procedure, Unit
    from cchc.demo.inputs import demo_procedures, demo_units
    from cchc.dossiers.models import Dossier

    units = {u.code for u in demo_units()}
    used = Dossier.objects.values("procedure_code").distinct().count()
    _say("\nTỉnh mẫu (demo province): Bà Rịa - Vũng Tàu → Thành phố Hồ Chí Minh (01/07/2025)")
    _say(f"  Đơn vị trong CSDL (units in the database): {vn_number(Unit.objects.count())};"
         f" nhận hồ sơ mẫu (receiving demo dossiers): {vn_number(len(units))}")  # fmt: skip
    _say(f"  Thủ tục (procedures): {vn_number(Procedure.objects.count())} trong danh mục"
         " (in the catalogue),"
         f" {vn_number(len(demo_procedures(Procedure.objects.all())))} dùng cho mẫu (usable),"
         f" {vn_number(used)} có hồ sơ (with dossiers)")  # fmt: skip
    _say(f"  Hồ sơ (dossiers): {vn_number(Dossier.objects.count())}, đến hết {vn_date(end_date)}")
    _say("  Tỷ lệ trễ hạn theo năm (late rate by year):")
    for label, count, late in _late_by_year(end_date):
        _say(f"    {label}: {vn_number(count):>9} hồ sơ, trễ hạn (late) {vn_percent(late)}")


def _users_step() -> None:
    from cchc.core.models import Unit
    from cchc.demo.inputs import demo_heads
    from cchc.web.demo_users import create_demo_users

    users = create_demo_users(*demo_heads())
    names = dict(
        Unit.objects.filter(code__in=[u.unit_code for u in users if u.unit_code]).values_list(
            "code", "name"
        )
    )
    _say("\nTài khoản mẫu (demo logins) — http://127.0.0.1:8000/dang-nhap/")
    _say(f"  {'tên đăng nhập (user)':<22} {'mật khẩu (password)':<21} vai trò (role)")
    for user in users:
        unit = f" — {names.get(user.unit_code, user.unit_code)}" if user.unit_code else ""
        _say(f"  {user.username:<22} {user.password:<21} {user.role_label}{unit}")


def _inspections_step(end_date: dt.date, today: dt.date, reused: bool) -> None:
    """The inspection history 2022–2024 (cchc.demo.inspections) and the visits around `today`
    (cchc.demo.inspections_now); kept when the dossiers were."""
    from cchc.demo.inspections import build_inspection_history
    from cchc.demo.inspections_now import build_current_inspections
    from cchc.inspections.models import Inspection

    if reused and Inspection.objects.exists():
        _say(f"\nLịch sử kiểm tra (inspection history): dùng lại {Inspection.objects.count()}"
             " cuộc kiểm tra (reused)")  # fmt: skip
        return
    done = build_inspection_history(end_date)
    _say(f"\nLịch sử kiểm tra 2022–2024 (inspection history): {done.plans} lần lập kế hoạch,"
         f" {done.inspections} cuộc kiểm tra, {done.findings} tồn tại, {done.actions} yêu cầu"
         f" khắc phục ({done.closed} đã xác minh, kết thúc)")  # fmt: skip
    now = build_current_inspections(today)
    _say(f"Kiểm tra quanh hôm nay (current): {now.inspections} cuộc,"
         f" {now.actions_open} yêu cầu khắc phục đang chờ, {now.coming} cuộc sắp tới")  # fmt: skip


def _citizens_step(seed: int, today: dt.date, reused: bool) -> None:
    """Survey responses and feedback items over two years, with planted patterns
    (cchc.demo.citizens, docs/demo.md); kept when the dossiers and the same day's build were."""
    from cchc.demo.citizens import build_citizens

    done = build_citizens(seed, today, reused)
    if done.feedback is None:
        _say(f"\nÝ kiến người dân (citizens' voice): dùng lại {vn_number(done.responses)} phiếu"
             " khảo sát và các phản ánh (reused)")  # fmt: skip
        return
    fb = done.feedback
    _say(f"\nÝ kiến người dân (citizens' voice): {vn_number(done.responses)} phiếu khảo sát"
         f" (survey responses), {vn_number(fb.items)} phản ánh (feedback items): {fb.open} đang"
         f" xử lý (open), {fb.overdue} quá hạn (overdue), {fb.recomplaints} tái phản ánh"
         f" (re-complaints), {fb.harassment} nhũng nhiễu (harassment); cài sẵn (planted):"
         f" {done.harassment_commune}")  # fmt: skip


def _stale_step() -> None:
    """Land branches an earlier demo wrote that the unit history no longer has (after the
    dossiers and inspections that referred to them were rebuilt)."""
    from cchc.demo.agencies import remove_stale_branches

    removed = remove_stale_branches()
    if removed:
        codes = ", ".join(removed)
        _say(f"\nĐã xóa chi nhánh của bản mẫu cũ (stale demo branches removed): {codes}")


def _indices_step() -> None:
    """The published PAPI, PAR INDEX and SIPAS results shipped with cchc (docs/plans.md)."""
    from cchc.plans.indices_shipped import load_shipped_indices

    reports = load_shipped_indices()
    added = sum(r.inserted for r in reports)
    kept = sum(r.unchanged + r.updated for r in reports)
    _say(f"\nChỉ số PAPI, PAR INDEX, SIPAS đã công bố (published indices): +{added} mới (new),"
         f" {kept} đã có (kept) — /chi-so/ben-ngoai/")  # fmt: skip


def _plans_step(today: dt.date) -> None:
    """The improvement plans: the province's 2023 PAPI plan and this year's (cchc.demo.plans_step,
    docs/demo.md), rebuilt on every run."""
    from cchc.demo.plans_step import build_demo_plans

    done = build_demo_plans(today)
    _say(f"\nKế hoạch cải thiện (improvement plans): {done.plans} kế hoạch,"
         f" {done.targets} chỉ tiêu, {done.tasks} nhiệm vụ ({done.done} hoàn thành,"
         f" {done.overdue} quá hạn, {done.evidence} minh chứng)")  # fmt: skip


def _store_step() -> None:
    """The analytics store, so that the pages read it from the first request (docs/analytics.md):
    kept when it holds the dossiers imported (its reference tables rewritten: the units were
    refreshed in place), else built."""
    from cchc.analytics.freshness import current_source
    from cchc.analytics.store import rebuild, refresh_reference

    if current_source().from_store:
        refresh_reference()
        _say("\nKho phân tích (analytics store): dùng lại (reused)")
        return
    stamp = rebuild()
    _say(f"\nKho phân tích (analytics store): {vn_number(stamp.dossiers)} hồ sơ, {stamp.months}"
         " tháng (built)")  # fmt: skip


def _serve_step() -> int:
    """Run the web app's own `cchc serve` with its defaults (http://127.0.0.1:8000)."""
    from cchc.cli import build_parser

    args = build_parser().parse_args(["serve"])
    return int(args.handler(args) or 0)


def demo(args: argparse.Namespace) -> int:
    from cchc.core.catalogue import load_national_catalogue
    from cchc.core.units_vn import load_vn_province
    from cchc.demo.agencies import ensure_agencies
    from cchc.demo.generator import last_full_month_end

    if args.dossiers < 1:
        raise CommandError("--dossiers phải lớn hơn 0 (must be positive)")
    end_date = last_full_month_end(args.today or dt.date.today())
    _say("Dựng tỉnh mẫu (building the demo province) …")
    units = load_vn_province("Bà Rịa - Vũng Tàu")
    _say(f"  Đơn vị hành chính (units): +{units.created} mới (new), {units.unchanged} không đổi")
    agencies = ensure_agencies()
    _say(f"  Sở, ngành và chi nhánh đăng ký đất đai (agencies, land branches): +{agencies.created}")
    catalogue = load_national_catalogue()
    _say(f"  Danh mục thủ tục quốc gia (national catalogue): {vn_number(catalogue.rows_total)}"
         " thủ tục,"
         f" +{catalogue.inserted} mới (new)")  # fmt: skip
    dossiers = _dossiers_step(args.seed, args.dossiers, end_date)
    _say("  Hồ sơ (dossiers): " + dossiers)
    _print_summary(end_date)
    _users_step()
    today = args.today or clock.today()
    reused = dossiers.startswith("dùng lại")
    _inspections_step(end_date, today, reused=reused)
    _citizens_step(args.seed, today, reused=reused)
    _stale_step()
    _indices_step()
    _store_step()
    _plans_step(today)  # after the store: indicator targets' baselines are measured from it
    if args.no_serve:
        return 0
    return _serve_step()


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ (invalid date): {text}") from exc


def register(commands: Commands) -> None:
    parser = commands.command(
        "demo",
        "Dựng tỉnh mẫu trong thư mục dữ liệu và chạy ứng dụng (build the demo province, serve it)",
        demo,
    )
    parser.add_argument(
        "--dossiers",
        type=int,
        default=DEFAULT_DOSSIERS,
        metavar="N",
        help=f"số hồ sơ mẫu, mặc định {vn_number(DEFAULT_DOSSIERS)} (number of dossiers)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        metavar="S",
        help=f"hạt giống ngẫu nhiên, mặc định {DEFAULT_SEED} (random seed)",
    )
    parser.add_argument(
        "--no-serve",
        action="store_true",
        help="dựng xong thì dừng, không chạy web (build only, do not serve)",
    )
    parser.add_argument("--today", type=_date, default=None, help=argparse.SUPPRESS)
