from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "cchc.inspections"
    label = "inspections"
    verbose_name = "Kiểm tra cải cách hành chính (inspections)"

    def ready(self) -> None:
        """Plug into the web platform: which dossiers an inspector sees, the API's router, and a
        unit head's and the inspection team's "Việc cần làm" on the overview with their count on the
        navigation bar, and the steering committee's "Tổng quan kiểm tra" there."""
        from cchc.core.models import Role
        from cchc.inspections.api import router
        from cchc.inspections.scope_rules import inspected_units
        from cchc.inspections.steering_overview import steering_section
        from cchc.inspections.team_todo import team_section, work_count
        from cchc.inspections.todo import todo_section
        from cchc.web.api import api
        from cchc.web.home_sections import register_home_section, register_nav_count
        from cchc.web.scope import register_dossier_units

        register_dossier_units(Role.INSPECTOR, inspected_units)
        register_home_section(todo_section, [self.label])
        register_home_section(team_section, [self.label])
        register_home_section(steering_section, [self.label])
        register_nav_count("/kiem-tra/", work_count, [self.label])
        api.add_router("/inspections", router)
