from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "cchc.web"
    label = "web"
    verbose_name = "Giao diện web (web interface)"
