"""The feedback classifier: its held-out accuracy against the floor, determinism, segmentation,
text typed without marks, and what a suggestion holds."""

from __future__ import annotations

import datetime as dt
import math
import time

import pytest

from cchc.citizens.categories import FeedbackCategory
from cchc.citizens.classify import shipped_model, suggest
from cchc.citizens.labelled import ACCURACY_FLOOR, EXAMPLES, HELDOUT, MODEL, read_examples
from cchc.citizens.segment import features, words
from cchc.citizens.textmodel import TextModel, examples_sha256, train
from cchc.core.vn_format import strip_marks


def _share_right(pairs: list[tuple[str, str]]) -> float:
    right = 0
    for text, category in pairs:
        suggestion = suggest(text)
        right += suggestion is not None and suggestion.category == category
    return right / len(pairs)


def test_the_held_out_accuracy_is_at_or_above_the_floor() -> None:
    heldout = read_examples(HELDOUT)
    assert len(heldout) >= 20 * len(FeedbackCategory)
    assert _share_right([(e.text, e.category) for e in heldout]) >= ACCURACY_FLOOR


def test_every_category_has_at_least_60_examples_and_20_held_out() -> None:
    for path, least in ((EXAMPLES, 60), (HELDOUT, 20)):
        rows = read_examples(path)
        for category in FeedbackCategory.values:
            assert sum(e.category == category for e in rows) >= least, (path.name, category)


def test_no_held_out_text_is_also_a_training_example() -> None:
    trained = {e.text.lower() for e in read_examples(EXAMPLES)}
    assert not [e.text for e in read_examples(HELDOUT) if e.text.lower() in trained]


@pytest.mark.slow
def test_retraining_from_the_shipped_examples_reproduces_the_shipped_model() -> None:
    shipped = shipped_model()
    examples = read_examples(EXAMPLES)
    retrained = train(examples, FeedbackCategory.values, dt.date(2026, 1, 1))
    assert shipped.examples_sha256 == examples_sha256(examples) == retrained.examples_sha256
    assert retrained.categories == shipped.categories
    assert retrained.intercepts == shipped.intercepts
    assert retrained.weights == shipped.weights
    for example in read_examples(HELDOUT):
        assert retrained.predict(example.text) == shipped.predict(example.text)


def test_segmentation_joins_compound_words_before_classification() -> None:
    found = words("Cán bộ địa chính gợi ý phải bồi dưỡng thì hồ sơ mới nhanh")
    assert {"cán_bộ", "địa_chính", "bồi_dưỡng", "hồ_sơ"} <= set(found)
    assert {"w:hồ_sơ", "w:địa_chính", "ww:bồi_dưỡng thì"} <= set(
        features("bồi dưỡng thì hồ sơ địa chính")
    )
    # and the model counts those words: the joined word carries a weight of its own
    assert "w:hồ_sơ" in shipped_model().weights


def test_text_typed_without_marks_is_still_classified_sensibly() -> None:
    # Each text also gives its unmarked syllables and pairs, shared with the marked examples.
    assert features("can bo doi tien") == features(strip_marks("cán bộ đòi tiền"))
    cases = {
        "can bo dia chinh doi tien boi duong moi lam so do nhanh": FeedbackCategory.HARASSMENT,
        "cong dich vu cong bao loi khong nop duoc ho so": FeedbackCategory.SYSTEM_FAULT,
        "hen tra ket qua tu thang truoc ma den nay van chua co": FeedbackCategory.LATE,
        "can bo quat nat nguoi dan, thai do rat te": FeedbackCategory.ATTITUDE,
    }
    for text, category in cases.items():
        suggestion = suggest(text)
        assert suggestion is not None and suggestion.category == category, text


def test_the_held_out_set_typed_without_marks_keeps_most_of_its_accuracy() -> None:
    heldout = read_examples(HELDOUT)
    assert _share_right([(strip_marks(e.text), e.category) for e in heldout]) >= 0.85


def test_the_confidence_is_a_probability_and_highest_for_the_suggested_category() -> None:
    model = shipped_model()
    for text in ("Cổng dịch vụ công báo lỗi không nộp được hồ sơ", "Cán bộ quát nạt người dân"):
        suggestion = suggest(text)
        assert suggestion is not None
        assert 0.0 <= suggestion.confidence <= 1.0
        probabilities = model.probabilities(text)
        assert math.isclose(sum(probabilities.values()), 1.0)
        assert max(probabilities.values()) == suggestion.confidence
        assert probabilities[suggestion.category.value] == suggestion.confidence


def test_an_empty_text_gets_no_suggestion() -> None:
    assert suggest("") is None
    assert suggest("   ") is None
    assert suggest(" ?! … ") is None


def test_the_model_file_names_its_examples_and_its_date() -> None:
    model = shipped_model()
    assert model.examples == len(read_examples(EXAMPLES))
    assert len(model.examples_sha256) == 64
    dt.date.fromisoformat(model.trained_on)


def test_the_shipped_model_loads_in_well_under_half_a_second() -> None:
    began = time.perf_counter()
    TextModel.load(MODEL)
    assert time.perf_counter() - began < 0.5
