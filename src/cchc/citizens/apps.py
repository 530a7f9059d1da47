from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "cchc.citizens"
    label = "citizens"
    verbose_name = "Ý kiến người dân (citizens' voice)"

    def ready(self) -> None:
        from cchc.citizens.store_tables import register

        register()  # the analytics store's `survey_answers` table
