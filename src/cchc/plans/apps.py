from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "cchc.plans"
    label = "plans"
    verbose_name = "Kế hoạch cải thiện và chỉ số bên ngoài (improvement plans, external indices)"

    def ready(self) -> None:
        """A "Chỉ số" navigation item for readers of the external indices and a "Kế hoạch" item
        for readers of plans (cchc.web.nav_links); a unit head's open plan tasks on the overview
        and the overdue ones counted beside "Kế hoạch" (cchc.web.home_sections); the JSON API at
        /api/plans (cchc.web.api); the daily task reminders (cchc.notices.jobs); the plan tasks
        answering a finding on the inspection page (cchc.inspections.finding_links)."""
        from cchc.inspections.finding_links import register_finding_links
        from cchc.notices.jobs import register_job
        from cchc.plans.access import can_read_plans
        from cchc.plans.api_plans import router
        from cchc.plans.finding_tasks import finding_tasks
        from cchc.plans.indices_access import can_read_indices
        from cchc.plans.plans_home import plans_count, plans_section
        from cchc.plans.reminders import task_reminders_job
        from cchc.web.api import api
        from cchc.web.home_sections import register_home_section, register_nav_count
        from cchc.web.nav_links import register_nav_link

        register_nav_link("/chi-so/ben-ngoai/", "Chỉ số", can_read_indices, after="/chi-so/")
        register_nav_link("/ke-hoach/", "Kế hoạch", can_read_plans, after="/chi-so/ben-ngoai/")
        register_home_section(plans_section, [self.label])
        register_nav_count("/ke-hoach/", plans_count, [self.label])
        register_job("plans.task_reminders", task_reminders_job, "Nhắc hạn nhiệm vụ kế hoạch")
        register_finding_links(finding_tasks)
        api.add_router("/plans", router)
