from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "cchc.citizens"
    label = "citizens"
    verbose_name = "Ý kiến người dân (citizens' voice)"
