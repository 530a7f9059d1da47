"""Citizens' voice: satisfaction surveys (SIPAS) and feedback (phản ánh, kiến nghị) with their
legal deadlines."""

from django.apps import AppConfig


class CitizensConfig(AppConfig):
    name = "cchc.citizens"
    label = "citizens"
    verbose_name = "Ý kiến người dân (citizens' voice)"

    def ready(self) -> None:
        """Feedback on the overview (a unit head's "Phản ánh cần trả lời") and its count beside
        "Phản ánh" on the navigation bar (cchc.web.home_sections); the analytics store's
        `survey_answers` and `feedback` tables (the index's group 5); the daily feedback
        reminders (cchc.notices); complaints, harassment and survey answers as risk inputs
        (cchc.inspections.risk_extra); satisfaction and feedback on the public page
        (cchc.web.public_sections); the JSON API at /api/citizens (cchc.web.api)."""
        from cchc.citizens.api import router
        from cchc.citizens.feedback_home import feedback_count, feedback_section
        from cchc.citizens.feedback_reminders import feedback_reminders_job
        from cchc.citizens.public_figures import citizens_public_section
        from cchc.citizens.risk_counts import citizen_risk_inputs
        from cchc.citizens.store_tables import register
        from cchc.inspections.risk_extra import register_risk_inputs
        from cchc.notices.jobs import register_job
        from cchc.web.api import api
        from cchc.web.home_sections import register_home_section, register_nav_count
        from cchc.web.public_sections import register_public_section

        register_home_section(feedback_section, [self.label])
        register_nav_count("/phan-anh/", feedback_count, [self.label])
        register()
        register_risk_inputs(citizen_risk_inputs)
        register_public_section(citizens_public_section)
        register_job("citizens.feedback_reminders", feedback_reminders_job, "Nhắc hạn phản ánh")
        api.add_router("/citizens", router)
