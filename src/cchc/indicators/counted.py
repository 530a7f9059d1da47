"""What an indicator's numbers count, in words, so that a reader can tell two pages' numbers apart.

Each of the catalogue's period rules (docs/indicators.md: the rulebook's IN_PERIOD, ENDED,
OPEN_AT_END, RECEIVED) names the dossiers a count is taken among. A complement indicator
(766.2a = 1 − late rate) is scored on the dossiers *not* in its catalogue numerator: the scorecard
shows that number (denominator − numerator), the drill-down lists the catalogue numerator.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop as _

from cchc.indicators.catalogue import Indicator

# period rule → "among which dossiers" (Vietnamese; the page translates)
AMONG = {
    "in_period": _("trong số hồ sơ trong kỳ (đã giải quyết trong kỳ hoặc còn mở cuối kỳ)"),
    "ended": _("trong số hồ sơ đã giải quyết trong kỳ"),
    "open_at_end": _("trong số hồ sơ còn mở cuối kỳ"),
    "received": _("trong số hồ sơ tiếp nhận trong kỳ"),
}
# (citizens' source, period rule) → "among which items" (sources.py)
AMONG_ITEMS = {
    ("surveys", "answered"): _("trong số câu trả lời khảo sát trong kỳ"),
    ("feedback", "due"): _("trong số phản ánh, kiến nghị đến hạn xử lý trong kỳ"),
    ("feedback", "closed"): _("trong số phản ánh, kiến nghị kết thúc trong kỳ"),
    ("feedback", "received"): _("trong số phản ánh, kiến nghị tiếp nhận trong kỳ"),
}
# A survey element's name on the drill-down (the questionnaire's elements, citizens app)
ELEMENT_NAMES = {
    "access": _("tiếp cận dịch vụ"),
    "procedure": _("thủ tục hành chính"),
    "official": _("công chức giải quyết"),
    "result": _("kết quả giải quyết"),
    "feedback_handling": _("tiếp nhận, xử lý góp ý"),
    "overall": _("hài lòng chung"),
}
# A feedback item's state on the drill-down (the feedback app's states)
STATE_NAMES = {
    "received": _("đã tiếp nhận"),
    "assigned": _("đã giao xử lý"),
    "answered": _("đã trả lời"),
    "closed": _("đã kết thúc"),
}
COMPLEMENT_NOTE = _(
    "chỉ số tính 1 − tử số/mẫu số: cột tử số ghi số hồ sơ không thuộc tử số của danh mục "
    "(mẫu số − tử số)"
)


# A numerator that is exactly a late-list question (in the period, and late at its end or with
# one flag: rules.LATE_LIST, rules.FLAG_COUNTS) → the late list's query for it ({} = no flag).
LATE_LIST_OF: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {
    ("in_period", ("late_at_end = true",)): {},
    **{
        ("in_period", (f"flag_{name} = true",)): {"flag": name}
        for name in ("beyond_statutory", "late_no_apology", "repeated_supplements")
    },
}


@dataclass(frozen=True)
class Counted:
    numerator: str  # among which dossiers the numerator is counted ("" when none)
    denominator: str
    complement: bool
    note: str  # COMPLEMENT_NOTE for a complement indicator, else ""
    late_list: dict[str, str] | None = None  # the numerator's late-list query, if it is one


def _among(ind: Indicator, period: str) -> str:
    return AMONG[period] if ind.source == "dossiers" else AMONG_ITEMS[(ind.source, period)]


def counted(ind: Indicator) -> Counted:
    """The words for what `ind`'s numerator and denominator count."""
    return Counted(
        numerator=_among(ind, ind.numerator.period) if ind.numerator else "",
        denominator=_among(ind, ind.denominator.period) if ind.denominator else "",
        complement=ind.complement,
        note=COMPLEMENT_NOTE if ind.complement else "",
        late_list=(
            LATE_LIST_OF.get((ind.numerator.period, ind.numerator.where))
            if ind.numerator and ind.source == "dossiers"
            else None
        ),
    )
