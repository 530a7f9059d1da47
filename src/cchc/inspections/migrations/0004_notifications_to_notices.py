"""Notifications move to cchc.notices: each row is copied to a Notice (tagged with and linked to
its action, read state kept), then the old table goes. The old `emailed` flag is not carried over:
it was set even when the e-mail failed, so it proves nothing."""

from django.db import migrations


def copy_to_notices(apps, schema_editor):
    Notification = apps.get_model("inspections", "Notification")
    Notice = apps.get_model("notices", "Notice")
    batch, moments = [], []
    for n in Notification.objects.select_related("action__finding").order_by("pk").iterator():
        action = n.action
        batch.append(
            Notice(
                user_id=n.user_id,
                subject=n.subject,
                body=n.body,
                link=f"/kiem-tra/{action.finding.inspection_id}/#kp-{action.pk}" if action else "",
                about=f"inspections.action:{action.pk}" if action else "",
                read_at=n.read_at,
            )
        )
        moments.append(n.created_at)
        if len(batch) >= 1000:
            _save(Notice, batch, moments)
            batch, moments = [], []
    _save(Notice, batch, moments)


def _save(Notice, batch, moments):
    created = Notice.objects.bulk_create(batch)
    for notice, moment in zip(created, moments, strict=True):
        notice.created_at = moment  # auto_now_add stamped them now
    Notice.objects.bulk_update(created, ["created_at"])


def copy_back(apps, schema_editor):
    Notification = apps.get_model("inspections", "Notification")
    Notice = apps.get_model("notices", "Notice")
    for n in Notice.objects.filter(about__startswith="inspections.action:").iterator():
        old = Notification.objects.create(
            user_id=n.user_id,
            subject=n.subject,
            body=n.body,
            action_id=int(n.about.split(":")[1]),
            read_at=n.read_at,
        )
        Notification.objects.filter(pk=old.pk).update(created_at=n.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0003_team_members"),
        ("notices", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_to_notices, copy_back),
        migrations.DeleteModel(name="Notification"),
    ]
