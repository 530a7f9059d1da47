from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "cchc.plans"
    label = "plans"
    verbose_name = "Kế hoạch cải thiện và chỉ số bên ngoài (improvement plans, external indices)"

    def ready(self) -> None:
        """A "Chỉ số" navigation item for readers of the external indices (cchc.web.nav_links)."""
        from cchc.plans.indices_access import can_read_indices
        from cchc.web.nav_links import register_nav_link

        register_nav_link("/chi-so/ben-ngoai/", "Chỉ số", can_read_indices, after="/chi-so/")
