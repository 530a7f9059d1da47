"""Issue #12: an inspection's status is planned → notified → visiting → concluded → closed.

The old in_progress and recorded both mean the team has been at the unit: visiting (a recorded
inspection keeps its record_number)."""

from typing import Any

from django.db import migrations, models

OLD_TO_NEW = {"in_progress": "visiting", "recorded": "visiting"}


def forwards(apps: Any, schema_editor: Any) -> None:
    Inspection = apps.get_model("inspections", "Inspection")
    for old, new in OLD_TO_NEW.items():
        Inspection.objects.filter(status=old).update(status=new)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="inspection",
            name="status",
            field=models.CharField(
                choices=[
                    ("planned", "Đã lên kế hoạch"),
                    ("notified", "Đã thông báo"),
                    ("visiting", "Đang kiểm tra tại đơn vị"),
                    ("concluded", "Đã kết luận"),
                    ("closed", "Đã kết thúc"),
                ],
                default="planned",
                max_length=12,
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
