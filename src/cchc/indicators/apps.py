from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "cchc.indicators"
    label = "indicators"
    verbose_name = "Chỉ số đánh giá (indicators)"
