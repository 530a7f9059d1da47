from django.apps import AppConfig


class ExplanationsConfig(AppConfig):
    name = "cchc.explanations"
    label = "explanations"
    verbose_name = "Giải trình (explanations)"

    def ready(self) -> None:
        """Plug into the late list: a "Giải trình" link per dossier (cchc.web.late_links)."""
        from cchc.explanations.queries import explanation_links
        from cchc.web.late_links import register_row_links

        register_row_links(explanation_links)
