"""DOCX record and conclusion notice: opened again with python-docx, Vietnamese texts checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from cchc.cli import main
from cchc.inspections import services
from tests.inspections.steps import conclude, walk
from tests.inspections.world import build_world, dossier


def _texts(path: Path) -> list[str]:
    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
    return out


def _fonts(path: Path) -> set[tuple[str | None, float | None]]:
    doc = Document(str(path))
    return {
        (r.font.name, r.font.size.pt if r.font.size else None)
        for p in doc.paragraphs
        for r in p.runs
        if r.text
    }


@pytest.mark.django_db(transaction=True)
def test_record_and_conclusion_carry_the_official_layout_and_the_data(tmp_path: Path) -> None:
    w = build_world()
    w.officer.first_name, w.officer.last_name = "Huệ", "Nguyễn Thị"
    w.officer.save()
    insp = services.create_inspection(
        None,
        kind="surprise",
        unit=w.x1,
        date=dt.date(2024, 2, 5),
        team=[w.alice],
        leader=w.officer,
        decision_number="15/QĐ-SNV",
    )
    walk(insp)
    hs1 = dossier("X1", dt.date(2024, 1, 2), dt.date(2024, 1, 9), dt.date(2024, 1, 15))
    services.answer_item(None, insp, "sensitive.land", "not_compliant", "3 hồ sơ trễ hạn.")
    services.answer_item(None, insp, "publicity.procedures", "compliant")
    finding = services.record_finding(
        None,
        insp,
        category="sensitive_dossiers",
        severity="correction",
        description="Hồ sơ đất đai trễ hạn không có văn bản xin lỗi",
        dossier_codes=[hs1.code],
    )
    conclude(insp)
    services.raise_action(
        None, finding, description="Gửi văn bản xin lỗi người dân", issued_on=dt.date(2024, 2, 5)
    )
    record, notice = tmp_path / "bb.docx", tmp_path / "tb.docx"
    assert main(["inspections", "document", str(insp.pk), "--out", str(record)]) == 0
    assert (
        main(
            ["inspections", "document", str(insp.pk), "--kind", "conclusion", "--out", str(notice)]
        )
        == 0
    )

    texts = _texts(record)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND TỈNH MẪU",
        "ĐOÀN KIỂM TRA CẢI CÁCH HÀNH CHÍNH",
        "Mẫu, ngày 05 tháng 02 năm 2024",
        "BIÊN BẢN KIỂM TRA",
        "Nơi nhận:",
        "TRƯỞNG ĐOÀN",
        "Nguyễn Thị Huệ",
    ):
        assert expected in texts, expected
    body = "\n".join(texts)
    assert "kiểm tra đột xuất công tác cải cách hành chính tại Xã Long Sơn" in body
    assert "theo Quyết định số 15/QĐ-SNV" in body
    assert "Hồ sơ lĩnh vực đất đai" in body and "Không đạt. 3 hồ sơ trễ hạn." in body
    assert f"(hồ sơ: {hs1.code})" in body

    notice_text = "\n".join(_texts(notice))
    assert "THÔNG BÁO" in notice_text and "Kết luận kiểm tra" in notice_text
    # 10 … 20 working days after 5 Feb 2024 over Tết: 11 Mar 2024
    assert "Gửi văn bản xin lỗi người dân; hoàn thành trước ngày 11/03/2024" in notice_text
    assert "(mức độ: chấn chỉnh)" in notice_text
    fonts = _fonts(notice)
    assert {name for name, _ in fonts} == {"Times New Roman"}
    assert {size for _, size in fonts} <= {11.0, 12.0, 13.0, 14.0}


@pytest.mark.django_db(transaction=True)
def test_document_of_an_unknown_inspection_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inspections", "document", "999", "--out", str(tmp_path / "x.docx")]) == 1
    assert "no such inspection" in capsys.readouterr().err
