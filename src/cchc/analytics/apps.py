from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "cchc.analytics"
    label = "analytics"
    verbose_name = "Kho phân tích (analytics)"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from cchc.analytics.listener import LISTENER, reference_import_saved
        from cchc.core.models import ImportBatch
        from cchc.dossiers.hooks import listen

        listen(LISTENER)
        post_save.connect(reference_import_saved, sender=ImportBatch, dispatch_uid="store-ref")
