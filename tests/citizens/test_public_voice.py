"""The public page (/cong-khai/) shows the citizens' voice as aggregates per unit, for its period.

November 2026 by hand: Xã Long Sơn (X1) has 30 answers to `overall`, 24 of them 4 or 5 (80%);
Phường Rạch Dừa (X2) has 5, fewer than the minimum of 30, so its share is not published. X1
received 3 feedback items, all due on Mon 23 Nov; one was answered on 20 Nov (on time): 1/3.
The items carry a citizen's name, phone, ID number and text: none of them may reach the page."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from django.test import Client

from cchc.citizens import feedback_states as states
from cchc.citizens.models_surveys import SurveyResponse
from cchc.core import clock
from tests.citizens.feedback_world import build_world, feedback

pytestmark = pytest.mark.django_db


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%".replace(".", ",")


def _wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def _surveys(unit_code: str, ratings: list[int]) -> None:
    SurveyResponse.objects.bulk_create(
        SurveyResponse(
            response_id=f"{unit_code}-{i}",
            unit_code=unit_code,
            answered_on=dt.date(2026, 11, 12),
            overall=r,
        )
        for i, r in enumerate(ratings)
    )


def test_satisfaction_and_feedback_per_unit_as_aggregates_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 5))
    w = build_world()
    a = feedback(w)
    feedback(w)
    feedback(w, text="Cán bộ xã đòi tiền mới ký giấy xác nhận.")
    states.answer(w.head_x1, a, "Đã trả lời.", dt.date(2026, 11, 20))
    _surveys("X1", [5] * 12 + [4] * 12 + [3] * 3 + [1] * 3)
    _surveys("X2", [5, 5, 4, 2, 1])

    page = Client().get("/cong-khai/?period=2026-11")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Sự hài lòng của người dân theo đơn vị" in html
    low, high = _wilson(24, 30)  # 62,7% – 90,5%
    assert (
        f'<td>Xã Long Sơn</td><td class="num">30</td><td class="num">{_pct(0.8)}</td>'
        f'<td class="num">{_pct(low)} – {_pct(high)}</td>'
    ) in html
    assert '<td>Phường Rạch Dừa</td><td class="num">5</td>' in html
    assert "chưa đủ phiếu" in html
    assert "ít nhất 30 câu trả lời" in html  # the note on the minimum
    # feedback: received 3, due 3, answered on time 1/3
    assert (
        f'<td>Xã Long Sơn</td><td class="num">3</td><td class="num">3</td>'
        f'<td class="num">{_pct(1 / 3)}</td>'
    ) in html
    for personal in ("Nguyễn Văn A", "0901 234 567", "079012345678", "hẹn lại", "đòi tiền"):
        assert personal not in html, personal


def test_the_english_page_translates_the_section(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 5))
    w = build_world()
    feedback(w)
    _surveys("X2", [5, 4])
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/cong-khai/"})
    html = client.get("/cong-khai/?period=2026-11").content.decode()
    assert "Citizens&#x27; satisfaction by unit" in html or "Citizens' satisfaction by unit" in html
    assert "not enough answers" in html
    assert "chưa đủ phiếu" not in html
