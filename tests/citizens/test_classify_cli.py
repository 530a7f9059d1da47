"""`cchc feedback classify` and `cchc feedback train`: what they print, and bad example files
refused with file, line and field, the model left as it was."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from cchc.citizens.cli_classify import GROUP_HELP, register
from cchc.cli import Commands, main
from cchc.core import clock

GOOD = """text,category
Cán bộ đòi tiền bồi dưỡng mới nhận hồ sơ,harassment
Cán bộ gợi ý phong bì để làm nhanh sổ đỏ,harassment
Cổng dịch vụ công báo lỗi không nộp được,system_fault
Hệ thống dịch vụ công bị treo cả ngày,system_fault
"""


def test_classify_prints_the_category_in_vietnamese_and_its_confidence(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["feedback", "classify", "Cán bộ quát nạt người dân"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Gợi ý: Thái độ, tác phong của công chức (độ tin cậy ")
    assert "%) — cán bộ quyết định phân loại" in out


def test_classify_refuses_an_empty_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["feedback", "classify", "  "]) == 1
    assert "Nội dung phản ánh trống (empty text)" in capsys.readouterr().err


def test_train_prints_accuracy_and_recall_and_writes_the_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 5))
    examples, heldout, out = tmp_path / "ex.csv", tmp_path / "ho.csv", tmp_path / "model.json"
    examples.write_text(GOOD, encoding="utf-8")
    heldout.write_text(
        "text,category\nCán bộ đòi tiền,harassment\nCổng dịch vụ công lỗi,system_fault\n",
        encoding="utf-8",
    )
    args = ["--examples", str(examples), "--heldout", str(heldout), "--out", str(out)]
    assert main(["feedback", "train", *args]) == 0
    printed = capsys.readouterr().out
    assert "(held-out accuracy): 100,0% (2/2)" in printed
    assert "Nhũng nhiễu, gợi ý hoặc đòi tiền [harassment]: 1/1 (100,0%)" in printed
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["trained_on"] == "2026-12-05"
    assert saved["examples"] == 4
    assert saved["categories"] == ["harassment", "system_fault"]


def test_train_names_the_file_line_and_field_of_bad_examples_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "Cán bộ nói nhỏ nhẹ,politeness\n,late\n", encoding="utf-8")
    out = tmp_path / "model.json"
    args = ["--examples", str(bad), "--heldout", str(bad), "--out", str(out)]
    assert main(["feedback", "train", *args]) == 1
    err = capsys.readouterr().err
    assert "bad.csv, dòng (line) 6, cột (field) 'category' = 'politeness'" in err
    assert "unknown category" in err
    assert "bad.csv, dòng (line) 7, cột (field) 'text': Nội dung trống (empty text)" in err
    assert not out.exists()


def test_train_names_a_missing_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "nolabel.csv"
    bad.write_text("text\nCán bộ đòi tiền\n", encoding="utf-8")
    args = ["--examples", str(bad), "--out", str(tmp_path / "m.json")]
    assert main(["feedback", "train", *args]) == 1
    assert "nolabel.csv, dòng (line) 1, cột (field) 'category'" in capsys.readouterr().err


def test_another_module_can_add_to_the_feedback_group() -> None:
    commands = Commands()
    commands.subcommand("feedback", "due", "hạn", lambda _a: 0, group_help=GROUP_HELP)
    register(commands)
    help_text = commands.parser.format_help()
    assert "Phản ánh, kiến nghị (citizens' feedback)" in help_text
    for name in ("due", "classify", "train"):
        assert commands.parser.parse_args(["feedback", name, *(["x"] * (name == "classify"))])
