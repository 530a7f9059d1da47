from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "cchc.notices"
    label = "notices"
    verbose_name = "Thông báo và nhắc việc (notices)"

    def ready(self) -> None:
        """The unread count beside "Thông báo" on the navigation bar, and the reminder worker
        beside `cchc serve` (cchc.web)."""
        from cchc.notices.inbox import unread_count
        from cchc.notices.worker import start_background
        from cchc.web.cli import register_serve_companion
        from cchc.web.home_sections import register_nav_count

        register_nav_count("/thong-bao/", unread_count, [self.label])
        register_serve_companion(
            "worker",
            "--no-worker",
            "không chạy tiến trình nhắc việc trong nền (do not start the reminder worker: "
            "e-mail retries and the daily jobs)",
            start_background,
        )
