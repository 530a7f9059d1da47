"""Issue #12: the team with roles (trưởng đoàn, thành viên, thư ký) replaces `team` + `leader`.

Every old team member becomes a member; the old leader becomes the leader (added when he was not
on the team)."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def forwards(apps: Any, schema_editor: Any) -> None:
    Inspection = apps.get_model("inspections", "Inspection")
    TeamMember = apps.get_model("inspections", "TeamMember")
    for inspection in Inspection.objects.all():
        rows = {u.pk: "member" for u in inspection.team.all()}
        if inspection.leader_id is not None:
            rows[inspection.leader_id] = "leader"
        TeamMember.objects.bulk_create(
            TeamMember(inspection_id=inspection.pk, user_id=uid, role=role)
            for uid, role in rows.items()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0002_inspection_visit_states"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="TeamMember",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("leader", "Trưởng đoàn"),
                            ("member", "Thành viên"),
                            ("secretary", "Thư ký"),
                        ],
                        max_length=10,
                        verbose_name="vai trò",
                    ),
                ),
                (
                    "inspection",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="members",
                        to="inspections.inspection",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="người",
                    ),
                ),
            ],
            options={
                "verbose_name": "thành viên đoàn kiểm tra",
                "verbose_name_plural": "thành viên đoàn kiểm tra",
                "ordering": ["inspection", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("inspection", "user"), name="unique_team_member"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("role", "leader")),
                        fields=("inspection",),
                        name="one_team_leader",
                    ),
                ],
            },
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="inspection", name="leader"),
        migrations.RemoveField(model_name="inspection", name="team"),
        migrations.AddField(
            model_name="inspection",
            name="team",
            field=models.ManyToManyField(
                related_name="inspections",
                through="inspections.TeamMember",
                to=settings.AUTH_USER_MODEL,
                verbose_name="thành viên đoàn",
            ),
        ),
    ]
