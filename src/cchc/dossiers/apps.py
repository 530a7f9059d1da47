from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "cchc.dossiers"
    label = "dossiers"
    verbose_name = "Hồ sơ thủ tục hành chính (dossiers)"

    def ready(self) -> None:
        # core's admin and calendar command say which stored dossiers a calendar change affects
        from cchc.core import calendar_impact
        from cchc.dossiers.calendar_impact import calendar_change_message

        calendar_impact.register(calendar_change_message)
