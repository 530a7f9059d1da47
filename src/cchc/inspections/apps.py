from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "cchc.inspections"
    label = "inspections"
    verbose_name = "Kiểm tra cải cách hành chính (inspections)"

    def ready(self) -> None:
        """Plug into the web platform: which dossiers an inspector sees, and the API's router."""
        from cchc.core.models import Role
        from cchc.inspections.api import router
        from cchc.inspections.scope_rules import inspected_units
        from cchc.web.api import api
        from cchc.web.scope import register_dossier_units

        register_dossier_units(Role.INSPECTOR, inspected_units)
        api.add_router("/inspections", router)
