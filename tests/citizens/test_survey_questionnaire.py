"""The questionnaire and the mappings are data: the shipped files load, a user's own files are
used when given, a broken file is refused with its name."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.citizens.models_surveys import SurveyResponse
from cchc.citizens.survey_import import import_surveys
from cchc.citizens.survey_mapping import SurveyMappingError, load_survey_mapping
from cchc.citizens.survey_questionnaire import (
    DEFAULT_QUESTIONNAIRE,
    ELEMENTS,
    QuestionnaireError,
    read_questionnaire,
)
from tests.web.world import World


def test_the_shipped_questionnaire_has_the_five_sipas_elements_and_overall() -> None:
    form = read_questionnaire(DEFAULT_QUESTIONNAIRE)
    assert [e.code for e in form.elements] == list(ELEMENTS)
    assert form.element("official").name == "Công chức giải quyết công việc"
    assert form.item("trips").kind == "count" and form.item("asked_money").bad == "yes"
    assert "source_act" in form.unconfirmed and len(form.labels) == 5


def test_a_questionnaire_without_an_element_is_refused(tmp_path: Path) -> None:
    text = DEFAULT_QUESTIONNAIRE.read_text(encoding="utf-8")
    broken = tmp_path / "thieu.toml"
    broken.write_text(text.replace('code = "overall"', 'code = "general"'), encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"thieu\.toml"):
        read_questionnaire(broken)


def test_a_users_questionnaire_and_mapping_are_used(sworld: World, tmp_path: Path) -> None:
    text = DEFAULT_QUESTIONNAIRE.read_text(encoding="utf-8")
    own = tmp_path / "phieu-tinh.toml"
    own.write_text(text.replace('code = "trips"', 'code = "waiting_minutes"'), encoding="utf-8")
    mapping = tmp_path / "may-tinh-bang.toml"
    mapping.write_text(
        '[mapping]\nname = "tablet"\n[columns]\nresponse_id = "ID"\nunit_code = "Don vi"\n'
        'answered_on = "Ngay"\noverall = "Chung"\n[observations]\nwaiting_minutes = "Cho"\n',
        encoding="utf-8",
    )
    data = tmp_path / "may.csv"
    data.write_text("ID,Don vi,Ngay,Chung,Cho\nT1,X011,02/05/2025,4,15\n", encoding="utf-8")
    report = import_surveys(data, mapping=str(mapping), questionnaire=own)
    assert report.inserted == 1
    saved = SurveyResponse.objects.get()
    assert (saved.overall, saved.observations) == (4, {"waiting_minutes": 15})
    assert saved.questionnaire == "sipas-v1"


def test_an_unknown_mapping_names_the_shipped_ones() -> None:
    with pytest.raises(SurveyMappingError, match="canonical, kobo, odk"):
        load_survey_mapping("khong-co")
