"""A TOML data file that cannot be used is named with what is wrong and where, in the caller's
error class, by every reader: rules, mappings, the status table, weights, questionnaires."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.citizens.feedback_rules import load_feedback_rules
from cchc.citizens.survey_mapping import SurveyMappingError, load_survey_mapping
from cchc.cli import main
from cchc.core.toml_file import read_toml
from cchc.dossiers.mapping import MappingError, load_mapping
from cchc.dossiers.rulebook.status import load_status_table
from cchc.inspections.config import load_risk_config
from cchc.plans.plan_rules import load_plan_rules

BROKEN = 'name = "ánh xạ"\n\n[columns]\ndossier_code = \n'  # line 4, column 16: no value


def _broken(tmp_path: Path, name: str = "hong.toml") -> Path:
    path = tmp_path / name
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_a_syntax_error_names_the_file_the_line_and_the_column(tmp_path: Path) -> None:
    path = _broken(tmp_path)
    with pytest.raises(ValueError) as info:
        read_toml(path)
    assert str(info.value) == (
        f"{path}, dòng (line) 4, cột (column) 16: TOML sai cú pháp: Invalid value "
        "(TOML syntax error)"
    )


def test_a_missing_file_and_one_not_in_utf8_are_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"khong-co\.toml: không tìm thấy tệp \(file not found\)"):
        read_toml(tmp_path / "khong-co.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('name = "Hà Nam"\n'.encode("cp1258"))
    with pytest.raises(ValueError, match=r"latin\.toml: tệp không phải văn bản UTF-8"):
        read_toml(latin)


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_text('name = "Sở Tư pháp"\n', encoding="utf-8-sig")  # as Notepad saves it
    assert read_toml(path) == {"name": "Sở Tư pháp"}


@pytest.mark.parametrize(
    ("load", "error"),
    [
        (load_mapping, MappingError),
        (load_survey_mapping, SurveyMappingError),
        (load_plan_rules, ValueError),
        (load_feedback_rules, ValueError),
        (load_risk_config, ValueError),
        (load_status_table, ValueError),
    ],
)
def test_every_reader_names_the_line_in_its_own_error(
    tmp_path: Path, load: object, error: type[Exception]
) -> None:
    path = _broken(tmp_path)
    argument = str(path) if load in (load_mapping, load_survey_mapping) else path
    with pytest.raises(error, match=r"hong\.toml, dòng \(line\) 4, cột \(column\) 16"):
        load(argument)  # type: ignore[operator]


@pytest.mark.django_db
def test_the_import_command_names_a_broken_mapping_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "hoso.csv"
    data.write_text("dossier_code\nA1\n", encoding="utf-8")
    mapping = _broken(tmp_path, "anh-xa.toml")
    assert main(["import", "dossiers", str(data), "--mapping", str(mapping)]) == 1
    assert "anh-xa.toml, dòng (line) 4, cột (column) 16" in capsys.readouterr().err
