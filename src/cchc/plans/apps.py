from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "cchc.plans"
    label = "plans"
    verbose_name = "Kế hoạch cải thiện và chỉ số bên ngoài (improvement plans, external indices)"

    def ready(self) -> None:
        """A "Chỉ số" navigation item for readers of the external indices (cchc.web.nav_links);
        the daily task reminders (cchc.notices.jobs); the plan tasks answering a finding on the
        inspection page (cchc.inspections.finding_links)."""
        from cchc.inspections.finding_links import register_finding_links
        from cchc.notices.jobs import register_job
        from cchc.plans.finding_tasks import finding_tasks
        from cchc.plans.indices_access import can_read_indices
        from cchc.plans.reminders import task_reminders_job
        from cchc.web.nav_links import register_nav_link

        register_nav_link("/chi-so/ben-ngoai/", "Chỉ số", can_read_indices, after="/chi-so/")
        register_job("plans.task_reminders", task_reminders_job, "Nhắc hạn nhiệm vụ kế hoạch")
        register_finding_links(finding_tasks)
