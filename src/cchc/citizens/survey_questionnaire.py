"""The satisfaction questionnaire, read from a TOML file (data/questionnaire-sipas-v1.toml).

The five SIPAS elements and `overall` are fixed codes (they are the import's columns and the
stored answers); their texts, scale labels and observation items are the file's to change.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from cchc.core.toml_file import read_toml

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_QUESTIONNAIRE = DATA_DIR / "questionnaire-sipas-v1.toml"
# The five SIPAS elements (yếu tố) and the overall question, in the order they are asked.
ELEMENTS = ("access", "procedure", "official", "result", "feedback_handling", "overall")
ITEM_KINDS = ("count", "yes_no")


class QuestionnaireError(ValueError):
    """A questionnaire file that cannot be used."""


@dataclass(frozen=True)
class Item:
    """An observation item (câu hỏi quan sát): a fact the respondent reports."""

    code: str
    text: str
    kind: str  # count | yes_no
    bad: str = ""  # the yes/no answer that signals a problem ("yes", "no" or "")
    unconfirmed: bool = False


@dataclass(frozen=True)
class Element:
    code: str
    name: str
    question: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Questionnaire:
    code: str
    version: int
    title: str
    scale_min: int
    scale_max: int
    labels: tuple[str, ...]
    elements: tuple[Element, ...]
    unconfirmed: tuple[str, ...] = ()

    def element(self, code: str) -> Element:
        for element in self.elements:
            if element.code == code:
                return element
        raise KeyError(code)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for element in self.elements for item in element.items)

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def name_of(self, element: str) -> str:
        return self.element(element).name


def _text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise QuestionnaireError(f"{where}: thiếu '{key}' (missing '{key}')")
    return value.strip()


def _item(raw: dict[str, Any], where: str) -> Item:
    kind = _text(raw, "kind", where)
    if kind not in ITEM_KINDS:
        raise QuestionnaireError(
            f"{where}: loại câu hỏi {kind!r} không hợp lệ, dùng count hoặc yes_no"
            f" (kind must be count or yes_no)"
        )
    bad = str(raw.get("bad", ""))
    if bad not in ("", "yes", "no"):
        raise QuestionnaireError(f"{where}: 'bad' phải là yes hoặc no (bad must be yes or no)")
    return Item(
        code=_text(raw, "code", where),
        text=_text(raw, "text", where),
        kind=kind,
        bad=bad,
        unconfirmed=bool(raw.get("unconfirmed", False)),
    )


def parse_questionnaire(raw: dict[str, Any], name: str) -> Questionnaire:
    meta, scale = raw.get("questionnaire", {}), raw.get("scale", {})
    elements: list[Element] = []
    for index, el in enumerate(raw.get("elements", []), start=1):
        where = f"{name}: elements[{index}]"
        items = tuple(
            _item(it, f"{where}.items[{n}]") for n, it in enumerate(el.get("items", []), start=1)
        )
        elements.append(
            Element(
                _text(el, "code", where),
                _text(el, "name", where),
                _text(el, "question", where),
                items,
            )
        )
    codes = [e.code for e in elements]
    if sorted(codes) != sorted(ELEMENTS):
        raise QuestionnaireError(
            f"{name}: cần đúng các yếu tố {', '.join(ELEMENTS)}, có {', '.join(codes)}"
            f" (the elements must be exactly {', '.join(ELEMENTS)})"
        )
    item_codes = [i.code for e in elements for i in e.items]
    if len(set(item_codes)) != len(item_codes):
        raise QuestionnaireError(f"{name}: mã câu hỏi bị trùng (duplicate item codes)")
    low, high = int(scale.get("min", 1)), int(scale.get("max", 5))
    labels = tuple(str(v) for v in scale.get("labels", []))
    if (low, high) != (1, 5) or len(labels) != 5:
        raise QuestionnaireError(
            f"{name}: thang đo phải từ 1 đến 5 với 5 nhãn (the scale must be 1–5 with 5 labels)"
        )
    return Questionnaire(
        code=_text(meta, "code", f"{name}: questionnaire"),
        version=int(meta.get("version", 1)),
        title=_text(meta, "title", f"{name}: questionnaire"),
        scale_min=low,
        scale_max=high,
        labels=labels,
        elements=tuple(elements),
        unconfirmed=tuple(str(v) for v in meta.get("unconfirmed", [])),
    )


def read_questionnaire(path: Path | str | None = None) -> Questionnaire:
    """The questionnaire in `path`; without one, CCHC_SURVEY_QUESTIONNAIRE or the shipped file."""
    if path is None:
        from django.conf import settings

        path = getattr(settings, "SURVEY_QUESTIONNAIRE", "") or DEFAULT_QUESTIONNAIRE
    resolved = Path(path).resolve()
    stamp = resolved.stat().st_mtime_ns if resolved.is_file() else 0
    return _read(resolved, stamp)


@lru_cache(maxsize=8)
def _read(path: Path, stamp: int) -> Questionnaire:
    """`stamp` (the file's modification time) makes an edited file read again."""
    raw = read_toml(path, QuestionnaireError)
    return parse_questionnaire(raw, path.name)
