"""The inspection record (biên bản kiểm tra) and conclusion notice (thông báo kết luận) as DOCX.

Layout after Decree 30/2020/NĐ-CP on clerical work (Appendix I: A4, Times New Roman 13–14 pt,
national motto and slogan top right, issuing body and number top left, place and date, title,
body, recipients bottom left, signature block bottom right).

Units are as they were on the inspection day (as was): their names and province then (xã An
Nhứt, tỉnh Bà Rịa - Vũng Tàu in 2024); a unit that has since ended or been renamed gets a note
naming the unit that carries on its work today. The document's properties state the view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cchc.core.lineage import current_successors
from cchc.core.models import Unit, UnitKind
from cchc.core.unit_views import UnitView
from cchc.core.units import ancestors, names_on
from cchc.core.vn_format import vn_date
from cchc.inspections.checklists import item_texts
from cchc.inspections.models import Answer, CorrectiveAction, Inspection

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"


@dataclass(frozen=True)
class Letterhead:
    parent_body: str  # cơ quan chủ quản, e.g. "UBND TỈNH BÀ RỊA - VŨNG TÀU"
    body: str  # cơ quan ban hành
    place: str  # địa danh
    number: str  # số, ký hiệu


def province_of(unit: Unit, day: dt.date | None = None) -> Unit | None:
    """The unit's province (on `day`: the parents of then; else the latest)."""
    if day is not None:
        if unit.kind == UnitKind.PROVINCE:
            return unit
        return next((u for u in ancestors(unit.code, day) if u.kind == UnitKind.PROVINCE), None)
    node: Unit | None = unit
    while node is not None and node.kind != UnitKind.PROVINCE:
        node = node.parent
    return node


def default_letterhead(inspection: Inspection, number: str) -> Letterhead:
    province = province_of(inspection.unit, inspection.date)
    name = province.name if province else ""
    place = name.removeprefix("Tỉnh ").removeprefix("Thành phố ").strip() or "………"
    return Letterhead(
        parent_body=f"UBND {name.upper()}" if name else "ỦY BAN NHÂN DÂN TỈNH",
        body="ĐOÀN KIỂM TRA CẢI CÁCH HÀNH CHÍNH",
        place=place,
        number=number,
    )


@dataclass(frozen=True)
class UnitsThen:
    """Unit names as on the inspection day, and what the inspected unit is today."""

    names: dict[str, str]
    day: dt.date
    today_note: str  # "" when the unit is still in force under the same name

    def name(self, unit: Unit) -> str:
        return self.names.get(unit.code, unit.name)


def units_then(inspection: Inspection, today: dt.date | None = None) -> UnitsThen:
    day = inspection.date
    names = names_on(day)
    unit = inspection.unit
    then = names.get(unit.code, unit.name)
    now = current_successors(unit.code, today)
    note = ""
    if [u.code for u in now] != [unit.code] or then != unit.name:
        named = ", ".join(f"{u.name} ({u.code})" for u in now) or "không có đơn vị kế thừa"
        note = (
            f"Ghi chú: tên đơn vị như tại ngày kiểm tra {vn_date(day)}; "
            f"đơn vị hiện nay kế thừa: {named}."
        )
    return UnitsThen(names, day, note)


def _new_document(then: UnitsThen | None = None) -> DocxDocument:
    doc = Document()
    if then is not None:
        doc.core_properties.comments = (
            f"{UnitView.AS_WAS.label}: tên đơn vị tại ngày {vn_date(then.day)}"
        )
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)
    return doc


def _para(
    container: object,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = 14,
    align: int | None = None,
) -> object:
    p = container.add_paragraph()  # type: ignore[attr-defined]
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.name, run.font.size = FONT, Pt(size)
    if align is not None:
        p.alignment = align
    return p


def _header(doc: DocxDocument, head: Letterhead, day: dt.date) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    left.paragraphs[0].text = ""
    right.paragraphs[0].text = ""
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(left, head.parent_body, size=13, align=center)
    _para(left, head.body, bold=True, size=13, align=center)
    _para(left, f"Số: {head.number}", size=13, align=center)
    _para(right, MOTTO, bold=True, size=13, align=center)
    _para(right, SLOGAN, bold=True, size=14, align=center)
    _para(
        right,
        f"{head.place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}",
        italic=True,
        size=14,
        align=center,
    )


def _signature(doc: DocxDocument, recipients: list[str], title: str, signer: str) -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].text = ""
    right.paragraphs[0].text = ""
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12)
    for r in recipients:
        _para(left, f"- {r};", size=11)
    _para(left, "- Lưu: VT.", size=11)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(right, title, bold=True, align=center)
    _para(right, "(Ký, ghi rõ họ tên)", italic=True, size=13, align=center)
    _para(right, "")
    _para(right, "")
    _para(right, signer, bold=True, align=center)


def _full_name(user: object) -> str:
    """Vietnamese order: family name (last_name) before the given name (first_name)."""
    if user is None:
        return ""
    parts = [str(getattr(user, "last_name", "")), str(getattr(user, "first_name", ""))]
    name = " ".join(p for p in parts if p).strip()
    return name or str(getattr(user, "username", ""))


ROLE_ORDER = {"leader": 0, "secretary": 1, "member": 2}
ROLE_WORDS = {"leader": "Trưởng đoàn", "secretary": "thư ký", "member": "thành viên"}
KIND_TEXT = {"periodic": "định kỳ", "surprise": "đột xuất", "rotation": "luân phiên"}


