from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "cchc.analytics"
    label = "analytics"
    verbose_name = "Kho phân tích (analytics)"

    def ready(self) -> None:
        from cchc.analytics.listener import LISTENER
        from cchc.dossiers.hooks import listen

        listen(LISTENER)
