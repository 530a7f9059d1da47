"""Checklist templates are data (data/checklist-*.toml), copied into the database on first use."""

from __future__ import annotations

from cchc.core.toml_file import read_toml
from cchc.inspections.config import DATA_DIR
from cchc.inspections.models import ChecklistTemplate

DEFAULT_TEMPLATE = "cchc"


def load_template(code: str = DEFAULT_TEMPLATE) -> ChecklistTemplate:
    """The template `code` as shipped; updated in place when the file's version changes."""
    path = DATA_DIR / f"checklist-{code}.toml"
    if not path.is_file():
        raise ValueError(f"Không có mẫu nội dung kiểm tra {code!r} (no such checklist)")
    raw = read_toml(path)
    items = [{"code": i["code"], "area": i["area"], "text": i["text"]} for i in raw["items"]]
    template, created = ChecklistTemplate.objects.get_or_create(
        code=raw["code"],
        defaults={"name": raw["name"], "version": str(raw["version"]), "items": items},
    )
    if not created and template.version != str(raw["version"]):
        template.name, template.version, template.items = raw["name"], str(raw["version"]), items
        template.save()
    return template


def item_texts(template: ChecklistTemplate) -> dict[str, str]:
    return {str(i["code"]): str(i["text"]) for i in template.items}