def inspection_record(inspection: Inspection, letterhead: Letterhead | None = None) -> DocxDocument:
    """Biên bản kiểm tra: who, where, what was checked, what was found."""
    number = inspection.record_number or "……/BB-ĐKT"
    head = letterhead or default_letterhead(inspection, number)
    then = units_then(inspection)
    unit_name = then.name(inspection.unit)
    doc = _new_document(then)
    _header(doc, head, inspection.date)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "BIÊN BẢN KIỂM TRA", bold=True, align=center)
    _para(
        doc,
        f"Công tác cải cách hành chính tại {unit_name}",
        bold=True,
        align=center,
    )
    _para(
        doc,
        f"Hôm nay, ngày {vn_date(inspection.date)}, Đoàn kiểm tra tiến hành kiểm tra "
        f"{KIND_TEXT.get(inspection.kind, '')} công tác cải cách hành chính tại "
        f"{unit_name}"
        + (
            f" theo Quyết định số {inspection.decision_number}"
            if inspection.decision_number
            else ""
        )
        + ".",
    )
    _para(doc, "I. THÀNH PHẦN", bold=True)
    _para(doc, "1. Đoàn kiểm tra:")
    members = sorted(inspection.members.select_related("user"), key=lambda m: ROLE_ORDER[m.role])
    for m in members:
        _para(doc, f"- {_full_name(m.user)}, {ROLE_WORDS[m.role]};")
    _para(doc, f"2. Đại diện đơn vị được kiểm tra: {unit_name}.")
    _para(doc, "II. NỘI DUNG VÀ KẾT QUẢ KIỂM TRA", bold=True)
    texts = item_texts(inspection.template) if inspection.template else {}
    answers = {a.item_code: a for a in inspection.answers.all()}
    labels = dict(Answer.choices)
    for i, code in enumerate(inspection.content_items, start=1):
        a = answers.get(code)
        result = labels[a.answer] if a else "Chưa đánh giá"
        note = f" {a.note}" if a and a.note else ""
        _para(doc, f"{i}. {texts.get(code, code)}: {result}.{note}")
    _para(doc, "III. TỒN TẠI, HẠN CHẾ", bold=True)
    findings = list(inspection.findings.all())
    if not findings:
        _para(doc, "Không phát hiện tồn tại, hạn chế.")
    for i, f in enumerate(findings, start=1):
        dossiers = f" (hồ sơ: {', '.join(f.dossier_codes)})" if f.dossier_codes else ""
        _para(doc, f"{i}. [{f.get_category_display()}] {f.description}{dossiers}.")
    if inspection.summary:
        _para(doc, "IV. NHẬN XÉT CHUNG", bold=True)
        _para(doc, inspection.summary)
    _para(
        doc,
        "Biên bản được lập thành 02 bản có giá trị như nhau, đã đọc lại cho các thành phần "
        "tham dự cùng nghe và thống nhất ký tên.",
    )
    if then.today_note:
        _para(doc, then.today_note, italic=True, size=12)
    _signature(doc, [unit_name, "Sở Nội vụ"], "TRƯỞNG ĐOÀN", _full_name(inspection.leader))
    return doc


def conclusion_notice(inspection: Inspection, letterhead: Letterhead | None = None) -> DocxDocument:
    """Thông báo kết luận: shortcomings, required corrections with deadlines."""
    number = inspection.conclusion_number or "……/TB-ĐKT"
    head = letterhead or default_letterhead(inspection, number)
    then = units_then(inspection)
    unit_name = then.name(inspection.unit)
    doc = _new_document(then)
    _header(doc, head, inspection.date)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, "THÔNG BÁO", bold=True, align=center)
    _para(
        doc,
        f"Kết luận kiểm tra công tác cải cách hành chính tại {unit_name}",
        bold=True,
        align=center,
    )
    _para(
        doc,
        f"Ngày {vn_date(inspection.date)}, Đoàn kiểm tra đã tiến hành kiểm tra "
        f"{KIND_TEXT.get(inspection.kind, '')} công tác cải cách hành chính tại "
        f"{unit_name}. Đoàn kiểm tra thông báo kết luận như sau:",
    )
    findings = list(inspection.findings.all())
    _para(doc, "1. Tồn tại, hạn chế", bold=True)
    if not findings:
        _para(doc, "Không phát hiện tồn tại, hạn chế.")
    for i, f in enumerate(findings, start=1):
        _para(doc, f"{i}. {f.description} (mức độ: {f.get_severity_display().lower()}).")
    _para(doc, "2. Yêu cầu khắc phục", bold=True)
    actions = CorrectiveAction.objects.filter(finding__inspection=inspection).select_related(
        "owner_unit"
    )
    for i, a in enumerate(actions.order_by("deadline", "id"), start=1):
        report = " và báo cáo kết quả bằng văn bản, kèm minh chứng" if a.report_required else ""
        _para(
            doc,
            f"{i}. {then.name(a.owner_unit)}: {a.description}; hoàn thành trước ngày "
            f"{vn_date(a.deadline)}{report}.",
        )
    _para(
        doc,
        "Quá thời hạn trên mà chưa khắc phục, Đoàn kiểm tra báo cáo Ban Chỉ đạo cải cách hành "
        "chính xem xét, xử lý trách nhiệm người đứng đầu theo quy định.",
    )
    if then.today_note:
        _para(doc, then.today_note, italic=True, size=12)
    _signature(
        doc,
        [unit_name, "Ban Chỉ đạo CCHC (để b/c)", "Sở Nội vụ"],
        "TRƯỞNG ĐOÀN",
        _full_name(inspection.leader),
    )
    return doc


def save(doc: DocxDocument, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
