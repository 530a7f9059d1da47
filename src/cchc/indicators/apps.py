from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "cchc.indicators"
    label = "indicators"
    verbose_name = "Chỉ số đánh giá (indicators)"

    def ready(self) -> None:
        """Plug the indicators' API router into the web platform's API."""
        from cchc.indicators.api import router
        from cchc.web.api import api

        api.add_router("/indicators", router)
